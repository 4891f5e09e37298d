"""The real start-up path: database, demo seed, service with plugins, log-in, window, shutdown."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from arm.bus import Bus
from arm.config import Settings
from db.models import AuditEntry
from widgets import app as arm_app
from widgets.login_dialog import LoginDialog
from widgets.main_window import MainWindow

from .conftest import PASSWORD


def _find(kind: type) -> Any:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)


def test_demo_start_log_in_and_close(qapp: Any, tmp_data_dir: Path, qtbot: Any) -> None:
    import qasync

    seen: dict[str, Any] = {}

    def drive() -> None:
        login = _find(LoginDialog)
        if login is not None and login.buttons.isEnabled():
            if "login" not in seen:
                seen["login"] = login.login_edit.text()  # the demo pre-fills the operator
                login.password_edit.setText("demo1234")
                login.submit()
            elif "second_login" not in seen and seen.get("logged_out"):
                seen["second_login"] = login.login_edit.text()
                login.login_edit.setText("supervisor")
                login.password_edit.setText("demo1234")
                login.submit()
        window = _find(MainWindow)
        if window is None or id(window) in seen.setdefault("windows", set()):
            return
        seen["windows"].add(id(window))
        if window.ctx.login == "operator":
            QTimer.singleShot(300, lambda: _log_out(window))
        else:
            QTimer.singleShot(1500, lambda: _close(window))

    def _log_out(window: MainWindow) -> None:
        seen["logged_out"] = True
        window.log_out()
        if window.logout_box is not None and window.logout_box.isVisible():  # unacknowledged demo alarms: asked
            window.logout_box.button(QMessageBox.StandardButton.Yes).click()

    def _close(window: MainWindow) -> None:
        seen["rows"] = window.panels["persons"].model.rowCount()
        seen["service"] = window.service_label.text()
        window.close()  # asks first: the desk stops monitoring
        seen["asked"] = window.isVisible() and window._quit_box is not None
        window._quit_box.button(QMessageBox.StandardButton.Yes).click()

    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(50)
    args = argparse.Namespace(db=None, demo=True, lang="en")
    db = arm_app.open_database(None)
    arm_app.seed_demo(db)
    bus = Bus()
    settings = Settings()
    notices = arm_app.NoticeCenter()
    service = arm_app.build_service(db, bus, settings, args, notices)
    assert service.settings.service.protocols_host == "127.0.0.1"
    # the demo plays its situations within minutes: its desk holds nothing; the saved setting stays "field"
    assert service.settings.alarms.holds == "none" and service.rules.holds is None
    assert settings.alarms.holds == "field"
    fleet_started: list[bool] = []
    real_fleet = arm_app.start_demo_fleet

    def fleet(*a: Any, **k: Any) -> Any:
        fleet_started.append(bool(seen.get("login")) and _find(LoginDialog) is None)
        return real_fleet(*a, **k)

    arm_app.start_demo_fleet = fleet  # type: ignore[assignment]
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    try:
        result = loop.run_until_complete(
            asyncio.wait_for(arm_app.run_session(qapp, db, bus, service, settings, args, notices), 60)
        )
    finally:
        arm_app.start_demo_fleet = real_fleet  # type: ignore[assignment]
        qapp.setQuitOnLastWindowClosed(True)
        timer.stop()
        asyncio.set_event_loop(None)
        loop.close()
    assert result == 0
    assert seen["login"] == "operator" and seen["second_login"] == ""
    assert seen["rows"] == 16 and "running" in seen["service"]
    assert seen["asked"]
    assert not service.running
    check = arm_app.open_database(None)
    with check.session() as s:
        trail = s.execute(select(AuditEntry.action, AuditEntry.user).where(
            AuditEntry.action.in_(("login", "logout"))).order_by(AuditEntry.id)).all()
    assert [tuple(r) for r in trail] == [("login", "operator"), ("logout", "operator"), ("login", "supervisor")]
    # the demo fleet starts once someone has logged in: no demo alarm sounds behind the log-in dialog
    assert fleet_started == [True]
    check.dispose()


def test_database_unavailable_is_a_message_not_a_traceback(tmp_data_dir: Path) -> None:
    from db.session import DatabaseUnavailable

    with pytest.raises(DatabaseUnavailable, match="folder"):
        arm_app.open_database(f"sqlite:///{tmp_data_dir}/missing/dir/arm.sqlite3")


def test_main_reports_an_unusable_database_and_exits_1(
    qapp: Any, tmp_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import threading

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown: list[str] = []

    def dismiss() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, dismiss)

    QTimer.singleShot(20, dismiss)
    args = argparse.Namespace(db=f"sqlite:///{tmp_data_dir}/no/such/folder/arm.sqlite3", demo=False, lang="en")
    try:
        assert arm_app.main(args) == 1
    finally:
        pass
        qapp.setQuitOnLastWindowClosed(True)
        asyncio.set_event_loop(None)
    assert shown and "folder" in shown[0]


def test_remote_service_mode_drives_the_status_bar(
    qapp: Any, qtbot: Any, tmp_data_dir: Path, db: Any, users: dict
) -> None:
    """Settings say "remote": the desk talks to a real `arm serve` desk API over a socket.

    A plain asyncio loop that lets Qt process its events while it waits: a second
    qasync loop in one test process ends with app.exit(), which fires the map's
    aboutToQuit clean-up of another test's windows.
    """
    import socket

    from arm.desk_api import plugin as desk_api
    from arm.service import MonitoringService
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = MonitoringService(db, Bus(), Settings())
    desk_api.configure(server, Settings().with_overrides(
        {"service.desk_api_port": port, "service.desk_tokens": {"desk1": "desk1-secret-token"}}))
    settings = Settings()
    settings.service.mode = "remote"
    settings.service.remote_url = f"ws://127.0.0.1:{port}"
    settings.service.remote_token = "desk1-secret-token"
    bus = Bus()
    remote = arm_app.build_service(db, bus, settings, None)
    assert type(remote).__name__ == "RemoteService"
    loop = asyncio.new_event_loop()
    ctx = AppContext(db=db, service=remote, bus=bus, bridge=QtBridge(bus), user=users["operator"], settings=settings)
    window = MainWindow(ctx, only=frozenset())
    qtbot.addWidget(window)

    async def shows(word: str) -> str:
        for _ in range(200):
            qapp.processEvents()  # the bridge delivers on the GUI thread
            if word in window.service_label.text():
                break
            await asyncio.sleep(0.02)
        return window.service_label.text()

    async def logs_in(password: str) -> LoginDialog:
        """The log-in dialog of a remote desk: the password is checked by the service (session.login)."""
        dialog = LoginDialog(db, authenticator=arm_app.remote_authenticator(remote))
        qtbot.addWidget(dialog)
        dialog.login_edit.setText("operator1")
        dialog.password_edit.setText(password)
        dialog.submit()
        for _ in range(500):
            qapp.processEvents()
            if dialog.user is not None or dialog.password_error.text():
                break
            await asyncio.sleep(0.02)
        return dialog

    async def scenario() -> tuple[str, str]:
        await server.start()
        await remote.start()
        refused = await logs_in("not the password")
        assert refused.user is None and remote.user is None
        assert refused.password_error.text() == "⚠ Wrong password."
        accepted = await logs_in(PASSWORD)
        assert accepted.user is not None and accepted.user.login == "operator1" and accepted.user.role == "operator"
        assert remote.user == accepted.user
        up = await shows("running")
        await server.stop()
        down = await shows("stopped")
        await remote.stop()
        return up, down

    try:
        up, down = loop.run_until_complete(asyncio.wait_for(scenario(), 30))
    finally:
        ctx.close()
        loop.close()
    assert "running" in up
    assert "stopped" in down and "disconnected" in down
    assert window.service_label.property("state") == "alarm"


def test_a_desk_without_the_demo_holds_technical_alarms(tmp_data_dir: Path) -> None:
    db = arm_app.open_database(None)
    try:
        service = arm_app.build_service(db, Bus(), Settings(), argparse.Namespace(db=None, demo=False))
        assert service.settings.alarms.holds == "field" and service.rules.holds is not None
        none = Settings()
        none.alarms.holds = "none"
        assert arm_app.build_service(db, Bus(), none, argparse.Namespace(db=None, demo=False)).rules.holds is None
    finally:
        db.dispose()
