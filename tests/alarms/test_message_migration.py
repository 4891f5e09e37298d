"""The alarms_message_codes revision: old English alarm messages become codes, a device's own text stays."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine, text

from arm import messages
from db import migrate


def test_old_english_messages_become_codes_and_come_back_on_downgrade(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrate.upgrade(engine)
    migrate.downgrade(engine, "alarm_texts@-1")  # the schema as it was before the revision
    rows = [("low_battery", "Low battery"), ("tamper_strap", "Bracelet strap opened"),
            ("device_alarm", "Мой текст устройства")]
    with engine.begin() as conn:
        for kind, message in rows:
            conn.execute(text(
                "INSERT INTO alarms (kind, priority, state, acknowledged, message, details, raised_at) "
                "VALUES (:k, 'low', 'closed', 1, :m, '{}', :t)"), {"k": kind, "m": message, "t": datetime.now(UTC)})
    migrate.upgrade(engine)
    with engine.connect() as conn:
        stored = dict(conn.execute(text("SELECT kind, message FROM alarms")).all())
    assert stored["low_battery"] == messages.coded("kind.low_battery")
    assert messages.render(stored["tamper_strap"], "kk") == "Білезік бауы ашылды"
    assert stored["device_alarm"] == "Мой текст устройства"  # not the English of its kind: as it was
    migrate.downgrade(engine, "alarm_texts@-1")
    with engine.connect() as conn:
        assert dict(conn.execute(text("SELECT kind, message FROM alarms")).all())["low_battery"] == "Low battery"
    engine.dispose()
