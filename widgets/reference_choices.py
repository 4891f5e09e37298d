"""The reference lists as the forms pick from them: regions, districts, officers, named in the reader's language.

Shared by the person form, the transfer dialog and the user administration
(a module of its own so none of them imports another).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from arm.caseload import reference


@dataclass(frozen=True)
class ReferenceChoices:
    """The reference lists the form picks from, names in the reader's language."""

    regions: list[tuple[str, str]]  # (code, name)
    districts: list[tuple[str, str, str]]  # (code, region code, name)
    officers: list[tuple[str, str, str]]  # (code, district code, full name)
    #: every code, deactivated ones too, with its name: a value already stored is still named
    names: dict[str, str] = field(default_factory=dict)


def load_reference_choices(session: Session, lang: str) -> ReferenceChoices:
    """Active regions, districts and officers (read by every role; no personal data), read afresh.

    Read each time a form opens, so a row the administrator added or renamed a
    moment ago is offered, and one deactivated is not (``names`` still names it
    for a record that holds it).
    """
    return ReferenceChoices(
        [(r.code, r.names.get(lang)) for r in reference.regions(session)],
        [(d.code, d.region_code, d.names.get(lang)) for d in reference.districts(session)],
        [(o.code, o.district_code, o.full_name) for o in reference.officers(session)],
        reference.labels(session, lang),
    )
