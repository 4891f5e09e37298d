"""The font embedded in every PDF: DejaVu Sans, shipped in ``resources/fonts``.

The base-14 PDF fonts have no Kazakh letters (ә ғ қ ң ө ұ ү һ і); a TrueType
font embedded in the file prints them on any machine. The copy in
``resources/fonts`` (Bitstream Vera licence, LICENSE-DejaVu.txt) is used, so
the result does not depend on what the user's system has installed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
REGULAR, BOLD = "ArmSans", "ArmSans-Bold"
KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


class FontMissing(RuntimeError):
    """The shipped font is not where it should be (a broken installation)."""


@cache
def register() -> tuple[str, str]:
    """Register the fonts with reportlab once; returns (regular, bold) names."""
    regular, bold = FONTS_DIR / "DejaVuSans.ttf", FONTS_DIR / "DejaVuSans-Bold.ttf"
    for path in (regular, bold):
        if not path.is_file():
            raise FontMissing(f"The report font is missing: {path}. Reinstall the application.")
    pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD
