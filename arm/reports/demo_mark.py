"""Forms made from demonstration data say so, in red above the title.

A real centre's forms never count demo persons (``Person.is_demo``). A
database that holds only demo persons (``arm demo seed``, the GUI's demo
start) is a demonstration: its forms show the demo data, so a trainee sees
filled reports, and carry the marker "ДЕМОНСТРАЦИОННЫЕ ДАННЫЕ" so no printout
can pass for a real one.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import messages
from db.models import Person


def demo_only(session: Session) -> bool:
    """True when the database holds demo persons and no real one."""
    has_demo = session.scalar(select(Person.id).where(Person.is_demo.is_(True)).limit(1)) is not None
    return has_demo and session.scalar(select(Person.id).where(Person.is_demo.is_(False)).limit(1)) is None


def marker(session: Session, lang: str) -> str:
    """The demo marker in ``lang`` for a demonstration database, "" otherwise."""
    return messages.text("demo.marker", lang) if demo_only(session) else ""
