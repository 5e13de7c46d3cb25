"""Register-style imports: files that describe schools and authorities and say which year
their figures belong to, unlike the measure files, whose year is named on the command line.

``import_register`` reads the file (any encoding), checks its header, and hands its rows to the
kind's loader inside one transaction: an import that fails leaves nothing behind, and a second
import of the same file writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from tortoise.transactions import in_transaction

from peerqa.errors import ValidationFailed
from peerqa.importers.reading import open_rows
from peerqa.importers.register_base import RegisterKind, RegisterSummary
from peerqa.importers.register_gias import GIAS
from peerqa.importers.register_la import AP_CENSUS, LA_CODES
from peerqa.importers.register_links import GIAS_LINKS
from peerqa.importers.register_ofsted import OFSTED
from peerqa.importers.runner import write_rejects

REGISTER_KINDS: dict[str, RegisterKind] = {
    kind.name: kind for kind in (GIAS, GIAS_LINKS, OFSTED, AP_CENSUS, LA_CODES)
}


def detect(header: list[str]) -> RegisterKind | None:
    """The one register kind whose columns the header has, or None."""
    found = [kind for kind in REGISTER_KINDS.values() if kind.matches(header)]
    return found[0] if len(found) == 1 else None


def read_header(path: Path) -> list[str]:
    with open_rows(path) as (header, _, _):
        return header


async def import_register(
    path: Path, *, kind_name: str, rejects_path: Path | None = None
) -> RegisterSummary:
    """Import one register file of the named kind; everything or nothing."""
    kind = REGISTER_KINDS.get(kind_name)
    if kind is None:
        raise ValidationFailed(
            f"Unknown kind {kind_name!r}; choose one of {', '.join(REGISTER_KINDS)}."
        )
    with open_rows(path) as (header, rows, encoding):
        if not header:
            raise ValidationFailed(f"{path.name} is empty.")
        missing = [c for c in kind.columns if c not in header]
        if missing:
            raise ValidationFailed(
                f"{path.name} is not a {kind.name} file: the header lacks {', '.join(missing[:5])}."
            )
        summary = RegisterSummary(kind=kind.name, encoding=encoding)
        async with in_transaction() as conn:
            await kind.load(conn, rows, path.name[:255], summary)
    if summary.rejected and rejects_path is not None:
        write_rejects(rejects_path, summary.rejected)
    return summary
