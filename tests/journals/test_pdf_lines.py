"""PDF cells are broken into lines exactly where a reportlab Paragraph would break them.

The PDF writer draws journal cells as plain table text broken by
``pdf._fit`` (several times cheaper than a Paragraph per cell); the lines
must be the ones the Paragraph layout produced before.
"""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4, landscape

from arm.reports import exporter, pdf
from db.queries.filters import JournalFilter


def _paragraph_lines(text: str, width: float) -> list[str]:
    p = pdf.para(text, pdf.styles()["cell"])
    p.wrap(width - 4, 10_000)
    if p.blPara.kind == 0:  # one fragment: (unused width, words) per line
        return [" ".join(words) for _, words in p.blPara.lines]
    return ["".join(frag.text for frag in line.words) for line in p.blPara.lines]  # entities split fragments


AWKWARD = [
    "Шәріпов Һадис Іңкәрұлы",
    "нарушение подтверждено",
    "Әбілқасымов  Нұрлан\tӨмірұлы  ",
    "первая строка\nвторая   строка, подлиннее прочих",
    "BRC-1029384756102938475610293847561029384756",
    "a & b < c > d",
    "оченьдлинноесловобезпробеловкотороенепомещаетсявстолбец и хвост",
]


@pytest.mark.parametrize("width", [20.0, 35.0, 60.0, 120.0])
@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_texts_break_like_a_paragraph(text, width):
    want = [line for part in text.split("\n") for line in _paragraph_lines(part, width)]
    assert pdf._fit(text, width, pdf.styles()["cell"]).split("\n") == want


def test_every_cell_of_a_journal_breaks_like_a_paragraph(journal_db, supervisor):
    style = pdf.styles()["cell"]
    with journal_db.db.begin() as s:
        doc = exporter.build_doc(s, supervisor, "violations", JournalFilter(), lang="kk")
        widths = pdf.col_widths(doc.widths, landscape(A4)[0] - 2 * pdf.MARGIN)
        cells = [(str(v), w) for row in doc.sections[0].rows for v, w in zip(row, widths, strict=True) if v != ""]
    assert len(cells) > 100
    wrapped = 0
    for text, width in cells:
        lines = pdf._fit(text, width, style).split("\n")
        assert lines == _paragraph_lines(text, width), text
        wrapped += len(lines) > 1
    assert wrapped > 10  # the narrow columns really wrap
