"""The supervisor's chart of operator load: the last 24 hours replayed (issue 17, docs/replay.md).

The figures come from :func:`arm.replay.run.load_report` (the real rules and
alarms over the stored events, in a scratch database; access checked and
audited there), computed on the database worker. The chart shows the
incidents an operator desk would have been presented hour by hour against the
ISA-18.2 line of 6 an hour, and the raw alarm conditions behind them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pyqtgraph as pg
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from arm.access import AccessDenied
from widgets.fit import FitTitle

ACCEPTABLE_PER_HOUR = 6.0


class ReplayLoadDialog(FitTitle, QDialog):
    """Replays the last 24 hours and draws the load per desk."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Operator load"))
        self.desks = QSpinBox(self)
        self.desks.setRange(1, 50)
        self.desks.setValue(4)
        self.tuned = QCheckBox(self.tr("Hold technical conditions (tuned)"), self)
        self.tuned.setToolTip(self.tr("Strap knocks, dead zones, low batteries and lost fixes reach the operator "
                                      "only if they last (docs/replay.md)"))
        self.run_button = QPushButton(self.tr("Replay the last 24 hours"), self)
        self.run_button.clicked.connect(self.run)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.plot = pg.PlotWidget(self)
        self.plot.setBackground("w")
        self.plot.setTitle(self.tr("Incidents per desk per hour (line: 6 an hour)"), color="#333")
        self.plot.setLabel("bottom", self.tr("hour"))
        self.plot.addLegend(offset=(-5, 5), labelTextColor="#333")
        self.figures: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, text in (
            ("raw", self.tr("Raw alarm conditions")),
            ("technical", self.tr("Technical share")),
            ("alarms", self.tr("Alarms raised")),
            ("incidents", self.tr("Incidents presented")),
            ("per_desk", self.tr("Incidents per desk per hour, mean / peak")),
            ("floods", self.tr("Flood periods (over 10 in 10 min per desk)")),
            ("other", self.tr("Chattering / standing / stale")),
        ):
            self.figures[key] = QLabel("—", self)
            form.addRow(text, self.figures[key])
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Desks"), self))
        top.addWidget(self.desks)
        top.addWidget(self.tuned)
        top.addStretch(1)
        top.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        layout.addLayout(form)
        layout.addWidget(self.status)
        self.resize(900, 620)

    def _tz(self) -> ZoneInfo:
        tz = getattr(self.ctx, "timezone", None)
        return tz if isinstance(tz, ZoneInfo) else ZoneInfo("Asia/Almaty")

    def run(self) -> None:
        from arm.replay.run import load_report

        end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        start = end - timedelta(hours=24)
        self.run_button.setEnabled(False)
        self.status.setText(self.tr("Replaying…"))
        desks, tuned = self.desks.value(), self.tuned.isChecked()
        self.ctx.run_in_worker(lambda: load_report(self.ctx.db, self.ctx.user, start, end, desks=desks, tuned=tuned),
                               on_done=self.show_report, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.run_button.setEnabled(True)
        if isinstance(exc, AccessDenied):
            self.status.setText(self.tr("Your role may not see alarm figures."))
        else:
            self.status.setText(self.tr("The replay failed: {error}").format(error=str(exc)))

    def show_report(self, report: Any) -> None:
        """Draw the figures of a :class:`arm.replay.run.ReplayReport`."""
        self.run_button.setEnabled(True)
        f = report.figures
        desks = max(1, int(f["desks"]))
        inc, raw_count = f["incidents_presented"], f["raw_alarm_conditions"]
        start = datetime.fromisoformat(f["period"]["from"]).astimezone(self._tz())
        hours = list(range(len(inc["hourly"])))
        raw_hourly = [0] * len(hours)
        for c in report.result.conditions:
            i = int((c.at - report.result.start).total_seconds() // 3600)
            if 0 <= i < len(raw_hourly):
                raw_hourly[i] += 1
        self.plot.clear()
        self.plot.addItem(pg.BarGraphItem(x=hours, height=[n / desks for n in inc["hourly"]], width=0.7,
                                          brush="#1f77b4", name=self.tr("incidents per desk")))
        self.plot.plot(hours, [n / desks for n in raw_hourly], pen=pg.mkPen("#d62728", width=2),
                       name=self.tr("raw conditions per desk"))
        self.plot.addItem(pg.InfiniteLine(pos=ACCEPTABLE_PER_HOUR, angle=0,
                                          pen=pg.mkPen("#2ca02c", width=2, style=pg.QtCore.Qt.PenStyle.DashLine)))
        axis = self.plot.getAxis("bottom")
        axis.setTicks([[(h, f"{(start + timedelta(hours=h)).hour:02d}") for h in hours[::2]]])
        share = f["technical_share_raw"]
        self.figures["raw"].setText(str(raw_count))
        self.figures["technical"].setText("—" if share is None else f"{share:.0%}")
        self.figures["alarms"].setText(str(f["alarms_raised"]))
        ratio = f["incidents_share_of_raw"]
        self.figures["incidents"].setText(f"{inc['total']}" + ("" if ratio is None else f" ({ratio:.0%})"))
        self.figures["per_desk"].setText(f"{inc['per_desk_per_hour']} / {inc['per_desk_peak_hour']}")
        self.figures["floods"].setText(str(f["annunciations"]["flood_periods_10_min"]))
        self.figures["other"].setText(f"{f['chattering_conditions']} / {f['standing_alarms']} / {f['stale_alarms']}")
        self.status.setText(self.tr("{events} events replayed in {seconds} s.").format(
            events=f["events"], seconds=f"{f['replay_seconds']:.1f}"))
