"""Where desk tokens come from: owner-only files and the environment, never the command line.

A command line is visible to every user of the machine (``ps``, /proc), so
tokens are not options. The service takes its desks' tokens from
``$ARM_DESK_TOKENS`` (``name=token,name2=token2``) or ``$ARM_DESK_TOKEN``
(one desk: ``name=token``, or a bare token for desk ``desk-1``), then the
``service.desk_tokens`` setting, and otherwise ``desk-tokens.json`` in the
config directory (created once with a random token, mode 0600). A desk takes
its token from ``$ARM_DESK_TOKEN``, then the file named by
``service.remote_token_file``, then ``service.remote_token`` in
``settings.json``. Every file a token is read from must be readable by its
owner only (no group/world bits): otherwise it is refused with
:class:`TokenFileError`, because someone else on the machine could have read it.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import stat
from pathlib import Path

from arm.config import Settings, config_dir

log = logging.getLogger("arm.desk_api")

TOKENS_ENV = "ARM_DESK_TOKENS"
TOKEN_ENV = "ARM_DESK_TOKEN"
TOKENS_FILE = "desk-tokens.json"
SETTINGS_FILE = "settings.json"
MIN_TOKEN_LENGTH = 8


class TokenFileError(ValueError):
    """A token file is readable by others, or unreadable; ``code`` is stable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def parse_token(text: str) -> tuple[str, str]:
    """``NAME=TOKEN`` with a token of at least 8 characters."""
    name, sep, token = text.partition("=")
    if not sep or not name.strip() or len(token.strip()) < MIN_TOKEN_LENGTH:
        raise ValueError(f"expected NAME=TOKEN with a token of at least {MIN_TOKEN_LENGTH} characters")
    return name.strip(), token.strip()


def check_private(path: Path) -> None:
    """Refuse a token file that its group or other users may read or write."""
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise TokenFileError(
            "token_file_not_private",
            f"{path} is readable by other users (mode {stat.filemode(mode)}); desk tokens must be owner-only: "
            f"chmod 600 {path}")


def write_private(path: Path, text: str) -> None:
    """Write a file created owner-only (0600) from the start, replaced atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(tmp, 0o600)  # an old tmp file kept its mode
    tmp.replace(path)


# ---------------------------------------------------------------- service
def env_tokens() -> dict[str, str]:
    """``$ARM_DESK_TOKENS`` and ``$ARM_DESK_TOKEN`` (``NAME=TOKEN`` or a bare token for desk ``desk-1``)."""
    tokens: dict[str, str] = {}
    for item in filter(None, (x.strip() for x in os.environ.get(TOKENS_ENV, "").split(","))):
        name, token = parse_token(item)
        tokens.setdefault(name, token)
    single = os.environ.get(TOKEN_ENV, "").strip()
    if single:
        name, token = parse_token(single if "=" in single else f"desk-1={single}")
        tokens.setdefault(name, token)
    return tokens


def tokens_file() -> Path:
    return config_dir() / TOKENS_FILE


def settings_tokens(settings: Settings) -> dict[str, str]:
    """``service.desk_tokens`` of settings.json, if that file is owner-only."""
    tokens = {k: v for k, v in settings.service.desk_tokens.items() if len(v) >= MIN_TOKEN_LENGTH}
    path = config_dir() / SETTINGS_FILE
    if tokens and path.exists():
        check_private(path)
    return tokens


def stored_tokens() -> dict[str, str]:
    """Tokens kept in the config directory; created (one random desk token, 0600) the first time.

    So ``arm serve --desk-api 8765`` works without typing a token: the file
    says which token each desk must use, and stays the same across restarts.
    A file others may read is refused (:class:`TokenFileError`).
    """
    path = tokens_file()
    if path.exists():
        check_private(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            tokens = {str(k): str(v) for k, v in data.items() if len(str(v)) >= MIN_TOKEN_LENGTH}
        except (OSError, ValueError, AttributeError) as exc:
            raise TokenFileError("token_file_unreadable", f"{path} is not a JSON object of desk tokens: {exc}") \
                from exc
        if tokens:
            log.info("desk API: desk tokens from %s", path)
            return tokens
    tokens = {"desk-1": secrets.token_urlsafe(18)}
    write_private(path, json.dumps(tokens, indent=2))
    log.warning("desk API: created desk token(s) in %s; give each desk its token", path)
    return tokens


def server_tokens(settings: Settings) -> dict[str, str]:
    """The desks allowed on the service: environment, then settings, then desk-tokens.json."""
    tokens = env_tokens()
    for name, token in settings_tokens(settings).items():
        tokens.setdefault(name, token)
    return tokens or stored_tokens()


# ---------------------------------------------------------------- desk
def client_token(settings: Settings) -> str:
    """This desk's token: ``$ARM_DESK_TOKEN``, ``service.remote_token_file``, or ``service.remote_token``."""
    env = os.environ.get(TOKEN_ENV, "").strip()
    if env:
        return env.partition("=")[2] if "=" in env else env
    if settings.service.remote_token_file:
        path = Path(settings.service.remote_token_file).expanduser()
        check_private(path)
        return path.read_text(encoding="utf-8").strip()
    if settings.service.remote_token:
        path = config_dir() / SETTINGS_FILE
        if path.exists():
            check_private(path)
    return settings.service.remote_token
