"""``peerqa import gias_links``: the GIAS establishment links, a school's history across URNs.

A school gets a new URN on academy conversion, amalgamation or a split; these links are how a
school's figures before and after are joined up. The file is Windows-1252 (``open_rows`` finds
that) and lists each link from both ends.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from peerqa.importers.register_base import RegisterKind, RegisterSummary, Rows, day, each_row, urn
from peerqa.importers.register_sql import Table, upsert

LINK_TYPE_MAX = 100
COLUMNS = ("URN", "LinkURN", "LinkType", "LinkEstablishedDate")
LINKS = Table(
    "school_link",
    key=("urn", "linked_urn", "link_type"),
    compared=("established_on", "source_file"),
    extra=("source_row",),
)


def check(
    line: int, row: dict[str, str], source: str
) -> tuple[tuple[int, int, str], dict[str, Any]]:
    link_type = row["LinkType"].strip()
    if not link_type:
        raise ValueError("LinkType is empty")
    if len(link_type) > LINK_TYPE_MAX:
        raise ValueError(
            f"LinkType {link_type[:40]!r}... is longer than {LINK_TYPE_MAX} characters"
        )
    established: date | None = day(row["LinkEstablishedDate"], "LinkEstablishedDate")
    key = (urn(row["URN"]), urn(row["LinkURN"], "LinkURN"), link_type)
    return key, {"established_on": established, "source_file": source, "source_row": line}


async def load(conn: BaseDBAsyncClient, rows: Rows, source: str, summary: RegisterSummary) -> None:
    links: dict[tuple[Any, ...], dict[str, Any]] = {}
    for line, row in each_row(rows, summary):
        try:
            key, link = check(line, row, source)
        except ValueError as error:
            summary.rejected.append((line, str(error)))
            continue
        links[key] = link
    summary.counts["links"] = await upsert(conn, LINKS, links)


GIAS_LINKS = RegisterKind(
    name="gias_links",
    title="GIAS establishment links: predecessor and successor URNs (links_edubasealldata*.csv)",
    published="Get Information about Schools: Downloads, 'Establishment links'",
    columns=COLUMNS,
    dated="are not by year",
    load=load,
)
