"""Roles by operations in the GUI: the real main window, logged in through the real dialog (issue 13).

Each role logs in with its password (``LoginDialog``, argon2id), the main
window composes its panels from the registry, and the alarm panel enables
only what the role and its districts allow. A disabled button is a
convenience: the keys still call the operation, so a forced action reaches
the core, which refuses it (``arm.access``) and the panel shows the refusal
translated (``widgets.alarm_text``), in Russian and Kazakh too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select, update

from arm import auth
from arm.alarm_view import AlarmView
from arm.alarms.scenario import World, later, local
from arm.auth import CurrentUser
from arm.config import Settings
from arm.service import MonitoringService
from db.models import AuditEntry, User
from widgets import i18n, panels
from widgets.alarm_model import ViewRole
from widgets.alarm_panel import AlarmPanel
from widgets.alarm_text import error_text
from widgets.context import AppContext
from widgets.login_dialog import LoginDialog
from widgets.main_window import MainWindow
from widgets.qt_bridge import QtBridge

PASSWORD = "correct horse 42"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
OWN, OTHER = "Алмалинский", "Бостандыкский"
HOME = (43.2567, 76.9286)
T0 = local(2026, 11, 20, 12, 0)

#: the panels each role finds in its window (every docked panel of the registry; the map is the centre)
PANELS_BY_ROLE = {
    "operator": {"alarms", "persons", "devices", "journals"},
    "supervisor": {"alarms", "persons", "devices", "inventory", "journals", "charts", "zones"},
    "technician": {"persons", "devices", "inventory", "journals"},
    "administrator": {"persons", "devices", "inventory", "journals", "charts", "zones", "users", "reference"},
}
HANDLING = ("acknowledge", "note", "action", "shelve", "close")


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2id, with small cost parameters (as tests/gui)."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(autouse=True)
def _english(qapp: Any) -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def qm_dir(tmp_path: Path) -> Path:
    """The project's own translations, compiled for this test (the .qm files are build products)."""
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease, "pyside6-lrelease is part of PySide6"
    for lang in ("ru", "kk"):
        subprocess.run([lrelease, str(TRANSLATIONS / f"arm_{lang}.ts"), "-qm", str(tmp_path / f"arm_{lang}.qm")],
                       check=True, capture_output=True)
    return tmp_path


@pytest.fixture
def world(db: Any, bus: Any, ingest: Any) -> Iterator[World]:
    """Two persons in two districts, each with a tamper and a mains-lost alarm; an account per role."""
    w = World(db, bus, ingest)
    for i, (last, district) in enumerate((("Ахметов", OWN), ("Бекова", OTHER)), 1):
        pid = w.seed.person(last, "Ержан", district=district, home=HOME)
        w.seed.kit(pid, str(i), ("BRC", "SKU", "TRK"))
    w.reload()
    w.feed(*[w.ev(f"BRC-{i}", later(T0, seconds=i), "TAMPER", part="STRAP", state="OPEN") for i in (1, 2)],
           *[w.ev(f"SKU-{i}", later(T0, seconds=2 + i), "POWER", state="MAINS_LOST") for i in (1, 2)])
    with db.begin() as s:
        for role in PANELS_BY_ROLE:
            auth.create_user(s, f"{role}1", PASSWORD, role, f"Test {role.title()}")
        auth.create_user(s, "district_op", PASSWORD, "operator", "District Operator", districts=(OWN,))
    auth.reset_failures()
    yield w
    w.close()


def log_in(qtbot: Any, world: World, login: str) -> CurrentUser:
    """Through the real log-in dialog: the only way a GUI user comes to exist."""
    dialog = LoginDialog(world.db)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog._relay.done, timeout=10_000):
        dialog.submit()
    qtbot.wait(10)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.user is not None
    return dialog.user


@pytest.fixture
def contexts(qapp: Any, world: World) -> Iterator[list[AppContext]]:
    made: list[AppContext] = []
    yield made
    for ctx in made:
        ctx.close()


def context(world: World, user: CurrentUser, made: list[AppContext]) -> AppContext:
    service = MonitoringService(world.db, world.bus, Settings())
    service.alarms = world.operations  # type: ignore[attr-defined]  # what arm.alarms.plugin exposes
    ctx = AppContext(db=world.db, service=service, bus=world.bus, bridge=QtBridge(world.bus), user=user,
                     settings=Settings())
    made.append(ctx)
    return ctx


def window_for(qtbot: Any, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx, only=frozenset(spec.id for spec in panels.PANELS if spec.area != "center"))
    qtbot.addWidget(window)
    window.show()
    ctx.worker.submit(lambda: None).result(timeout=10)
    qtbot.wait(20)
    return window


def select_alarm(qtbot: Any, panel: AlarmPanel, serial: str, rows: int = 4) -> AlarmView:
    qtbot.waitUntil(lambda: panel.proxy.rowCount() >= rows, timeout=10_000)
    for row in range(panel.proxy.rowCount()):
        view = panel.proxy.index(row, 0).data(ViewRole)
        if view.device_serial == serial:
            panel.table.selectRow(row)
            return view
    raise AssertionError(f"no alarm of {serial}")


def alarm_panel(window: MainWindow) -> AlarmPanel:
    panel = window.panels["alarms"]
    assert isinstance(panel, AlarmPanel)
    return panel


def enabled(panel: AlarmPanel) -> dict[str, bool]:
    return {name: action.isEnabled() for name, action in panel.buttons.items()}


def denied_codes(world: World, login: str) -> list[str]:
    with world.db.session() as s:
        return [a.detail.get("code", "") for a in s.scalars(
            select(AuditEntry).where(AuditEntry.action == "denied", AuditEntry.user == login).order_by(AuditEntry.id))]


@pytest.mark.parametrize("role", list(PANELS_BY_ROLE))
def test_each_role_gets_its_panels_and_alarm_actions(qtbot: Any, world: World, contexts: list[AppContext],
                                                     role: str) -> None:
    user = log_in(qtbot, world, f"{role}1")
    window = window_for(qtbot, context(world, user, contexts))
    try:
        assert set(window.panels) == PANELS_BY_ROLE[role]
        assert not any(isinstance(p, panels.PlaceholderPanel) for p in window.panels.values())
        if "alarms" not in PANELS_BY_ROLE[role]:
            return
        panel = window.panels["alarms"]
        assert isinstance(panel, AlarmPanel)
        for serial in ("BRC-1", "BRC-2"):  # no districts: every alarm
            view = select_alarm(qtbot, panel, serial)
            assert all(enabled(panel).values())
        panel.acknowledge_selected()
        qtbot.waitUntil(lambda: [a for a in world.alarms() if a.id == view.id][0].acknowledged, timeout=10_000)
        assert not denied_codes(world, f"{role}1")
    finally:
        window.close()


def test_a_district_operator_sees_and_acts_on_their_district_only(qtbot: Any, world: World,
                                                                  contexts: list[AppContext], qm_dir: Path) -> None:
    user = log_in(qtbot, world, "district_op")
    ctx = context(world, user, contexts)
    window = window_for(qtbot, ctx)
    try:
        panel = alarm_panel(window)
        select_alarm(qtbot, panel, "BRC-1", rows=2)
        assert all(enabled(panel).values())
        qtbot.wait(100)
        shown = {panel.proxy.index(r, 0).data(ViewRole).district for r in range(panel.proxy.rowCount())}
        assert shown == {OWN}  # the other district's alarms are not listed

        other = next(a for a in world.alarms() if a.kind == "tamper_strap" and a.id not in
                     {panel.proxy.index(r, 0).data(ViewRole).id for r in range(panel.proxy.rowCount())})
        with pytest.raises(Exception) as caught:  # forced through the operations: the core refuses
            world.operations.acknowledge(other.id, user).result(10)  # what ctx.service.alarms is
        assert getattr(caught.value, "code", "") == "denied.district"
        assert not [a for a in world.alarms() if a.id == other.id][0].acknowledged
        assert denied_codes(world, "district_op") == ["denied.district"]
        assert i18n.set_language("ru", qm_dir)
        assert error_text("denied.district") == "Тревога касается лица из другого района."
    finally:
        window.close()


@pytest.mark.parametrize(("role", "language", "text"), [
    ("technician", "ru", "Вашей роли это не разрешено."),
    ("administrator", "kk", "Сіздің рөліңізге бұған рұқсат жоқ."),
])
def test_a_forced_action_of_a_role_without_the_right_is_refused_by_the_core(
        qtbot: Any, world: World, contexts: list[AppContext], qm_dir: Path, role: str, language: str,
        text: str) -> None:
    """No alarm panel in the window; one built by hand all the same gets nothing done."""
    user = log_in(qtbot, world, f"{role}1")
    ctx = context(world, user, contexts)
    assert "alarms" not in window_for(qtbot, ctx).panels
    panel = AlarmPanel(ctx, sound=False)
    qtbot.addWidget(panel)
    panel.show()
    view = select_alarm(qtbot, panel, "SKU-1")
    assert not any(enabled(panel)[name] for name in (*HANDLING, "handover"))
    assert i18n.set_language(language, qm_dir)
    panel.acknowledge_selected()
    qtbot.waitUntil(lambda: panel.message.text() == text, timeout=10_000)
    assert not [a for a in world.alarms() if a.id == view.id][0].acknowledged
    assert "denied.alarm_acknowledge" in denied_codes(world, f"{role}1")


def test_an_operator_disabled_while_logged_in_is_refused(qtbot: Any, world: World,
                                                         contexts: list[AppContext]) -> None:
    user = log_in(qtbot, world, "operator1")
    window = window_for(qtbot, context(world, user, contexts))
    try:
        panel = alarm_panel(window)
        view = select_alarm(qtbot, panel, "BRC-1")
        with world.db.begin() as s:
            s.execute(update(User).where(User.login == "operator1").values(active=False))
        panel.acknowledge_selected()
        qtbot.waitUntil(lambda: panel.message.text() == "Your account is disabled; ask the administrator.",
                        timeout=10_000)
        assert not [a for a in world.alarms() if a.id == view.id][0].acknowledged
        assert denied_codes(world, "operator1")[-1] == "denied.disabled_user"
    finally:
        window.close()
