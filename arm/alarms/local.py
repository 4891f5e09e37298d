"""The alarm operations of a service running in this process, on the manager's worker thread.

:class:`LocalAlarmOperations` is what a local service exposes as
``service.alarms`` (``arm.alarms.plugin``): each operation hands the
manager's synchronous method to its worker (``AlarmManager.submit``) and
returns the future, so the GUI never waits on the database and operators'
actions never race the rules engine. See :mod:`arm.alarms.api`.
"""

from __future__ import annotations

from concurrent.futures import Future
from datetime import timedelta

from arm.alarm_view import AlarmView
from arm.alarms.api import AlarmConfig, AlarmOperations, AlarmUser
from arm.alarms.journal import Report
from arm.alarms.manager import AlarmManager
from arm.alarms.views import AlarmDetail, HandoverReport
from db.models import Resolution


class LocalAlarmOperations:
    """:class:`arm.alarms.api.AlarmOperations` over an in-process :class:`AlarmManager`."""

    def __init__(self, manager: AlarmManager) -> None:
        self.manager = manager

    # ------------------------------------------------------------ reads (the manager's cache)
    @property
    def config(self) -> AlarmConfig:
        return self.manager.config

    def open_views(self) -> list[AlarmView]:
        return self.manager.open_views()

    def view(self, alarm_id: int) -> AlarmView | None:
        return self.manager.view(alarm_id)

    def unacknowledged_count(self) -> int:
        return self.manager.unacknowledged_count()

    # ------------------------------------------------------------ operations (on the worker)
    def acknowledge(self, alarm_id: int, user: AlarmUser, note: str = "") -> Future[AlarmView]:
        return self.manager.submit(self.manager.acknowledge, alarm_id, user, note)

    def add_action(self, alarm_id: int, user: AlarmUser, action: str, note: str = "") -> Future[AlarmView]:
        return self.manager.submit(self.manager.add_action, alarm_id, user, action, note)

    def add_note(self, alarm_id: int, user: AlarmUser, note: str) -> Future[AlarmView]:
        return self.manager.submit(self.manager.add_note, alarm_id, user, note)

    def shelve(self, alarm_id: int, user: AlarmUser, duration: timedelta, reason: str) -> Future[AlarmView]:
        return self.manager.submit(self.manager.shelve, alarm_id, user, duration, reason)

    def unshelve(self, alarm_id: int, user: AlarmUser) -> Future[AlarmView]:
        return self.manager.submit(self.manager.unshelve, alarm_id, user)

    def close(self, alarm_id: int, user: AlarmUser, resolution: Resolution, note: str = "",
              report: Report | None = None) -> Future[AlarmView]:
        return self.manager.submit(self.manager.close, alarm_id, user, resolution, note, report)

    def detail(self, alarm_id: int, user: AlarmUser, with_person: bool = True) -> Future[AlarmDetail]:
        return self.manager.submit(self.manager.detail, alarm_id, user, with_person)

    def handover(self, user: AlarmUser) -> Future[HandoverReport]:
        return self.manager.submit(self.manager.handover, user)

    # ------------------------------------------------------------ service side (not part of the protocol)
    def reload(self) -> Future[None]:
        """Re-read the open alarms from the database, on the worker (another service changed them)."""
        return self.manager.submit(self.manager.load)


#: mypy proves the local operations satisfy the protocol widgets depend on
_check_local: type[AlarmOperations] = LocalAlarmOperations
