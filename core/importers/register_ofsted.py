"""``peerqa import ofsted``: Ofsted management information, latest inspections (report-card
layout, from September 2025).

A school's row describes up to three inspections: the latest report-card inspection, the
latest graded inspection under the older framework (OEIF, grades 1-4) and the latest ungraded
one. Each is stored in the snapshot of the academic year it started in, so the file dates
itself. Judgements in words (Met, Expected standard) are text values (see ``ContextValue``);
grades are numbers, with 9 stored as "not applicable". A ``NULL`` or empty cell is missing,
except in the category-of-concern columns, where empty means the school is in none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient

from peerqa.importers import runner
from peerqa.importers.register_base import (
    RegisterKind,
    RegisterSummary,
    Rows,
    academic_year,
    day,
    each_row,
    urn,
)
from peerqa.importers.register_sql import write_measures
from peerqa.importers.values import Value

MISSING = ("", "NULL")


def text(raw: str) -> Value:
    return Value(None, raw, "missing") if raw in MISSING else Value(None, raw, "")


def grade(raw: str) -> Value:
    if raw in MISSING:
        return Value(None, raw, "missing")
    if raw == "9":
        return Value(None, raw, "not applicable")
    if raw in ("1", "2", "3", "4"):
        return Value(float(raw), raw, "")
    raise ValueError(f"{raw[:20]!r} is not a grade (1-4, or 9 for not applicable)")


def concern(raw: str) -> Value:
    if raw == "":
        return Value(None, raw, "no category of concern")
    return text(raw)


@dataclass(frozen=True)
class Inspection:
    """One inspection's columns: the date that places it in a year, and what it found."""

    date_column: str
    date_measure: str
    columns: dict[str, tuple[str, Callable[[str], Value]]]
    """Column -> (measure, how to read the cell)."""


REPORT_CARD = Inspection(
    "Inspection start date",
    "ofsted_inspection_date",
    {
        "Inspection type": ("ofsted_inspection_type", text),
        "Category of concern": ("ofsted_category_of_concern", concern),
        "Safeguarding standards": ("ofsted_safeguarding", text),
        "Inclusion": ("ofsted_inclusion", text),
        "Curriculum and teaching": ("ofsted_curriculum_and_teaching", text),
        "Achievement": ("ofsted_achievement", text),
        "Attendance and behaviour": ("ofsted_attendance_and_behaviour", text),
        "Personal development and wellbeing": ("ofsted_personal_development", text),
        "Early years (where applicable)": ("ofsted_early_years", text),
        "Post-16 provision (where applicable)": ("ofsted_post_16", text),
        "Leadership and governance": ("ofsted_leadership_and_governance", text),
    },
)
GRADED = Inspection(
    "Inspection start date of latest OEIF graded inspection",
    "ofsted_oeif_inspection_date",
    {
        "Latest OEIF category of concern": ("ofsted_oeif_category_of_concern", concern),
        "Latest OEIF overall effectiveness": ("ofsted_oeif_overall_effectiveness", grade),
        "Latest OEIF quality of education": ("ofsted_oeif_quality_of_education", grade),
        "Latest OEIF behaviour and attitudes": ("ofsted_oeif_behaviour_and_attitudes", grade),
        "Latest OEIF personal development": ("ofsted_oeif_personal_development", grade),
        "Latest OEIF effectiveness of leadership and management": (
            "ofsted_oeif_leadership_and_management",
            grade,
        ),
        # Two spaces after OEIF, exactly as Ofsted's header has it.
        "Latest OEIF  safeguarding is effective?": ("ofsted_oeif_safeguarding_effective", text),
        "Latest OEIF early years provision (where applicable)": ("ofsted_oeif_early_years", grade),
        "Latest OEIF sixth form provision (where applicable)": ("ofsted_oeif_sixth_form", grade),
    },
)
UNGRADED = Inspection(
    "Date of latest ungraded inspection",
    "ofsted_ungraded_inspection_date",
    {"Ungraded inspection overall outcome": ("ofsted_ungraded_outcome", text)},
)
INSPECTIONS = (REPORT_CARD, GRADED, UNGRADED)


def check(row: dict[str, str]) -> tuple[int, dict[int, dict[str, Value]]]:
    """A school's URN and its inspections' values by academic year; ValueError if unreadable.

    An inspection whose date is ``NULL`` has not happened, so it is left out, not stored as
    missing: there is no year to store it in.
    """
    school = urn(row["URN"])
    by_year: dict[int, dict[str, Value]] = {}
    for inspection in INSPECTIONS:
        raw_date = row[inspection.date_column].strip()
        started = day(raw_date, inspection.date_column)
        if started is None:
            continue
        values = by_year.setdefault(academic_year(started), {})
        values[inspection.date_measure] = Value(None, raw_date, "")
        for column, (measure, read) in inspection.columns.items():
            try:
                values[measure] = read(row[column].strip())
            except ValueError as error:
                raise ValueError(f"{column}: {error}") from None
    return school, by_year


async def load(conn: BaseDBAsyncClient, rows: Rows, source: str, summary: RegisterSummary) -> None:
    found: dict[tuple[int, int], runner.SchoolRow] = {}
    for line, row in each_row(rows, summary):
        try:
            school, by_year = check(row)
        except ValueError as error:
            summary.rejected.append((line, str(error)))
            continue
        if not by_year:
            summary.skipped += 1  # never inspected: nothing to store
        for year, values in by_year.items():
            found[(school, year)] = runner.SchoolRow(line, school, values)
    summary.counts["measures"] = await write_measures(
        conn, list(found.values()), [year for _, year in found], source
    )


OFSTED = RegisterKind(
    name="ofsted",
    title="Ofsted management information: state-funded schools, latest inspections "
    "(report-card layout, from September 2025)",
    published="GOV.UK: 'Monthly management information: Ofsted's school inspections outcomes'",
    columns=(
        "URN",
        *(c for i in INSPECTIONS for c in (i.date_column, *i.columns)),
    ),
    dated="date each inspection (Inspection start date and the others)",
    load=load,
)
