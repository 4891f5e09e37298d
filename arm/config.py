"""One typed configuration schema, with defaults, bounds and descriptions.

Settings live in ``settings.json`` in the user config directory (``ARM_CONFIG_DIR``
overrides it). Unknown keys in the file are kept but ignored and logged, so an
older ARM does not destroy a newer one's settings.

This is the one configuration of the workstation and of ``arm serve``: every
plugin's ``configure(service, settings)`` reads it, and a command-line flag is
an override of one setting (its argparse ``dest`` is ``"section.key"``, applied
by :meth:`Settings.with_overrides`). ``tests/platform/test_settings_keys.py``
fails when code reads a key this schema does not define.
"""

from __future__ import annotations

import copy
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

log = logging.getLogger("arm.config")

LANGUAGES = ("ru", "kk", "en")


def config_dir() -> Path:
    override = os.environ.get("ARM_CONFIG_DIR") or os.environ.get("ARM_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_config_dir("arm", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _meta(description: str, **bounds: Any) -> dict[str, Any]:
    return {"description": description, **bounds}


@dataclass
class GeneralSettings:
    language: str = field(default="ru", metadata=_meta("UI language", choices=LANGUAGES))
    timezone: str = field(default="Asia/Almaty", metadata=_meta("Desk time zone for display"))
    db_url: str = field(default="", metadata=_meta("Database URL; empty = SQLite file in the data directory"))


@dataclass
class ServiceSettings:
    mode: str = field(default="embedded", metadata=_meta("embedded or remote", choices=("embedded", "remote")))
    remote_url: str = field(default="", metadata=_meta("ws:// URL of a remote `arm serve` desk API"))
    remote_token: str = field(default="", metadata=_meta("This desk's token for the remote service"))
    remote_token_file: str = field(
        default="", metadata=_meta("File holding this desk's token (owner-only); $ARM_DESK_TOKEN overrides"))
    remote_ca_file: str = field(
        default="", metadata=_meta("CA certificate (PEM) a wss:// remote service is verified against"))
    gt06_port: int = field(default=0, metadata=_meta("GT06 listener port, 0 = off", min=0, max=65535))
    watch_port: int = field(default=0, metadata=_meta("Watch listener port, 0 = off", min=0, max=65535))
    osmand_port: int = field(default=0, metadata=_meta("OsmAnd HTTP port, 0 = off", min=0, max=65535))
    desk_api_port: int = field(default=0, metadata=_meta("Desk API port, 0 = off", min=0, max=65535))
    protocols_host: str = field(default="0.0.0.0", metadata=_meta("Interface the device listeners bind to"))
    device_idle_timeout_s: float = field(
        default=0.0, metadata=_meta("Close a device connection silent for this long; 0 = each protocol's own "
                                    "(GT06 420 s, Watch 660 s, OsmAnd 120 s: twice its heartbeat)", min=0))
    desk_api_host: str = field(default="127.0.0.1", metadata=_meta("Interface of the desk API (0.0.0.0: the LAN)"))
    desk_api_cert: str = field(default="", metadata=_meta("TLS certificate of the desk API (PEM); empty = ws://"))
    desk_api_key: str = field(default="", metadata=_meta("Private key of desk_api_cert, if not in the same file"))
    desk_tokens: dict[str, str] = field(
        default_factory=dict,
        metadata=_meta("Desks allowed on the desk API (name -> token); empty: $ARM_DESK_TOKENS or desk-tokens.json"))
    desk_api_allow_plain: bool = field(
        default=False, metadata=_meta("Allow plain ws:// on an interface other than loopback (closed networks)"))
    pg_relay: bool = field(
        default=True, metadata=_meta("With PostgreSQL, exchange changes with other services on the database"))


@dataclass
class SerialSettings:
    ports: list[str] = field(default_factory=list, metadata=_meta("Serial ports, or ['auto'] for discovery"))
    usb_vid: int = field(default=0x1209, metadata=_meta("USB vendor id of ICD devices", min=0, max=0xFFFF))
    usb_pids: dict[str, int] = field(
        default_factory=lambda: {
            "BRC": 0xEA01, "TRK": 0xEA02, "SKU": 0xEA03, "MKU": 0xEA04, "BAC": 0xEA05, "RCV": 0xEA06,
        },
        metadata=_meta("USB product id per device type"),
    )
    globs: list[str] = field(
        default_factory=list, metadata=_meta("With ports ['auto']: also watch paths matching these patterns"))


@dataclass
class MapSettings:
    tile_url: str = field(default="", metadata=_meta("Tile server URL template {z}/{x}/{y}; empty = offline only"))
    mbtiles: str = field(default="", metadata=_meta("Path of a local MBTiles file"))
    tile_attribution: str = field(default="", metadata=_meta("Attribution text shown for the tile server"))
    stale_after_s: int = field(default=600, metadata=_meta("A position older than this looks stale", min=30))
    center: str = field(default="", metadata=_meta("'lat,lon' of the start view; empty = Kazakhstan"))
    zoom: int = field(default=5, metadata=_meta("Start zoom", min=1, max=19))
    cluster_below_zoom: int = field(default=13, metadata=_meta("Markers cluster below this zoom", min=1, max=20))


#: ``alarms.holds`` values (arm.alarms.holds.profile): the tuned field profile, or no holds at all
HOLD_PROFILES = ("field", "none")


@dataclass
class AlarmSettings:
    sound: bool = field(default=True, metadata=_meta("Play alarm sounds"))
    rules: bool = field(default=True, metadata=_meta("Evaluate rules and raise alarms (off: `arm serve --no-rules`)"))
    rules_tick_s: float = field(default=10.0, metadata=_meta("How often time-based rules are evaluated", min=0.01))
    escalate_after_s: float = field(default=120.0, metadata=_meta("Escalate unacked critical alarms after", min=10))
    max_shelve_s: float = field(default=8 * 3600.0, metadata=_meta("Longest shelving", min=60))
    holds: str = field(default="field", metadata=_meta(
        "Technical-alarm holds: 'field' = the tuned profile of docs/replay.md (a condition becomes an alarm "
        "only if it lasts; exclusion zones and SOS never held), 'none' = every condition at once",
        choices=HOLD_PROFILES))


@dataclass
class Settings:
    general: GeneralSettings = field(default_factory=GeneralSettings)
    service: ServiceSettings = field(default_factory=ServiceSettings)
    serial: SerialSettings = field(default_factory=SerialSettings)
    map: MapSettings = field(default_factory=MapSettings)
    alarms: AlarmSettings = field(default_factory=AlarmSettings)
    # Retention periods are not settings of a desk: they are the database's policies
    # (db/retention.py, `arm retention set`), the same for every desk.

    @property
    def tz(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.general.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("Asia/Almaty")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_overrides(self, values: Mapping[str, Any]) -> Settings:
        """A copy with each ``"section.key": value`` applied; ``None`` (a flag not given) leaves the setting.

        Keys without a dot (``db``, ``handler``, ``log_level``...) are not settings
        and are skipped; a dotted key the schema lacks is a programming error.
        """
        result = copy.deepcopy(self)
        for dotted, value in values.items():
            if value is None or "." not in dotted:
                continue
            section, key = dotted.split(".", 1)
            obj = getattr(result, section, None)
            if obj is None or key not in {f.name for f in fields(obj)}:
                raise KeyError(f"no setting {dotted!r}")
            setattr(obj, key, value)
        return result

    def validate(self) -> dict[str, str]:
        """``{"section.key": message}`` for values outside their bounds."""
        errors: dict[str, str] = {}
        for section in fields(self):
            obj = getattr(self, section.name)
            for f in fields(obj):
                value, meta = getattr(obj, f.name), f.metadata
                key = f"{section.name}.{f.name}"
                if "choices" in meta and value not in meta["choices"]:
                    errors[key] = f"must be one of {', '.join(meta['choices'])}"
                if "min" in meta and value < meta["min"]:
                    errors[key] = f"must be at least {meta['min']}"
                if "max" in meta and value > meta["max"]:
                    errors[key] = f"must be at most {meta['max']}"
        try:
            ZoneInfo(self.general.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            errors["general.timezone"] = "unknown time zone"
        return errors

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        settings = cls()
        for section in fields(settings):
            obj = getattr(settings, section.name)
            known = {f.name for f in fields(obj)}
            for key, value in (data.get(section.name) or {}).items():
                if key in known:
                    setattr(obj, key, value)
                else:
                    log.warning("unknown setting %s.%s ignored", section.name, key)
        return settings

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or config_dir() / "settings.json"
        if not path.exists():
            return cls()
        try:
            settings = cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            log.error("settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        for key, msg in settings.validate().items():
            log.error("setting %s %s; using the default", key, msg)
            section, name = key.split(".")
            setattr(getattr(settings, section), name, getattr(getattr(cls(), section), name))
        return settings

    def save(self, path: Path | None = None) -> None:
        path = path or config_dir() / "settings.json"
        tmp = path.with_suffix(".tmp")
        # owner-only from the start: the file may hold desk tokens (service.remote_token, desk_tokens)
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as fh:
            fh.write(json.dumps(self.to_dict(), indent=2, ensure_ascii=False))
        os.chmod(tmp, 0o600)
        tmp.replace(path)
