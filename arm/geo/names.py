"""Name matching that does not care about the alphabet or the street-type word.

Operators type an address the way they know it: "Кенесары 40", "Kenesary 40",
"ул. Абая 45", "Abai 45", "Абай даңғылы". OSM holds the street as
``name``/``name:ru``/``name:kk`` in Cyrillic (and sometimes a Latin
``name:en``). Both sides are reduced to one *key*: Cyrillic (Russian and
Kazakh letters) and Kazakh Latin (2021) transliterated to plain ASCII, then
letters that transliterations disagree about folded together (``й/ы/и/і/y/i``
-> ``i``, ``х/h/kh`` -> ``h``, ``қ/q/k`` -> ``k``...), doubled letters
collapsed, and street-type words ("улица", "көшесі", "prospekt"...) dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYR = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "j", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "c", "ч": "ch", "ш": "sh",
    "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
# Latin spellings after lower-casing and accent stripping (á->a, ú->u, ı->i...)
_LAT = [
    ("shch", "sh"), ("kh", "h"), ("zh", "j"), ("ts", "c"), ("yu", "iu"), ("ya", "ia"),
    ("ye", "e"), ("q", "k"), ("w", "u"), ("x", "h"), ("y", "i"),
]
# street-type words in ru, kk and their Latin forms (keys, i.e. already folded)
STREET_WORDS = frozenset({
    "ul", "ulica", "ulitsa", "kosh", "koshesi", "koshe", "pr", "prosp", "prospekt", "pr-t", "dangili",
    "dangil", "d", "pereulok", "per", "tupik", "tup", "bulvar", "bul", "shosse", "sh", "trakt",
    "mkr", "mikroraion", "mikroaudan", "maidan", "ploshad", "pl", "naberejnaia", "nab", "jol", "joli",
    "kv", "kvartal", "tirkeme", "street", "st", "str", "avenue", "ave", "lane", "sok", "sokak", "alleia",
    "dom", "uii", "house",
})
_SPLIT = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)  # an extract repeats the same street names and house numbers many times
def fold(text: str) -> str:
    """Lower-case ASCII key of ``text`` (alphabet-independent, see the module doc)."""
    out: list[str] = []
    for ch in text.lower():
        if ch in _CYR:
            out.append(_CYR[ch])
        else:
            out.append(ch)
    s = unicodedata.normalize("NFKD", "".join(out))
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("ı", "i")
    for a, b in _LAT:
        s = s.replace(a, b)
    # collapse doubled letters (Кенесары/Kenessary, Абая/Abaia)
    return re.sub(r"([a-z])\1+", r"\1", s)


def words(text: str) -> list[str]:
    """Folded words of ``text``, street-type words removed."""
    return [w for w in _SPLIT.split(fold(text)) if w and w not in STREET_WORDS]


def street_key(name: str) -> str:
    """The key a street name is stored and compared under."""
    return " ".join(w for w in words(name) if not w.isdigit() or len(w) > 0)


def housenumber_key(text: str) -> str:
    """``"40"``, ``"40А"``, ``"40 a"``, ``"40/1"`` -> ``"40"``, ``"40a"``, ``"40a"``, ``"40/1"``."""
    s = fold(text)
    return re.sub(r"[^0-9a-z/]", "", s)


def split_query(text: str) -> tuple[list[str], str | None]:
    """A search text -> (name words, house number or None).

    The house number is the last token that starts with a digit ("40", "40а",
    "40/1"); a street that is itself a number ("8 Марта") keeps its words.
    """
    raw = [t for t in re.split(r"[\s,]+", text.strip()) if t]
    number = None
    for i in range(len(raw) - 1, -1, -1):
        if raw[i][0].isdigit() and i > 0:
            number = housenumber_key(raw.pop(i))
            break
    name_words: list[str] = []
    for t in raw:
        name_words.extend(words(t))
    return name_words, number or None
