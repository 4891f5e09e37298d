"""The workstation's data model (SQLAlchemy 2, typed).

Every timestamp is stored in UTC (``UtcDateTime`` turns naive values read back
from SQLite into aware UTC datetimes; the history's times, ``db.types.UtcTime``,
are integer microseconds on SQLite). Journals that the seed rules declare
unchangeable (violation journal, audit journal) carry a hash chained to the
previous row so that an edit made outside the application is detectable.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.event_codec import CompactFields
from db.types import UtcTime


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


intpk = Annotated[int, mapped_column(Integer, primary_key=True)]
bigpk = Annotated[int, mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)]
utc = Annotated[datetime, mapped_column(UtcDateTime())]
utc_opt = Annotated[datetime | None, mapped_column(UtcDateTime(), nullable=True)]
str_opt = Annotated[str | None, mapped_column(String(255), nullable=True)]


def now_utc() -> datetime:
    return datetime.now(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON}


# ---------------------------------------------------------------- enumerations
class Category(enum.StrEnum):
    """Legal category of the supervised person (seed documents)."""

    CONDITIONAL = "conditional"  # условно осуждённый
    RESTRICTED_FREEDOM = "restricted_freedom"  # ограничение свободы
    PAROLE = "parole"  # условно-досрочно освобождённый
    ADMIN_SUPERVISION = "admin_supervision"  # административный надзор


class RestrictionKind(enum.StrEnum):
    CURFEW = "curfew"
    EXCLUSION_ZONE = "exclusion_zone"
    INCLUSION_ZONE = "inclusion_zone"
    ALCOHOL_BAN = "alcohol_ban"
    TRAVEL_PERMISSION = "travel_permission"


class ZoneKind(enum.StrEnum):
    EXCLUSION = "exclusion"
    INCLUSION = "inclusion"
    HOME = "home"


class DeviceType(enum.StrEnum):
    """ICD device types (serial-icd.md, 3) and the network device families."""

    BRC = "BRC"
    TRK = "TRK"
    SKU = "SKU"
    MKU = "MKU"
    BAC = "BAC"
    RCV = "RCV"
    GT06 = "GT06"
    WATCH = "WATCH"
    PHONE = "PHONE"


class DeviceProtocol(enum.StrEnum):
    """The one channel a device's reports are accepted on (``protocol`` of the caseload format).

    ``icd`` is the workstation's own serial ports (the ICD line protocol and the
    NMEA receivers the serial manager finds there); the others are the network
    listeners. Which event ``source`` arrives on which channel: ``arm.channels``.
    """

    ICD = "icd"
    GT06 = "gt06"
    WATCH = "watch"
    OSMAND = "osmand"


#: a device's channel when nobody chose one: what its type speaks
PROTOCOL_OF_TYPE: dict[str, DeviceProtocol] = {
    **{t: DeviceProtocol.ICD for t in ("BRC", "TRK", "SKU", "MKU", "BAC", "RCV")},
    "GT06": DeviceProtocol.GT06,
    "WATCH": DeviceProtocol.WATCH,
    "PHONE": DeviceProtocol.OSMAND,
}


def protocol_for_type(device_type: str) -> DeviceProtocol:
    """The default channel of a device type (an unknown type: ICD, the serial line)."""
    return PROTOCOL_OF_TYPE.get(str(device_type), DeviceProtocol.ICD)


def _default_protocol(context: Any) -> str:
    """Column default: every row inserted without a protocol gets its type's (demo, seeders, wizard)."""
    return protocol_for_type(context.get_current_parameters().get("type") or "").value


class DeviceStatus(enum.StrEnum):
    UNREGISTERED = "unregistered"  # heard on the wire, not yet accepted by a technician
    IN_STOCK = "in_stock"
    ISSUED = "issued"
    REPAIR = "repair"
    REJECTED = "rejected"
    WRITTEN_OFF = "written_off"


class Role(enum.StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    TECHNICIAN = "technician"
    ADMINISTRATOR = "administrator"


class AlarmPriority(enum.StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class AlarmState(enum.StrEnum):
    """ISA-18.2: the condition is active or has returned to normal; closed ends it."""

    ACTIVE = "active"
    RETURNED = "returned"
    SHELVED = "shelved"
    CLOSED = "closed"


class Resolution(enum.StrEnum):
    CONFIRMED = "confirmed_violation"
    FALSE_ALARM = "false_alarm"
    TECHNICAL = "technical_fault"


# ---------------------------------------------------------------- people
class Person(Base):
    """A person under electronic supervision (personal data: access is audited)."""

    __tablename__ = "persons"

    id: Mapped[intpk]
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str_opt]
    iin: Mapped[str] = mapped_column(String(12), unique=True)
    birth_date: Mapped[date] = mapped_column(Date)
    category: Mapped[Category] = mapped_column(String(32))
    court_decision_no: Mapped[str_opt]
    court_decision_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    court_name: Mapped[str_opt]
    supervision_start: Mapped[date] = mapped_column(Date)
    supervision_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    address: Mapped[str] = mapped_column(String(500), default="")
    home_lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    home_lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    home_radius_m: Mapped[float] = mapped_column(Float, default=50.0)
    region: Mapped[str] = mapped_column(String(100), default="")
    district: Mapped[str] = mapped_column(String(100), default="", index=True)
    officer: Mapped[str] = mapped_column(String(200), default="")
    registered_on: Mapped[date] = mapped_column(Date)
    deregistered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    phone: Mapped[str_opt]
    notes: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[utc] = mapped_column(default=now_utc)

    restrictions: Mapped[list[Restriction]] = relationship(back_populates="person")
    assignments: Mapped[list[Assignment]] = relationship(back_populates="person")

    __table_args__ = (
        CheckConstraint(
            "supervision_end IS NULL OR supervision_end >= supervision_start",
            name="supervision_period",
        ),
        CheckConstraint(
            "deregistered_on IS NULL OR deregistered_on >= registered_on",
            name="registration_period",
        ),
    )

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


class Zone(Base):
    """A named area: GeoJSON geometry (WGS-84) plus a tolerance buffer in metres."""

    __tablename__ = "zones"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ZoneKind] = mapped_column(String(16))
    geometry: Mapped[dict[str, Any]]
    buffer_m: Mapped[float] = mapped_column(Float, default=0.0)
    district: Mapped[str] = mapped_column(String(100), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[utc] = mapped_column(default=now_utc)
    updated_at: Mapped[utc_opt]

    __table_args__ = (CheckConstraint("buffer_m >= 0", name="buffer"),)


class ZoneSchedule(Base):
    """The time windows in which a zone applies: one row per zone (migration ``map_zone_schedule``).

    ``Zone`` has no schedule column; the zone editor keeps the zone's default
    schedule here, in the same window format as ``Restriction.schedule``:
    ``[{"days": [0..6], "start": "HH:MM", "end": "HH:MM"}]`` in the desk's local
    time (an end before the start runs past midnight). An empty list or no row
    means "always".
    """

    __tablename__ = "zone_schedules"

    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id", ondelete="CASCADE"), primary_key=True)
    schedule: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Restriction(Base):
    """One court-ordered restriction with its validity and, where needed, its schedule.

    ``schedule`` is a list of windows ``{"days": [0..6], "start": "HH:MM",
    "end": "HH:MM"}`` in the desk's local time; an end before the start runs
    past midnight (22:00-06:00).
    """

    __tablename__ = "restrictions"

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RestrictionKind] = mapped_column(String(32))
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id"), nullable=True)
    schedule: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)
    valid_from: Mapped[utc]
    valid_until: Mapped[utc_opt]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[utc] = mapped_column(default=now_utc)

    person: Mapped[Person] = relationship(back_populates="restrictions")
    zone: Mapped[Zone | None] = relationship()

    __table_args__ = (
        CheckConstraint(
            "valid_until IS NULL OR valid_until > valid_from", name="validity"
        ),
    )


# ---------------------------------------------------------------- devices
class Device(Base):
    """A device in the inventory, or one heard on the wire and not yet registered."""

    __tablename__ = "devices"

    id: Mapped[intpk]
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    type: Mapped[DeviceType] = mapped_column(String(8))
    inventory_no: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    imei: Mapped[str_opt]
    firmware: Mapped[str_opt]
    hardware: Mapped[str_opt]
    #: tracker model for protocols whose layouts depend on it (Traccar's modelOverride, e.g. "NT20")
    model: Mapped[str | None] = mapped_column(String(32), nullable=True)
    #: the only channel whose reports are accepted for this device (DeviceProtocol); default from the type
    protocol: Mapped[DeviceProtocol] = mapped_column(String(8), default=_default_protocol)
    status: Mapped[DeviceStatus] = mapped_column(String(16), default=DeviceStatus.IN_STOCK)
    last_contact: Mapped[utc_opt]
    battery: Mapped[int | None] = mapped_column(Integer, nullable=True)
    heartbeat_s: Mapped[int] = mapped_column(Integer, default=300)
    report_s: Mapped[int] = mapped_column(Integer, default=60)
    paired_with: Mapped[str_opt]  # serial of the home/mobile unit a bracelet is paired with
    notes: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[utc] = mapped_column(default=now_utc)

    assignments: Mapped[list[Assignment]] = relationship(back_populates="device")


class Assignment(Base):
    """Device issued to a person, and its return: the device issue/return journal."""

    __tablename__ = "assignments"

    id: Mapped[intpk]
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    issued_at: Mapped[utc]
    issued_by: Mapped[str] = mapped_column(String(64))
    returned_at: Mapped[utc_opt]
    returned_by: Mapped[str_opt]
    note: Mapped[str] = mapped_column(Text, default="")
    #: who took the device (the person, or whoever received it for them) and the issuing technician's
    #: name, as the issue act states them (revision caseload_lifecycle)
    received_by: Mapped[str] = mapped_column(String(200), default="")
    technician_name: Mapped[str] = mapped_column(String(200), default="")
    #: who handed the device back (the person or their representative) and the technician who took it
    #: back, as the return act states them (revision caseload_return_names)
    returned_by_name: Mapped[str] = mapped_column(String(200), default="")
    return_technician_name: Mapped[str] = mapped_column(String(200), default="")

    device: Mapped[Device] = relationship(back_populates="assignments")
    person: Mapped[Person] = relationship(back_populates="assignments")

    __table_args__ = (
        CheckConstraint("returned_at IS NULL OR returned_at >= issued_at", name="period"),
    )


class DeviceEventRow(Base):
    """Every event a device reported, stored once per (device, evseq)."""

    __tablename__ = "device_events"

    id: Mapped[bigpk]
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    evseq: Mapped[int] = mapped_column(BigInteger)
    #: integer microseconds on SQLite (``db.types.UtcTime``), timestamptz on PostgreSQL
    time: Mapped[datetime] = mapped_column(UtcTime())
    received: Mapped[datetime] = mapped_column(UtcTime())
    kind: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))
    #: what the device sent, packed by ``db.event_codec`` (a layout code and values); read back whole
    fields: Mapped[dict[str, Any]] = mapped_column(CompactFields)

    __table_args__ = (
        UniqueConstraint("device_id", "evseq", name="uq_event_device_evseq"),
        Index("ix_event_device_time", "device_id", "time"),
        Index("ix_event_time", "time"),
    )


class Position(Base):
    """A located fix, split out of POS events for fast track and map queries."""

    __tablename__ = "positions"

    id: Mapped[bigpk]
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    event_id: Mapped[int] = mapped_column(ForeignKey("device_events.id"))
    time: Mapped[datetime] = mapped_column(UtcTime())
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    fix: Mapped[int] = mapped_column(Integer)
    sats: Mapped[int | None] = mapped_column(Integer, nullable=True)
    hdop: Mapped[float | None] = mapped_column(Float, nullable=True)
    accuracy_m: Mapped[float | None] = mapped_column(Float, nullable=True)
    speed_kmh: Mapped[float | None] = mapped_column(Float, nullable=True)
    course: Mapped[float | None] = mapped_column(Float, nullable=True)

    __table_args__ = (
        Index("ix_position_device_time", "device_id", "time"),
        CheckConstraint("lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180", name="range"),
    )


# ---------------------------------------------------------------- alarms
class Incident(Base):
    """Alarms of one person that share a cause, with a one-line explanation."""

    __tablename__ = "incidents"

    id: Mapped[intpk]
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), nullable=True, index=True)
    cause: Mapped[str] = mapped_column(String(64))
    explanation: Mapped[str] = mapped_column(String(500), default="")
    opened_at: Mapped[utc]
    closed_at: Mapped[utc_opt]


class Alarm(Base):
    """An alarm in the ISA-18.2 lifecycle."""

    __tablename__ = "alarms"

    id: Mapped[intpk]
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), nullable=True, index=True)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"), nullable=True, index=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), nullable=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("device_events.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(32))
    priority: Mapped[AlarmPriority] = mapped_column(String(16))
    state: Mapped[AlarmState] = mapped_column(String(16), default=AlarmState.ACTIVE)
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)
    message: Mapped[str] = mapped_column(String(500), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    raised_at: Mapped[utc]
    returned_at: Mapped[utc_opt]
    acknowledged_at: Mapped[utc_opt]
    acknowledged_by: Mapped[str_opt]
    shelved_until: Mapped[utc_opt]
    shelve_reason: Mapped[str_opt]
    escalated_at: Mapped[utc_opt]
    closed_at: Mapped[utc_opt]
    closed_by: Mapped[str_opt]
    resolution: Mapped[Resolution | None] = mapped_column(String(32), nullable=True)

    __table_args__ = (Index("ix_alarm_state_raised", "state", "raised_at"),)


class AlarmAction(Base):
    """Everything done on an alarm: acknowledge, note, call, patrol, shelve, close."""

    __tablename__ = "alarm_actions"

    id: Mapped[intpk]
    alarm_id: Mapped[int] = mapped_column(ForeignKey("alarms.id"), index=True)
    at: Mapped[utc]
    user: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")


class ViolationEntry(Base):
    """The journal of violations found by electronic means (seed form columns).

    Entries are never edited: a correction is a new entry with ``corrects_id``.
    """

    __tablename__ = "violation_journal"

    id: Mapped[intpk]
    detected_at: Mapped[utc]
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"), nullable=True)
    alarm_id: Mapped[int | None] = mapped_column(ForeignKey("alarms.id"), nullable=True)
    violation: Mapped[str] = mapped_column(String(500))
    detected_by: Mapped[str] = mapped_column(String(200))  # how detected (which means)
    measures: Mapped[str] = mapped_column(Text, default="")
    reported_to: Mapped[str] = mapped_column(String(200), default="")
    reported_at: Mapped[utc_opt]
    operator: Mapped[str] = mapped_column(String(64))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("violation_journal.id"), nullable=True)
    recorded_at: Mapped[utc] = mapped_column(default=now_utc)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    row_hash: Mapped[str] = mapped_column(String(64), default="")


# ---------------------------------------------------------------- users and audit
class User(Base):
    __tablename__ = "users"

    id: Mapped[intpk]
    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    locale: Mapped[str] = mapped_column(String(8), default="ru")
    created_at: Mapped[utc] = mapped_column(default=now_utc)
    #: made with a temporary password: the next log-in must set a new one (revision caseload_lifecycle)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    #: failed log-ins in a row; at ``arm.auth.MAX_FAILED_ATTEMPTS`` the login is locked until an
    #: administrator unlocks it (``arm user unlock``), in every process at once
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)

    districts: Mapped[list[UserDistrict]] = relationship(cascade="all, delete-orphan")


class UserDistrict(Base):
    """Districts a supervisor (or operator) is responsible for."""

    __tablename__ = "user_districts"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    district: Mapped[str] = mapped_column(String(100), primary_key=True)


class AuditEntry(Base):
    """Append-only audit journal: who saw or did what, hash-chained."""

    __tablename__ = "audit_journal"

    id: Mapped[bigpk]
    at: Mapped[utc]
    user: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16), default="")
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(32), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    row_hash: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (Index("ix_audit_at", "at"),)
