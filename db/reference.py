"""The administrative units of Kazakhstan as shipped (``resources/reference/kz_admin_units.csv``).

Read by the ``caseload_reference`` migration (which seeds the tables of
``db.models_caseload`` from it) and by ``arm.caseload.reference`` (names of
codes without a database round trip). ``normalise`` is the one rule by which
a typed or imported name is compared with the official ones, so the
migration of old free-text values and the services' look-ups agree.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

UNITS_FILE = Path(__file__).resolve().parents[1] / "resources" / "reference" / "kz_admin_units.csv"


@dataclass(frozen=True, slots=True)
class Unit:
    """One row of the file: a region (``parent`` empty) or a district / city inside one."""

    code: str
    parent: str
    kind: str
    name_ru: str
    name_kk: str
    name_en: str
    aliases: tuple[str, ...]

    @property
    def is_region(self) -> bool:
        return not self.parent


@cache
def units() -> tuple[Unit, ...]:
    """Every unit of the shipped file, regions before their districts."""
    with UNITS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    return tuple(
        Unit(r["code"], r["parent"], r["kind"], r["name_ru"], r["name_kk"], r["name_en"],
             tuple(a for a in (r.get("aliases") or "").split("|") if a))
        for r in rows
    )


_SPACES = re.compile(r"\s+")
_BRACKETS = re.compile(r"\s*\([^)]*\)\s*$")


def normalise(name: str) -> str:
    """The comparison key of a name: case, ``ё``, dashes, ``г.`` and spacing ignored."""
    text = (name or "").strip().lower().replace("ё", "е").replace("–", "-").replace("—", "-")
    text = re.sub(r"^(г\.|город)\s*", "", text)
    return _SPACES.sub(" ", text).strip()


def keys_of(names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(exact keys, keys without a trailing ``(region)`` qualifier) of a unit's names."""
    exact = tuple(dict.fromkeys(normalise(n) for n in names if n))
    loose = tuple(dict.fromkeys(normalise(_BRACKETS.sub("", n)) for n in names if n))
    return exact, loose


def office_names(district_ru: str, district_kk: str, district_en: str) -> tuple[str, str, str]:
    """The seeded probation office of a district, in ru / kk / en."""
    return (f"Служба пробации — {district_ru}", f"Пробация қызметі — {district_kk}",
            f"Probation service — {district_en}")


def office_code(district_code: str) -> str:
    return f"PO-{district_code}"
