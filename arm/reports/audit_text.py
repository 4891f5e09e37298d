"""The audit journal in words: actions, roles, objects and details for the reader, times in the desk zone.

The audit journal stores stable codes (``journal_verify``, ``map.person_focus``)
and a JSON detail (``{"filter": {"date_from": "2026-12-01T19:00:00+00:00"}}``);
the supervisor reading it, on screen or on paper, sees "проверка целостности
журналов" and "отбор: с 02.12.2026 00:00". Both the journal screen
(``widgets.journal_model``) and the printed audit journal use these functions.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from arm import messages
from arm.caseload import reference
from arm.reports.labels import LANGS, audit_action_text, enum_text, t

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?$")

#: detail keys in words (ru, kk, en); an unknown key is shown with spaces for underscores
DETAIL_KEYS: dict[str, tuple[str, str, str]] = {
    "filter": ("отбор", "іріктеу", "filter"),
    "rows": ("записей", "жазба", "rows"),
    "format": ("формат", "пішім", "format"),
    "file": ("файл", "файл", "file"),
    "at": ("время", "уақыты", "time"),
    "person_id": ("лицо №", "адам №", "person No."),
    "persons": ("лица №", "адамдар №", "persons No."),
    "alarm_id": ("тревога №", "дабыл №", "alarm No."),
    "kind": ("вид", "түрі", "kind"),
    "note": ("примечание", "ескертпе", "note"),
    "reason": ("причина", "себебі", "reason"),
    "code": ("код", "код", "code"),
    "incidents": ("инцидентов", "оқиғалар", "incidents"),
    "shelved": ("отложено", "кейінге қалдырылған", "shelved"),
    "not_monitored": ("без контроля", "бақылаусыз", "not monitored"),
    "month": ("месяц", "ай", "month"),
    "year": ("год", "жыл", "year"),
    "quarter": ("квартал", "тоқсан", "quarter"),
    "part": ("часть", "бөлім", "part"),
    "problems": ("нарушений целостности", "тұтастық бұзылыстары", "integrity problems"),
    "date_from": ("с", "бастап", "from"),
    "date_to": ("по", "дейін", "to"),
    "district": ("район", "аудан", "district"),
    "resolution": ("решение", "шешім", "resolution"),
    "category": ("категория", "санат", "category"),
    "operator": ("оператор", "оператор", "operator"),
    "person": ("лицо", "адам", "person"),
    "device": ("устройство", "құрылғы", "device"),
    "officer": ("инспектор", "инспектор", "officer"),
    "officer_before": ("прежний инспектор", "бұрынғы инспектор", "officer before"),
    "district_before": ("прежний район", "бұрынғы аудан", "district before"),
    "districts": ("районы", "аудандар", "districts"),
    "region": ("область", "облыс", "region"),
    "office": ("служба пробации", "пробация қызметі", "probation office"),
    "before": ("было", "бұрын", "before"),
    "after": ("стало", "кейін", "after"),
    "names": ("названия", "атаулары", "names"),
    "full_name": ("ФИО", "аты-жөні", "full name"),
    "role": ("роль", "рөлі", "role"),
}
#: detail keys whose values are reference-list codes (``arm.caseload.reference``): shown as names;
#: "before"/"after" hold codes for a user's districts (names of a rename come back as they are)
REFERENCE_KEYS = frozenset({"district", "districts", "district_before", "region", "office", "officer",
                            "officer_before", "before", "after"})
ROLES: dict[str, tuple[str, str, str]] = {
    "operator": ("оператор", "оператор", "operator"),
    "supervisor": ("начальник смены", "ауысым бастығы", "supervisor"),
    "technician": ("техник", "техник", "technician"),
    "administrator": ("администратор", "әкімші", "administrator"),
}
OBJECTS: dict[str, tuple[str, str, str]] = {
    "alarm": ("тревога", "дабыл", "alarm"), "alarms": ("тревоги", "дабылдар", "alarms"),
    "journal": ("журнал", "журнал", "journal"), "person": ("лицо", "адам", "person"),
    "device": ("устройство", "құрылғы", "device"), "report": ("отчёт", "есеп", "report"),
    "violation": ("запись журнала нарушений", "бұзушылықтар журналының жазбасы", "violation entry"),
    "zone": ("зона", "аймақ", "zone"), "restriction": ("ограничение", "шектеу", "restriction"),
    "demo": ("демо", "демо", "demo"), "deletion_act": ("акт удаления", "жою актісі", "deletion act"),
    "retention": ("сроки хранения", "сақтау мерзімдері", "retention"), "map": ("карта", "карта", "map"),
    "violations": ("нарушения", "бұзушылықтар", "violations"), "audit": ("аудит", "аудит", "audit"),
    "assignments": ("выдача устройств", "құрылғыларды беру", "device issues"),
    "region": ("область", "облыс", "region"), "district": ("район", "аудан", "district"),
    "office": ("служба пробации", "пробация қызметі", "probation office"),
    "officer": ("инспектор пробации", "пробация инспекторы", "probation officer"),
    "user": ("учётная запись", "есептік жазба", "user account"),
}


def _word(table: dict[str, tuple[str, str, str]], key: str, lang: str) -> str:
    words = table.get(key)
    if words is None:
        return key.replace("_", " ")
    return words[LANGS.index(lang)] if lang in LANGS else words[2]


def role_text(role: str, lang: str) -> str:
    return _word(ROLES, role, lang) if role else ""


def object_text(kind: str, lang: str) -> str:
    return _word(OBJECTS, kind, lang) if kind else ""


def object_id_text(object_id: str, lang: str) -> str:
    """An object id in words where it names a journal ("violations" -> "нарушения") or is a reference code
    (``KZ-75-medeu`` -> "Медеуский район"); a number as it is."""
    if object_id in _JOURNAL_IDS:
        return _word(OBJECTS, object_id, lang)
    return reference.name(object_id, lang)


_JOURNAL_IDS = frozenset({"violations", "alarms", "assignments", "audit"})


def action_text(action: str, lang: str) -> str:
    return audit_action_text(action, lang)


def _value(key: str, value: Any, lang: str, tz: ZoneInfo) -> str:
    if isinstance(value, str) and _ISO.match(value):
        try:
            local = datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(tz)
        except ValueError:
            return value
        if local.time() == time(0) and key in ("date_from", "date_to"):  # a period of whole days
            return (local - timedelta(days=1) if key == "date_to" else local).strftime("%d.%m.%Y")
        return local.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dict):
        return "; ".join(f"{_word(DETAIL_KEYS, k, lang)} {_value(k, v, lang, tz)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_value(key, v, lang, tz) for v in value)
    if isinstance(value, str) and (key == "role" or (key in ("before", "after") and value in ROLES)):
        return role_text(value, lang)
    if key in REFERENCE_KEYS and isinstance(value, str):
        return reference.name(value, lang)
    if key == "kind" and isinstance(value, str):
        return messages.text(f"kind.{value}", lang) or audit_action_text(value, lang)
    if key in ("resolution", "category") and isinstance(value, str):
        return enum_text(key, value, lang)
    if key == "journal" or key == "part":
        return t(f"title.{value}", lang) if f"title.{value}" in _TITLES else str(value)
    if isinstance(value, bool):
        return {"ru": ("да", "нет"), "kk": ("иә", "жоқ")}.get(lang, ("yes", "no"))[0 if value else 1]
    return str(value)


_TITLES = {"title.violations", "title.alarms", "title.assignments", "title.audit"}


def detail_text(detail: Any, lang: str, tz: ZoneInfo) -> str:
    """An audit row's detail in words: "отбор: с 02.12.2026 00:00; записей: 12"."""
    if not detail:
        return ""
    if not isinstance(detail, dict):
        return str(detail)
    return "; ".join(f"{_word(DETAIL_KEYS, k, lang)}: {_value(k, v, lang, tz)}" for k, v in detail.items())
