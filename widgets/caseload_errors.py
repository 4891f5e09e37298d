"""Texts for the caseload services' refusals (arm.caseload): the rights codes in the user's language.

The services raise ``arm.access.AccessDenied`` with a stable code and an
English message; the panels show these translations beside the field or in
their message line. The buttons of a role that may not write are hidden
already, so these appear only when rights change under an open panel.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from arm.access import AccessDenied


def denied_text(error: AccessDenied) -> str:
    texts = {
        "denied.persons": QCoreApplication.translate("Caseload", "Your role may not change persons."),
        "denied.restrictions": QCoreApplication.translate("Caseload", "Your role may not change restrictions."),
        "denied.zones": QCoreApplication.translate("Caseload", "Your role may not change zones."),
        "denied.devices": QCoreApplication.translate("Caseload", "Your role may not change devices."),
        "denied.reference": QCoreApplication.translate(
            "Caseload", "Only an administrator may change the reference lists."),
        "denied.users": QCoreApplication.translate("Caseload", "Only an administrator may change user accounts."),
        "denied.lifecycle": QCoreApplication.translate(
            "Caseload", "Only a supervisor may transfer or deregister persons."),
        "denied.district": QCoreApplication.translate("Caseload", "This belongs to a district that is not yours."),
    }
    return texts.get(error.code, str(error))


def failure_text(error: BaseException) -> str:
    """A refused write as the user reads it: rights translated, anything else as the error says."""
    return denied_text(error) if isinstance(error, AccessDenied) else str(error)
