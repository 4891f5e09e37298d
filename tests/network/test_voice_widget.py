"""The person card's "Voice messages" tab: real widgets offscreen, real database, real FFmpeg decoding."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from arm.auth import CurrentUser
from arm.bus import Bus
from arm.config import Settings
from arm.ingest import Ingest
from db.models import AuditEntry
from db.session import Database
from tests.network.media_fixtures import MediaSet, media_set, settle_player, user
from widgets.context import AppContext
from widgets.person_card import PersonCard
from widgets.qt_bridge import QtBridge


@pytest.fixture
def media(db: Database, ingest: Ingest) -> MediaSet:
    return media_set(db, ingest)


@pytest.fixture
def make_ctx(qapp):
    made: list[AppContext] = []

    def make(db: Database, who: CurrentUser) -> AppContext:
        bus = Bus()
        ctx = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus), user=who, settings=Settings())
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


def actions(db: Database) -> list[tuple[str, str]]:
    with db.session() as s:
        return [(a.action, a.object_id) for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_operator_plays_and_saves_a_voice_message_from_the_person_card(qtbot, media: MediaSet, make_ctx,
                                                                        tmp_path: Path) -> None:
    ctx = make_ctx(media.db, user("operator", "oper1"))
    card = PersonCard(ctx, media.person_ids[0])
    qtbot.addWidget(card)
    card.resize(900, 520)
    card.show()
    assert card.voice is not None
    view = card.voice
    with qtbot.waitSignal(view.loaded, timeout=10_000) as listed:
        card.tabs.setCurrentWidget(view)
    assert listed.args == [2] and view.table.rowCount() == 2
    assert [view.table.item(r, 2).text() for r in range(2)] == ["2.0 s", "1.0 s"]
    assert ("media_list", str(media.person_ids[0])) in actions(media.db)

    newest = view.clips[0]
    with qtbot.waitSignal(view.playing, timeout=10_000):
        view.play_button.click()
    player = view._player
    assert player is not None
    # FFmpeg decoded the AMR clip: its length is known (2 s, +/- the estimate)
    qtbot.waitUntil(lambda: player.duration() > 0, timeout=10_000)
    assert abs(player.duration() - 2000) < 200
    assert ("media_listen", str(newest.id)) in actions(media.db)
    view.table.selectRow(1)
    assert not card.grab().isNull()
    view.stop()
    settle_player(qtbot)

    target = tmp_path / "out.amr"
    with qtbot.waitSignal(view.saved, timeout=10_000):
        view.save_to(view.clips[1].id, str(target))
    assert target.read_bytes() == media.clips[view.clips[1].id]
    assert ("media_export", str(view.clips[1].id)) in actions(media.db)
    assert str(target) in view.status.text()


@pytest.mark.parametrize("role", ["technician", "administrator"])
def test_the_tab_is_not_offered_to_roles_without_personal_data(qtbot, media: MediaSet, make_ctx, role: str) -> None:
    card = PersonCard(make_ctx(media.db, user(role)), media.person_ids[0])
    qtbot.addWidget(card)
    assert card.voice is None
    assert "Voice messages" not in [card.tabs.tabText(i) for i in range(card.tabs.count())]
