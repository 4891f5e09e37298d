"""Plug-in hooks of the desk API: ``arm serve --desk-api PORT`` (tokens: :mod:`arm.desk_api.tokens`).

With a PostgreSQL database the service also relays its changes to other
services on the same database (LISTEN/NOTIFY, ``arm.desk_api.pg_relay``), so
two ``arm serve`` processes can run at once and their desks stay in step.
"""

from __future__ import annotations

import argparse
import logging
import ssl
from typing import TYPE_CHECKING

from arm.config import Settings
from arm.desk_api.server import DeskApiServer, InsecureBind
from arm.desk_api.tokens import TOKENS_ENV, TOKENS_FILE, TokenFileError, server_tokens

if TYPE_CHECKING:
    from arm.service import MonitoringService

log = logging.getLogger("arm.desk_api")


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("desk API (several desks)")
    group.add_argument("--desk-api", dest="service.desk_api_port", type=int, metavar="PORT", default=None,
                       help="serve the desk API (WebSocket) on PORT; off if not given. Desk tokens: "
                            f"${TOKENS_ENV}=name=tok,name2=tok2 or {TOKENS_FILE} in the config directory "
                            "(created once, owner-only); never on the command line")
    group.add_argument("--desk-api-host", dest="service.desk_api_host", default=None, metavar="ADDR",
                       help="interface of the desk API (default 127.0.0.1; another interface needs TLS "
                            "or --desk-api-insecure)")
    group.add_argument("--desk-api-cert", dest="service.desk_api_cert", metavar="FILE", default=None,
                       help="serve the desk API over TLS (wss://) with this certificate (PEM, may include the key)")
    group.add_argument("--desk-api-key", dest="service.desk_api_key", metavar="FILE", default=None,
                       help="private key of --desk-api-cert, if not in the same file")
    group.add_argument("--desk-api-insecure", dest="service.desk_api_allow_plain", action="store_true",
                       default=None, help="allow plain ws:// on an interface other than loopback (a closed network "
                                          "only: tokens, passwords and personal data travel in clear)")
    group.add_argument("--no-pg-relay", dest="service.pg_relay", action="store_false", default=None,
                       help="with PostgreSQL, do not exchange changes with other services on the database")


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
        from arm.cli_common import UsageError

        try:
            tokens = server_tokens(settings)
            server = DeskApiServer(int(cfg.desk_api_port), tokens, cfg.desk_api_host or "127.0.0.1",
                                   ssl_context=server_tls(cfg.desk_api_cert or None, cfg.desk_api_key or None),
                                   allow_plain=bool(cfg.desk_api_allow_plain))
        except (TokenFileError, InsecureBind) as exc:
            raise UsageError(f"desk API: {exc}") from exc
        except ValueError as exc:  # a malformed $ARM_DESK_TOKENS
            raise UsageError(f"desk API: {exc}") from exc
        service.add_component(server)
        service.extensions["desk_api"] = server
    if service.db.dialect == "postgresql" and cfg.pg_relay:
        from arm.desk_api.pg_relay import PgRelay

        service.add_component(PgRelay())
