"""A temporary password on a remote desk: nothing opens until the user has chosen their own.

A real service with the desk API on 127.0.0.1 and a real SQLite file. An
administrator gave ``newop`` a temporary password; their desk logs in over the
WebSocket, is told to change it, receives no stream message and may call
nothing but the change and the log-out; the change is checked by the core
(old password, policy) with each refusal naming its field, is audited, and
then the user works as usual. The GUI half: the log-in dialog of a remote
desk asks for the new password and changes it on the service.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from arm.auth import verify_password
from arm.bus import Bus
from arm.caseload.users import UserInvalid
from arm.desk_api.client import RemoteError, RemoteService
from arm.events import EventsStored
from arm.simulate import gt06_device
from arm.simulate.clients import Gt06Client
from db.models import AuditEntry, User
from db.session import Database

from .test_desk_api import PASSWORD, TOKENS, collect, logged_in, service_with_api, until
from .test_servers import HOST, run

TEMPORARY = "Temp-pass-41"
OWN = "Own-pass-2027"


def give_temporary_password(db: Database, login: str = "newop") -> None:
    from arm import auth

    with db.begin() as s:
        auth.create_user(s, login, TEMPORARY, "operator")
        row = s.scalars(select(User).where(User.login == login)).one()
        row.must_change_password = True


def test_a_temporary_password_opens_only_the_change(db: Database) -> None:
    async def main() -> None:
        service, api, listener = await service_with_api(db, alarms=True)
        give_temporary_password(db)
        pending_bus, other_bus = Bus(), Bus()
        pending_events = collect(pending_bus, EventsStored)
        other_events = collect(other_bus, EventsStored)
        pending = RemoteService(f"ws://{HOST}:{api.port}/", TOKENS["desk-1"], pending_bus)
        other = RemoteService(f"ws://{HOST}:{api.port}/", TOKENS["desk-2"], other_bus)
        try:
            await logged_in(other)  # an operator fully logged in on another desk
            await pending.start()
            user = await pending.login("newop", TEMPORARY)
            assert user.must_change_password and user.login == "newop"

            # nothing but the change: no alarm list, no person, no data stream
            with pytest.raises(RemoteError) as info:
                await pending.call("alarms.open")
            assert info.value.code == "password_change_required"
            client = Gt06Client("864717000000004", HOST, listener.port)
            t = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
            await client.send_frame(gt06_device.encode_location(t, 51.12, 71.43, 30, 180, 9, True,
                                                                client.next_serial()))
            await client.close()
            await until(lambda: bool(other_events))
            await asyncio.sleep(0.3)
            assert pending_events == []

            # refusals name their field; the password stays the temporary one
            with pytest.raises(UserInvalid) as refused:
                await pending.change_password("not-the-temporary-1", OWN)
            assert set(refused.value.errors) == {"old_password"}
            with pytest.raises(UserInvalid) as weak:
                await pending.change_password(TEMPORARY, "short")
            assert set(weak.value.errors) == {"new_password"}
            assert pending.user is not None and pending.user.must_change_password

            changed = await pending.change_password(TEMPORARY, OWN)
            assert not changed.must_change_password
            assert isinstance(await pending.call("alarms.open"), list)  # now the desk works
            with db.session() as s:
                row = s.scalars(select(User).where(User.login == "newop")).one()
                assert not row.must_change_password and verify_password(row.password_hash, OWN)
                actions = s.scalars(select(AuditEntry.action).where(AuditEntry.user == "newop")).all()
            assert "user.password_changed" in actions

            # the next log-in with the own password opens everything at once
            await pending.logout()
            again = await pending.login("newop", OWN)
            assert not again.must_change_password
        finally:
            await pending.stop()
            await other.stop()
            await service.stop()

    run(main)


def test_log_out_before_choosing_leaves_nothing_open(db: Database) -> None:
    async def main() -> None:
        service, api, _ = await service_with_api(db)
        give_temporary_password(db)
        remote = RemoteService(f"ws://{HOST}:{api.port}/", TOKENS["desk-1"], Bus())
        try:
            await remote.start()
            await remote.login("newop", TEMPORARY)
            assert await remote.call("session.logout") is True
            with pytest.raises(RemoteError) as info:
                await remote.call("session.change_password", old_password=TEMPORARY, new_password=OWN)
            assert info.value.code == "login_required"
            with pytest.raises(RemoteError) as info:
                await remote.call("alarms.open")
            assert info.value.code == "login_required"
            assert PASSWORD  # the regular users are untouched
        finally:
            await remote.stop()
            await service.stop()

    run(main)


def test_the_remote_desks_log_in_dialog_asks_for_the_new_password(qapp: Any, qtbot: Any, db: Database) -> None:
    """The real LoginDialog with a remote desk's authenticator: the forced change runs on the service."""
    from widgets import app as arm_app
    from widgets.change_password import ChangePasswordDialog
    from widgets.login_dialog import LoginDialog

    loop = asyncio.new_event_loop()

    async def pump(predicate: Any, timeout: float = 15.0) -> None:
        end = loop.time() + timeout
        while not predicate():
            qapp.processEvents()
            if loop.time() > end:
                raise AssertionError("condition not reached in time")
            await asyncio.sleep(0.02)

    async def scenario() -> tuple[Any, Any]:
        service, api, _ = await service_with_api(db)
        give_temporary_password(db)
        remote = RemoteService(f"ws://{HOST}:{api.port}/", TOKENS["desk-1"], Bus())
        try:
            await remote.start()
            dialog = LoginDialog(db, authenticator=arm_app.remote_authenticator(remote))
            qtbot.addWidget(dialog)
            dialog.login_edit.setText("newop")
            dialog.password_edit.setText(TEMPORARY)
            dialog.submit()
            await pump(lambda: isinstance(getattr(dialog, "password_dialog", None), ChangePasswordDialog))
            change: ChangePasswordDialog = dialog.password_dialog
            assert dialog.user is None  # not in yet
            change.new.setText("short")
            change.again.setText("short")
            change.submit()
            assert change.errors["new"].isVisibleTo(change)  # the policy, beside its field, before any call
            change.new.setText(OWN)
            change.again.setText(OWN)
            change.submit()
            await pump(lambda: dialog.user is not None)
            return dialog.user, remote.user
        finally:
            await remote.stop()
            await service.stop()

    try:
        user, remote_user = loop.run_until_complete(asyncio.wait_for(scenario(), 60))
    finally:
        loop.close()
    assert user.login == "newop" and not user.must_change_password
    assert remote_user is not None and not remote_user.must_change_password
    with db.session() as s:
        assert verify_password(s.scalars(select(User.password_hash).where(User.login == "newop")).one(), OWN)
