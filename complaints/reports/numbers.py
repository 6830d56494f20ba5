"""A share (the on-time rate) in the periodic report, written for its reader or for a
program: the page and the PDF write it as the reader's language writes numbers (Django's
localised number format: "100,0%" in Vietnamese, "100.0%" in English, as the Unicode
locale data write a percentage in each), the CSV file keeps one form whatever the language
("100.0%"), for the programs that read it, and the XLSX file the exact share (2/3) shown by
the spreadsheet's own percent format ("0.0%": "66.7%"), so the reader's spreadsheet writes it
the reader's way and can count with it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format

DIGITS = 1  # one decimal: "87,5%"


def _hundredths(rate: float) -> float:
    # Rounded here: Django's number format cuts the decimals it does not show (66.66… would
    # read "66,6").
    return round(rate * 100, DIGITS)


def percent(rate: float | None) -> str:
    """`rate` (0–1) as a percentage in the active language; "" when there is none."""
    if rate is None:
        return ""
    return f"{number_format(_hundredths(rate), decimal_pos=DIGITS, use_l10n=True)}%"


# The number format of a share's cell in the XLSX file: one decimal, "66.7%" (a spreadsheet
# writes it with the reader's own decimal separator).
SPREADSHEET_PERCENT = f"0.{'0' * DIGITS}%"


def machine_percent(rate: float) -> str:
    """`rate` (0–1) as the files write it, in every language: "100.0%"."""
    return f"{_hundredths(rate):.{DIGITS}f}%"


@dataclass(frozen=True)
class Share:
    """A cell of a report's table holding a share (0–1): the reader's form as text
    (`percent`), the files' form by `machine_percent`."""

    rate: float

    def __str__(self) -> str:
        return percent(self.rate)


def machine_cell(cell):
    """A table's cell as the CSV file writes it."""
    return machine_percent(cell.rate) if isinstance(cell, Share) else cell
