"""``peerqa import la_codes`` and ``peerqa import ap_census``: figures for local authorities.

The AP census counts pupils in LA-funded alternative provision per authority, not per school,
so it is stored against the authority's three-digit code. England's figures are kept under
``NAT`` so an authority can be compared with the country. Regional rows are skipped: the
regions are not authorities, and peerqa compares schools within an authority or nationally.
"""

from __future__ import annotations

import re
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from peerqa.importers.register_base import RegisterKind, RegisterSummary, Rows, each_row
from peerqa.importers.register_sql import Table, upsert
from peerqa.importers.values import BadValue, parse

NATIONAL = "NAT"
LA_CODE = re.compile(r"\d{3}")
TIME_PERIOD = re.compile(r"\d{6}")

AUTHORITIES = Table("local_authority", key=("code",), compared=("name", "region"))
LA_VALUES = Table(
    "local_authority_value",
    key=("la_code", "year", "measure"),
    compared=("raw_text", "source_file"),
    extra=("value", "suppression", "source_row"),
)


def la_code(raw: str, column: str) -> str:
    text = raw.strip()
    if not LA_CODE.fullmatch(text):
        raise ValueError(f"{column} {text[:20]!r} is not a three-digit LA code")
    return text


async def load_codes(
    conn: BaseDBAsyncClient, rows: Rows, source: str, summary: RegisterSummary
) -> None:
    authorities: dict[tuple[Any, ...], dict[str, Any]] = {}
    for line, row in each_row(rows, summary):
        try:
            code = la_code(row["LEA"], "LEA")
            name = row["LA Name"].strip()
            if not name:
                raise ValueError("LA Name is empty")
        except ValueError as error:
            summary.rejected.append((line, str(error)))
            continue
        authorities[(code,)] = {"name": name[:100], "region": row["REGION NAME"].strip()[:100]}
    summary.counts["authorities"] = await upsert(conn, AUTHORITIES, authorities)


BREAKDOWNS = ("gender", "age", "ethnicity_minor", "fsm")
TOTAL = "Total"


def ap_measure(row: dict[str, str]) -> str | None:
    """``ap_pupils`` for the total, ``ap_pupils.age.age_19_plus`` for one breakdown, or None for
    a cross-breakdown (two or more columns not Total), which is not stored."""
    split = [(b, row[b].strip()) for b in BREAKDOWNS if row[b].strip() != TOTAL]
    if not split:
        return "ap_pupils"
    if len(split) > 1:
        return None
    column, label = split[0]
    return f"ap_pupils.{column}.{re.sub(r'[^a-z0-9]+', '_', label.lower()).strip('_')}"[:64]


def ap_year(raw: str) -> int:
    """``201718`` (2017/18) is the academic year 2017."""
    text = raw.strip()
    if not (TIME_PERIOD.fullmatch(text) and int(text[4:]) == (int(text[:4]) + 1) % 100):
        raise ValueError(f"time_period {text[:20]!r} is not an academic year such as 201718")
    return int(text[:4])


async def load_ap(
    conn: BaseDBAsyncClient, rows: Rows, source: str, summary: RegisterSummary
) -> None:
    values: dict[tuple[Any, ...], dict[str, Any]] = {}
    for line, row in each_row(rows, summary):
        level = row["geographic_level"].strip()
        measure = ap_measure(row)
        if level == "Regional" or measure is None:
            summary.skipped += 1
            continue
        try:
            if level == "National":
                code = NATIONAL
            elif level == "Local authority":
                code = la_code(row["old_la_code"], "old_la_code")
            else:
                raise ValueError(f"geographic_level {level[:30]!r} is not one peerqa stores")
            year = ap_year(row["time_period"])
            figure = parse(row["number_of_pupils"])
        except (ValueError, BadValue) as error:
            summary.rejected.append((line, str(error)))
            continue
        values[(code, year, measure)] = {
            "value": figure.value,
            "raw_text": figure.raw[:64],
            "suppression": figure.suppression,
            "source_file": source,
            "source_row": line,
        }
    summary.counts["values"] = await upsert(conn, LA_VALUES, values)


LA_CODES = RegisterKind(
    name="la_codes",
    title="Local authority codes, names and regions (la_and_region_codes_meta.csv)",
    published="Compare school performance: download data, metadata 'LA and region codes'",
    columns=("LEA", "LA Name", "REGION NAME"),
    dated="are not by year",
    load=load_codes,
)

AP_CENSUS = RegisterKind(
    name="ap_census",
    title="Pupils in LA-funded alternative provision, by authority (ap_placements_ap_census.csv)",
    published="Explore Education Statistics: Schools, pupils and their characteristics",
    columns=(
        "time_period",
        "geographic_level",
        "old_la_code",
        *BREAKDOWNS,
        "number_of_pupils",
    ),
    dated="give each row's year (time_period)",
    load=load_ap,
)
