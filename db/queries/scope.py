"""The rows and columns a query may return, as plain data.

``arm.access.scope_for`` turns a user into a ``Scope``; the query builders in
this package apply it. ``db`` imports nothing of ours, so the scope is a
value object rather than the user itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    #: Districts whose persons are visible; ``None`` means every district.
    districts: frozenset[str] | None = None
    #: Rows this login handled (alarms acknowledged or closed, entries recorded)
    #: stay visible whatever the district.
    own_login: str | None = None
    #: False: person columns beyond the holder's name are left out.
    personal_data: bool = True


EVERYTHING = Scope()
