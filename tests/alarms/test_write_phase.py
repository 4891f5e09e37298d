"""The alarm writer's transactions: every read before the first write, few writes, views from memory.

SQLite's one write lock is shared with the ingest writer; a read inside the
write phase, or a second statement that could have been one, lengthens the
time the ingest core waits (see docs/rules.md, "Figures"). These tests record
the SQL the alarm worker sends and check its shape, and that the published
rows still carry the right incident text, names and note counts.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from arm.alarms.scenario import World, later, local
from arm.events import AlarmChanged

HOME = (43.2567, 76.9286)
T0 = local(2026, 11, 20, 12, 0)


class AlarmSql:
    """Statements run on the alarm worker thread, grouped per transaction (split at each commit or rollback)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.transactions: list[list[str]] = [[]]
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._end)
        event.listen(engine, "rollback", self._end)  # a read-only session ends with a rollback

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "commit", self._end)
        event.remove(self.engine, "rollback", self._end)

    @staticmethod
    def _mine() -> bool:
        return threading.current_thread().name.startswith("arm-alarms")

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self._mine():
            words = statement.split()
            table = words[2] if words[0] in ("INSERT", "DELETE") else words[1] if words[0] == "UPDATE" else ""
            self.transactions[-1].append(f"{words[0]} {table}".strip())

    def _end(self, _conn: Any) -> None:
        if self._mine() and self.transactions[-1]:
            self.transactions.append([])

    def reset(self) -> None:
        self.transactions = [[]]

    def written(self) -> list[list[str]]:
        """The transactions that wrote something."""
        return [t for t in self.transactions if any(is_write(s) for s in t)]


@pytest.fixture
def sql(world: World) -> Iterator[AlarmSql]:
    recorder = AlarmSql(world.db.engine)
    yield recorder
    recorder.close()


@pytest.fixture
def person(world: World) -> int:
    pid = world.seed.person("Ахметов", "Ержан", home=HOME)
    world.seed.kit(pid, "1", ("BRC", "SKU", "TRK"))
    world.reload()
    return pid


def tamper(world: World, part: str, state: str, minutes: int) -> None:
    world.feed(world.ev("BRC-1", later(T0, minutes=minutes), "TAMPER", part=part, state=state))


def is_write(statement: str) -> bool:
    return statement.startswith(("INSERT", "UPDATE", "DELETE"))


def writes(statements: list[str]) -> list[str]:
    return [s for s in statements if is_write(s)]


def reads_before_writes(statements: list[str]) -> bool:
    first_write = next(i for i, s in enumerate(statements) if is_write(s))
    return all(is_write(s) for s in statements[first_write:])


def test_raise_join_and_return_read_first_and_write_once(world: World, sql: AlarmSql, person: int) -> None:
    tamper(world, "STRAP", "OPEN", 0)  # a new alarm in a new incident
    [raised] = sql.written()
    assert reads_before_writes(raised)
    assert writes(raised) == [
        "INSERT incidents", "INSERT alarms", "INSERT alarm_actions"]  # no UPDATE of incident_id or explanation

    sql.reset()
    tamper(world, "CASE", "OPEN", 1)  # a new kind joins the open "tamper" incident
    [joined] = sql.written()
    assert reads_before_writes(joined)
    assert "INSERT incidents" not in joined and "INSERT alarms" in joined

    sql.reset()
    tamper(world, "STRAP", "RESTORED", 2)  # returned: one UPDATE and its action row
    [returned] = sql.written()
    assert reads_before_writes(returned)
    assert writes(returned) == ["UPDATE alarms", "INSERT alarm_actions"]

    strap, case = world.alarms()
    assert strap.incident_id == case.incident_id is not None
    [incident] = world.incidents()
    assert incident.cause == "tamper" and incident.explanation == "Device tampering"
    view = world.manager.view(case.id)
    assert view is not None
    assert view.incident_explanation == "Device tampering" and view.person_name.startswith("Ахметов Ержан")
    assert view.device_serial == "BRC-1"


def test_operator_action_reads_before_writing_and_counts_notes(world: World, sql: AlarmSql, person: int) -> None:
    tamper(world, "STRAP", "OPEN", 0)
    alarm_id = world.alarms()[0].id
    seen: list[AlarmChanged] = []
    world.bus.subscribe(AlarmChanged, seen.append)
    sql.reset()
    view = world.operations.add_note(alarm_id, world.op1, "called the probation officer").result(10)
    [noted] = sql.written()
    # the audit chain must read its last hash under the write lock; nothing else is read after a write
    assert noted[-4:] == ["INSERT alarm_actions", "UPDATE audit_journal", "SELECT", "INSERT audit_journal"]
    assert all(not is_write(s) for s in noted[:-4])
    assert view.notes == 1 and view.incident_explanation == "Device tampering"
    view = world.operations.acknowledge(alarm_id, world.op1).result(10)  # no note: the count stays
    assert view.notes == 1 and view.acknowledged
    assert [m.change for m in seen] == ["note", "acknowledged"]


def test_zone_re_alarm_explains_the_incident_from_memory(world: World, sql: AlarmSql) -> None:
    from arm.rules.seed import circle, offset

    pid = world.seed.person(home=HOME)
    world.seed.kit(pid, "1", ("TRK",))
    centre = offset(*HOME, north_m=2000)
    zone = world.seed.zone("School", "exclusion", circle(*centre, 200))
    world.seed.restriction(pid, "exclusion_zone", zone_id=zone)
    world.reload()
    inside, outside = offset(*centre, north_m=20), offset(*centre, north_m=1500)
    for i, where in enumerate((inside, inside, outside, outside, inside, inside)):
        world.feed(world.fix("TRK-1", later(T0, minutes=i), *where))
    [alarm] = world.alarms()
    assert alarm.details["occurrences"] == 2
    [incident] = world.incidents()
    assert incident.explanation == "Repeated exits at the edge of a zone (2 times)"
    assert all(reads_before_writes(t) for t in sql.written())
    view = world.manager.view(alarm.id)
    assert view is not None and view.incident_explanation == incident.explanation
