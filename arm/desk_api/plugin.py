"""Plug-in hooks of the desk API: ``arm serve --desk-api PORT --desk-token NAME=TOKEN``.

With a PostgreSQL database the service also relays its changes to other
services on the same database (LISTEN/NOTIFY, ``arm.desk_api.pg_relay``), so
two ``arm serve`` processes can run at once and their desks stay in step.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import ssl
from pathlib import Path
from typing import TYPE_CHECKING, Any

from arm.config import Settings
from arm.desk_api.server import DeskApiServer

if TYPE_CHECKING:
    from arm.service import MonitoringService

log = logging.getLogger("arm.desk_api")

TOKENS_ENV = "ARM_DESK_TOKENS"
TOKENS_FILE = "desk-tokens.json"


def parse_token(text: str) -> tuple[str, str]:
    name, sep, token = text.partition("=")
    if not sep or not name.strip() or len(token.strip()) < 8:
        raise argparse.ArgumentTypeError(
            f"expected NAME=TOKEN with a token of at least 8 characters, got {text!r}")
    return name.strip(), token.strip()


class _AddToken(argparse.Action):
    """``--desk-token NAME=TOKEN`` (repeatable) collected as the ``service.desk_tokens`` mapping."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        tokens = dict(getattr(namespace, self.dest, None) or {})
        name, token = values
        tokens[name] = token
        setattr(namespace, self.dest, tokens)


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("desk API (several desks)")
    group.add_argument("--desk-api", dest="service.desk_api_port", type=int, metavar="PORT", default=None,
                       help="serve the desk API (WebSocket) on PORT; off if not given")
    group.add_argument("--desk-api-host", dest="service.desk_api_host", default=None, metavar="ADDR",
                       help="interface of the desk API (default 127.0.0.1; use 0.0.0.0 for desks on the LAN)")
    group.add_argument("--desk-token", dest="service.desk_tokens", type=parse_token, action=_AddToken, default=None,
                       metavar="NAME=TOKEN",
                       help=f"a desk allowed to connect, repeatable (also ${TOKENS_ENV}=name=tok,name2=tok2); "
                            f"without any, the tokens in {TOKENS_FILE} of the config directory (created once)")
    group.add_argument("--desk-api-cert", dest="service.desk_api_cert", metavar="FILE", default=None,
                       help="serve the desk API over TLS (wss://) with this certificate (PEM, may include the key)")
    group.add_argument("--desk-api-key", dest="service.desk_api_key", metavar="FILE", default=None,
                       help="private key of --desk-api-cert, if not in the same file")
    group.add_argument("--no-pg-relay", dest="service.pg_relay", action="store_false", default=None,
                       help="with PostgreSQL, do not exchange changes with other services on the database")


def tokens_from(settings: Settings) -> dict[str, str]:
    tokens = dict(settings.service.desk_tokens)
    env = os.environ.get(TOKENS_ENV, "")
    for item in filter(None, (x.strip() for x in env.split(","))):
        name, token = parse_token(item)
        tokens.setdefault(name, token)
    return tokens


def tokens_file() -> Path:
    from arm.config import config_dir

    return config_dir() / TOKENS_FILE


def stored_tokens() -> dict[str, str]:
    """Tokens kept in the config directory; created (one random desk token) the first time.

    So ``arm serve --desk-api 8765`` works without typing a token: the file
    (mode 0600) says which token each desk must use, and stays the same
    across restarts. ``--desk-token`` / ``$ARM_DESK_TOKENS`` take precedence.
    """
    path = tokens_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        tokens = {str(k): str(v) for k, v in data.items() if len(str(v)) >= 8}
    except (OSError, ValueError, AttributeError):
        tokens = {}
    if not tokens:
        tokens = {"desk-1": secrets.token_urlsafe(18)}
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(tokens, fh, indent=2)
        log.warning("desk API: created desk token(s) in %s; give each desk its token", path)
    else:
        log.info("desk API: desk tokens from %s", path)
    return tokens


def server_tls(cert: str | None, key: str | None) -> ssl.SSLContext | None:
    """TLS context of the desk API, or None for plain ws:// (trusted network only)."""
    if not cert:
        return None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key or None)
    except (OSError, ssl.SSLError) as exc:
        from arm.cli_common import UsageError

        raise UsageError(f"cannot use the desk API certificate {cert}: {exc}") from exc
    return context


def configure(service: MonitoringService, settings: Settings) -> None:
    cfg = settings.service
    if cfg.desk_api_port:
        tokens = tokens_from(settings) or stored_tokens()
        server = DeskApiServer(int(cfg.desk_api_port), tokens, cfg.desk_api_host or "127.0.0.1",
                               ssl_context=server_tls(cfg.desk_api_cert or None, cfg.desk_api_key or None))
        service.add_component(server)
        service.extensions["desk_api"] = server
    if service.db.dialect == "postgresql" and cfg.pg_relay:
        from arm.desk_api.pg_relay import PgRelay

        service.add_component(PgRelay())
