"""The "who was here" result as a PDF for the investigator (the journals' PDF layout, ``arm.reports.pdf``).

The area is described as searched: a circle by its centre and radius, a
polygon by its number of corners, centroid and area, then every corner; the
distance column of a polygon is to its centroid (``arm.history.near``).

The texts are the fixed wording of a printed document, in the language the
recipient needs (``ru``, ``kk``, ``en``), like ``arm.reports.labels``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from arm.caseload import reference
from arm.history.near import NearResult
from arm.reports import pdf
from arm.reports.document import Section, TableDoc, local_text
from arm.safe_write import write_atomic

TEXT: dict[str, dict[str, str]] = {
    "title": {"ru": "Справка о нахождении лиц вблизи места в заданный период",
              "kk": "Белгіленген кезеңде орынның жанында болған адамдар туралы анықтама",
              "en": "Persons near a place within a time window"},
    "place": {"ru": "Место", "kk": "Орын", "en": "Place"},
    "radius": {"ru": "радиус, м", "kk": "радиусы, м", "en": "radius, m"},
    "polygon": {"ru": "Многоугольник из {n} вершин", "kk": "{n} төбесі бар көпбұрыш", "en": "Polygon of {n} corners"},
    "centroid": {"ru": "центр", "kk": "ортасы", "en": "centroid"},
    "area": {"ru": "площадь, км²", "kk": "ауданы, км²", "en": "area, km²"},
    "corners": {"ru": "Вершины (широта, долгота)", "kk": "Төбелері (ендік, бойлық)",
                "en": "Corners (latitude, longitude)"},
    "period": {"ru": "Период", "kk": "Кезең", "en": "Period"},
    "reason": {"ru": "Основание запроса", "kk": "Сұраудың негізі", "en": "Reason"},
    "by": {"ru": "Запрос выполнил", "kk": "Сұрауды орындаған", "en": "Searched by"},
    "hidden": {"ru": "Лиц других районов (не указаны)", "kk": "Басқа аудандардың адамдары (көрсетілмеген)",
               "en": "Persons of other districts (not named)"},
    "col.no": {"ru": "№", "kk": "№", "en": "No."},
    "col.person": {"ru": "Ф.И.О. лица", "kk": "Адамның Т.А.Ә.", "en": "Full name"},
    "col.district": {"ru": "Район", "kk": "Аудан", "en": "District"},
    "col.device": {"ru": "Устройство", "kk": "Құрылғы", "en": "Device"},
    "col.time": {"ru": "Время ближайшей отметки", "kk": "Ең жақын белгінің уақыты", "en": "Time of the closest fix"},
    "col.distance": {"ru": "Расстояние, м", "kk": "Қашықтық, м", "en": "Distance, m"},
    "col.distance.polygon": {"ru": "Расстояние до центра, м", "kk": "Ортасына дейінгі қашықтық, м",
                             "en": "Distance to the centroid, m"},
    "col.point": {"ru": "Координаты", "kk": "Координаттар", "en": "Coordinates"},
    "col.track": {"ru": "Отметок в периоде (первая - последняя)", "kk": "Кезеңдегі белгілер (бірінші - соңғы)",
                  "en": "Fixes in the window (first - last)"},
    "total": {"ru": "Всего лиц", "kk": "Барлық адам", "en": "Persons found"},
    "printed": {"ru": "Сформировано", "kk": "Құрастырылды", "en": "Produced"},
    "page": {"ru": "Лист", "kk": "Парақ", "en": "Page"},
    "sign": {"ru": "Подпись ____________________", "kk": "Қолы ____________________",
             "en": "Signature ____________________"},
}


def t(key: str, lang: str) -> str:
    texts = TEXT[key]
    return texts.get(lang) or texts["en"]


def document(result: NearResult, lang: str, tz: ZoneInfo) -> TableDoc:
    def row(n: int, h: Any) -> list[Any]:
        first_last = (f"{len(h.track)} ({local_text(h.track[0].time, tz)} - {local_text(h.track[-1].time, tz)})"
                      if h.track else "0")
        return [n, h.name, reference.name(h.district, lang), h.device_serial, local_text(h.closest.time, tz), f"{h.distance_m:.0f}",
                f"{h.closest.lat:.6f}, {h.closest.lon:.6f}", first_last]

    if result.polygon:
        corners = "; ".join(f"{n}) {lat:.6f}, {lon:.6f}" for n, (lat, lon) in enumerate(result.polygon, 1))
        place = [f"{t('place', lang)}: {t('polygon', lang).format(n=len(result.polygon))}; {t('centroid', lang)} "
                 f"{result.lat:.6f}, {result.lon:.6f}; {t('area', lang)} {result.area_m2 / 1e6:.3f}",
                 f"{t('corners', lang)}: {corners}"]
    else:
        place = [f"{t('place', lang)}: {result.lat:.6f}, {result.lon:.6f}; {t('radius', lang)} {result.radius_m:.0f}"]
    lines = [
        *place,
        f"{t('period', lang)}: {local_text(result.start, tz)} - {local_text(result.end, tz)} ({tz.key})",
        f"{t('reason', lang)}: {result.reason}",
        f"{t('by', lang)}: {result.searched_by_name or result.searched_by}",
    ]
    if result.hidden:
        lines.append(f"{t('hidden', lang)}: {result.hidden}")
    return TableDoc(
        title=t("title", lang),
        headers=[t(k, lang) for k in ("col.no", "col.person", "col.district", "col.device", "col.time",
                                      "col.distance.polygon" if result.polygon else "col.distance", "col.point",
                                      "col.track")],
        widths=[5, 22, 12, 12, 14, 8, 16, 22],
        sections=[Section("", [row(n, h) for n, h in enumerate(result.hits, 1)])],
        header_lines=lines,
        signatures=[t("sign", lang)],
        total_label=t("total", lang),
    )


def export_pdf(result: NearResult, out: Path, *, lang: str = "ru", tz: ZoneInfo | None = None,
               force: bool = False) -> Path:
    """Write the PDF through ``arm.safe_write`` (an existing file only with ``force``)."""
    zone = tz or ZoneInfo("Asia/Almaty")
    doc = document(result, lang, zone)
    produced = pdf.produced_line(t("printed", lang), datetime.now(UTC).astimezone(zone), zone.key)
    write_atomic(out, lambda tmp: pdf.write_pdf(doc, tmp, produced, t("page", lang)), force=force)
    return out
