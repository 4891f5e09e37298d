"""The core's message catalogue: what the alarms and the journal store as codes, in ru, kk and en.

The legal journal and the printed forms are read in the language of the
reader, not of the desk that wrote them, so a stored text is a *code with
parameters* (``coded("detected.device", type="BRC", serial="BRC-100115")``)
and :func:`render` turns it into words in the language asked for. What an
operator typed stays exactly as typed: it is stored verbatim and rendered
verbatim.

The stored form is a small JSON object, ``{"code": ..., "params": {...}}``;
anything else is verbatim text. Rows written before codes existed carry
English text: :func:`render` recognises the English of a known code (the
alarm kinds, "electronic monitoring: BRC BRC-1", "chief of the public
security unit", "called_person: no answer; ...") and renders it in the
reader's language too, so the append-only, hash-chained journal never needs
rewriting.

Widgets use the same catalogue (``widgets.alarm_text.stored_text``) so a
screen and a printed form say the same thing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

LANGS = ("ru", "kk", "en")

#: code -> {lang: template}; templates use ``str.format`` names from the code's parameters.
CATALOGUE: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------- alarm kinds (what the violation was)
    "kind.curfew": {"ru": "Отсутствие по месту жительства в комендантский час",
                    "kk": "Коменданттық сағат кезінде үйде болмады", "en": "Away from home during curfew hours"},
    "kind.exclusion_zone": {"ru": "Вход в зону запрета", "kk": "Кіруге тыйым салынған аймаққа кірді",
                            "en": "Entered an exclusion zone"},
    "kind.inclusion_zone": {"ru": "Выход за пределы разрешённой территории", "kk": "Рұқсат етілген аймақтан шықты",
                            "en": "Left the permitted area"},
    "kind.tamper_strap": {"ru": "Размыкание ремешка браслета", "kk": "Білезік бауы ашылды",
                          "en": "Bracelet strap opened"},
    "kind.tamper_case": {"ru": "Вскрытие корпуса устройства", "kk": "Құрылғы корпусы ашылды",
                         "en": "Device case opened"},
    "kind.unit_moved": {"ru": "Перемещение СКУ", "kk": "Стационарлық құрылғы орнынан жылжытылды",
                        "en": "Home unit moved"},
    "kind.mains_lost": {"ru": "Отключение СКУ от электросети", "kk": "Стационарлық құрылғы электр желісінен ажыратылды",
                        "en": "Home unit off mains power"},
    "kind.no_communication": {"ru": "Нет связи с устройством", "kk": "Құрылғымен байланыс жоқ",
                              "en": "No communication from the device"},
    "kind.low_battery": {"ru": "Низкий заряд батареи", "kk": "Батарея заряды төмен", "en": "Low battery"},
    "kind.device_shutdown": {"ru": "Устройство выключено", "kk": "Құрылғы өшірілді", "en": "Device switched off"},
    "kind.gnss_lost": {"ru": "Нет спутникового определения местоположения",
                       "kk": "Спутник арқылы орналасқан жері анықталмады", "en": "No satellite fix"},
    "kind.gnss_jamming": {"ru": "Подавление спутникового сигнала", "kk": "Спутник сигналы басылды",
                          "en": "Satellite signal jammed"},
    "kind.device_fault": {"ru": "Неисправность устройства", "kk": "Құрылғы ақауы", "en": "Device fault"},
    "kind.alcohol_positive": {"ru": "Алкоголь в выдыхаемом воздухе обнаружен", "kk": "Алкогольге тексеру нәтижесі оң",
                              "en": "Breath alcohol test failed"},
    "kind.alcohol_refused": {"ru": "Отказ от проверки на алкоголь", "kk": "Алкогольге тексеруден бас тартты",
                             "en": "Breath alcohol test refused"},
    "kind.alcohol_missed": {"ru": "Пропуск проверки на алкоголь", "kk": "Алкогольге тексеруден өтпеді",
                            "en": "Breath alcohol test missed"},
    "kind.face_mismatch": {"ru": "Несовпадение лица при проверке на алкоголь",
                           "kk": "Алкогольге тексеру кезінде бет-әлпеті сәйкес келмеді",
                           "en": "Face did not match at the alcohol test"},
    "kind.not_monitored": {"ru": "Состоит на учёте, но не контролируется",
                           "kk": "Есепте тұр, бірақ электрондық бақылау жоқ",
                           "en": "Under supervision but not monitored"},
    "kind.bracelet_away": {"ru": "Удаление браслета от МКУ", "kk": "Білезік мобильді бақылау құрылғысынан алыс",
                           "en": "Bracelet away from the mobile unit"},
    "kind.sos": {"ru": "Нажата кнопка SOS на устройстве", "kk": "Құрылғыда SOS басылды",
                 "en": "SOS pressed on the device"},
    "kind.device_alarm": {"ru": "Тревога, переданная устройством", "kk": "Құрылғы хабарлаған дабыл",
                          "en": "Alarm reported by the device"},
    # ------------------------------------------------------------- operator actions (measures taken)
    "action.called_person": {"ru": "Звонок подучётному лицу", "kk": "Адамға қоңырау шалынды",
                             "en": "Called the person"},
    "action.informed_officer": {"ru": "Инспектор пробации уведомлён", "kk": "Пробация инспекторы хабардар етілді",
                                "en": "Informed the probation officer"},
    "action.patrol_sent": {"ru": "Направлен наряд полиции", "kk": "Патруль жіберілді", "en": "Patrol sent"},
    "action.note": {"ru": "Примечание", "kk": "Ескертпе", "en": "Note"},
    # ------------------------------------------------------------- resolutions
    "resolution.confirmed_violation": {"ru": "Нарушение подтверждено", "kk": "Бұзушылық расталды",
                                       "en": "Confirmed violation"},
    "resolution.false_alarm": {"ru": "Ложная тревога", "kk": "Жалған дабыл", "en": "False alarm"},
    "resolution.technical_fault": {"ru": "Техническая неисправность", "kk": "Техникалық ақау",
                                   "en": "Technical fault"},
    # ------------------------------------------------------------- to whom a violation was reported
    "report_to.public_security_chief": {
        "ru": "Начальник подразделения общественной безопасности",
        "kk": "Қоғамдық қауіпсіздік бөлімшесінің бастығы", "en": "Chief of the public security unit"},
    "report_to.duty_unit": {"ru": "Дежурная часть полиции", "kk": "Полицияның кезекші бөлімі",
                            "en": "Police duty unit"},
    "report_to.district_inspector": {"ru": "Участковый инспектор полиции", "kk": "Учаскелік полиция инспекторы",
                                     "en": "District police inspector"},
    "report_to.probation_officer": {"ru": "Инспектор службы пробации", "kk": "Пробация қызметінің инспекторы",
                                    "en": "Probation officer"},
    "report_to.probation_head": {"ru": "Начальник службы пробации", "kk": "Пробация қызметінің бастығы",
                                 "en": "Head of the probation service"},
    # ------------------------------------------------------------- how a violation was detected
    "detected.device": {"ru": "электронное средство слежения: {type} {serial}",
                        "kk": "электрондық бақылау құралы: {type} {serial}",
                        "en": "electronic monitoring: {type} {serial}"},
    "detected.rules": {"ru": "электронный контроль: правила мониторинга",
                       "kk": "электрондық бақылау: мониторинг ережелері",
                       "en": "electronic monitoring: rules engine"},
    # ------------------------------------------------------------- device types (what a device is)
    "device_type.BRC": {"ru": "браслет", "kk": "білезік", "en": "bracelet"},
    "device_type.TRK": {"ru": "трекер", "kk": "трекер", "en": "tracker"},
    "device_type.SKU": {"ru": "СКУ", "kk": "СБҚ", "en": "home unit"},
    "device_type.MKU": {"ru": "МКУ", "kk": "МБҚ", "en": "mobile unit"},
    "device_type.BAC": {"ru": "алкотестер", "kk": "алкотестер", "en": "breathalyser"},
    "device_type.RCV": {"ru": "приёмник", "kk": "қабылдағыш", "en": "receiver"},
    "device_type.GT06": {"ru": "GPS-трекер", "kk": "GPS-трекер", "en": "GPS tracker"},
    "device_type.WATCH": {"ru": "часы-трекер", "kk": "сағат-трекер", "en": "tracker watch"},
    "device_type.PHONE": {"ru": "телефон", "kk": "телефон", "en": "phone"},
    "correction": {"ru": "исправление", "kk": "түзету", "en": "correction"},
    # ------------------------------------------------------------- the demo's marker on forms
    "demo.marker": {"ru": "ДЕМОНСТРАЦИОННЫЕ ДАННЫЕ", "kk": "ДЕМОНСТРАЦИЯЛЫҚ ДЕРЕКТЕР", "en": "DEMO DATA"},
}

#: what a journal entry's "measures" holds when actions were recorded: a list code (see :func:`measures`).
MEASURES = "measures"
REPORT_TO_CODES = tuple(k.split(".", 1)[1] for k in CATALOGUE if k.startswith("report_to."))


def coded(code: str, **params: Any) -> str:
    """The stored form of ``code`` with ``params`` (JSON; parameters must be JSON values)."""
    body: dict[str, Any] = {"code": code}
    if params:
        body["params"] = params
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def measures(actions: list[tuple[str, str]], text: str) -> str:
    """Measures taken: recorded operator actions (codes, their notes verbatim) and the typed text verbatim."""
    if not actions:
        return text
    return coded(MEASURES, actions=[[a, n] for a, n in actions], text=text)


def report_to(value: str) -> str:
    """The stored "reported to": a bare code of :data:`REPORT_TO_CODES` coded, anything else verbatim."""
    value = value.strip()
    return coded(f"report_to.{value}") if value in REPORT_TO_CODES else value


def with_correction(stored: str, reason: str) -> str:
    """``stored`` measures with a correction's reason added (rendered "[исправление: ...]")."""
    found = parse(stored)
    params: dict[str, Any] = dict(found[1]) if found is not None and found[0] == MEASURES else {
        "actions": [], "text": stored}
    params["correction"] = reason
    return coded(MEASURES, **params)


def parse(stored: str | None) -> tuple[str, dict[str, Any]] | None:
    """``(code, params)`` of a stored coded text; None for verbatim text."""
    if not stored or not stored.startswith('{"code":'):
        return None
    try:
        body = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("code"), str):
        return None
    params = body.get("params") or {}
    return body["code"], params if isinstance(params, dict) else {}


def text(code: str, lang: str, params: Mapping[str, Any] | None = None) -> str:
    """The words of ``code`` in ``lang`` (English if that language lacks it); "" for an unknown code."""
    entry = CATALOGUE.get(code)
    if entry is None:
        return ""
    template = entry.get(lang) or entry["en"]
    values = dict(params or {})
    if code == "detected.device" and isinstance(values.get("type"), str):
        values["type"] = text(f"device_type.{values['type']}", lang) or values["type"]
    try:
        return template.format_map(_Blank(values))
    except (IndexError, ValueError, AttributeError):
        return entry["en"].format_map(_Blank(values))


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def render(stored: str | None, lang: str) -> str:
    """A stored text in ``lang``: a code in words, old English of a known code translated, typed text as typed."""
    if not stored:
        return ""
    found = parse(stored)
    if found is not None:
        code, params = found
        if code == MEASURES:
            return _render_measures(params, lang)
        return text(code, lang, params) or stored
    legacy = legacy_code(stored)
    if legacy is not None:
        code, params = legacy
        return _render_measures(params, lang) if code == MEASURES else text(code, lang, params)
    return stored


def _render_measures(params: Mapping[str, Any], lang: str) -> str:
    parts = []
    for item in params.get("actions") or []:
        action, note = (list(item) + ["", ""])[:2]
        name = text(f"action.{action}", lang) or str(action)
        parts.append(f"{name}: {note}" if note else name)
    typed = str(params.get("text") or "")
    if typed:
        parts.append(typed)
    out = "; ".join(parts)
    if params.get("correction"):
        out += f"\n[{text('correction', lang)}: {params['correction']}]"
    return out


# ---------------------------------------------------------------- rows written before codes existed
_LEGACY_PREFIXES = ("kind.", "resolution.", "report_to.", "detected.rules")
_ENGLISH = {entry["en"].lower(): code for code, entry in CATALOGUE.items() if code.startswith(_LEGACY_PREFIXES)}
_DEVICE = re.compile(r"^electronic monitoring: (\w+) (\S+)$")
_ACTION = re.compile(r"^(called_person|informed_officer|patrol_sent|note)(?:: (.*))?$", re.S)


def legacy_code(stored: str) -> tuple[str, dict[str, Any]] | None:
    """The code an old English text stands for (the kinds, device, report-to and measures texts), or None."""
    plain = stored.strip()
    code = _ENGLISH.get(plain.lower())
    if code is not None:
        return code, {}
    match = _DEVICE.match(plain)
    if match:
        return "detected.device", {"type": match.group(1), "serial": match.group(2)}
    if ":" in plain and any(plain.startswith(a) for a in ("called_person", "informed_officer", "patrol_sent", "note:")):
        actions: list[list[str]] = []
        rest: list[str] = []
        for part in plain.split("; "):
            m = _ACTION.match(part)
            if m and not rest:
                actions.append([m.group(1), m.group(2) or ""])
            else:
                rest.append(part)
        if actions:
            return MEASURES, {"actions": actions, "text": "; ".join(rest)}
    return None


def code_of_stored(stored: str | None) -> str:
    """The code of a stored text (coded or old English), "" for typed text."""
    if not stored:
        return ""
    found = parse(stored) or legacy_code(stored)
    return found[0] if found else ""
