"""caseload: reference lists (regions, districts, probation offices, officers); free text becomes codes

Creates the tables of ``db.models_caseload``, seeds the regions and districts
of ``resources/reference/kz_admin_units.csv`` with one probation office per
district, then turns the free text already stored into codes:
``persons.region`` / ``persons.district``, ``zones.district`` and
``user_districts.district`` get the code of the unit whose official name or
alias they spell (exact names first, then without the ``(region)``
qualifier; a person's region decides between equal names); each distinct
free-text ``persons.officer`` of a resolved district becomes an officer row
(``OF-0001``...) of that district's office and the person keeps its code.
Text that names no unit, or several, is left as it was (``arm caseload
check`` lists it). The downgrade writes the Russian names back.

Revision ID: caseload_reference
Revises: 0001
Create Date: 2026-12-07 19:00:00
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import db.models
from db.reference import keys_of, normalise, office_code, office_names, units

revision = "caseload_reference"
down_revision = "0001"
branch_labels = ("caseload",)
depends_on = None


def _created() -> sa.Column[datetime]:
    return sa.Column("created_at", db.models.UtcDateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "ref_regions",
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name_ru", sa.String(200), nullable=False),
        sa.Column("name_kk", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _created(),
        sa.PrimaryKeyConstraint("code", name="pk_ref_regions"),
    )
    op.create_table(
        "ref_districts",
        sa.Column("code", sa.String(100), nullable=False),
        sa.Column("region_code", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name_ru", sa.String(200), nullable=False),
        sa.Column("name_kk", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("aliases", sa.String(500), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _created(),
        sa.ForeignKeyConstraint(["region_code"], ["ref_regions.code"],
                                name="fk_ref_districts_region_code_ref_regions"),
        sa.PrimaryKeyConstraint("code", name="pk_ref_districts"),
    )
    op.create_index("ix_ref_districts_region_code", "ref_districts", ["region_code"])
    op.create_table(
        "probation_offices",
        sa.Column("code", sa.String(100), nullable=False),
        sa.Column("district_code", sa.String(100), nullable=False),
        sa.Column("name_ru", sa.String(300), nullable=False),
        sa.Column("name_kk", sa.String(300), nullable=False),
        sa.Column("name_en", sa.String(300), nullable=False),
        sa.Column("address", sa.String(500), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _created(),
        sa.ForeignKeyConstraint(["district_code"], ["ref_districts.code"],
                                name="fk_probation_offices_district_code_ref_districts"),
        sa.PrimaryKeyConstraint("code", name="pk_probation_offices"),
    )
    op.create_index("ix_probation_offices_district_code", "probation_offices", ["district_code"])
    op.create_table(
        "probation_officers",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("office_code", sa.String(100), nullable=False),
        sa.Column("district_code", sa.String(100), nullable=False),
        sa.Column("position", sa.String(200), nullable=False),
        sa.Column("login", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _created(),
        sa.ForeignKeyConstraint(["office_code"], ["probation_offices.code"],
                                name="fk_probation_officers_office_code_probation_offices"),
        sa.ForeignKeyConstraint(["district_code"], ["ref_districts.code"],
                                name="fk_probation_officers_district_code_ref_districts"),
        sa.PrimaryKeyConstraint("code", name="pk_probation_officers"),
    )
    op.create_index("ix_probation_officers_office_code", "probation_officers", ["office_code"])
    op.create_index("ix_probation_officers_district_code", "probation_officers", ["district_code"])
    _seed()
    _codes_for_free_text()


def _seed() -> None:
    now = datetime.now(UTC)
    regions = sa.table("ref_regions", *(sa.column(c) for c in (
        "code", "kind", "name_ru", "name_kk", "name_en", "active", "created_at")))
    districts = sa.table("ref_districts", *(sa.column(c) for c in (
        "code", "region_code", "kind", "name_ru", "name_kk", "name_en", "aliases", "active", "created_at")))
    offices = sa.table("probation_offices", *(sa.column(c) for c in (
        "code", "district_code", "name_ru", "name_kk", "name_en", "address", "active", "created_at")))
    stamp = now.replace(tzinfo=None) if op.get_bind().dialect.name == "sqlite" else now
    op.bulk_insert(regions, [
        {"code": u.code, "kind": u.kind, "name_ru": u.name_ru, "name_kk": u.name_kk, "name_en": u.name_en,
         "active": True, "created_at": stamp} for u in units() if u.is_region])
    op.bulk_insert(districts, [
        {"code": u.code, "region_code": u.parent, "kind": u.kind, "name_ru": u.name_ru, "name_kk": u.name_kk,
         "name_en": u.name_en, "aliases": "|".join(u.aliases), "active": True, "created_at": stamp}
        for u in units() if not u.is_region])
    rows = []
    for u in units():
        if u.is_region:
            continue
        ru, kk, en = office_names(u.name_ru, u.name_kk, u.name_en)
        rows.append({"code": office_code(u.code), "district_code": u.code, "name_ru": ru, "name_kk": kk,
                     "name_en": en, "address": "", "active": True, "created_at": stamp})
    op.bulk_insert(offices, rows)


def _index(region: bool) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    exact: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for u in units():
        if u.is_region != region:
            continue
        e, l_ = keys_of((u.code, u.name_ru, u.name_kk, u.name_en, *u.aliases))
        for k in e:
            exact.setdefault(k, set()).add(u.code)
        for k in l_:
            loose.setdefault(k, set()).add(u.code)
    return exact, loose


def _resolve(text: str, region_hint: str | None, region: bool = False) -> str | None:
    exact, loose = _index(region)
    parent = {u.code: u.parent for u in units()}
    key = normalise(text)
    for table in (exact, loose):
        found = table.get(key, set())
        if len(found) > 1 and region_hint:
            found = {c for c in found if parent.get(c) == region_hint}
        if len(found) == 1:
            return next(iter(found))
        if found:
            return None
    return None


def _codes_for_free_text() -> None:
    conn = op.get_bind()
    parent = {u.code: u.parent for u in units()}
    for region_text, district_text in conn.execute(sa.text("SELECT DISTINCT region, district FROM persons")).all():
        region_code = _resolve(region_text or "", None, region=True) if region_text else None
        district_code = _resolve(district_text or "", region_code) if district_text else None
        new_region = parent.get(district_code or "", region_code) or region_code
        if district_code is None and new_region is None:
            continue
        conn.execute(
            sa.text("UPDATE persons SET region = :nr, district = :nd WHERE region = :r AND district = :d"),
            {"nr": new_region or region_text, "nd": district_code or district_text,
             "r": region_text, "d": district_text})
    for table in ("zones", "user_districts"):
        for (text,) in conn.execute(sa.text(f"SELECT DISTINCT district FROM {table}")).all():
            code = _resolve(text or "", None) if text else None
            if code and code != text:
                conn.execute(sa.text(f"UPDATE {table} SET district = :c WHERE district = :t"), {"c": code, "t": text})
    _officers(conn)


def _officers(conn: sa.Connection) -> None:
    codes = {u.code for u in units() if not u.is_region}
    now = datetime.now(UTC)
    stamp = now.replace(tzinfo=None) if conn.dialect.name == "sqlite" else now
    number = 0
    rows = conn.execute(sa.text(
        "SELECT DISTINCT district, officer FROM persons WHERE officer <> '' ORDER BY district, officer")).all()
    for district, officer in rows:
        if district not in codes:
            continue
        number += 1
        code = f"OF-{number:04d}"
        conn.execute(sa.text(
            "INSERT INTO probation_officers (code, full_name, office_code, district_code, position, login, active,"
            " created_at) VALUES (:c, :n, :o, :d, '', '', :a, :t)"),
            {"c": code, "n": officer[:200], "o": office_code(district), "d": district, "a": True, "t": stamp})
        conn.execute(sa.text("UPDATE persons SET officer = :c WHERE district = :d AND officer = :n"),
                     {"c": code, "d": district, "n": officer})


def downgrade() -> None:
    conn = op.get_bind()
    conn.execute(sa.text(
        "UPDATE persons SET officer = (SELECT full_name FROM probation_officers o WHERE o.code = persons.officer)"
        " WHERE officer IN (SELECT code FROM probation_officers)"))
    for table in ("persons", "zones", "user_districts"):
        conn.execute(sa.text(
            f"UPDATE {table} SET district = (SELECT name_ru FROM ref_districts r WHERE r.code = {table}.district)"
            f" WHERE district IN (SELECT code FROM ref_districts)"))
    conn.execute(sa.text(
        "UPDATE persons SET region = (SELECT name_ru FROM ref_regions r WHERE r.code = persons.region)"
        " WHERE region IN (SELECT code FROM ref_regions)"))
    for index, table in (("ix_probation_officers_district_code", "probation_officers"),
                         ("ix_probation_officers_office_code", "probation_officers"),
                         ("ix_probation_offices_district_code", "probation_offices"),
                         ("ix_ref_districts_region_code", "ref_districts")):
        op.drop_index(index, table_name=table)
    for table in ("probation_officers", "probation_offices", "ref_districts", "ref_regions"):
        op.drop_table(table)
