"""Technical-alarm handling: a condition of a held kind reaches the operator only if it lasts.

Most alarm conditions in the field are the devices' and the network's
trouble, and most of them end by themselves: a strap sensor knocked open for
a few seconds, a basement without coverage for twenty minutes, a battery low
until the wearer plugs it in, a satellite fix lost indoors. ISA-18.2 calls
alarms that need no operator action bad alarms; EEMUA 191 suggests delay
("on-delay") timers for them. A :class:`HoldPolicy` gives such kinds an
on-delay: the engine's activation is kept back, and

* if the condition returns within the hold, no alarm is raised at all (a
  low battery instead produces a charging reminder to the wearer, counted in
  :attr:`ConditionHold.reminders`);
* if it is still active when the hold ends, the alarm is raised with the
  condition's original time (``raised_at`` = when it began), so the operator
  sees how long it has lasted.

Violations of the court's restrictions that protect someone (exclusion zones,
SOS) and every momentary condition are never held. The policy sits between
the engine and the alarm manager in :class:`arm.alarms.runtime.RulesRuntime`, so
the live service and a replay hold alike. :data:`TUNED_HOLDS` is the profile
tuned with ``bench/operator_day.py`` (docs/replay.md); without a policy nothing
is held (the behaviour before issue 17).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from arm.alarms.api import AlarmConfig
from arm.rules.conditions import ConditionChange, Kind

#: kinds whose hold answers with a charging reminder to the wearer rather than silence
REMINDER_KINDS = frozenset({Kind.LOW_BATTERY})
#: kinds never held, whatever a profile says: protection of victims, calls for help
NEVER_HELD = frozenset({Kind.EXCLUSION_ZONE, Kind.SOS})

#: the tuned profile (bench/operator_day.py, 3,000 persons): every true violation still raised
TUNED_HOLDS: Mapping[str, timedelta] = {
    Kind.TAMPER_STRAP: timedelta(seconds=60),  # knocks open the strap circuit for seconds; a cut stays open
    Kind.CURFEW: timedelta(minutes=20),  # multipath drift near home at night lasts minutes; a curfew grace period
    Kind.LOW_BATTERY: timedelta(minutes=90),  # the wearer is reminded to charge; most do within the hour
    Kind.NO_COMMUNICATION: timedelta(minutes=35),  # dead zones (lifts, basements, the metro) deliver late
    Kind.GNSS_LOST: timedelta(hours=12),  # indoors all day; the device is in contact, with cell positions
}


#: restriction kinds that join an open device-power incident in the tuned profile: at curfew a device gone
#: flat cannot show the person home, and the operator already has that person's discharge in front of them
TUNED_JOIN_POWER: frozenset[str] = frozenset({Kind.CURFEW})


def tuned_alarm_config(base: AlarmConfig | None = None) -> AlarmConfig:
    """The lifecycle settings of the tuned profile (``AlarmConfig.join_power_incident``)."""
    return replace(base or AlarmConfig(), join_power_incident=TUNED_JOIN_POWER)


@dataclass(slots=True)
class HoldPolicy:
    """How long each kind must stay active before it becomes an operator alarm."""

    holds: dict[str, timedelta] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.holds = {k: v for k, v in self.holds.items() if k not in NEVER_HELD and v > timedelta(0)}

    @classmethod
    def tuned(cls) -> HoldPolicy:
        return cls(dict(TUNED_HOLDS))


class ConditionHold:
    """The on-delay stage: keeps held activations back until they have lasted (one worker thread drives it)."""

    def __init__(self, policy: HoldPolicy) -> None:
        self.policy = policy
        self._pending: dict[str, ConditionChange] = {}
        self._passed: set[str] = set()  # keys whose activation went through: their return must too
        self.absorbed = 0  # activations that returned within their hold: no alarm
        self.reminders = 0  # charging reminders sent to the wearer instead of an operator alarm

    def filter(self, changes: list[ConditionChange]) -> list[ConditionChange]:
        """The changes the manager sees now; held activations wait for :meth:`release`."""
        out: list[ConditionChange] = []
        holds = self.policy.holds
        for change in changes:
            key = change.key
            if change.momentary or change.kind not in holds:
                out.append(change)
            elif change.active:
                if key not in self._pending and key not in self._passed:
                    self._pending[key] = change
                    if change.kind in REMINDER_KINDS:
                        self.reminders += 1
                elif key in self._passed:
                    out.append(change)
            elif key in self._pending:
                del self._pending[key]
                self.absorbed += 1
            else:
                self._passed.discard(key)
                out.append(change)
        return out

    def release(self, now: datetime) -> list[ConditionChange]:
        """Held activations whose hold has run out by ``now``: they become alarms."""
        due = [c for c in self._pending.values() if now - c.at >= self.policy.holds[c.kind]]
        for change in due:
            del self._pending[change.key]
            self._passed.add(change.key)
        return due

    def pending(self) -> int:
        return len(self._pending)


def profile(name: str) -> tuple[HoldPolicy | None, frozenset[str]]:
    """The holds and the power-incident joining of a named profile (setting ``alarms.holds``).

    ``"field"``: :data:`TUNED_HOLDS` and :data:`TUNED_JOIN_POWER` (what ``arm replay --tuned`` measures);
    ``"none"``: nothing held, nothing joined (every condition an alarm at once, as before issue 17).
    """
    if name == "field":
        return HoldPolicy.tuned(), TUNED_JOIN_POWER
    if name == "none":
        return None, frozenset()
    raise ValueError(f"unknown hold profile {name!r}")
