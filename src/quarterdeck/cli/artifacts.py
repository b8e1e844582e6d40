"""`quarterdeck push`, `quarterdeck diff` and `quarterdeck prompt …`: registry artifacts from files.

A YAML file is a mapping: ``kind`` (prompt, route, dataset or guard_policy; default prompt),
``name``, optional ``release_policy`` (label -> gates) and ``message``; every other top-level field
is the artifact's content. A ``*.jsonl`` file is a dataset named by the file's stem, one JSON object
per line. A directory is walked recursively for ``*.yaml``, ``*.yml`` and ``*.jsonl`` files.
Every file is read and validated before anything is sent; a bad file is exit status 2.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
import yaml
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from quarterdeck.cli.registry_client import (
    KeyOption,
    RegistryClient,
    ServerError,
    UrlOption,
    UsageProblem,
    plural_of,
    registry_errors_exit,
    segment,
)
from quarterdeck.errors import QuarterdeckError
from quarterdeck.registry import KINDS, content_digest, template_variables, validate_content, validate_policy
from quarterdeck.registry.artifacts import jsonl_rows

__all__ = ["LocalArtifact", "diff", "label_summary", "load_artifacts", "prompt_app", "push"]

prompt_app = typer.Typer(help="Prompts in the registry: push, list, show, diff.", no_args_is_help=True)
console = Console()

YAML_SUFFIXES = (".yaml", ".yml")
SUFFIXES = (*YAML_SUFFIXES, ".jsonl")
RESERVED = ("kind", "name", "release_policy", "message")

PathsArgument = typer.Argument(..., show_default=False,
                               help="Files (*.yaml, *.yml, *.jsonl) or directories to walk for them.")
MessageOption = typer.Option(None, "--message", "-m",
                             help="Why, kept in the audit log (a file's own `message` wins).")


@dataclass(frozen=True, slots=True)
class LocalArtifact:
    """One artifact as a file declares it, validated and normalised as the server would."""

    path: Path
    kind: str
    name: str
    content: dict[str, Any]  # as written
    normal: dict[str, Any]  # as the registry stores it
    digest: str
    release_policy: Any  # as written; None when the file declares none
    normal_policy: dict[str, Any] | None
    message: str | None

    @property
    def plural(self) -> str:
        return plural_of(self.kind)

    @property
    def api_path(self) -> str:
        return f"/api/{self.plural}/{segment(self.name)}"


# --------------------------------------------------------------------------------------------- files


def _files(paths: list[Path], only_kind: str | None) -> list[tuple[Path, bool]]:
    """(file, named explicitly) for every path; directories walked recursively, sorted."""
    suffixes = YAML_SUFFIXES if only_kind == "prompt" else SUFFIXES
    out: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes and p.is_file())
            if not found:
                raise UsageProblem(f"{path}: no {', '.join('*' + s for s in suffixes)} files in this directory")
            out.extend((p, False) for p in found)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise UsageProblem(f"{path}: not a .yaml, .yml or .jsonl file")
            out.append((path, True))
        elif path.exists():
            raise UsageProblem(f"{path}: not a file or directory")
        else:
            raise UsageProblem(f"{path}: no such file or directory")
    return out


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UsageProblem(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise UsageProblem(f"{path}: cannot read: {exc.strerror or exc}") from None


def _yaml_document(path: Path) -> dict[str, Any]:
    text = _read_text(path)
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        raise UsageProblem(f"{path}: not valid YAML: {where}{exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise UsageProblem(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None
    if not isinstance(data, dict):
        got = "an empty file" if data is None else f"a {type(data).__name__}"
        raise UsageProblem(f"{path}: must be a mapping with `kind`, `name` and the content (got {got})")
    return data


def _jsonl_rows(path: Path) -> list[dict[str, Any]]:
    try:
        return jsonl_rows(_read_text(path), str(path))
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None


def _artifact_from(path: Path) -> LocalArtifact:
    policy: Any = None
    message: Any = None
    name: Any
    if path.suffix.lower() == ".jsonl":
        kind, name, content = "dataset", path.stem, {"rows": _jsonl_rows(path)}
    else:
        data = _yaml_document(path)
        kind = data.get("kind", "prompt")
        if kind not in KINDS:
            raise UsageProblem(f"{path}: kind: must be one of {', '.join(KINDS)} (got {kind!r})")
        name = data.get("name")
        if name is None:
            raise UsageProblem(f"{path}: name: missing (every artifact file names its artifact)")
        if not isinstance(name, str):
            raise UsageProblem(f"{path}: name: must be a string (got {type(name).__name__})")
        message = data.get("message")
        if message is not None and not isinstance(message, str):
            raise UsageProblem(f"{path}: message: must be a string (got {type(message).__name__})")
        policy = data.get("release_policy")
        content = {k: v for k, v in data.items() if k not in RESERVED}
    try:
        normal = validate_content(kind, name, content)
        normal_policy = validate_policy(policy) if policy is not None else None
    except QuarterdeckError as exc:
        raise UsageProblem(f"{path}: {exc.message}") from None
    return LocalArtifact(path=path, kind=kind, name=name, content=content, normal=normal,
                         digest=content_digest(normal), release_policy=policy, normal_policy=normal_policy,
                         message=message)


def load_artifacts(paths: list[Path], *, only_kind: str | None = None) -> list[LocalArtifact]:
    """Every artifact the paths declare, validated; ``UsageProblem`` naming the file otherwise.

    With ``only_kind``, files of other kinds found in directories are skipped and named ones refused.
    """
    artifacts: list[LocalArtifact] = []
    seen: dict[tuple[str, str], Path] = {}
    for path, explicit in _files(paths, only_kind):
        artifact = _artifact_from(path)
        if only_kind is not None and artifact.kind != only_kind:
            if explicit:
                raise UsageProblem(f"{path}: is a {artifact.kind}, not a {only_kind} (use `quarterdeck push`)")
            continue
        key = (artifact.kind, artifact.name)
        if key in seen:
            if seen[key].resolve() == path.resolve():
                continue  # the same file named twice
            raise UsageProblem(f"{path}: {artifact.kind} '{artifact.name}' is also declared in {seen[key]}")
        seen[key] = path
        artifacts.append(artifact)
    if not artifacts:
        raise UsageProblem(f"no {only_kind or 'artifact'} files in {', '.join(str(p) for p in paths)}")
    return artifacts


# ---------------------------------------------------------------------------------------- formatting


def _percent(weight: Any) -> str:
    return f"{float(weight) * 100:g}%"


def label_summary(label: dict[str, Any]) -> str:
    """``production=v2`` or ``production=v2 (canary v3 @20%)``."""
    text = f"{label['name']}=v{label['version']}"
    if label.get("canary_version") is not None:
        text += f" (canary v{label['canary_version']} @{_percent(label.get('canary_weight') or 0)})"
    return text


def _labels_at(artifact: dict[str, Any], number: int) -> str:
    names = []
    for label in artifact.get("labels") or []:
        if label["version"] == number:
            names.append(label["name"])
        elif label.get("canary_version") == number:
            names.append(f"{label['name']} (canary @{_percent(label.get('canary_weight') or 0)})")
    return f"labels: {', '.join(names)}" if names else "no label"


def _yaml(value: Any, *, sort_keys: bool = False) -> str:
    return yaml.safe_dump(value, sort_keys=sort_keys, allow_unicode=True, default_flow_style=False, width=100)


def _unified(before: Any, after: Any, before_name: str, after_name: str) -> list[str]:
    old = _yaml(before, sort_keys=True).splitlines() if before is not None else []
    new = _yaml(after, sort_keys=True).splitlines() if after is not None else []
    return list(difflib.unified_diff(old, new, fromfile=before_name, tofile=after_name, lineterm=""))


def _print_diff(lines: list[str]) -> None:
    for line in lines:
        style = ("bold" if line.startswith(("---", "+++")) else "green" if line.startswith("+")
                 else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else "")
        console.print(f"[{style}]{escape(line)}[/]" if style else escape(line), highlight=False, soft_wrap=True)


def _when(value: Any) -> str:
    return str(value)[:19].replace("T", " ") if value else "-"


# ------------------------------------------------------------------------------------------ commands


def run_push(paths: list[Path], url: str, key: str, message: str | None, only_kind: str | None) -> None:
    with registry_errors_exit():
        artifacts = load_artifacts(paths, only_kind=only_kind)
        with RegistryClient(url, key) as api:
            for a in artifacts:
                body: dict[str, Any] = {"content": a.content}
                if a.release_policy is not None:
                    body["release_policy"] = a.release_policy
                if a.message or message:
                    body["message"] = a.message or message
                try:
                    out = api.post(f"{a.api_path}/versions", body)
                except ServerError as exc:
                    exc.message = f"{a.kind} {a.name} ({a.path}): {exc.message}"
                    raise
                version = out["version"]
                if out["created"]:
                    line = f"created {a.kind} {a.name} v{version['number']} (sha256 {version['digest'][:8]}…)"
                else:
                    line = f"unchanged {a.kind} {a.name} v{version['number']}"
                if out.get("policy_changed"):
                    line += "; release policy updated"
                typer.echo(line)


def run_diff(paths: list[Path], url: str, key: str, only_kind: str | None) -> None:
    drift = 0
    with registry_errors_exit():
        artifacts = load_artifacts(paths, only_kind=only_kind)
        with RegistryClient(url, key) as api:
            for a in artifacts:
                stored = api.get_or_none(a.api_path)
                if stored is None:
                    drift += 1
                    typer.echo(f"new      {a.kind} {a.name} ({a.path}): not in the registry")
                    continue
                latest = stored.get("latest_version")
                if latest is not None and stored.get("latest_digest") == a.digest:
                    typer.echo(f"same     {a.kind} {a.name} = v{latest} ({_labels_at(stored, latest)})")
                else:
                    drift += 1
                    older = [v["number"] for v in stored.get("versions") or [] if v["digest"] == a.digest]
                    note = f" (it equals the older v{older[0]}: a push would not add a version)" if older else ""
                    typer.echo(f"changed  {a.kind} {a.name}: {a.path} differs from v{latest}{note}")
                    before = (api.get(f"{a.api_path}/versions/{latest}")["content"] if latest is not None
                              else None)
                    _print_diff(_unified(before, a.normal, f"registry {a.kind} {a.name} v{latest}", str(a.path)))
                if a.normal_policy is not None and a.normal_policy != stored.get("release_policy"):
                    drift += 1
                    typer.echo(f"policy   {a.kind} {a.name}: the release_policy in {a.path} differs from the "
                               "registry's")
                    _print_diff(_unified(stored.get("release_policy"), a.normal_policy,
                                         f"registry {a.kind} {a.name} release_policy",
                                         f"{a.path} release_policy"))
    if drift:
        typer.echo(f"{drift} difference(s) between the files and the registry")
        raise typer.Exit(1)


def push(
    paths: list[Path] = PathsArgument,
    url: str = UrlOption,
    key: str = KeyOption,
    message: str | None = MessageOption,
) -> None:
    """Push artifact files to the registry: a new version for each whose content changed."""
    run_push(paths, url, key, message, None)


def diff(
    paths: list[Path] = PathsArgument,
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """Compare artifact files with the registry, changing nothing: exit 0 when all are the same, 1 on drift."""
    run_diff(paths, url, key, None)


@prompt_app.command("push")
def prompt_push(
    paths: list[Path] = PathsArgument,
    url: str = UrlOption,
    key: str = KeyOption,
    message: str | None = MessageOption,
) -> None:
    """Push prompt files (other kinds found in directories are skipped)."""
    run_push(paths, url, key, message, "prompt")


@prompt_app.command("diff")
def prompt_diff(
    paths: list[Path] = PathsArgument,
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """Compare prompt files with the registry: exit 0 when all are the same, 1 on drift."""
    run_diff(paths, url, key, "prompt")


@prompt_app.command("list")
def prompt_list(url: str = UrlOption, key: str = KeyOption) -> None:
    """List prompts with their newest version and labels."""
    with registry_errors_exit(), RegistryClient(url, key) as api:
        prompts = api.get("/api/prompts")["data"]
    table = Table(title=f"{len(prompts)} prompt(s)")
    for col in ("name", "latest", "labels", "created by"):
        table.add_column(col, overflow="fold")
    for p in prompts:
        labels = ", ".join(label_summary(label) for label in p["labels"]) or "-"
        latest = f"v{p['latest_version']}" if p.get("latest_version") is not None else "-"
        table.add_row(p["name"], latest, labels, p["created_by"])
    console.print(table)


@prompt_app.command("show")
def prompt_show(
    name: str = typer.Argument(..., help="The prompt's name."),
    version: int | None = typer.Option(None, "--version", "-v", min=1, help="This version (default: the newest)."),
    url: str = UrlOption,
    key: str = KeyOption,
) -> None:
    """A prompt's labels, versions and the content of its newest (or a given) version."""
    with registry_errors_exit(), RegistryClient(url, key) as api:
        artifact = api.get(f"/api/prompts/{segment(name)}")
        number = version if version is not None else artifact.get("latest_version")
        shown = api.get(f"/api/prompts/{segment(name)}/versions/{number}") if number is not None else None
    console.print(f"[bold]prompt {escape(name)}[/]  created {_when(artifact['created_at'])} by "
                  f"{escape(artifact['created_by'])}", highlight=False)
    labels = ", ".join(label_summary(label) for label in artifact["labels"]) or "none"
    console.print(f"labels: {escape(labels)}", highlight=False)
    policy = artifact.get("release_policy")
    if policy:
        console.print("release policy:", highlight=False)
        console.print(escape(_yaml(policy)).rstrip(), highlight=False)
    else:
        console.print("release policy: the default (production needs one approval)", highlight=False)
    table = Table(title="versions")
    for col in ("version", "sha256", "created", "by", "labels"):
        table.add_column(col)
    for v in artifact.get("versions") or []:
        at = _labels_at(artifact, v["number"])
        table.add_row(f"v{v['number']}", v["digest"][:12], _when(v["created_at"]), v["created_by"],
                      at.removeprefix("labels: ") if at != "no label" else "")
    console.print(table)
    if shown is None:
        return
    console.print(f"[bold]content of v{shown['number']}[/] (sha256 {shown['digest'][:12]}):", highlight=False)
    console.print(escape(_yaml(shown["content"])).rstrip(), highlight=False, soft_wrap=True)
    variables = shown.get("variables")
    if variables is None:
        variables = template_variables(shown["content"])
    console.print(f"variables: {', '.join(variables) if variables else 'none'}", highlight=False)
