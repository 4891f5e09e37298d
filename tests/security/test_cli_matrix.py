"""The command line acts as a person (issue 13): the CLI row of the roles-by-operations matrix.

Every case runs the real program (``python -m arm ...``) on a real SQLite file:
``--as LOGIN`` with the right password, a wrong one, none at all, for every role
and for a login that does not exist, a disabled and a locked one; the shell user
``cli:<os user>`` and its audit rows; the two-person rule of a deletion act; the
safe writing of exports; owner-only database and key files. The terminal prompt
is exercised on a real pseudo-terminal.
"""

from __future__ import annotations

import getpass
import json
import os
import pty
import select
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select as sql_select

from arm import audit
from arm.auth import create_user
from arm.safe_write import UnsafeTarget, write_atomic
from db import retention as dbret
from db.integrity import append_chained
from db.models import (
    Alarm,
    AlarmPriority,
    AlarmState,
    Assignment,
    AuditEntry,
    Category,
    Device,
    DeviceEventRow,
    DeviceStatus,
    DeviceType,
    Person,
    Position,
    User,
    ViolationEntry,
)
from db.secure_files import create_private, ensure_private
from db.session import Database

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse 1"
T0 = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
ALMALY, BOSTANDYK = "Алмалинский", "Бостандыкский"
SHELL = f"cli:{getpass.getuser()}"


@dataclass
class World:
    url: str
    db: Database
    out: Path
    data: Path


def arm(world: World, *args: str, password: str | None = None, stdin: str = "",
        timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """``python -m arm ARGS --db URL`` in a child process; ``password`` goes to ARM_PASSWORD."""
    env = {k: v for k, v in os.environ.items() if k != "ARM_PASSWORD"}
    env.update(PYTHONPATH=str(ROOT), ARM_DATA_DIR=str(world.data), ARM_CONFIG_DIR=str(world.data / "config"))
    if password is not None:
        env["ARM_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "arm", *args, "--db", world.url], input=stdin,
                          capture_output=True, text=True, env=env, timeout=timeout, cwd=world.out)


def audit_rows(world: World, login: str | None = None, action: str | None = None) -> list[AuditEntry]:
    with world.db.session() as s:
        stmt = sql_select(AuditEntry).order_by(AuditEntry.id)
        if login is not None:
            stmt = stmt.where(AuditEntry.user == login)
        if action is not None:
            stmt = stmt.where(AuditEntry.action == action)
        return list(s.execute(stmt).scalars())


def _seed(db: Database) -> None:
    with db.begin() as s:
        for login, role, districts in (
            ("oper1", "operator", (ALMALY,)),
            ("sup1", "supervisor", (ALMALY, BOSTANDYK)),
            ("sup2", "supervisor", (ALMALY, BOSTANDYK)),
            ("tech1", "technician", ()),
            ("admin1", "administrator", ()),
            ("locked1", "supervisor", (ALMALY,)),
            *((f"gone_{name}", "supervisor", (ALMALY,)) for name in COMMANDS),
            *((f"typo_{name}", "supervisor", (ALMALY,)) for name in COMMANDS),
            *((f"nopass_{name}", "supervisor", (ALMALY,)) for name in COMMANDS),
        ):
            create_user(s, login, PASSWORD, role, districts=districts)
        for name in COMMANDS:
            s.execute(sql_select(User).where(User.login == f"gone_{name}")).scalar_one().active = False
        for _ in range(5):  # five failed log-ins in a row (as the GUI records them): the login is locked
            audit.record(s, "locked1", "login_failed", reason="wrong password")
        for i, district in enumerate((ALMALY, BOSTANDYK)):
            p = Person(last_name=f"Тестов{i}", first_name="Иван", middle_name="", iin=f"90010130000{i}",
                       birth_date=datetime(1990, 1, 1).date(), category=Category.PAROLE,
                       supervision_start=T0.date(), registered_on=T0.date(),
                       supervision_end=(T0 + timedelta(days=700)).date(), address="г. Алматы",
                       district=district, officer="", court_name="", court_decision_no="", created_at=T0)
            d = Device(serial=f"BRC{500 + i}", type=DeviceType.BRC, inventory_no=f"INV-{i}",
                       status=DeviceStatus.ISSUED, created_at=T0)
            s.add_all([p, d])
            s.flush()
            s.add(Assignment(device_id=d.id, person_id=p.id, issued_at=T0, issued_by="tech1"))
            ev = DeviceEventRow(device_id=d.id, evseq=1, time=T0 + timedelta(hours=1), received=T0 + timedelta(hours=1),
                                kind="position", source="gt06", fields={})
            s.add(ev)
            s.flush()
            s.add(Position(device_id=d.id, event_id=ev.id, time=ev.time, lat=43.2, lon=76.9, fix=1))
            a = Alarm(person_id=p.id, device_id=d.id, kind="strap_open", priority=AlarmPriority.HIGH,
                      state=AlarmState.CLOSED, acknowledged=True, message="Браслет снят",
                      raised_at=T0 + timedelta(hours=2), closed_at=T0 + timedelta(hours=3))
            s.add(a)
            s.flush()
            append_chained(s, ViolationEntry(
                detected_at=a.raised_at, person_id=p.id, device_id=d.id, alarm_id=a.id, violation="Браслет снят",
                detected_by=f"Электронный браслет {d.serial}", measures="", reported_to="", operator="oper1",
                recorded_at=a.raised_at,
            ))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    base = tmp_path_factory.mktemp("cli-matrix")
    data, out = base / "data", base / "out"
    out.mkdir()
    url = f"sqlite:///{base / 'arm.sqlite3'}"
    with pytest.MonkeyPatch.context() as env:
        # the seeding here and the child processes share one config folder: one journal key
        env.setenv("ARM_DATA_DIR", str(data))
        env.setenv("ARM_CONFIG_DIR", str(data / "config"))
        db = Database(url)
        db.upgrade()
        _seed(db)
        yield World(url, db, out, data)
        db.dispose()


# ------------------------------------------------------------------ the matrix
COMMANDS: dict[str, list[str]] = {
    "events": ["events", "--json"],
    "positions": ["positions", "--json"],
    "alarms": ["alarms", "--json"],
    "journal": ["journal", "--json"],
    "export": ["export", "violations", "--format", "csv"],
    "propose": ["retention", "propose", "--kind", "positions"],
    "confirm": ["retention", "confirm"],
}
#: who may do what with the right password; everyone else is refused
ALLOWED = {
    "oper1": {"events", "positions", "alarms", "journal"},
    "sup2": set(COMMANDS),
    "tech1": set(),
    "admin1": set(),
}
#: logins that never get in: (login, the audit row the attempt leaves, the password given). One login
#: per command where the attempt itself counts towards the lock-out (five failures in a row lock a login)
NO_ENTRY = {
    "no such user": ("nobody_{name}", "login_failed", PASSWORD),
    "disabled": ("gone_{name}", "login_failed", PASSWORD),
    "locked": ("locked1", "login_locked", PASSWORD),
    "wrong password": ("typo_{name}", "login_failed", "not the password"),
}


def _command(world: World, name: str, case: str) -> list[str]:
    args = list(COMMANDS[name])
    if name == "export":
        args += ["--out", str(world.out / f"{case}.csv")]
    if name == "confirm":
        with world.db.begin() as s:  # a fresh act, proposed by another supervisor
            args.append(str(dbret.propose_act(s, "positions", "sup1").id))
    return args


def _refused(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("arm: "), proc.stderr  # one sentence
    assert proc.stdout.strip() == "" or "rows written" not in proc.stdout
    return lines[0]


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("login", list(ALLOWED))
def test_roles_with_their_password(world: World, login: str, name: str) -> None:
    case = f"{login}-{name}"
    before = len(audit_rows(world, login))
    proc = arm(world, *_command(world, name, case), "--as", login, password=PASSWORD)
    if name in ALLOWED[login]:
        assert proc.returncode == 0, proc.stderr
        rows = audit_rows(world, login)[before:]
        assert rows[0].action == "login"  # the password was checked, and that is recorded
        if name in ("events", "positions", "alarms", "journal"):
            view = rows[-1]
            assert view.action == f"cli_view_{name}" and view.role == ALLOWED_ROLE[login]
            expected = sorted((ALMALY,) if login == "oper1" else (ALMALY, BOSTANDYK))
            assert view.detail["district"] == expected and view.detail["rows"] == len(proc.stdout.splitlines())
            if login == "oper1":  # only the persons of the operator's district
                assert all(json.loads(line).get("serial") in (None, "BRC500") for line in proc.stdout.splitlines())
    else:
        message = _refused(proc)
        assert "[denied." in message or "[retention." in message
        assert not (world.out / f"{case}.csv").exists()
        assert not [r for r in audit_rows(world, login)[before:] if r.action.startswith("cli_view_")]


ALLOWED_ROLE = {"oper1": "operator", "sup2": "supervisor", "tech1": "technician", "admin1": "administrator"}


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("who", list(NO_ENTRY))
def test_logins_that_never_get_in(world: World, who: str, name: str) -> None:
    template, action, password = NO_ENTRY[who]
    login = template.format(name=name)
    case = f"{login}-{name}"
    before = len(audit_rows(world, login))
    message = _refused(arm(world, *_command(world, name, case), "--as", login, password=password))
    assert message.startswith(f"arm: --as {login}: ")
    rows = audit_rows(world, login)[before:]
    assert [r.action for r in rows] == [action]  # the failed attempt is in the audit journal, nothing else
    assert not (world.out / f"{case}.csv").exists()


@pytest.mark.parametrize("name", list(COMMANDS))
def test_as_without_a_password_is_refused(world: World, name: str) -> None:
    login = f"nopass_{name}"  # a missing password is a failed log-in too, and counts towards the lock-out
    message = _refused(arm(world, *_command(world, name, login), "--as", login))
    assert "no password given" in message
    rows = audit_rows(world, login)
    assert [(r.action, r.detail.get("reason")) for r in rows] == [("login_failed", "no password (shell)")]


def test_password_from_standard_input(world: World) -> None:
    proc = arm(world, "alarms", "--json", "--as", "sup2", stdin=PASSWORD + "\n")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 2


def test_repeated_failures_lock_the_login(world: World) -> None:
    with world.db.begin() as s:
        create_user(s, "victim", PASSWORD, "supervisor", districts=(ALMALY,))
    for _ in range(5):
        assert "Wrong password" in _refused(arm(world, "alarms", "--as", "victim", password="guess-guess"))
    assert "locked" in _refused(arm(world, "alarms", "--as", "victim", password=PASSWORD))
    assert audit_rows(world, "victim")[-1].action == "login_locked"


def test_password_asked_on_the_terminal_without_echo(world: World) -> None:
    """A real pseudo-terminal as stdin: the prompt appears, the password typed is not echoed."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "ARM_PASSWORD"}
    env.update(PYTHONPATH=str(ROOT), ARM_DATA_DIR=str(world.data))
    proc = subprocess.Popen([sys.executable, "-m", "arm", "alarms", "--json", "--as", "sup2", "--db", world.url],
                            stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)
    os.close(slave)
    try:
        prompt = b""
        deadline = time.monotonic() + 60
        assert proc.stderr is not None
        err_fd = proc.stderr.fileno()
        while b"Password for sup2:" not in prompt and time.monotonic() < deadline:
            ready, _, _ = select.select([err_fd, master], [], [], 1)
            if err_fd in ready:
                prompt += os.read(err_fd, 1024)
            if master in ready:
                prompt += os.read(master, 1024)
        assert b"Password for sup2:" in prompt
        os.write(master, (PASSWORD + "\n").encode())
        out, err = proc.communicate(timeout=60)
        echoed = b""
        while select.select([master], [], [], 0.2)[0]:
            try:
                chunk = os.read(master, 1024)
            except OSError:
                break
            if not chunk:
                break
            echoed += chunk
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert len(out.splitlines()) == 2
    assert PASSWORD.encode() not in echoed + out + err


# ------------------------------------------------------------------ the shell user
@pytest.mark.parametrize("name", ["events", "positions", "alarms", "journal"])
def test_shell_user_reads_everything_and_is_audited_with_the_filter(world: World, name: str) -> None:
    before = len(audit_rows(world, SHELL))
    proc = arm(world, name, "--json", "--device", "BRC501", "--since", "2026-11-01", "--until", "2026-12-01")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 1  # no --person: still personal data, still audited
    (row,) = audit_rows(world, SHELL)[before:]
    assert row.action == f"cli_view_{name}" and row.role == "supervisor"
    assert row.detail["device"] == "BRC501" and row.detail["person"] is None
    assert row.detail["since"] == "2026-11-01T00:00:00Z" and row.detail["until"] == "2026-12-01T00:00:00Z"
    assert row.detail["district"] is None and row.detail["rows"] == 1
    with world.db.session() as s:  # never credited to a real ARM login
        assert s.execute(sql_select(User).where(User.login == SHELL)).first() is None


def test_shell_user_export_is_audited(world: World) -> None:
    out = world.out / "shell.csv"
    proc = arm(world, "export", "violations", "--format", "csv", "--out", str(out), "--district", ALMALY)
    assert proc.returncode == 0, proc.stderr
    row = audit_rows(world, SHELL, "export_journal")[-1]
    assert row.detail["filter"].get("district") == ALMALY and row.detail["rows"] == 1


# ------------------------------------------------------------------ the two-person rule
def test_a_deletion_act_needs_two_different_authenticated_supervisors(world: World) -> None:
    shell = _refused(arm(world, "retention", "propose", "--kind", "device_events"))
    assert "[retention.not_authenticated]" in shell
    proposed = arm(world, "retention", "propose", "--kind", "device_events", "--as", "sup1", password=PASSWORD)
    assert proposed.returncode == 0, proposed.stderr
    act = proposed.stdout.split()[2]
    same = _refused(arm(world, "retention", "confirm", act, "--as", "sup1", password=PASSWORD))
    assert "[retention.same_person]" in same
    assert "[retention.not_authenticated]" in _refused(arm(world, "retention", "confirm", act))
    assert "[denied.retention_confirm]" in _refused(
        arm(world, "retention", "confirm", act, "--as", "admin1", password=PASSWORD))
    done = arm(world, "retention", "confirm", act, "--as", "sup2", password=PASSWORD)
    assert done.returncode == 0 and "executed" in done.stdout, done.stderr
    with world.db.session() as s:
        row = s.get(dbret.DeletionAct, int(act))
        assert row is not None and (row.proposed_by, row.confirmed_by, row.state) == ("sup1", "sup2", "executed")
    assert audit_rows(world, "sup2", "deletion_act_executed")[-1].detail["proposed_by"] == "sup1"


def test_an_act_proposed_by_the_shell_user_is_never_confirmed(world: World) -> None:
    with world.db.begin() as s:
        act = dbret.propose_act(s, "positions", SHELL).id  # e.g. written by an older version
    message = _refused(arm(world, "retention", "confirm", str(act), "--as", "sup2", password=PASSWORD))
    assert "[retention.not_authenticated]" in message


# ------------------------------------------------------------------ files written safely
def test_export_refuses_to_overwrite_without_force(world: World) -> None:
    out = world.out / "existing.csv"
    out.write_text("keep me", encoding="utf-8")
    message = _refused(arm(world, "export", "violations", "--format", "csv", "--out", str(out)))
    assert "[file.exists]" in message and "--force" in message
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = arm(world, "export", "violations", "--format", "csv", "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_text(encoding="utf-8-sig").count("\n") >= 3
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # personal data: owner-only
    assert [p.name for p in world.out.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize("force", [False, True])
def test_export_never_follows_a_symbolic_link(world: World, force: bool) -> None:
    victim = world.out / f"victim-{force}.txt"
    victim.write_text("not yours", encoding="utf-8")
    link = world.out / f"link-{force}.csv"
    link.symlink_to(victim)
    args = ["export", "violations", "--format", "csv", "--out", str(link)] + (["--force"] if force else [])
    assert "[file.symlink]" in _refused(arm(world, *args))
    assert victim.read_text(encoding="utf-8") == "not yours" and link.is_symlink()


def test_report_refuses_to_overwrite(world: World) -> None:
    out = world.out / "act.pdf"
    out.write_bytes(b"old")
    args = ["report", "reconciliation", "--year", "2026", "--quarter", "4", "--out", str(out)]
    assert "[file.exists]" in _refused(arm(world, *args))
    assert out.read_bytes() == b"old"
    assert arm(world, *args, "--force").returncode == 0 and out.read_bytes().startswith(b"%PDF")


def test_a_failing_writer_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"

    def half(tmp: Path) -> None:
        tmp.write_text("half a fi", encoding="utf-8")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(target, half)
    assert list(tmp_path.iterdir()) == []
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        write_atomic(target, half, force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"] and target.read_text(encoding="utf-8") == "old"
    with pytest.raises(UnsafeTarget) as exists:
        write_atomic(target, lambda tmp: tmp.write_text("new", encoding="utf-8"))
    assert exists.value.code == "file.exists"


# ------------------------------------------------------------------ owner-only files
def test_database_files_and_data_folder_are_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "fresh-data"
    env = {k: v for k, v in os.environ.items() if k != "ARM_PASSWORD"}
    env.update(PYTHONPATH=str(ROOT), ARM_DATA_DIR=str(data))
    proc = subprocess.run([sys.executable, "-m", "arm", "db", "upgrade"], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "arm.sqlite3").stat().st_mode) == 0o600
    db = Database(f"sqlite:///{data / 'arm.sqlite3'}")  # open: the -wal and -shm files exist now
    try:
        with db.begin() as s:
            audit.record(s, "tester", "x")
            for suffix in ("", "-wal", "-shm"):
                f = data / f"arm.sqlite3{suffix}"
                assert f.exists() and stat.S_IMODE(f.stat().st_mode) == 0o600, suffix
    finally:
        db.dispose()


def test_an_existing_world_readable_database_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    db = Database(f"sqlite:///{path}")
    try:
        db.check()
    finally:
        db.dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_key_files_are_created_owner_only(tmp_path: Path) -> None:
    key = create_private(tmp_path / "journal.key", b"\x01" * 32)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.read_bytes() == b"\x01" * 32
    with pytest.raises(FileExistsError):
        create_private(key, b"other")
    link = tmp_path / "desk.token"
    link.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(FileExistsError):  # O_EXCL|O_NOFOLLOW: never through a link
        create_private(link, "token")
    assert not (tmp_path / "elsewhere").exists()
    loose = tmp_path / "loose.key"
    loose.write_bytes(b"k")
    os.chmod(loose, 0o644)
    assert ensure_private(loose) and stat.S_IMODE(loose.stat().st_mode) == 0o600
