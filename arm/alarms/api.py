"""What the GUI and the desk API may ask of the alarms: :class:`AlarmOperations`.

One typed interface, two implementations, and widgets depend only on it:

* :class:`arm.alarms.local.LocalAlarmOperations`, over the :class:`arm.alarms.manager.AlarmManager`
  of a service running in this process;
* :class:`arm.desk_api.client.RemoteAlarmManager`, over the desk API of a
  remote ``arm serve`` (``docs/desk-api.md``).

A service exposes it as ``service.alarms``. mypy checks that both classes
satisfy the protocol (the ``_check_*`` assignments in their modules), and
``tests/alarms/test_api.py`` checks that their signatures match it.

Convention: **every operation returns a** ``concurrent.futures.Future`` **at
once and never raises**. The local manager does its database work on its own
worker thread (the one thread that writes alarms), the remote one waits for the
desk's event loop and the network; so a widget never blocks: it adds a done
callback and hands the result to the GUI thread (a queued signal). A refused
operation fails the future with :class:`AlarmError` (local) or
``arm.desk_api.client.RemoteError`` (remote), or, when the user may not
(role, districts, an unknown or disabled account), with
``arm.access.AccessDenied`` (``denied.*``; the refusal is audited), all with a stable ``code`` the
widgets translate (``widgets.alarm_text.error_text``); a service that has
stopped or a desk that is offline fails it the same way (``stopped``,
``not_connected``).

The read side (``open_views``, ``view``, ``unacknowledged_count``, ``config``)
answers at once from a cache of open alarms, and may be called from any thread.
Widgets read it only to (re)load the whole panel; a single change arrives as
:class:`arm.events.AlarmChanged`, which carries its row (``view``).
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from arm.alarm_view import AlarmView
from arm.alarms.journal import Report
from arm.alarms.views import AlarmDetail, HandoverReport
from arm.rules.conditions import Kind
from db.models import AlarmPriority, Resolution


class AlarmUser(Protocol):
    """Who performs an operation: the logged-in user (``arm.auth.CurrentUser``, made by ``authenticate``).

    Never a name as text: the local manager re-reads the account by ``login``
    (it must exist and be active) and checks its role and districts
    (``arm.access``) before anything is done; the alarm's action rows keep the
    login. The rules engine's own changes are recorded as ``system``
    internally and never pass through these operations.
    """

    @property
    def login(self) -> str: ...

    @property
    def role(self) -> str: ...

    @property
    def districts(self) -> tuple[str, ...] | None: ...


def login_of(user: AlarmUser) -> str:
    """The login an operation is recorded under."""
    return str(user.login)


class AlarmError(ValueError):
    """An operator action that is not allowed; ``code`` is stable for widgets to translate."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class AlarmConfig:
    """Lifecycle settings (configurable per centre)."""

    escalate_after_s: float = 120.0
    escalate_priorities: frozenset[str] = frozenset({AlarmPriority.CRITICAL})
    max_shelve: timedelta = timedelta(hours=8)
    #: kinds that may never be shelved: an ignored tamper alarm can cost a life
    unshelvable: frozenset[str] = field(default_factory=lambda: frozenset(Kind.TAMPER | {Kind.SOS}))
    #: kinds that cannot be closed without a note, even after the device reports "restored"
    note_required: frozenset[str] = field(default_factory=lambda: frozenset(Kind.TAMPER))
    #: whom a confirmed violation is reported to, preselected in the close dialog: a code of
    #: ``arm.messages.REPORT_TO_CODES`` or "" (none: the operator chooses; the centre's default)
    default_report_to: str = ""
    #: standing states: stay on screen until fixed, so they close only after returning to normal
    close_after_return: frozenset[str] = field(default_factory=lambda: frozenset({Kind.NOT_MONITORED}))
    #: restriction kinds whose new alarm joins the person's open device-power incident (a device gone flat
    #: cannot show the person home at curfew: one problem, one incident); empty: their own incident
    join_power_incident: frozenset[str] = frozenset()


class AlarmOperations(Protocol):
    """The operator's alarm actions and the panel's reads (see the module docstring for the convention)."""

    # ------------------------------------------------------------ reads (a cache; any thread)
    @property
    def config(self) -> AlarmConfig:
        """The centre's lifecycle settings (what may be shelved, for how long, what needs a note)."""
        ...

    def open_views(self) -> list[AlarmView]:
        """Open alarms, most severe and oldest unacknowledged first."""
        ...

    def view(self, alarm_id: int) -> AlarmView | None:
        """One open alarm's row; None if it is closed or unknown."""
        ...

    def unacknowledged_count(self) -> int:
        ...

    # ------------------------------------------------------------ operations (futures; never raise)
    def acknowledge(self, alarm_id: int, user: AlarmUser, note: str = "") -> Future[AlarmView]:
        ...

    def add_action(self, alarm_id: int, user: AlarmUser, action: str, note: str = "") -> Future[AlarmView]:
        """Record an action taken, one of ``arm.alarms.views.OPERATOR_ACTIONS`` (a note needs text)."""
        ...

    def add_note(self, alarm_id: int, user: AlarmUser, note: str) -> Future[AlarmView]:
        ...

    def shelve(self, alarm_id: int, user: AlarmUser, duration: timedelta, reason: str) -> Future[AlarmView]:
        """Off the screen for ``duration`` (at most ``config.max_shelve``), with a reason."""
        ...

    def unshelve(self, alarm_id: int, user: AlarmUser) -> Future[AlarmView]:
        ...

    def close(self, alarm_id: int, user: AlarmUser, resolution: Resolution, note: str = "",
              report: Report | None = None) -> Future[AlarmView]:
        """Close with a resolution; a confirmed violation writes the violation journal entry (``report``)."""
        ...

    def detail(self, alarm_id: int, user: AlarmUser, with_person: bool = True) -> Future[AlarmDetail]:
        """The detail pane's data; viewing the person's card (``with_person``) is audited."""
        ...

    def handover(self, user: AlarmUser) -> Future[HandoverReport]:
        """The shift handover report (audited)."""
        ...
