"""Reference lists of the caseload: regions, districts, probation offices and officers.

Persons, users and zones keep *codes* of these rows in their existing columns
(``persons.region`` / ``persons.district`` / ``persons.officer``,
``user_districts.district``, ``zones.district``), so district scoping in
``arm.access`` and ``arm.caseload.rights`` keeps comparing plain strings and
one typo can no longer split a district in two: the services accept only a
code (or an official name they resolve to one). Names are kept in Russian,
Kazakh and English and rendered in the reader's language.

The administrative units come from ``resources/reference/kz_admin_units.csv``
(``db.reference``), seeded by the ``caseload_reference`` revision; an
administrator adds, renames and deactivates rows (``arm.caseload.reference``).
A row is never deleted: persons and journals keep pointing at it.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, now_utc, utc


class RefRegion(Base):
    """One of the 17 regions or 3 cities of republican significance (ISO 3166-2:KZ code, e.g. ``KZ-75``)."""

    __tablename__ = "ref_regions"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    #: ``region`` or ``city`` (of republican significance)
    kind: Mapped[str] = mapped_column(String(16))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_kk: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[utc] = mapped_column(default=now_utc)


class RefDistrict(Base):
    """A district, or a city of regional significance, inside a region (code ``KZ-75-medeu``)."""

    __tablename__ = "ref_districts"

    code: Mapped[str] = mapped_column(String(100), primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("ref_regions.code"), index=True)
    #: ``district`` or ``city`` (of regional significance)
    kind: Mapped[str] = mapped_column(String(16))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_kk: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    #: former or colloquial names a file may still use, ``|``-separated (``Есильский район``)
    aliases: Mapped[str] = mapped_column(String(500), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[utc] = mapped_column(default=now_utc)


class ProbationOffice(Base):
    """A probation service office; seeded one per district (code ``PO-<district code>``)."""

    __tablename__ = "probation_offices"

    code: Mapped[str] = mapped_column(String(100), primary_key=True)
    district_code: Mapped[str] = mapped_column(ForeignKey("ref_districts.code"), index=True)
    name_ru: Mapped[str] = mapped_column(String(300))
    name_kk: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    address: Mapped[str] = mapped_column(String(500), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[utc] = mapped_column(default=now_utc)


class ProbationOfficer(Base):
    """A probation officer: ``persons.officer`` holds this row's ``code``."""

    __tablename__ = "probation_officers"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    office_code: Mapped[str] = mapped_column(ForeignKey("probation_offices.code"), index=True)
    #: the district of the office, kept here for scoping and lookups
    district_code: Mapped[str] = mapped_column(ForeignKey("ref_districts.code"), index=True)
    position: Mapped[str] = mapped_column(String(200), default="")
    #: the officer's ARM login when they have one (a supervisor), else empty
    login: Mapped[str] = mapped_column(String(64), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[utc] = mapped_column(default=now_utc)


class CaseloadRevision(Base):
    """One row counting caseload writes, so a running rules engine notices any of them at its next tick.

    Every caseload service that changes what the engine evaluates (persons,
    restrictions, assignments) increments it (``arm.caseload.revision.bump``);
    ``arm.rules.snapshot.zones_fingerprint`` includes it. Counts and maximum ids
    alone miss an ended restriction or a deregistered person.
    """

    __tablename__ = "caseload_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)


class ZoneRef(Base):
    """A zone's stable key in caseload exchange documents (``ref``), kept so a re-import updates the same zone."""

    __tablename__ = "zone_refs"

    ref: Mapped[str] = mapped_column(String(100), primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id", ondelete="CASCADE"), unique=True)
