"""Operator-load figures (ISA-18.2 / EEMUA 191) of a replay, and ground-truth scoring.

ISA-18.2 judges an alarm system by what reaches one operator: about 6 alarms
an hour is manageable, more than 10 in 10 minutes is a flood. This workstation
presents *incidents* (alarms of one person sharing a cause, one line), so both
are counted: raw alarm conditions (every activation the rules engine reported),
alarms raised, annunciations (raised or re-alarmed: each calls for attention)
and incidents presented, spread over ``desks`` operators. See docs/replay.md.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from arm.replay.engine import TECHNICAL_KINDS, ReplayResult
from arm.rules.conditions import Kind

#: ground-truth violation kinds (``arm simulate day``) -> the alarm kinds that find them
VIOLATION_ALARMS: dict[str, frozenset[str]] = {
    "curfew_breach": frozenset({Kind.CURFEW}),
    "zone_entry": frozenset({Kind.EXCLUSION_ZONE}),
    "strap_cut": frozenset({Kind.TAMPER_STRAP}),
    "left_city": frozenset({Kind.INCLUSION_ZONE}),
}


@dataclass(frozen=True, slots=True)
class LoadLimits:
    desks: int = 4
    #: ISA-18.2: more than this many in 10 minutes for one operator is a flood
    flood_per_10_min: int = 10
    #: ISA-18.2 "manageable" rate per operator per hour
    acceptable_per_hour: float = 6.0
    #: chattering: this many activations of one condition ...
    chatter_count: int = 3
    #: ... within this time
    chatter_window: timedelta = timedelta(seconds=60)
    #: stale: in alarm for longer than this (ISA-18.2 uses 24 h)
    stale_after: timedelta = timedelta(hours=24)
    #: a violation counts as found by an alarm raised at most this long after it began
    match_window: timedelta = timedelta(hours=1)


def _bins(times: Iterable[datetime], start: datetime, width: timedelta, count: int) -> list[int]:
    out = [0] * count
    for t in times:
        i = int((t - start) / width)
        if 0 <= i < count:
            out[i] += 1
    return out


def _rate(times: list[datetime], start: datetime, end: datetime, desks: int, limits: LoadLimits) -> dict[str, Any]:
    hours = max((end - start).total_seconds() / 3600.0, 1e-9)
    hourly = _bins(times, start, timedelta(hours=1), max(1, int(hours + 0.999)))
    tens = _bins(times, start, timedelta(minutes=10), max(1, int(hours * 6 + 0.999)))
    per_desk_10 = [n / desks for n in tens]
    return {
        "total": len(times),
        "per_desk_per_hour": round(len(times) / hours / desks, 2),
        "per_desk_peak_hour": round(max(hourly) / desks, 2),
        "per_desk_per_10_min": round(len(times) / (hours * 6) / desks, 2),
        "per_desk_peak_10_min": round(max(per_desk_10), 2),
        "flood_periods_10_min": sum(1 for n in per_desk_10 if n > limits.flood_per_10_min),
        "hours_above_acceptable": sum(1 for n in hourly if n / desks > limits.acceptable_per_hour),
        "hourly": hourly,
    }


def _chattering(result: ReplayResult, limits: LoadLimits) -> int:
    by_key: dict[str, list[datetime]] = defaultdict(list)
    for c in result.conditions:
        by_key[c.key].append(c.at)
    count = 0
    for times in by_key.values():
        times.sort()
        n = limits.chatter_count
        if any(times[i + n - 1] - times[i] <= limits.chatter_window for i in range(len(times) - n + 1)):
            count += 1
    return count


def score_ground_truth(result: ReplayResult, violations: Iterable[Mapping[str, Any]], persons: Mapping[str, int],
                       limits: LoadLimits) -> dict[str, Any]:
    """Which scripted true violations an alarm found, and how long after the violation began."""
    calls: dict[tuple[int | None, str], list[datetime]] = defaultdict(list)
    for a in result.annunciations:
        calls[(a.person_id, a.kind)].append(a.at)
    found, missed, delays = 0, [], []
    total = 0
    for v in violations:
        total += 1
        at = datetime.fromisoformat(str(v["at"]))
        pid = persons.get(str(v.get("iin", "")))
        kinds = VIOLATION_ALARMS.get(str(v.get("kind")), frozenset())
        hits = [t for k in kinds for t in calls.get((pid, k), []) if at - timedelta(minutes=5) <= t <= at + limits.match_window]
        if hits:
            found += 1
            delays.append(max(0.0, (min(hits) - at).total_seconds()))
        else:
            missed.append(dict(v))
    return {
        "true_violations": total, "found": found, "missed": len(missed), "missed_list": missed[:50],
        "delay_s": {"median": round(statistics.median(delays), 1) if delays else None,
                    "p95": round(sorted(delays)[int(0.95 * (len(delays) - 1))], 1) if delays else None,
                    "max": round(max(delays), 1) if delays else None},
    }


def load_figures(result: ReplayResult, limits: LoadLimits | None = None, persons_supervised: int | None = None,
                 violations: Iterable[Mapping[str, Any]] | None = None,
                 persons: Mapping[str, int] | None = None) -> dict[str, Any]:
    """Every figure of docs/replay.md as one JSON-ready dict."""
    limits = limits or LoadLimits()
    start, end = result.start, result.end
    raw = result.conditions
    technical_raw = sum(1 for c in raw if c.kind in TECHNICAL_KINDS)
    incidents = [i for i in result.incidents if start <= i["opened_at"] < end]
    standing = [a for a in result.alarms if a["state"] in ("active", "shelved") and a["closed_at"] is None]
    stale = [a for a in standing if end - a["raised_at"] >= limits.stale_after]
    figures: dict[str, Any] = {
        "period": {"from": start.isoformat(), "to": end.isoformat(), "hours": round((end - start).total_seconds() / 3600, 2)},
        "desks": limits.desks,
        "events": result.events,
        "replay_seconds": round(result.seconds, 2),
        "raw_alarm_conditions": len(raw),
        "raw_by_kind": dict(Counter(c.kind for c in raw).most_common()),
        "technical_share_raw": round(technical_raw / len(raw), 3) if raw else None,
        "alarms_raised": len(result.alarms),
        "technical_share_alarms": round(sum(1 for a in result.alarms if a["technical"]) / len(result.alarms), 3)
        if result.alarms else None,
        "annunciations": _rate([a.at for a in result.annunciations], start, end, limits.desks, limits),
        "incidents_presented": _rate([i["opened_at"] for i in incidents], start, end, limits.desks, limits),
        "incidents_share_of_raw": round(len(incidents) / len(raw), 3) if raw else None,
        "incidents_by_cause": dict(Counter(i["cause"].split(":")[0] for i in incidents).most_common()),
        "chattering_conditions": _chattering(result, limits),
        "wearer_reminders": result.reminders,
        "held_and_returned": result.absorbed,
        "standing_alarms": len(standing),
        "stale_alarms": len(stale),
    }
    if persons_supervised:
        figures["persons"] = persons_supervised
        figures["raw_per_person_per_day"] = round(len(raw) / persons_supervised / max(
            (end - start).total_seconds() / 86400, 1e-9), 3)
    if violations is not None:
        figures["ground_truth"] = score_ground_truth(result, violations, persons or {}, limits)
    return figures


def goals(figures: Mapping[str, Any]) -> dict[str, bool]:
    """The goals of issue 17, each true or false."""
    gt = figures.get("ground_truth") or {}
    share = figures.get("incidents_share_of_raw")
    return {
        "every_true_violation_raised": bool(gt) and gt.get("missed") == 0,
        "incidents_at_most_10pct_of_raw": share is not None and share <= 0.10,
        "at_most_6_incidents_per_hour_per_desk": figures["incidents_presented"]["per_desk_peak_hour"] <= 6.0,
    }
