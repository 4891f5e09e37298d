"""Field checks shared by the forms, the CLI and the seeders.

Each validator returns ``{field: message}``; an empty dict means valid. The
messages are English source text; widgets translate them by the field name.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from db.models import Category, DeviceType

SERIAL_RE = re.compile(r"^[A-Z0-9-]{4,20}$")  # ICD 3: 4..20 of A-Z 0-9 -
_W1 = tuple(range(1, 12))
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def iin_check_digit(first11: str) -> int | None:
    """The 12th digit of a Kazakh IIN, or None when no valid digit exists."""
    digits = [int(c) for c in first11]
    check = sum(w * d for w, d in zip(_W1, digits, strict=True)) % 11
    if check == 10:
        check = sum(w * d for w, d in zip(_W2, digits, strict=True)) % 11
    return None if check == 10 else check


def iin_birth_date(iin: str) -> date | None:
    """Birth date encoded in an IIN (YYMMDD + century digit), if it is a date."""
    century = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}.get(iin[6])
    if century is None:
        return None
    try:
        return date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None


def iin_error(iin: str, birth_date: date | None = None) -> str | None:
    if not re.fullmatch(r"\d{12}", iin or ""):
        return "The IIN must be exactly 12 digits."
    if iin_birth_date(iin) is None:
        return "The IIN does not start with a valid birth date and century digit."
    if iin_check_digit(iin[:11]) != int(iin[11]):
        return "The IIN check digit is wrong; check the number for a typing error."
    if birth_date is not None and iin_birth_date(iin) != birth_date:
        return "The IIN does not match the birth date."
    return None


def make_iin(birth: date, serial: int, male: bool = True) -> str:
    """A valid IIN for a birth date (demo data and tests)."""
    century_digit = {18: 1, 19: 3, 20: 5}[birth.year // 100] + (0 if male else 1)
    for s in range(serial, serial + 100):
        first11 = f"{birth:%y%m%d}{century_digit}{s % 10000:04d}"
        check = iin_check_digit(first11)
        if check is not None:
            return first11 + str(check)
    raise ValueError("no valid IIN found")  # pragma: no cover - 1 in 11 fails


def _period_error(start: date | None, end: date | None, what: str) -> str | None:
    if start and end and end < start:
        return f"The {what} end date is before its start date."
    return None


def validate_person(data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name in ("last_name", "first_name"):
        if not str(data.get(name) or "").strip():
            errors[name] = "This field is required."
    birth = data.get("birth_date")
    if not isinstance(birth, date):
        errors["birth_date"] = "Enter the birth date."
        birth = None
    if err := iin_error(str(data.get("iin") or ""), birth):
        errors["iin"] = err
    if str(data.get("category") or "") not in {c.value for c in Category}:
        errors["category"] = "Choose one of the supervision categories."
    start = data.get("supervision_start")
    if not isinstance(start, date):
        errors["supervision_start"] = "Enter the supervision start date."
    elif err := _period_error(start, data.get("supervision_end"), "supervision"):
        errors["supervision_end"] = err
    reg = data.get("registered_on")
    if not isinstance(reg, date):
        errors["registered_on"] = "Enter the registration date."
    elif err := _period_error(reg, data.get("deregistered_on"), "registration"):
        errors["deregistered_on"] = err
    lat, lon = data.get("home_lat"), data.get("home_lon")
    if lat is not None and not -90 <= float(lat) <= 90:
        errors["home_lat"] = "Latitude must be between -90 and 90."
    if lon is not None and not -180 <= float(lon) <= 180:
        errors["home_lon"] = "Longitude must be between -180 and 180."
    return errors


def validate_device(data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    serial = str(data.get("serial") or "")
    if not SERIAL_RE.fullmatch(serial) and not re.fullmatch(r"\d{8,17}", serial):
        errors["serial"] = "A serial is 4 to 20 of A-Z, 0-9 and '-' (or the IMEI of a network device)."
    if str(data.get("type") or "") not in {t.value for t in DeviceType}:
        errors["type"] = "Unknown device type: choose BRC, TRK, SKU, MKU, BAC, RCV, GT06, WATCH or PHONE."
    return errors
