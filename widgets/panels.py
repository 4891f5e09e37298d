"""The registry of panels that the main window composes.

Each feature area owns its panel; the main window only knows this table. A
panel's module is imported lazily when the window is built, and a panel whose
module is missing or fails (being written, a broken import, an exception in its
constructor) is replaced by a placeholder that says what is unavailable: one
broken panel never takes the workstation down.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from widgets.context import AppContext

log = logging.getLogger("arm.gui.panels")

ALL_ROLES = frozenset({"operator", "supervisor", "technician", "administrator"})
#: Alarm handling needs personal data (arm.access): operators and supervisors.
ALARM_ROLES = frozenset({"operator", "supervisor"})
MONITORING_ROLES = frozenset({"operator", "supervisor", "administrator"})
DEVICE_ROLES = frozenset({"technician", "supervisor", "administrator"})

#: Dock areas; "center" is the central widget, "action" opens from a menu.
AREAS = {
    "left": Qt.DockWidgetArea.LeftDockWidgetArea,
    "right": Qt.DockWidgetArea.RightDockWidgetArea,
    "bottom": Qt.DockWidgetArea.BottomDockWidgetArea,
    "top": Qt.DockWidgetArea.TopDockWidgetArea,
}


@dataclass(frozen=True)
class PanelSpec:
    """How to find and place one panel."""

    id: str
    title: str  # English source text, translated in the "Panels" context
    module: str
    cls: str
    roles: frozenset[str] = ALL_ROLES
    area: str = "right"  # left/right/bottom/top/center/action
    #: When two panels share an area, the later one is tabbed behind this one.
    tab_with: str | None = None
    #: The constructor also takes ``map_view=`` (the map panel, when it loaded).
    with_map: bool = False

    def translated_title(self) -> str:
        return QCoreApplication.translate("Panels", self.title)

    def allowed(self, role: str) -> bool:
        return role in self.roles


PANELS: tuple[PanelSpec, ...] = (
    # Positions and tracks are personal data: not for technicians (they see holders' names only).
    PanelSpec(
        "map", QT_TRANSLATE_NOOP("Panels", "Map"), "maps.map_view", "MapView",
        roles=MONITORING_ROLES, area="center",
    ),
    PanelSpec(
        "alarms", QT_TRANSLATE_NOOP("Panels", "Alarms"), "widgets.alarm_panel", "AlarmPanel",
        roles=ALARM_ROLES, area="right",
    ),
    PanelSpec(
        "persons", QT_TRANSLATE_NOOP("Panels", "Persons"), "widgets.person_list", "PersonListPanel",
        area="left",
    ),
    PanelSpec(
        "devices", QT_TRANSLATE_NOOP("Panels", "Device status"), "widgets.device_status",
        "DeviceStatusPanel", area="bottom",
    ),
    PanelSpec(
        "inventory", QT_TRANSLATE_NOOP("Panels", "Device inventory"), "widgets.device_inventory",
        "DeviceInventory", roles=DEVICE_ROLES, area="bottom", tab_with="devices",
    ),
    PanelSpec(
        "journals", QT_TRANSLATE_NOOP("Panels", "Journals"), "widgets.journal_view", "JournalReview",
        # technicians get the device issue/return journal only (arm/access.py decides per journal)
        roles=MONITORING_ROLES | {"technician"}, area="bottom", tab_with="devices",
    ),
    PanelSpec(
        "charts", QT_TRANSLATE_NOOP("Panels", "Charts"), "widgets.charts", "ChartsPanel",
        roles=frozenset({"supervisor", "administrator"}), area="bottom", tab_with="devices",
    ),
    PanelSpec(
        "users", QT_TRANSLATE_NOOP("Panels", "User accounts"), "widgets.user_admin", "UserAdminPanel",
        roles=frozenset({"administrator"}), area="bottom", tab_with="devices",
    ),
    PanelSpec(
        "reference", QT_TRANSLATE_NOOP("Panels", "Reference lists"), "widgets.reference_admin",
        "ReferenceAdminPanel", roles=frozenset({"administrator"}), area="bottom", tab_with="devices",
    ),
    PanelSpec(
        "zones", QT_TRANSLATE_NOOP("Panels", "Zone editor"), "maps.zone_editor", "ZoneEditor",
        roles=frozenset({"supervisor", "administrator"}), area="right", tab_with="alarms", with_map=True,
    ),
)

#: Dialogs opened from a menu or toolbar action rather than docked.
ACTIONS: tuple[PanelSpec, ...] = (
    PanelSpec(
        "pairing", QT_TRANSLATE_NOOP("Panels", "Pair a device…"), "widgets.pairing_wizard",
        "PairingWizard", roles=DEVICE_ROLES, area="action",
    ),
)


def panels_for(role: str) -> list[PanelSpec]:
    return [spec for spec in PANELS if spec.allowed(role)]


def actions_for(role: str) -> list[PanelSpec]:
    return [spec for spec in ACTIONS if spec.allowed(role)]


class PlaceholderPanel(QWidget):
    """Stands in for a panel that could not be loaded, and says why."""

    def __init__(self, spec: PanelSpec, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.reason = reason
        self.setObjectName(f"placeholder_{spec.id}")
        self.setProperty("placeholder", True)
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self._label.setText(
            self.tr("The panel “{title}” is not available.\n{reason}").format(
                title=self.spec.translated_title(), reason=self.reason
            )
        )

    def changeEvent(self, event) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def load_class(spec: PanelSpec) -> type:
    """Import the panel's class (raises ImportError/AttributeError if unavailable)."""
    module = importlib.import_module(spec.module)
    return getattr(module, spec.cls)


def load_panel(
    spec: PanelSpec, ctx: AppContext, parent: QWidget | None = None, map_view: QWidget | None = None
) -> QWidget:
    """Build the panel, or a placeholder saying why it could not be built."""
    try:
        cls = load_class(spec)
    except ImportError as exc:
        log.warning("panel %s unavailable: %s", spec.id, exc)
        return PlaceholderPanel(spec, _reason_missing(exc), parent)
    except Exception as exc:
        log.exception("panel %s failed to import", spec.id)
        return PlaceholderPanel(spec, _reason_failed(exc), parent)
    try:
        # a panel that works on the map (the zone editor draws on it) gets the window's map,
        # not a second map page of its own
        widget = cls(ctx, parent, map_view=map_view) if spec.with_map and map_view is not None else cls(ctx, parent)
    except Exception as exc:
        log.exception("panel %s failed to start", spec.id)
        return PlaceholderPanel(spec, _reason_failed(exc), parent)
    if not isinstance(widget, QWidget):
        log.error("panel %s is not a QWidget: %r", spec.id, widget)
        return PlaceholderPanel(spec, f"{spec.cls} is not a widget", parent)
    return widget


def _reason_missing(exc: ImportError) -> str:
    return QCoreApplication.translate("Panels", "Its module is not installed ({error}).").format(
        error=exc.name or exc
    )


def _reason_failed(exc: BaseException) -> str:
    return QCoreApplication.translate("Panels", "It failed to start: {error}").format(
        error=f"{type(exc).__name__}: {exc}"
    )
