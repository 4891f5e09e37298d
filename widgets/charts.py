"""Charts for supervisors and auditors (pyqtgraph): alarm load per day by kind or
priority, time to acknowledge and to close per operator, the alarm rate per 10
minutes against the flood line, devices by state, and one person's or
device's battery and signal history; beside them the alarm-management tables
(per-operator rates, floods, standing and shelved alarms).

The figures are computed on the database worker (``arm.reports.stats``) and
drawn here; a figure the role may not see is replaced by a short notice.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from arm import access
from arm.reports import stats
from widgets.alarm_text import kind_text, priority_text
from widgets.charts_data import collect

log = logging.getLogger("arm.gui.charts")

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


class LocalDateAxis(pg.DateAxisItem):
    """A time axis in the desk zone with numeric dates ("03.12", "14:30"): no English month names."""

    def __init__(self, timezone: Any, **kwargs: Any) -> None:
        super().__init__(orientation="bottom", **kwargs)
        self._timezone = timezone

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        fmt = "%d.%m" if spacing >= 86_400 else "%d.%m %H:%M" if spacing >= 3_600 else "%H:%M"
        zone = self._timezone()
        out = []
        for v in values:
            try:
                out.append(datetime.fromtimestamp(v, zone).strftime(fmt))
            except (OverflowError, OSError, ValueError):
                out.append("")
        return out


class ChartsPanel(QWidget):
    """The charts panel (``widgets/panels.py``: id ``charts``)."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("charts_panel")
        self.period = QComboBox(self)
        for days, text in ((1, self.tr("Last 24 hours")), (7, self.tr("Last 7 days")),
                           (30, self.tr("Last 30 days")), (90, self.tr("Last 90 days"))):
            self.period.addItem(text, days)
        self.period.setCurrentIndex(2)
        self.group_by = QComboBox(self)
        self.group_by.addItem(self.tr("by kind"), "kind")
        self.group_by.addItem(self.tr("by priority"), "priority")
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.subject = QLineEdit(self, placeholderText=self.tr("Person id or device serial"))
        self.history_button = QPushButton(self.tr("Battery and signal"), self)
        self.load_button = QPushButton(self.tr("Operator load…"), self)  # replay of the last 24 h (issue 17)
        self.load_button.clicked.connect(self.show_load)
        self.status = QLabel(self)
        self.plots = pg.GraphicsLayoutWidget(self)
        self.per_day = self.plots.addPlot(row=0, col=0, title=self.tr("Alarms per day"))
        self.response = self.plots.addPlot(row=0, col=1, title=self.tr("Median time to acknowledge / close, min"))
        self.rate = self.plots.addPlot(row=1, col=0, title=self.tr("Alarms per 10 minutes (flood line: 10)"),
                                       axisItems={"bottom": LocalDateAxis(timezone=lambda: self.ctx.timezone)})
        self.devices = self.plots.addPlot(row=1, col=1, title=self.tr("Devices by state"))
        self.history = self.plots.addPlot(row=2, col=0, colspan=2, title=self.tr("Battery, % and signal, dBm"),
                                          axisItems={"bottom": LocalDateAxis(timezone=lambda: self.ctx.timezone)})
        # Colours per widget, not pg.setConfigOptions: other panels may use pyqtgraph too.
        self.plots.setBackground("w")
        for plot in (self.per_day, self.response, self.rate, self.devices, self.history):
            plot.setTitle(plot.titleLabel.text, color="#333")
            for side in ("left", "bottom"):
                plot.getAxis(side).setPen("#555")
                plot.getAxis(side).setTextPen("#333")
        legend_brush = pg.mkBrush(255, 255, 255, 215)
        for plot in (self.per_day, self.response, self.history):
            plot.addLegend(offset=(-5, 5), brush=legend_brush, labelTextSize="8pt", labelTextColor="#333", colCount=2)
        self.per_day.setLabel("left", self.tr("alarms"))
        self.tables = QTabWidget(self)
        self.operators_table = self._table([self.tr("Operator"), self.tr("Alarms"), self.tr("Ack median, s"),
                                            self.tr("Close median, min"), self.tr("Per 10 min, mean"),
                                            self.tr("Per 10 min, max")])
        self.floods_table = self._table([self.tr("Flood from"), self.tr("to"), self.tr("Alarms")])
        self.standing_table = self._table([self.tr("No."), self.tr("Raised at"), self.tr("Kind"), self.tr("Person")])
        self.shelved_table = self._table([self.tr("No."), self.tr("Raised at"), self.tr("Kind"), self.tr("Person")])
        self.tables.addTab(self.operators_table, self.tr("Operators"))
        self.tables.addTab(self.floods_table, self.tr("Floods"))
        self.tables.addTab(self.standing_table, self.tr("Standing"))
        self.tables.addTab(self.shelved_table, self.tr("Shelved"))
        self._layout()
        self.refresh_button.clicked.connect(self.refresh)
        self.period.currentIndexChanged.connect(self.refresh)
        self.group_by.currentIndexChanged.connect(self.refresh)
        self.history_button.clicked.connect(self.show_history)
        self.subject.returnPressed.connect(self.show_history)
        self.history_button.setEnabled(access.may(ctx.user, access.Action.DEVICE_FIGURES)
                                       or access.may(ctx.user, access.Action.PERSON_FIGURES))
        self._loaded = False

    def showEvent(self, event: Any) -> None:
        """The charts load when the panel is first shown: no "Refresh" needed to see anything."""
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            QTimer.singleShot(0, self.refresh)

    # ------------------------------------------------------------ words for codes
    def _series_text(self, key: str) -> str:
        """A legend entry: an alarm kind or priority in words (never ``alcohol_positive``)."""
        text = priority_text(key) if self.group_by.currentData() == "priority" else kind_text(key)
        return text.replace("_", " ") if text == key else text

    def _status_text(self, status: str) -> str:
        texts = {
            "issued": self.tr("issued"), "in_stock": self.tr("in stock"), "repair": self.tr("in repair"),
            "unregistered": self.tr("unregistered"), "rejected": self.tr("rejected"),
            "written_off": self.tr("written off"),
        }
        return texts.get(status, status.replace("_", " "))

    def _figure_text(self, name: str) -> str:
        texts = {
            "per_day": self.tr("alarms per day"), "operators": self.tr("operators' times"),
            "rate": self.tr("alarms per 10 minutes"), "floods": self.tr("floods"),
            "standing_shelved": self.tr("standing and shelved alarms"), "devices": self.tr("devices by state"),
        }
        return texts.get(name, name.replace("_", " "))

    def _table(self, heads: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(heads), self)
        table.setHorizontalHeaderLabels(heads)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _layout(self) -> None:
        top = QHBoxLayout()
        for w in (QLabel(self.tr("Period"), self), self.period, self.group_by, self.refresh_button, self.load_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.subject)
        top.addWidget(self.history_button)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.plots)
        split.addWidget(self.tables)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

    # ------------------------------------------------------------ data
    def _window(self) -> tuple[datetime, datetime]:
        end = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
        return end - timedelta(days=int(self.period.currentData())), end

    def show_load(self) -> None:
        """The operator-load chart: the last 24 hours replayed (widgets/replay_load.py)."""
        from widgets.replay_load import ReplayLoadDialog

        self.load_dialog = ReplayLoadDialog(self.ctx, self)
        self.load_dialog.show()

    def refresh(self) -> None:
        start, end = self._window()
        user, tz, by = self.ctx.user, self.ctx.timezone, self.group_by.currentData()
        self.status.setText(self.tr("Computing…"))
        self.ctx.read(lambda s: collect(s, user, start, end, tz, by), on_done=self._draw,
                      on_error=lambda e: self.status.setText(self.tr("Charts unavailable: {error}").format(
                          error=str(e))))

    def show_history(self) -> None:
        text = self.subject.text().strip()
        if not text:
            self.status.setText(self.tr("Enter a person id or a device serial."))
            return
        start, end = self._window()
        user = self.ctx.user
        person_id = int(text) if text.isdigit() else None
        serial = None if person_id is not None else text

        def work(session: Any) -> list[Any]:
            return stats.battery_history(session, user, person_id=person_id, serial=serial, start=start, end=end)

        self.ctx.write(work, on_done=self._draw_history,
                       on_error=lambda e: self.status.setText(self.tr("History unavailable: {error}").format(
                           error=str(e))))

    # ------------------------------------------------------------ drawing
    def _draw(self, figures: dict[str, Any]) -> None:
        denied = figures.pop("denied", [])
        self._draw_per_day(figures.get("per_day"))
        self._draw_response(figures.get("operators"))
        self._draw_rate(figures.get("rate"), figures.get("start"))
        self._draw_devices(figures.get("devices"))
        self._fill_tables(figures)
        notice = self.tr(" Not available to your role: {names}.").format(names=", ".join(self._figure_text(d) for d in denied)) if denied else ""
        self.status.setText(self.tr("Updated {time}.").format(time=self.ctx.format_time(datetime.now(UTC))) + notice)

    def _draw_per_day(self, per_day: dict[Any, dict[str, int]] | None) -> None:
        self.per_day.clear()
        if not per_day:
            return
        days = sorted(per_day)
        keys = sorted({k for v in per_day.values() for k in v})
        bottom = [0.0] * len(days)
        for i, key in enumerate(keys):
            heights = [per_day[d].get(key, 0) for d in days]
            self.per_day.addItem(pg.BarGraphItem(x=list(range(len(days))), height=heights, y0=bottom, width=0.8,
                                                 brush=PALETTE[i % len(PALETTE)], name=self._series_text(key)))
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        self.per_day.setYRange(0, max(bottom, default=1) * 1.5, padding=0)  # room for the legend above the bars
        step = max(1, len(days) // 6)
        self.per_day.getAxis("bottom").setTicks([[(i, d.strftime("%d.%m")) for i, d in enumerate(days)][::step]])

    def _draw_response(self, ops: list[stats.OperatorTimes] | None) -> None:
        self.response.clear()
        if not ops:
            return
        xs = list(range(len(ops)))
        self.response.addItem(pg.BarGraphItem(x=[x - 0.2 for x in xs], height=[o.ack_median_s / 60 for o in ops],
                                              width=0.38, brush=PALETTE[0], name=self.tr("acknowledge")))
        self.response.addItem(pg.BarGraphItem(x=[x + 0.2 for x in xs],
                                              height=[(o.close_median_s or 0) / 60 for o in ops], width=0.38,
                                              brush=PALETTE[3], name=self.tr("close")))
        top = max([o.ack_median_s / 60 for o in ops] + [(o.close_median_s or 0) / 60 for o in ops], default=1)
        self.response.setYRange(0, top * 1.4, padding=0)
        self.response.getAxis("bottom").setTicks([[(x, o.operator) for x, o in zip(xs, ops, strict=True)]])

    def _draw_rate(self, rate: list[tuple[float, int]] | None, start: Any) -> None:
        self.rate.clear()
        if not rate:
            return
        xs = [x for x, _ in rate]
        self.rate.plot(xs, [n for _, n in rate], pen=pg.mkPen(PALETTE[0], width=1), antialias=True)
        self.rate.addLine(y=stats.FLOOD_PER_10_MIN, pen=pg.mkPen(PALETTE[1], width=2, style=Qt.PenStyle.DashLine))

    def _draw_devices(self, devices: dict[str, int] | None) -> None:
        self.devices.clear()
        if not devices:
            return
        states = sorted(devices)
        self.devices.addItem(pg.BarGraphItem(x=list(range(len(states))), height=[devices[s] for s in states],
                                             width=0.7, brush=PALETTE[2]))
        self.devices.getAxis("bottom").setTicks([[(i, self._status_text(s)) for i, s in enumerate(states)]])

    def _draw_history(self, rows: list[tuple[datetime, int | None, int | None]]) -> None:
        self.history.clear()
        if not rows:
            self.status.setText(self.tr("No battery reports in this period."))
            return
        xs = [t.timestamp() for t, _, _ in rows]
        self.history.plot(xs, [b if b is not None else float("nan") for _, b, _ in rows],
                          pen=pg.mkPen(PALETTE[2], width=2), name=self.tr("battery, %"), antialias=True)
        self.history.plot(xs, [r if r is not None else float("nan") for _, _, r in rows],
                          pen=pg.mkPen(PALETTE[4], width=1), name=self.tr("signal, dBm"), antialias=True)
        self.status.setText(self.tr("{count} battery reports.").format(count=len(rows)))

    def _fill_tables(self, figures: dict[str, Any]) -> None:
        ops = figures.get("operators") or []
        self._rows(self.operators_table, [
            [o.operator, o.alarms, f"{o.ack_median_s:.0f}",
             "—" if o.close_median_s is None else f"{o.close_median_s / 60:.1f}",
             f"{o.per_10min_mean:.2f}", o.per_10min_max] for o in ops])
        self._rows(self.floods_table, [[self.ctx.format_time(f.start, seconds=False),
                                        self.ctx.format_time(f.end, seconds=False), f.alarms]
                                       for f in figures.get("floods") or []])
        ss = figures.get("standing_shelved") or {}
        for table, key in ((self.standing_table, "standing"), (self.shelved_table, "shelved")):
            self._rows(table, [[i, self.ctx.format_time(t, seconds=False), kind_text(k), p or ""]
                               for i, t, k, p in ss.get(key, [])])
        self.tables.setTabText(1, self.tr("Floods ({n})").format(n=len(figures.get("floods") or [])))
        self.tables.setTabText(2, self.tr("Standing ({n})").format(n=len(ss.get("standing", []))))
        self.tables.setTabText(3, self.tr("Shelved ({n})").format(n=len(ss.get("shelved", []))))

    @staticmethod
    def _rows(table: QTableWidget, rows: list[list[Any]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(str(value))
                if isinstance(value, (int, float)):
                    item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                table.setItem(r, c, item)
