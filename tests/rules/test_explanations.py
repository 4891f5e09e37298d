"""Why an alarm was raised: the core stores a stable code and named parameters, never a sentence.

Scenarios run through the real ingest core and rules runtime; the English
rendering (logs, CLI) must show times in the desk zone (Almaty, UTC+5).
2026-11-20 is a Friday.
"""

from __future__ import annotations

import string
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from arm.alarms.scenario import World, later, local
from arm.events import utcnow
from arm.rules import explain
from arm.rules.conditions import Kind
from arm.rules.seed import circle, offset

ALMATY = ZoneInfo("Asia/Almaty")
HOME = (43.2567, 76.9286)
CURFEW = [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "22:00", "end": "06:00"}]
CITY_CENTRE = (43.24, 76.92)


def supervised(world: World, types: tuple[str, ...] = ("BRC", "SKU", "MKU")) -> int:
    pid = world.seed.person(home=HOME)
    world.seed.kit(pid, "1", types)
    return pid


def test_curfew_explanation_names_the_window_and_the_local_start(world: World) -> None:
    pid = supervised(world)
    world.seed.restriction(pid, "curfew", schedule=CURFEW)
    world.reload()
    world.feed(world.ev("SKU-1", local(2026, 11, 20, 14, 0), "PRESENCE", bracelet="BRC-1", state="OUT", rssi=None))
    world.tick(local(2026, 11, 20, 22, 0, 5))
    (alarm,) = world.alarms()
    why = alarm.details["explanation"]
    assert why == {"code": "curfew_out",
                   "params": {"window": "22:00–06:00", "since": local(2026, 11, 20, 22, 0, 5).isoformat()}}
    text = explain.text(why, ALMATY)
    assert text == "Away from home during curfew hours (22:00–06:00) since 22:00"
    assert "17:00" not in text  # the UTC wall clock never shows


def test_zone_explanations_carry_the_zone_name(world: World) -> None:
    pid = supervised(world, types=("TRK",))
    city = world.seed.zone("Almaty city", "inclusion", circle(*CITY_CENTRE, 5000))
    school = world.seed.zone("School No. 12", "exclusion", circle(*HOME, 300))
    world.seed.restriction(pid, "inclusion_zone", zone_id=city)
    world.seed.restriction(pid, "exclusion_zone", zone_id=school)
    world.reload()
    t = local(2026, 11, 20, 12, 0)
    world.feed(*[world.fix("TRK-1", later(t, minutes=i), *HOME) for i in range(2)])  # inside the school zone
    outside = offset(*CITY_CENTRE, north_m=8000)
    world.feed(*[world.fix("TRK-1", later(t, minutes=10 + i), *outside) for i in range(2)])
    by_kind = {a.kind: a.details["explanation"] for a in world.alarms()}
    assert by_kind[Kind.EXCLUSION_ZONE]["code"] == "zone_entered"
    assert by_kind[Kind.EXCLUSION_ZONE]["params"]["zone"] == "School No. 12"
    # the fix was at home (0 m); without an imported map no address follows
    assert explain.text(by_kind[Kind.EXCLUSION_ZONE], ALMATY) == \
        "Entered the exclusion zone “School No. 12” at 12:01; 0 m from home"
    assert by_kind[Kind.INCLUSION_ZONE]["code"] == "zone_left"
    left = explain.text(by_kind[Kind.INCLUSION_ZONE], ALMATY)
    assert left.startswith("Left the permitted zone “Almaty city” at 12:11; ") and left.endswith(" km from home")


def test_device_explanations_carry_the_serial_and_the_reading(world: World) -> None:
    supervised(world, types=("BRC", "TRK"))
    world.reload()
    t = local(2026, 11, 20, 9, 30)
    world.feed(world.ev("BRC-1", t, "TAMPER", part="STRAP", state="OPEN"),
               world.ev("TRK-1", later(t, minutes=1), "STAT", battery=7, charging=False, rssi=None, temperature=None))
    by_kind = {a.kind: explain.text(a.details["explanation"], ALMATY) for a in world.alarms()}
    assert by_kind == {Kind.TAMPER_STRAP: "Bracelet strap of device BRC-1 opened at 09:30",
                       Kind.LOW_BATTERY: "Battery of device TRK-1 at 7 % at 09:31"}


def test_silence_is_explained_from_the_last_contact(world: World) -> None:
    supervised(world, types=("TRK",))
    world.reload()
    before = utcnow()
    world.feed(world.ev("TRK-1", before, "HB"))
    world.tick(utcnow() + timedelta(minutes=30))
    (alarm,) = [a for a in world.alarms() if a.kind == Kind.NO_COMMUNICATION]
    contact = datetime.fromisoformat(alarm.details["explanation"]["params"]["since"])
    assert before <= contact <= utcnow()  # the last contact (receipt time), not the moment silence was noticed
    assert explain.text(alarm.details["explanation"], ALMATY) == (
        f"No contact from device TRK-1 since {contact.astimezone(ALMATY):%H:%M} (allowed silence 11 min)")


def test_reactivation_updates_the_explanation(world: World) -> None:
    supervised(world, types=("BRC",))
    world.reload()
    t = local(2026, 11, 20, 10, 0)
    world.feed(world.ev("BRC-1", t, "TAMPER", part="STRAP", state="OPEN"))
    world.feed(world.ev("BRC-1", later(t, minutes=5), "TAMPER", part="STRAP", state="RESTORED"))
    world.feed(world.ev("BRC-1", later(t, minutes=20), "TAMPER", part="STRAP", state="OPEN"))
    (alarm,) = world.alarms()
    assert alarm.details["occurrences"] == 2
    assert explain.text(alarm.details["explanation"], ALMATY) == "Bracelet strap of device BRC-1 opened at 10:20"
    assert world.manager.view(alarm.id).explanation_code == "strap_opened"


KINDS = [v for k, v in vars(Kind).items() if k.isupper() and isinstance(v, str)]
DETAILS = {"zone_id": 3, "reason": "no_device", "battery": 9, "last_contact": "2026-11-20T03:00:00+00:00",
           "allowed_s": 660, "code": "E12", "mg_l": 0.4, "face_match": 40, "alarm": "overspeed"}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_an_explanation_whose_placeholders_are_all_filled(kind: str) -> None:
    at = datetime(2026, 11, 20, 7, 15, tzinfo=UTC)
    why = explain.build(kind, at, DETAILS, serial="BRC-7", zone="Park", window="22:00–06:00")
    assert why is not None and why["code"] in explain.TEXTS
    wanted = {name for _, name, _, _ in string.Formatter().parse(explain.TEXTS[why["code"]]) if name}
    assert wanted == set(why["params"]), why
    text = explain.text(why, ALMATY)
    assert ("12:15" in text) or ("08:00" in text)  # 07:15 / 03:00 UTC, shown in Almaty time
    assert "{" not in text


def test_unknown_codes_and_missing_parameters_render_safely() -> None:
    assert explain.text({"code": "no_such_code", "params": {}}, ALMATY) == ""
    assert explain.text(None, ALMATY) == ""
    assert explain.text({"code": "zone_left", "params": {}}, ALMATY) == "Left the permitted zone “” at "
    yesterday = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
    assert explain.local_time("2026-11-20T03:00:00+00:00", ALMATY, yesterday) == "20.11 08:00"
