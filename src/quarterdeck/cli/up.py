"""`quarterdeck up`: serve the gateway and the admin API."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import typer

from quarterdeck.cli.common import ConfigOption, config_errors_exit, resolve_config
from quarterdeck.config.defaults import CONFIG_ENV, HOME_ENV, data_home
from quarterdeck.gateway.app import create_app
from quarterdeck.gateway.bootstrap import BootstrapKeys, bootstrap_keys
from quarterdeck.server import LOG_FORMAT, STOPPED_MESSAGE, bind_socket, exec_serving_process, serve_workers


def up(
    config: Path | None = ConfigOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8080, "--port", "-p", help="Port to listen on (0: any free port)."),
    log_level: str = typer.Option("info", "--log-level", help="debug, info, warning or error."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, max=64, help="Worker processes on the one port."),
) -> None:
    """Serve the gateway (/v1), the admin API (/api), /metrics and /healthz."""
    logging.basicConfig(level=log_level.upper(), stream=sys.stderr, format=LOG_FORMAT)
    with config_errors_exit():
        cfg, embedded = resolve_config(config)
        app = create_app(cfg)
        keys = bootstrap_keys(app.store) if embedded else None
        try:
            sock = bind_socket(host, port)
        except OSError as exc:
            typer.echo(f"error: cannot listen on {host}:{port}: {exc.strerror}", err=True)
            raise typer.Exit(1) from None
    bound_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    base = f"http://{shown_host}:{bound_port}"

    where = f"embedded default, data in {data_home()}" if embedded else f"config {config or '$QUARTERDECK_CONFIG'}"
    ready_lines = [f"Quarterdeck listening on {base} ({where})"]
    if keys is not None:
        ready_lines.append(_first_start_banner(base, keys))
    elif embedded:
        ready_lines.append("Keys were printed at the first start. Make another with: quarterdeck keys create NAME")
    ready_text = "\n".join(ready_lines)

    def ready() -> None:
        print(ready_text, flush=True)

    server_log_level = "warning" if log_level.lower() == "info" else log_level
    if workers == 1:
        # Serve from a fresh interpreter that loads only the serving code (~85 MB less than this
        # command-line process); the store is migrated and the keys synced already.
        app.store.close()
        if embedded:
            os.environ[HOME_ENV] = str(data_home())
        exec_serving_process(sock, config=config, log_level=log_level, server_log_level=server_log_level,
                             ready_text=ready_text)
    else:
        # the workers build their own App from the same config: pass it on, release this one's store
        if config is not None:
            os.environ[CONFIG_ENV] = str(config.resolve())
        os.environ[HOME_ENV] = str(data_home())
        grace = cfg.server.shutdown_grace_s
        app.store.close()
        ready()
        print(f"{workers} worker processes; without `redis` in the config each keeps its own limits.", flush=True)
        serve_workers(sock, workers, grace_s=grace, log_level=server_log_level)
    print(STOPPED_MESSAGE, flush=True)


def _first_start_banner(base: str, keys: BootstrapKeys) -> str:
    return f"""
First start: two keys were created. They are shown only now; keep them.
  admin key (admin API /api): {keys.admin_key}
  app key   (/v1):            {keys.app_key}

Try it:
  curl {base}/v1/chat/completions \\
    -H "Authorization: Bearer {keys.app_key}" -H "Content-Type: application/json" \\
    -d '{{"model": "local", "messages": [{{"role": "user", "content": "Say hello"}}]}}'

  python - <<'PY'
from openai import OpenAI
client = OpenAI(base_url="{base}/v1", api_key="{keys.app_key}")
reply = client.chat.completions.create(
    model="local", messages=[{{"role": "user", "content": "Say hello"}}])
print(reply.choices[0].message.content)
PY
"""
