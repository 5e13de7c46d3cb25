"""What a per-school measures file looks like: the shape every such format fills in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MeasureKind:
    """A file with one row per school and one measure per column."""

    name: str
    title: str
    published: str
    """Where the file is published, for the help text and the guide."""
    urn_column: str
    measures: dict[str, str]
    """Column name -> measure key."""
    is_total: Callable[[dict[str, str]], bool] = field(default=lambda row: False)
    """Rows that are national or local totals, not schools: skipped, not rejected."""
    texts: dict[str, str] = field(default_factory=dict)
    """Column name -> measure key for text values (kept as published, ``value`` null)."""

    @property
    def columns(self) -> list[str]:
        """Every column the format needs."""
        return [self.urn_column, *self.measures, *self.texts]

    def matches(self, header: list[str]) -> bool:
        return set(self.columns) <= set(header)
