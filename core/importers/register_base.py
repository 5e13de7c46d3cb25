"""What every register-style import shares: the kind, the summary, and the cell readers.

Register files (GIAS, Ofsted, LA lookups, the AP census) are not one-measure-per-column files
for a year named on the command line: each says what it describes, row by row. So each kind
has its own loader, and they share only what is here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from tortoise.backends.base.client import BaseDBAsyncClient

URN_MAX = 99_999_999
SEPTEMBER = 9
"""The academic year starts in September."""
Rows = Iterator[tuple[int, dict[str, str]]]


@dataclass
class Counts:
    """What happened to the records of one table: new, changed, or already as published."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def text(self) -> str:
        return f"{self.inserted} inserted, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class RegisterSummary:
    kind: str
    rows: int = 0
    skipped: int = 0
    """Rows deliberately not stored (regional totals, cross-breakdowns), not errors."""
    rejected: list[tuple[int, str]] = field(default_factory=list)
    encoding: str = ""
    counts: dict[str, Counts] = field(default_factory=dict)
    """By what was written: schools, trusts, measures, links..."""

    def of(self, what: str) -> Counts:
        return self.counts.setdefault(what, Counts())

    @property
    def inserted(self) -> int:
        return sum(c.inserted for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())

    def line(self) -> str:
        written = "; ".join(f"{what}: {c.text()}" for what, c in self.counts.items())
        return (
            f"{self.kind}: {self.rows} rows; {written or 'nothing written'}; "
            f"{len(self.rejected)} rejected, {self.skipped} skipped ({self.encoding})"
        )


Loader = Callable[[BaseDBAsyncClient, Rows, str, RegisterSummary], Awaitable[None]]


@dataclass(frozen=True)
class RegisterKind:
    """A register file: its columns, how it dates its rows, and the loader that stores them."""

    name: str
    title: str
    published: str
    columns: tuple[str, ...]
    """Columns the file must have (matched by name: later extracts add and reorder columns)."""
    dated: str
    """How the file says which year it covers, for the error when --year is given."""
    load: Loader

    def matches(self, header: list[str]) -> bool:
        return set(self.columns) <= set(header)


def each_row(rows: Rows, summary: RegisterSummary) -> Rows:
    """Count every row, and reject (with the reason) rows whose width is not the header's."""
    for line, row in rows:
        summary.rows += 1
        if "__width__" in row:
            summary.rejected.append(
                (line, f"has {row['__width__']} cells where the header has more or fewer")
            )
            continue
        yield line, row


def urn(raw: str, column: str = "URN") -> int:
    text = raw.strip()
    if not text.isdigit() or not 0 < int(text) <= URN_MAX:
        raise ValueError(f"{column} {text[:20]!r} is not a school's reference number")
    return int(text)


def day(raw: str, column: str) -> date | None:
    """A dd-mm-yyyy (GIAS) or dd/mm/yyyy (Ofsted) date; empty or NULL is no date."""
    text = raw.strip()
    if text in ("", "NULL"):
        return None
    try:
        return datetime.strptime(text.replace("/", "-"), "%d-%m-%Y").date()  # noqa: DTZ007
    except ValueError:
        raise ValueError(f"{column}: {text[:20]!r} is not a dd-mm-yyyy date") from None


def academic_year(on: date) -> int:
    """The academic year a date falls in, by its first calendar year (January 2018 is 2017)."""
    return on.year if on.month >= SEPTEMBER else on.year - 1
