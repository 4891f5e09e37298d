"""The technician sets a GT06 tracker's model in the inventory (real widgets, real SQLite).

Saving validates beside the field, stores ``devices.model`` upper-cased,
audits the change, shows it in the table and publishes ``DeviceModelChanged``
so a running GT06 listener applies it to the tracker's next report
(tests/network/test_device_models.py covers the listener side).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox
from sqlalchemy import select

from arm.protocols.device_models import DeviceModelChanged
from db.models import AuditEntry, Device, DeviceStatus, DeviceType
from tests.serial.test_device_inventory import _cell, _select
from widgets.device_inventory import DeviceInventory

pytestmark = pytest.mark.gui

GT06 = "359339075005244"
BRACELET = "BRC-000417"


@pytest.fixture
def ctx(qapp: Any, db: Any, bus: Any) -> Iterator[Any]:
    from arm import auth
    from arm.config import Settings
    from arm.service import MonitoringService
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    with db.begin() as s:
        user = auth.snapshot(auth.create_user(s, "tech1", "correct horse 42", "technician", "Test Technician"))
        s.add(Device(serial=GT06, type=DeviceType.GT06, status=DeviceStatus.IN_STOCK))
        s.add(Device(serial=BRACELET, type=DeviceType.BRC, status=DeviceStatus.IN_STOCK))
    settings = Settings()
    service = MonitoringService(db, bus, settings)
    context = AppContext(db=db, service=service, bus=bus, bridge=QtBridge(bus), user=user, settings=settings)
    yield context
    context.close()




def _model(db: Any, serial: str) -> str | None:
    with db.session() as s:
        return s.scalars(select(Device.model).where(Device.serial == serial)).one()


def test_technician_sets_and_clears_the_tracker_model(qtbot: Any, ctx: Any, db: Any, tmp_path: Path) -> None:
    published: list[DeviceModelChanged] = []
    ctx.bus.subscribe(DeviceModelChanged, published.append)
    panel = DeviceInventory(ctx)
    qtbot.addWidget(panel)
    panel.resize(1200, 480)
    panel.show()

    # only network trackers have a model
    _select(qtbot, panel, BRACELET)
    assert not panel.buttons["model"].isEnabled() and panel.model_dialog() is None
    _select(qtbot, panel, GT06)
    assert panel.buttons["model"].isEnabled()

    dlg = panel.model_dialog()
    assert dlg is not None
    combo = dlg.findChild(QComboBox, "model")
    assert "NT20" in [combo.itemText(i) for i in range(combo.count())]
    # a bad name is refused beside the field and nothing is stored
    combo.setCurrentText("NT20; DROP")
    dlg.buttons.accepted.emit()
    assert "letters A-Z" in dlg.errors["model"].text()
    combo.setCurrentText("x" * 33)
    dlg.buttons.accepted.emit()
    assert dlg.errors["model"].text() == "At most 32 characters."
    assert _model(db, GT06) is None and published == []

    dlg.show()
    dlg.grab().save(str(tmp_path / "model-dialog.png"))
    combo.setCurrentText(" nt20 ")
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: _cell(panel, GT06, "model") == "NT20", timeout=5000)
    assert _model(db, GT06) == "NT20"
    assert published == [DeviceModelChanged(GT06, "NT20")]
    assert "model NT20 saved" in panel.message.text()
    panel.grab().save(str(tmp_path / "inventory-model.png"))

    # cleared: the standard layout again
    _select(qtbot, panel, GT06)
    dlg = panel.model_dialog()
    assert dlg.findChild(QComboBox, "model").currentText() == "NT20"
    dlg.findChild(QComboBox, "model").setCurrentText("")
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: _cell(panel, GT06, "model") == "", timeout=5000)
    assert _model(db, GT06) is None and published[-1] == DeviceModelChanged(GT06, None)

    with db.session() as s:
        audit = [(a.object_id, a.detail) for a in s.scalars(select(AuditEntry).where(AuditEntry.action == "device.model"))]
    assert audit == [(GT06, {"model": "NT20", "before": None}), (GT06, {"model": None, "before": "NT20"})]


def test_cli_shows_sets_and_clears_the_model(db: Any, db_url: str, capsys: Any) -> None:
    """`arm device-model` for servers run without the GUI: same validation, same audit."""
    from arm.cli import main

    with db.begin() as s:
        s.add(Device(serial=GT06, type=DeviceType.GT06, status=DeviceStatus.IN_STOCK))
    assert main(["device-model", GT06, "--db", db_url]) == 0
    assert capsys.readouterr().out.strip() == f"{GT06}: (standard layout)"
    assert main(["device-model", GT06, "lw4g-4b", "--db", db_url]) == 0
    assert capsys.readouterr().out.strip() == f"{GT06}: LW4G-4B"
    assert _model(db, GT06) == "LW4G-4B"
    with pytest.raises(SystemExit) as exc:
        main(["device-model", GT06, "bad;model", "--db", db_url])
    assert exc.value.code == 2 and "letters A-Z" in capsys.readouterr().err
    assert main(["device-model", "359339075009999", "NT20", "--db", db_url]) == 1
    assert "no device" in capsys.readouterr().err
    assert main(["device-model", GT06, "--clear", "--db", db_url]) == 0
    assert _model(db, GT06) is None
    with db.session() as s:
        actors = [a.user for a in s.scalars(select(AuditEntry).where(AuditEntry.action == "device.model"))]
    assert len(actors) == 2 and all(a.startswith("cli") for a in actors)
