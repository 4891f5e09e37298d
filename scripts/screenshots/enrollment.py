"""Scripted screenshots of the enrollment screens (issue 12) for docs/supervisor-guide.md and docs/admin-guide.md.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m scripts.screenshots.enrollment docs/screenshots \\
        --lang ru --size 1366x768

Each screen is shown as the user meets it on a screen of that size (dialogs at
most the screen's size, panels filling it) and saved as
``enroll_<screen>_<lang>_<W>x<H>.png``. A throw-away data directory holds the
demo data set.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from scripts.screenshots._desk import demo_desk


def main(argv: list[str] | None = None) -> int:
    desk = demo_desk(argv, "arm-enroll-shot-")
    app, db, width, height = desk.app, desk.db, desk.width, desk.height
    from sqlalchemy import select

    from arm import auth
    from arm.bus import Bus
    from arm.config import Settings
    from arm.service import MonitoringService
    from db.models import User
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    names = {"admin": "Сейткали Асхат Нурланович", "operator": "Нурланова Айгерим Бековна",
             "supervisor": "Сейтов Ерлан Маратович", "technician": "Омаров Данияр Сагатович"}
    with db.begin() as s:  # the throw-away database's demo accounts get ordinary names for the pictures
        for user in s.scalars(select(User)):
            user.full_name = names.get(user.login, user.full_name)
    with db.session() as s:
        accounts = {u.login: auth.snapshot(u) for u in s.scalars(select(User))}
    bus = Bus()
    settings = Settings()
    service = MonitoringService(db, bus, settings)
    contexts: list[AppContext] = []

    def ctx_for(login: str) -> AppContext:
        ctx = AppContext(db=db, service=service, bus=bus, bridge=QtBridge(bus), user=accounts[login],
                         settings=settings)
        contexts.append(ctx)
        return ctx

    shot = Shooter(app, Path(desk.out), desk.lang, width, height)
    try:
        supervisor = ctx_for("supervisor")
        shot.person_form(supervisor)
        shot.caseload_import(supervisor)
        shot.card(supervisor)
        shot.curfew(supervisor)
        shot.zone(supervisor)
        shot.transfer(supervisor)
        shot.deregister(supervisor)
        shot.issue(ctx_for("technician"))
        admin = ctx_for("admin")
        shot.users(admin)
        shot.change_password(db, accounts["operator"])
    finally:
        for ctx in contexts:
            ctx.close()
        db.dispose()
    return 0


class Shooter:
    def __init__(self, app: Any, out: Path, lang: str, width: int, height: int) -> None:
        self.app, self.out, self.lang, self.width, self.height = app, out, lang, width, height
        out.mkdir(parents=True, exist_ok=True)

    def settle(self, ctxs: tuple[Any, ...] = (), rounds: int = 6) -> None:
        for _ in range(rounds):
            for ctx in ctxs:
                ctx.worker.submit(lambda: None).result(timeout=30)
            for _ in range(5):
                self.app.processEvents()
                time.sleep(0.02)

    def save(self, widget: Any, name: str, *, fill: bool = False) -> None:
        """A dialog at most the screen's size (a panel: the whole screen less the window's frame)."""
        w, h = self.width - 40, self.height - 90
        if fill:
            widget.resize(w, h)
        else:
            hint = widget.sizeHint()
            widget.resize(min(max(widget.width(), hint.width()), w), min(max(widget.height(), hint.height()), h))
        self.app.processEvents()
        path = self.out / f"enroll_{name}_{self.lang}_{self.width}x{self.height}.png"
        widget.grab().save(str(path))
        print(f"saved {path}")
        widget.close()

    def _first_person(self, ctx: Any) -> Any:
        """A person registered through the lifecycle service, with a court's curfew and an exclusion circle."""
        if getattr(self, "_person", None) is not None:
            return self._person
        from datetime import UTC, datetime

        from arm.caseload import lifecycle
        from arm.caseload.person_restrictions import CircleZone, add_with_zone
        from arm.caseload.persons import PersonDraft
        from arm.caseload.restrictions import RestrictionDraft
        from db.models import Person
        from db.validation import make_iin

        start = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)
        with ctx.db.begin() as s:
            saved = lifecycle.register(s, ctx.user, PersonDraft(
                last_name="Омаров", first_name="Бауыржан", middle_name="Кайратович",
                iin=make_iin(date(1991, 3, 14), 4411), birth_date=date(1991, 3, 14), category="parole",
                court_decision_no="2-1187/2026", court_decision_date=date(2026, 11, 20),
                court_name="Есильский районный суд г. Астаны", supervision_start=date(2026, 12, 1),
                supervision_end=date(2027, 12, 1), address="г. Астана, ул. Кенесары, д. 40, кв. 12",
                home_lat=51.16905, home_lon=71.43782, region="KZ-71", district="KZ-71-esil",
                registered_on=date(2026, 12, 7)))
            add_with_zone(s, ctx.user, RestrictionDraft(
                saved.person_id, "curfew", start, schedule=[
                    {"days": [0, 1, 2, 3, 4], "start": "22:00", "end": "06:00"},
                    {"days": [6], "start": "00:00", "end": "24:00"}, {"except": "2026-12-31"}],
                note="приговор 2-1187/2026"))
            add_with_zone(s, ctx.user, RestrictionDraft(saved.person_id, "exclusion_zone", start,
                                                        note="приговор 2-1187/2026"),
                          CircleZone("Бар «Ночной», ул. Кенесары 52", 51.17120, 71.44010, 150.0))
            self._person = s.get(Person, saved.person_id)
        return self._person

    def person_form(self, ctx: Any) -> None:
        from db.validation import make_iin
        from widgets.person_edit import PersonEditForm

        form = PersonEditForm(ctx)
        form.show()
        self.settle((ctx,))
        good = make_iin(date(1990, 5, 17), 1234)
        form.set_values({
            "last_name": "Жумабаев", "first_name": "Ерлан", "middle_name": "Серикович",
            "category": "parole", "court_decision_no": "2-1187/2026", "court_decision_date": date(2026, 11, 20),
            "court_name": "Есильский районный суд г. Астаны", "supervision_start": date(2026, 12, 1),
            "supervision_end": date(2027, 12, 1), "registered_on": date(2026, 12, 7),
            "address": "г. Астана, ул. Кенесары, д. 40, кв. 12", "home_lat": "51.16905", "home_lon": "71.43782",
            "region": "KZ-71", "district": "KZ-71-esil", "phone": "+7 701 555 12 34",
        })
        form.inputs["iin"].setText(good[:11] + str((int(good[11]) + 1) % 10))  # a typing error, shown at once
        form.resize(760, 1000)
        self.save(form, "person_form")

    def caseload_import(self, ctx: Any) -> None:
        """A caseload file with two mistakes: the preview lists them by their JSON paths, nothing is written."""
        import json

        from widgets.caseload_import import CaseloadImportDialog

        example = Path(__file__).resolve().parents[2] / "tests" / "caseload" / "data" / "format_example.json"
        doc = json.loads(example.read_text(encoding="utf-8"))
        doc["persons"][0]["iin"] = doc["persons"][0]["iin"][:11] + str((int(doc["persons"][0]["iin"][11]) + 1) % 10)
        doc["persons"][0]["restrictions"][0]["schedule"][0]["end"] = "25:00"
        path = Path(tempfile.mkdtemp(prefix="arm-enroll-file-")) / "caseload-esil.json"
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        dialog = CaseloadImportDialog(ctx, path=str(path))
        dialog.show()
        dialog.check()
        self.settle((ctx,))
        self.save(dialog, "caseload_import")

    def card(self, ctx: Any) -> None:
        from widgets.person_card import PersonCard

        card = PersonCard(ctx, self._first_person(ctx).id)
        card.show()
        self.settle((ctx,))
        card.tabs.setCurrentIndex(1)
        card.resize(1100, 640)
        self.save(card, "person_card_restrictions")

    def curfew(self, ctx: Any) -> None:
        from PySide6.QtCore import QDate

        from widgets.restrictions_editor import RestrictionEditor

        editor = RestrictionEditor(ctx, self._first_person(ctx).id)
        editor.show()
        self.settle((ctx,))
        editor.curfew.add_date(QDate(2026, 12, 31))
        editor.curfew.add_date(QDate(2027, 1, 1))
        editor.curfew.add_window([5], "23:00", "25:00")
        editor.save()  # the bad window is named beside it
        self.settle((ctx,))
        self.save(editor, "restriction_curfew")

    def zone(self, ctx: Any) -> None:
        from widgets.restrictions_editor import RestrictionEditor

        editor = RestrictionEditor(ctx, self._first_person(ctx).id, kind="exclusion_zone")
        editor.show()
        self.settle((ctx,))
        editor.source.setCurrentIndex(editor.source.findData("home"))
        editor.zone_name.setText("Бар «Ночной»" if self.lang == "ru" else "«Түнгі» бары")
        editor.radius.setValue(250)
        self.save(editor, "restriction_zone")

    def transfer(self, ctx: Any) -> None:
        from widgets.person_lifecycle import TransferDialog

        person = self._first_person(ctx)
        dialog = TransferDialog(ctx, [person.id], person_name=person.full_name)
        dialog.show()
        self.settle((ctx,))
        dialog.district.setCurrentIndex(max(1, dialog.district.findData("KZ-71-almaty")))
        dialog.officer.setCurrentIndex(min(1, dialog.officer.count() - 1))
        self.save(dialog, "transfer")

    def deregister(self, ctx: Any) -> None:
        from widgets.person_lifecycle import DeregisterDialog

        person = self._first_person(ctx)
        dialog = DeregisterDialog(ctx, person.id, person.full_name)
        dialog.show()
        dialog.reason.setText("срок надзора истёк" if self.lang == "ru" else "қадағалау мерзімі өтті")
        dialog.confirm.setChecked(True)
        self.save(dialog, "deregister")

    def issue(self, ctx: Any) -> None:
        from widgets.device_inventory import DeviceInventory

        panel = DeviceInventory(ctx)
        panel.show()
        self.settle((ctx,))
        serial = next((r.serial for r in panel.rows if r.status == "in_stock"), "")
        for i in range(panel.table.rowCount()):
            if panel.table.item(i, 0).text() == serial:
                panel.table.selectRow(i)
        dialog = panel.issue_dialog()
        if dialog is None:
            return
        dialog.show()
        self.settle((ctx,))
        self.save(dialog, "device_issue")
        panel.close()

    def users(self, ctx: Any) -> None:
        from widgets.user_admin import UserAdminPanel

        panel = UserAdminPanel(ctx)
        panel.show()
        self.settle((ctx,))
        panel.select_login("operator")
        panel.reset_password()
        self.settle((ctx,))
        panel.select_login("operator")
        self.save(panel, "users", fill=True)
        dialog = UserDialog_for(panel)
        self.settle((ctx,))
        dialog.login.setText("inspector.esil")
        dialog.full_name.setText("Серикова Айгуль Маратовна")
        dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))
        dialog.districts.set_checked("KZ-71-esil")
        dialog.districts.set_checked("KZ-71-saryarka")
        self.save(dialog, "user_new")

    def change_password(self, db: Any, user: Any) -> None:
        from dataclasses import replace

        from widgets.change_password import ChangePasswordDialog

        dialog = ChangePasswordDialog(db, replace(user, must_change_password=True), forced=True,
                                      old_password="Temp-2026-x")
        dialog.show()
        dialog.new.setText("qwerty")
        dialog.submit()
        self.save(dialog, "change_password")


def UserDialog_for(panel: Any) -> Any:
    dialog = panel.add_dialog()
    dialog.show()
    return dialog


if __name__ == "__main__":
    sys.exit(main())
