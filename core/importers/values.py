"""Published values: numbers, percentages and the codes that stand for a missing figure.

A suppressed or missing figure becomes ``None`` with the reason kept — never zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Codes seen in DfE performance tables, Explore Education Statistics and Ofsted files.
SUPPRESSION = {
    "": "missing",
    "NA": "not applicable",
    "N/A": "not applicable",
    "NE": "no entries",
    "NP": "not published",
    "SP": "suppressed percentage",
    "SUPP": "suppressed",
    "LOWCOV": "low coverage",
    "NEW": "new school",
    "NULL": "missing",
    "x": "not available",
    "c": "confidential",
    "z": "not applicable",
    "u": "low reliability",
    ":": "not available",
}


@dataclass(frozen=True)
class Value:
    value: float | None
    raw: str
    suppression: str


class BadValue(ValueError):
    """A cell that is neither a number nor a known code."""


def parse(raw: str) -> Value:
    text = raw.strip()
    if text in SUPPRESSION:
        return Value(None, text, SUPPRESSION[text])
    # Thousands separators, a trailing '%' and a leading '£' (workforce salaries) are dropped.
    cleaned = text.replace(",", "").removesuffix("%").removeprefix("£").strip()
    try:
        number = float(cleaned)
    except ValueError:
        raise BadValue(f"{text[:40]!r} is neither a number nor a known code") from None
    if not math.isfinite(number):
        raise BadValue(f"{text[:40]!r} is not a finite number")
    return Value(number, text, "")
