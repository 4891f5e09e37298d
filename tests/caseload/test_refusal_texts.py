"""Every refusal code the rights check can raise has a sentence in the panels (widgets/caseload_errors.py)."""

from __future__ import annotations

import pytest

from arm.access import AccessDenied
from arm.caseload.rights import DENIED_DISTRICT, Area, denied_code
from widgets.caseload_errors import failure_text


@pytest.mark.parametrize("code", [*(denied_code(a) for a in Area), DENIED_DISTRICT])
def test_each_code_has_its_own_sentence(code: str) -> None:
    text = failure_text(AccessDenied(code, "english fallback"))
    assert text and text != "english fallback" and not text.startswith("denied.")


def test_other_errors_keep_their_own_text() -> None:
    assert failure_text(LookupError("zone 3 no longer exists")) == "zone 3 no longer exists"
