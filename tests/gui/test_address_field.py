"""Address search in the person form (home point) and the restrictions editor (circle centre), issue 15/12.

A real small OSM extract is imported into the test's data folder; the fields
ask the address index through ``arm.geo.find``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from arm.geo.importer import run_import
from db.models import Restriction, Zone
from tests.geo.osm_city import HOUSE_40, write_city
from tests.gui.test_person import _fill_valid
from tests.gui.test_restrictions_editor import _editor, person  # noqa: F401  (the fixture)
from widgets.address_field import AddressField
from widgets.person_edit import PersonEditForm


@pytest.fixture
def astana(tmp_data_dir: Path, tmp_path: Path) -> None:
    run_import(write_city(tmp_path / "astana.osm.pbf"))


def test_without_an_imported_extract_the_field_is_disabled_and_says_why(qtbot: Any, tmp_data_dir: Path) -> None:
    field = AddressField()
    qtbot.addWidget(field)
    assert not field.edit.isEnabled() and "OSM" in field.edit.placeholderText()


def test_person_form_takes_the_home_point_from_an_address(qtbot: Any, db: Any, users: dict, make_ctx: Any,
                                                          astana: None) -> None:
    form = PersonEditForm(make_ctx(db, users["supervisor"]))
    qtbot.addWidget(form)
    form.show()
    _fill_valid(form, "900517300015", qtbot)
    field = form.find_home
    assert field.edit.isEnabled()
    field.edit.setText("Кенесары 40")
    found = field.search()
    assert found and found[0].endswith("40, Астана") and "Кенесары" in found[0], found
    field.choose(0)
    assert (form.inputs["home_lat"].text(), form.inputs["home_lon"].text()) == (
        f"{HOUSE_40[0]:.6f}", f"{HOUSE_40[1]:.6f}")
    assert form.inputs["address"].text() == found[0]  # the empty address line is filled


def test_restrictions_editor_draws_a_circle_around_an_address(qtbot: Any, db: Any, users: dict, make_ctx: Any,
                                                              person: int, astana: None) -> None:  # noqa: F811
    ctx = make_ctx(db, users["supervisor"])
    editor = _editor(qtbot, ctx, person, kind="exclusion_zone")
    editor.source.setCurrentIndex(editor.source.findData("home"))
    assert editor.find_address.isHidden()  # only for "a point": the home circle needs no search
    editor.source.setCurrentIndex(editor.source.findData("map"))
    assert not editor.find_address.isHidden()
    editor.find_address.edit.setText("Kenesary 40")  # typed in Latin letters
    label = editor.find_address.search()[0]
    assert "Кенесары" in label and label.endswith("40, Астана")
    editor.find_address.choose(0)
    assert editor.point == pytest.approx(HOUSE_40)
    assert editor.zone_name.text() == label
    editor.radius.setValue(200)
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    with db.session() as s:
        (row,) = s.scalars(select(Restriction)).all()
        zone = s.get(Zone, row.zone_id)
        assert zone.geometry["circle"]["center"] == pytest.approx([HOUSE_40[1], HOUSE_40[0]])
        assert zone.geometry["circle"]["radius_m"] == 200.0
