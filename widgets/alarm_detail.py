"""The detail pane: the alarm, the person's card, device state and the events around it.

Filled from an :class:`arm.alarms.views.AlarmDetail` loaded on the alarm
worker (the panel asks, this pane only renders). Personal data appears only
if the user's role may see it; the manager audits the view. A voice-message
alarm gets a "Listen…" action above the text (``widgets.voice_messages``:
the person card's player, with its role checks and audit rows).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from arm import messages
from arm.alarms.views import AlarmDetail, AlarmView
from arm.caseload import reference
from arm.geo import describe
from widgets.alarm_text import (
    action_note_text,
    action_text,
    incident_text,
    kind_text,
    priority_text,
    state_text,
    view_explanation,
)
from widgets.event_text import fields_text
from widgets.event_text import kind_text as event_kind_text
from widgets.i18n import current_language
from widgets.voice_messages import VoiceAlarmAction


def device_type_text(code: str) -> str:
    """A device type in words ("BRC" -> "браслет"), from the core catalogue; an unknown type as it is."""
    return messages.text(f"device_type.{code}", current_language()) or code


class AlarmDetailPane(QWidget):
    def __init__(self, format_time: Callable[[datetime | None], str], parent: QWidget | None = None, *,
                 timezone: Callable[[], ZoneInfo] | None = None, ctx: Any = None) -> None:
        super().__init__(parent)
        self._format_time = format_time
        #: the desk time zone (asked each time: the settings may change it); times in explanations use it
        self._timezone = timezone
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setObjectName("alarmDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        #: "Listen…" for voice-message alarms (needs the app context: user, database worker)
        self.voice: VoiceAlarmAction | None = VoiceAlarmAction(ctx, self) if ctx is not None else None
        if self.voice is not None:
            layout.addWidget(self.voice)
        layout.addWidget(self.browser)
        self.detail: AlarmDetail | None = None
        self.clear()

    def clear(self) -> None:
        self.detail = None
        if self.voice is not None:
            self.voice.show_for(None)
        self.browser.setHtml(f"<p><i>{escape(self.tr('Select an alarm to see its details.'))}</i></p>")

    def show_loading(self, alarm: AlarmView) -> None:
        self.detail = None
        if self.voice is not None:
            self.voice.show_for(None)
        self.browser.setHtml(self._header(alarm) + f"<p><i>{escape(self.tr('Loading…'))}</i></p>")

    def show_error(self, text: str) -> None:
        self.browser.setHtml(f"<p style='color:#c62828'>{escape(text)}</p>")

    def show_detail(self, detail: AlarmDetail, personal_data: bool) -> None:
        self.detail = detail
        if self.voice is not None:
            self.voice.show_for(detail.alarm)
        # the alarm's own history first: what was done matters more than an hour of raw device events
        parts = [self._header(detail.alarm), self._actions(detail), self._person(detail, personal_data),
                 self._devices(detail), self._events(detail)]
        self.browser.setHtml("".join(parts))

    def text(self) -> str:
        return self.browser.toPlainText()

    # ------------------------------------------------------------ sections
    def _header(self, a: AlarmView) -> str:
        t = self._format_time
        lines = [f"<h3>{escape(priority_text(a.priority))}: {escape(kind_text(a.kind))}</h3>"]
        why = view_explanation(a, self._timezone() if self._timezone else None, datetime.now(UTC))
        if why:
            lines.append(f"<p id='why'><b>{escape(why)}</b></p>")
        lines += [f"<p>{escape(state_text(a.state))}, "
                  f"{escape(self.tr('acknowledged') if a.acknowledged else self.tr('UNACKNOWLEDGED'))}<br>"
                  f"{escape(self.tr('Raised: {time}').format(time=t(a.raised_at)))}"]
        if a.returned_at:
            lines.append(f"<br>{escape(self.tr('Returned to normal: {time}').format(time=t(a.returned_at)))}")
        if a.occurrences > 1:
            lines.append(f"<br>{escape(self.tr('Occurred {count} times').format(count=a.occurrences))}")
        if a.escalated_at:
            lines.append(f"<br><b>{escape(self.tr('Escalated to the supervisor at {time}').format(time=t(a.escalated_at)))}</b>")
        if a.incident_explanation:
            lines.append(f"<br>{escape(self.tr('Incident: {text}').format(text=incident_text('', a.incident_explanation)))}")
        lines.append("</p>")
        return "".join(lines)

    def _person(self, d: AlarmDetail, personal_data: bool) -> str:
        title = f"<h4>{escape(self.tr('Person'))}</h4>"
        if not personal_data:
            return title + f"<p><i>{escape(self.tr('Your role does not give access to personal data.'))}</i></p>"
        p = d.person
        if not p:
            return title + f"<p>{escape(self.tr('No person'))}</p>"
        lang = current_language()  # district and officer are reference codes: named in the reader's language
        rows = [(self.tr("Name"), p["name"]), (self.tr("IIN"), p["iin"]),
                (self.tr("Born"), p["birth_date"].strftime("%d.%m.%Y")), (self.tr("Address"), p["address"]),
                (self.tr("Phone"), p["phone"]), (self.tr("District"), reference.name(p["district"], lang)),
                (self.tr("Probation officer"), reference.name(p["officer"], lang)), (self.tr("Court decision"), p["court_decision"])]
        return title + _table(rows)

    def _status_text(self, status: str) -> str:
        texts = {
            "issued": self.tr("issued"), "in_stock": self.tr("in stock"), "repair": self.tr("in repair"),
            "unregistered": self.tr("unregistered"), "rejected": self.tr("rejected"),
            "written_off": self.tr("written off"),
        }
        return texts.get(status, status)

    def _devices(self, d: AlarmDetail) -> str:
        title = f"<h4>{escape(self.tr('Devices'))}</h4>"
        if not d.devices:
            return title + f"<p>{escape(self.tr('No device issued'))}</p>"
        head = [self.tr("Serial"), self.tr("Type"), self.tr("Status"), self.tr("Battery"), self.tr("Last contact")]
        rows = [[x["serial"], device_type_text(x["type"]), self._status_text(x["status"]), "" if x["battery"] is None else f"{x['battery']} %",
                 self._format_time(x["last_contact"])] for x in d.devices]
        extra = ""
        if d.last_position:
            lat, lon, when = d.last_position
            extra = f"<p>{escape(self.tr('Last position: {lat:.5f}, {lon:.5f} at {time}').format(lat=lat, lon=lon, time=self._format_time(when)))}"
            address = describe(lat, lon, current_language())  # the imported map's address, None without one
            extra += (f"<br>{escape(address)}" if address else "") + "</p>"
        return title + _grid(head, rows) + extra

    def _events(self, d: AlarmDetail) -> str:
        title = f"<h4>{escape(self.tr('Events around the alarm'))}</h4>"
        if not d.events:
            return title + f"<p>{escape(self.tr('No events'))}</p>"
        head = [self.tr("Time"), self.tr("Device"), self.tr("Event"), self.tr("Data")]
        return title + _grid(head, [[self._format_time(e.time), e.serial, event_kind_text(e.kind),
                                     fields_text(e.kind, e.fields) if e.fields else e.summary] for e in d.events])

    def _user_text(self, login: str) -> str:
        """Who acted: the alarm service's own changes read as words, not ``system``."""
        return self.tr("ARM (automatically)") if login == "system" else login

    def _actions(self, d: AlarmDetail) -> str:
        title = f"<h4>{escape(self.tr('History'))}</h4>"
        head = [self.tr("Time"), self.tr("User"), self.tr("Action"), self.tr("Note")]
        return title + _grid(head, [[self._format_time(a.at), self._user_text(a.user), action_text(a.action),
                                     action_note_text(a.user, a.action, a.note)] for a in d.actions])


def _table(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(str(v or '—'))}</td></tr>" for k, v in rows)
    return f"<table cellspacing='2'>{body}</table>"


def _grid(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th align='left'>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table cellspacing='4'><tr>{th}</tr>{body}</table>"
