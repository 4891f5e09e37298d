"""The GUI's entry point: the only place that builds QApplication, loop and window.

Start-up order: settings -> map URL scheme (before QApplication, as Qt
requires) -> QApplication, style, language -> qasync loop -> database
(opened, migrated; a locked or missing one is a clear message) -> demo data
if asked -> monitoring service (in this process, or a remote ``arm serve``)
-> log-in -> main window. Unexpected exceptions from any thread become a
visible notice and a log entry instead of a dead window.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from arm.config import Settings

log = logging.getLogger("arm.app")

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


# ---------------------------------------------------------------- notices
class NoticeCenter:
    """Keeps unexpected errors until the window exists, then shows them there."""

    def __init__(self) -> None:
        self.pending: list[str] = []
        self.window: Any = None
        self._relay: Any = None

    def attach(self, window: Any) -> None:
        from PySide6.QtCore import QObject, Qt, Signal

        class _Relay(QObject):
            notice = Signal(str)

        self._relay = _Relay()
        self._relay.notice.connect(window.show_notice, Qt.ConnectionType.QueuedConnection)
        self.window = window
        for text in self.pending:
            self._relay.notice.emit(text)
        self.pending.clear()

    def detach(self) -> None:
        self.window = None
        self._relay = None

    def notify(self, text: str) -> None:
        if self._relay is None:
            self.pending.append(text)
        else:
            self._relay.notice.emit(text)  # queued: safe from any thread

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        self.notify(_notice_text(exc))

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread else "?"
        log.error(
            "unexpected error in thread %s:\n%s", name,
            "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)),
        )
        self.notify(_notice_text(args.exc_value))

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.threading_excepthook


def _notice_text(exc: BaseException) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "App", "An unexpected error occurred; the workstation keeps running and the error is logged.\n{error}"
    ).format(error=f"{type(exc).__name__}: {exc}")


# ---------------------------------------------------------------- pieces
def register_map_schemes() -> None:
    """maps.scheme.register_schemes() must run before the QApplication exists."""
    try:
        scheme = importlib.import_module("maps.scheme")
    except ImportError as exc:
        log.info("map URL scheme not available (%s)", exc)
        return
    except Exception:
        log.exception("maps.scheme failed to import")
        return
    try:
        scheme.register_schemes()
    except Exception:
        log.exception("registering the map URL scheme failed")


def make_application(lang: str) -> Any:
    from PySide6.QtWidgets import QApplication

    from widgets import i18n

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ARM")
    app.setOrganizationName("ARM")
    app.setApplicationDisplayName("ARM")
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "arm.svg")))
    apply_style(app)
    i18n.set_language(lang)
    from widgets.gui_gc import collect_on_gui_thread

    collect_on_gui_thread()  # a cycle freed on a worker thread would delete a widget there and crash
    return app


def apply_style(app: Any) -> None:
    qss = RESOURCES / "style.qss"
    try:
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    except OSError as exc:
        log.warning("no style sheet (%s)", exc)


def build_service(
    db: Any, bus: Any, settings: Settings, args: argparse.Namespace | None, notices: NoticeCenter | None = None
) -> Any:
    """The monitoring service: in this process, or a client of a remote ``arm serve``.

    The embedded service runs on a copy of this desk's settings with the flags
    given applied (``"section.key"`` arguments) and, for the demo, its local
    listeners. Plugins are configured one by one: an area whose configuration
    fails is reported and left out, and the desk starts with the others.
    """
    if settings.service.mode == "remote":
        client = importlib.import_module("arm.desk_api.client")
        tokens = importlib.import_module("arm.desk_api.tokens")
        # $ARM_DESK_TOKEN, service.remote_token_file or settings.json: each owner-only (else TokenFileError)
        return client.RemoteService(settings.service.remote_url, tokens.client_token(settings), bus,
                                    ca_file=settings.service.remote_ca_file or None)
    from arm.plugins import PLUGIN_MODULES
    from arm.service import MonitoringService

    effective = settings.with_overrides(vars(args or argparse.Namespace()))
    tty_dir: Path | None = None
    if getattr(args, "demo", False):
        effective, tty_dir = demo_listeners(effective)
        # the demo plays a day's situations within minutes: holds in real minutes (a 20-minute curfew
        # grace, 90 minutes of low battery) would swallow every scripted one (docs/demo.md)
        effective = effective.with_overrides({"alarms.holds": DEMO_HOLDS})
    service = MonitoringService(db, bus, effective)
    if tty_dir is not None:
        service.extensions["demo_serial_dir"] = tty_dir  # the demo fleet puts its pty links there
    for name in PLUGIN_MODULES:
        try:
            plugin = importlib.import_module(name)
            configure = getattr(plugin, "configure", None)
            if configure is not None:
                configure(service, effective)
        except Exception as exc:
            log.exception("plugin %s could not be configured; starting without it", name)
            if notices is not None:
                notices.notify(_plugin_notice(name, exc))
    return service


def _plugin_notice(name: str, exc: BaseException) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "App", "Part of the monitoring service ({name}) could not start and is off: {error}"
    ).format(name=name, error=f"{type(exc).__name__}: {exc}")


# ---------------------------------------------------------------- demo
DEMO_PROTOCOLS = ("gt06", "watch", "osmand")
#: ICD devices of the demo on real pseudo-terminals (the rest: in-process source "sim")
DEMO_PTY_DEVICES = 6
DEMO_SEED = 2026


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def demo_ports(settings: Settings) -> dict[str, int]:
    """The demo's device listeners that are on: protocol -> port."""
    cfg = settings.service
    ports = {"gt06": cfg.gt06_port, "watch": cfg.watch_port, "osmand": cfg.osmand_port}
    return {name: int(port) for name, port in ports.items() if port and name in DEMO_PROTOCOLS}


#: the demo desk's technical-alarm holds (setting alarms.holds): none, every scripted situation raised at once
DEMO_HOLDS = "none"


def demo_listeners(settings: Settings) -> tuple[Settings, Path | None]:
    """Device listeners on free local ports for the demo fleet (unless configured).

    Also a directory for the pty links of the demo's serial devices, which the
    serial manager watches as ``arm serve --serial auto --serial-glob`` would;
    returns the settings to run with and that directory.
    """
    import tempfile

    configured = demo_ports(settings)
    extra: dict[str, Any] = {f"service.{name}_port": _free_port()
                             for name in DEMO_PROTOCOLS if name not in configured}
    if extra and settings.service.protocols_host in ("", "0.0.0.0"):
        extra["service.protocols_host"] = "127.0.0.1"  # the demo fleet is local; do not listen on the network
    tty_dir: Path | None = None
    if DEMO_PTY_DEVICES:
        tty_dir = Path(tempfile.mkdtemp(prefix="arm-demo-tty-"))
        extra["serial.ports"] = [*settings.serial.ports, "auto"]
        extra["serial.globs"] = [*settings.serial.globs, f"{tty_dir}/ttyEM-*"]
    return settings.with_overrides(extra), tty_dir


def start_demo_fleet(db: Any, settings: Settings, ingest: Any = None, *, serial_dir: Path | None = None,
                     rates: Any = None, timeline_scale: float = 1.0) -> asyncio.Task[Any] | None:
    """Every device of the demo persons reporting (arm/simulate/demo_fleet.py, docs/demo.md).

    Network trackers over real sockets to the listeners of ``settings``; a few
    ICD units on pseudo-terminals in ``serial_dir`` read by the serial manager;
    the other ICD units through ``ingest`` (source "sim").
    """
    try:
        from arm.simulate.demo_fleet import DEMO_RATES, DemoFleet, IngestSink, RoutingSink, remove_dir
    except ImportError as exc:
        log.warning("demo fleet simulator not available: %s", exc)
        return None
    ports = demo_ports(settings)
    tty_dir = serial_dir
    sink = RoutingSink(None, IngestSink(ingest) if ingest is not None else None)
    sim = DemoFleet.from_database(db, rates or DEMO_RATES, seed=DEMO_SEED, sink=sink, timeline_scale=timeline_scale)
    if tty_dir is not None:
        # without the in-process source (no ingest given) every ICD device gets a pty
        sim.attach_ptys(tty_dir, DEMO_PTY_DEVICES if ingest is not None else len(sim.icd_serials()))
    log.info("demo fleet: %d persons reporting to %s; situations %s", len(sim.devices), ports, sim.scenarios)

    async def _run() -> Any:
        try:
            return await sim.run("127.0.0.1", ports)
        finally:
            remove_dir(tty_dir)

    return asyncio.get_running_loop().create_task(_run(), name="demo-fleet")


def open_database(url: str | None) -> Any:
    from db.session import Database

    db = Database(url or None)
    db.check()
    db.upgrade()
    from arm.journal_anchor.rekey import ensure_keyed

    ensure_keyed(db, "system:start-up")  # first start with a key: the journal chains are keyed once
    return db


def seed_demo(db: Any) -> None:
    from arm import demo

    summary, history = demo.seed_all(db)  # persons, devices, zones, then 30 days of closed alarms and journal
    log.info("demo data: %s; history: %s", summary, history)


def _database_failed(exc: BaseException) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("App", "The database could not be prepared: {error}").format(
        error=f"{type(exc).__name__}: {exc}"
    )


def show_fatal(text: str) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from widgets.fit import message_box

    log.error("%s", text)
    message_box(None, QMessageBox.Icon.Critical, QCoreApplication.translate("App", "ARM cannot start"), text).exec()


# ---------------------------------------------------------------- main
def main(args: argparse.Namespace | None = None) -> int:
    """Run the workstation until its window is closed; returns the exit code."""
    import qasync

    from arm.bus import Bus
    from arm.config import Settings
    from db.session import DatabaseUnavailable

    args = args or argparse.Namespace(db=None, demo=False, lang=None)
    settings = Settings.load()
    notices = NoticeCenter()
    notices.install()
    register_map_schemes()
    app = make_application(getattr(args, "lang", None) or settings.general.language)
    app.setQuitOnLastWindowClosed(False)
    try:
        db = open_database(getattr(args, "db", None) or settings.general.db_url)
        if getattr(args, "demo", False):
            seed_demo(db)
    except DatabaseUnavailable as exc:
        show_fatal(str(exc))
        return 1
    except Exception as exc:  # a failed migration, a broken demo seed: a message, not a traceback
        log.exception("the database could not be prepared")
        show_fatal(_database_failed(exc))
        return 1
    bus = Bus()
    try:
        service = build_service(db, bus, settings, args, notices)
    except Exception as exc:
        log.exception("service configuration failed")
        show_fatal(str(exc))
        return 1
    loop = qasync.QEventLoop(app)  # set up once, here, for everything asynchronous in the GUI
    asyncio.set_event_loop(loop)
    with loop:
        install_stop_signals(app)
        return loop.run_until_complete(run_session(app, db, bus, service, settings, args, notices))


def close_all(app: Any) -> None:
    """Close every window without asking (a signal asked the whole program to stop)."""
    for widget in app.topLevelWidgets():
        if hasattr(widget, "confirm_on_close"):
            widget.confirm_on_close = False
        if widget.isVisible():
            widget.close()


def install_stop_signals(app: Any) -> None:
    """SIGTERM/SIGINT close the windows, so the service stops and flushes as on a normal exit.

    Python runs signal handlers only between bytecodes; a short timer gives it
    the chance while Qt's loop is waiting.
    """
    import signal

    from PySide6.QtCore import QTimer

    def request_close(_signum: int, _frame: Any) -> None:
        log.info("stop requested by signal")
        QTimer.singleShot(0, lambda: close_all(app))

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, request_close)
    app._arm_signal_timer = QTimer(app)
    app._arm_signal_timer.timeout.connect(lambda: None)
    app._arm_signal_timer.start(250)


async def run_session(app: Any, db: Any, bus: Any, service: Any, settings: Any,
                      args: argparse.Namespace | None, notices: NoticeCenter) -> int:
    """Start the service, log in, show the window until it closes, stop cleanly."""
    app.setQuitOnLastWindowClosed(False)  # the log-in closing must not end the loop
    fleet: asyncio.Task[Any] | None = None
    try:
        await service.start()
    except Exception as exc:
        log.exception("the monitoring service did not start")
        notices.notify(_notice_text(exc))
    try:
        login_name = "operator" if getattr(args, "demo", False) else ""
        while True:  # "Log out" returns here: the service keeps running between operators
            user = await _log_in(db, settings, login_name, bool(getattr(args, "demo", False)),
                                 remote_authenticator(service))
            if user is None:
                return 0
            if fleet is None and getattr(args, "demo", False) and getattr(service, "running", False) \
                    and hasattr(service, "ingest"):
                # only now: the demo's first alarms must not sound behind the log-in dialog
                fleet = start_demo_fleet(db, service.settings, service.ingest,
                                         serial_dir=service.extensions.get("demo_serial_dir"))
            window = await _run_window(db, bus, service, settings, user, notices)
            if not window.logout_requested:
                return 0  # the process ends: nothing to free
            window.deleteLater()  # freed while the loop still runs, before the next operator's window
            if hasattr(service, "logout"):  # a remote service ends the session's user too
                await service.logout()
            login_name = ""
    finally:
        if fleet is not None:
            fleet.cancel()
            await asyncio.gather(fleet, return_exceptions=True)
        # The embedded service says whether it runs; a remote client always stops its link.
        if getattr(service, "running", True):
            try:
                await service.stop()
            except Exception:
                log.exception("stopping the monitoring service failed")
        db.dispose()


def remote_authenticator(service: Any) -> Any:
    """On a remote service the password is checked there (``session.login``); None: the local database.

    The dialog calls it on its worker thread; the login runs on the GUI's
    event loop, where the remote service's connection lives. Its
    ``change_password`` does the same for the forced change after a
    temporary password (``session.change_password``).
    """
    if not hasattr(service, "login"):
        return None
    return RemoteAuthenticator(service, asyncio.get_running_loop())


class RemoteAuthenticator:
    """Log-in and password change of a remote desk, called from a worker thread, run on the GUI's loop."""

    def __init__(self, service: Any, loop: asyncio.AbstractEventLoop) -> None:
        self.service = service
        self.loop = loop

    def __call__(self, login: str, password: str) -> Any:
        return asyncio.run_coroutine_threadsafe(self.service.login(login, password), self.loop).result(60)

    def change_password(self, old_password: str, new_password: str) -> Any:
        coro = self.service.change_password(old_password, new_password)
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(60)


async def _log_in(db: Any, settings: Any, login_name: str, demo: bool = False, authenticator: Any = None) -> Any:
    """The log-in dialog; the user, or None if it was cancelled."""
    from PySide6.QtWidgets import QDialog

    from widgets.login_dialog import LoginDialog

    login = LoginDialog(db, login=login_name, demo=demo, authenticator=authenticator)
    login.languageChanged.connect(lambda code: _remember_language(settings, code))
    if await _dialog_result(login) != QDialog.DialogCode.Accepted:
        return None
    return login.user


async def _run_window(db: Any, bus: Any, service: Any, settings: Any, user: Any, notices: NoticeCenter) -> Any:
    """Show the main window for ``user`` until it is closed (or the user logs out)."""
    window = build_window(db, bus, service, settings, user)
    notices.attach(window)
    window.showMaximized()
    closed = asyncio.get_running_loop().create_future()
    window.closed.connect(lambda: closed.done() or closed.set_result(True))
    try:
        await closed
    finally:
        notices.detach()
        window.ctx.close()
    return window


def _remember_language(settings: Any, code: str) -> None:
    settings.general.language = code
    try:
        settings.save()
    except OSError:
        log.warning("could not save the language choice", exc_info=True)


async def _dialog_result(dialog: Any) -> int:
    future = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda result: future.done() or future.set_result(result))
    dialog.open()
    return await future


def build_window(db: Any, bus: Any, service: Any, settings: Any, user: Any) -> Any:
    from widgets.context import AppContext
    from widgets.main_window import MainWindow
    from widgets.qt_bridge import QtBridge

    bridge = QtBridge(bus)
    ctx = AppContext(db=db, service=service, bus=bus, bridge=bridge, user=user, settings=settings)
    window = MainWindow(ctx, confirm_close=True)
    window.resize(1600, 950)
    return window
