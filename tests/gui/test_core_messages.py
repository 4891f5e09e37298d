"""Core messages shown by the widgets are marked for translation exactly as the core words them.

The core (db.validation, arm.auth) produces English text; the widgets translate
it by context. If the core rewords a message, its translation would silently
be lost: these tests catch that.
"""

from __future__ import annotations

from datetime import date

from db.validation import validate_person
from widgets.login_dialog import AUTH_MESSAGES
from widgets.person_edit import CORE_MESSAGES


def _messages_for(**fields: object) -> set[str]:
    return set(validate_person(fields).values())


def test_every_validation_message_is_marked() -> None:
    seen: set[str] = set()
    seen |= _messages_for()  # everything missing
    seen |= _messages_for(iin="123")
    seen |= _messages_for(iin="999999999999")
    seen |= _messages_for(iin="900517300123", birth_date=date(1990, 5, 17))
    seen |= _messages_for(iin="900517300129", birth_date=date(1991, 5, 17))
    seen |= _messages_for(supervision_start=date(2026, 2, 1), supervision_end=date(2026, 1, 1),
                          registered_on=date(2026, 2, 1), deregistered_on=date(2026, 1, 1),
                          home_lat=91, home_lon=181)
    assert len(seen) >= 10
    assert seen <= set(CORE_MESSAGES), seen - set(CORE_MESSAGES)


def test_auth_messages_are_marked(db: object) -> None:
    import pytest

    from arm import auth

    seen = set()
    with db.begin() as s:  # type: ignore[attr-defined]
        auth.create_user(s, "someone", "password123", "operator")
        for login, password in (("", "x"), ("nobody", "x"), ("someone", "bad")):
            with pytest.raises(auth.AuthError) as err:
                auth.authenticate(s, login, password)
            seen.add(str(err.value))
        for _ in range(auth.MAX_FAILED_ATTEMPTS):
            with pytest.raises(auth.AuthError) as err:
                auth.authenticate(s, "someone", "bad")
            seen.add(str(err.value))
    auth.reset_failures()
    assert len(seen) == 4
    assert seen <= set(AUTH_MESSAGES), seen - set(AUTH_MESSAGES)
