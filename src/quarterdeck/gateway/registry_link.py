"""The gateway's side of the registry: serve prompts by reference, honour kill switches and canaries.

``RegistryLink`` keeps the current ``RegistryView`` and replaces it whenever the registry's epoch
moves (polled every ``server.registry_poll_s``; one indexed single-row read), so a release,
rollback or kill switch made through any replica — or the CLI — takes effect everywhere within
that interval plus a read.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

import orjson
from sqlalchemy.exc import SQLAlchemyError

from quarterdeck.errors import InvalidRequestError, KillSwitchError, NotFoundError
from quarterdeck.gateway.context import RequestContext
from quarterdeck.registry import (
    PromptRef,
    RegistryView,
    Releases,
    assign_canary,
    load_view,
    parse_prompt_ref,
    render_prompt,
)
from quarterdeck.registry.templates import PROMPT_PREFIX
from quarterdeck.store import Store

log = logging.getLogger("quarterdeck.gateway")

VARIABLES_HEADER = "x-quarterdeck-variables"
_PINNED_CACHE = 256
_MAX_FALLBACK_HOPS = 5


class RegistryLink:
    def __init__(self, store: Store, poll_s: float, canary_check_s: float) -> None:
        self.store = store
        self.poll_s = poll_s
        self.canary_check_s = canary_check_s
        self.view = RegistryView()
        self.releases = Releases(store)
        self._pinned: OrderedDict[tuple[str, int], dict[str, Any]] = OrderedDict()
        self._tasks: list[asyncio.Task[None]] = []
        self.on_change: Callable[[RegistryView], None] | None = None

    # ------------------------------------------------------------------ keeping the view fresh

    async def refresh(self) -> bool:
        """Load a new view when the epoch moved; True when it did."""
        epoch = await asyncio.to_thread(self.store.registry.epoch)
        if epoch == self.view.epoch:
            return False
        self.view = await asyncio.to_thread(load_view, self.store, epoch, self.view)
        if self.on_change is not None:
            self.on_change(self.view)
        return True

    async def start(self) -> None:
        await self.refresh()
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._poll()), loop.create_task(self._watch_canaries())]

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self.poll_s)
            try:
                await self.refresh()
            except SQLAlchemyError as exc:  # keep serving the last view; say so
                log.error("registry refresh failed, serving the previous view: %s", exc)

    async def _watch_canaries(self) -> None:
        while True:
            await asyncio.sleep(self.canary_check_s)
            if not self.view.canaries_running:
                continue
            try:
                rolled = await asyncio.to_thread(self.releases.check_canaries)
            except SQLAlchemyError as exc:
                log.error("canary check failed: %s", exc)
                continue
            for release in rolled:
                log.warning("release %s of %s@%s rolled back: %s", release.id, release.artifact_name,
                            release.label, release.outcome)
            if rolled:
                await self.refresh()

    async def aclose(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []

    # ------------------------------------------------------------------ request time

    def model_for(self, model: str) -> str:
        """The model to serve: ``model`` itself, or its kill switch's fallback; refused without one."""
        kills = self.view.kills
        if not kills:
            return model
        seen = {model}
        while (kill := kills.get("model:" + model)) is not None:
            if kill.fallback is None:
                raise KillSwitchError(f"The model '{model}' is switched off: {kill.reason}")
            model = kill.fallback
            if model in seen or len(seen) > _MAX_FALLBACK_HOPS:
                raise KillSwitchError(f"The model '{model}' is switched off and its fallbacks form a loop.")
            seen.add(model)
        return model

    async def prepare_chat(
        self, ctx: RequestContext, body: dict[str, Any], headers: Mapping[str, str]
    ) -> dict[str, Any]:
        """A chat body whose ``model`` is a prompt reference becomes the rendered request; others pass."""
        model = body.get("model")
        if not isinstance(model, str) or not model.startswith(PROMPT_PREFIX):
            return body
        ref = self._unkilled(parse_prompt_ref(model))
        view = self.view
        release_id: str | None = None
        variant: str | None = None
        if ref.version is not None:
            number = ref.version
            content = await self._pinned_content(ref.name, number)
        else:
            label = ref.label or "production"
            record = view.labels.get(("prompt", ref.name, label))
            if record is None:
                if ref.name not in view.prompts:
                    raise NotFoundError(f"No prompt named '{ref.name}'.", param="model")
                names = ", ".join(view.label_names("prompt", ref.name)) or "none"
                raise NotFoundError(f"The prompt '{ref.name}' has no label '{label}' (its labels: {names}).",
                                    param="model")
            number = record.version
            if record.canary_release_id is not None and record.canary_version is not None:
                release_id = record.canary_release_id
                sticky = ctx.user_id or ctx.session_id
                if assign_canary(release_id, sticky, record.canary_weight or 0.0):
                    number, variant = record.canary_version, "canary"
                else:
                    variant = "stable"
            content = view.contents.get(("prompt", ref.name, number)) or await self._pinned_content(ref.name, number)
        messages = render_prompt(content, _variables(body, headers), ref.text)
        extra = body.get("messages")
        if extra is not None:
            if not isinstance(extra, list):
                raise InvalidRequestError("messages: must be an array", param="messages")
            messages += extra
        out = {k: v for k, v in body.items() if k != "variables"}
        out.update(content.get("params", {}))
        for name in ("tools", "response_format"):
            if name in content:
                out[name] = content[name]
        out["model"] = content["model"]
        out["messages"] = messages
        ctx.prompt_name, ctx.prompt_version = ref.name, str(number)
        ctx.prompt_label = ref.label if ref.version is None else None
        ctx.release_id, ctx.release_variant = release_id, variant
        return out

    def _unkilled(self, ref: PromptRef) -> PromptRef:
        seen = {ref.name}
        while (kill := self.view.kills.get("prompt:" + ref.name)) is not None:
            if kill.fallback is None:
                raise KillSwitchError(f"The prompt '{ref.name}' is switched off: {kill.reason}")
            ref = parse_prompt_ref(kill.fallback)
            if ref.name in seen or len(seen) > _MAX_FALLBACK_HOPS:
                raise KillSwitchError(f"The prompt '{ref.name}' is switched off and its fallbacks form a loop.")
            seen.add(ref.name)
        return ref

    async def _pinned_content(self, name: str, number: int) -> dict[str, Any]:
        key = (name, number)
        content = self._pinned.get(key)
        if content is not None:
            self._pinned.move_to_end(key)
            return content

        def load() -> dict[str, Any] | None:
            with self.store.registry.read() as reads:
                version = reads.version("prompt", name, number)
            return None if version is None else version.content

        content = await asyncio.to_thread(load)
        if content is None:
            if name not in self.view.prompts:
                raise NotFoundError(f"No prompt named '{name}'.", param="model")
            raise NotFoundError(f"The prompt '{name}' has no version {number}.", param="model")
        self._pinned[key] = content
        if len(self._pinned) > _PINNED_CACHE:
            self._pinned.popitem(last=False)
        return content


def _variables(body: dict[str, Any], headers: Mapping[str, str]) -> dict[str, Any]:
    variables = body.get("variables")
    if variables is None:
        raw = headers.get(VARIABLES_HEADER)
        if raw is None:
            return {}
        try:
            variables = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise InvalidRequestError(f"The {VARIABLES_HEADER} header is not valid JSON: {exc}",
                                      param=VARIABLES_HEADER) from exc
    if not isinstance(variables, dict):
        raise InvalidRequestError("variables: must be an object of name to value", param="variables")
    return variables
