"""The zone editor's district is a pick list of the reference's districts, named in the reader's language,
storing the code (issue 12): no typed text, no raw code on screen."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from sqlalchemy import select

from db.models import Zone
from widgets import i18n

pytestmark = pytest.mark.gui


class _Map(QObject):
    """The map panel's face the editor uses (no web page: the pick list is what is tested)."""

    zoneGeometry = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.bridge = SimpleNamespace(call=lambda *a, **k: None)

    @staticmethod
    def _lang() -> str:
        return "ru"


@pytest.mark.parametrize(("lang", "medeu"), [("ru", "Медеуский район"), ("kk", "Медеу ауданы")])
def test_district_is_picked_by_name_and_stored_as_code(qtbot: Any, db: Any, make_ctx: Any, lang: str,
                                                       medeu: str) -> None:
    from maps.zone_editor import ZoneEditor

    before = i18n.current_language()
    i18n.set_language(lang)
    try:
        ctx = make_ctx(db, role="supervisor")
        editor = ZoneEditor(ctx, map_view=_Map())
        qtbot.addWidget(editor)
        qtbot.waitUntil(lambda: editor.district.count() > 100, timeout=10_000)  # every district of Kazakhstan
        items = [editor.district.itemText(i) for i in range(editor.district.count())]
        assert medeu in items and not any("KZ-" in t for t in items)
        editor.district.setCurrentIndex(editor.district.findText(medeu))
        editor.name.setText("Рынок")
        editor._geometry = {"geometry": {"circle": {"center": [76.95, 43.24], "radius_m": 300}}}
        with qtbot.waitSignal(editor.saved, timeout=10_000):
            editor.save()
        with db.session() as s:
            zone = s.scalars(select(Zone)).one()
            assert zone.district == "KZ-75-medeu"
        editor.cancel()
        qtbot.waitUntil(lambda: editor.zone_list.count() == 1, timeout=5_000)
        editor.edit_zone({"id": zone.id, "name": zone.name, "kind": zone.kind, "geometry": zone.geometry,
                          "buffer_m": zone.buffer_m, "district": zone.district, "schedule": []})
        assert editor.district.currentText() == medeu and editor.district.currentData() == "KZ-75-medeu"
    finally:
        i18n.set_language(before)
