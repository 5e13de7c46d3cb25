"""The performance-tables and EES formats: KS4 results and destinations, pupil premium, workforce.

Each real file is imported whole, its counts checked, and a few values of one school (Haverstock
School, URN 100049, which is in all five files) compared with the text read from the file here.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest

from peerqa.importers import runner
from peerqa.importers.base import MeasureKind
from peerqa.importers.kinds import KINDS, detect
from peerqa.importers.performance import (
    KS4,
    KS4_DESTINATIONS,
    KS4_EES,
    PERFORMANCE_KINDS,
    PUPIL_PREMIUM,
    WORKFORCE,
)
from peerqa.importers.reading import open_rows
from peerqa.importers.values import BadValue, parse
from peerqa.models import ContextSnapshot, ContextValue

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
KS4_FILE = DATA / "2018-2019_england_ks4provisional_subset.csv"
EES_FILE = DATA / "ees_ks4_school_information_2023-24.csv"
DESTINATIONS_FILE = DATA / "2018-2019_england_ks4-pupdest.csv"
PUPIL_PREMIUM_FILE = DATA / "pupil-premium-2019-2020_allocations.csv"
WORKFORCE_FILE = DATA / "england_swf_partial.csv"
HAVERSTOCK = 100049

needs_data = pytest.mark.skipif(
    not KS4_FILE.exists(), reason="../shared/data is absent: the real DfE files are not here"
)


def read(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Every row of a real file with its line number (the header is line 1)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return [(reader.line_num, row) for row in reader]


def school(path: Path, kind: MeasureKind, urn: int) -> tuple[int, dict[str, str]]:
    return next((line, row) for line, row in read(path) if row[kind.urn_column] == str(urn))


def first_with(path: Path, kind: MeasureKind, column: str, code: str) -> tuple[int, dict[str, str]]:
    """The first school row whose ``column`` holds ``code``."""
    return next(
        (line, row)
        for line, row in read(path)
        if row[column] == code and row[kind.urn_column].isdigit() and not kind.is_total(row)
    )


async def stored(
    kind: MeasureKind, year: int, line: int, row: dict[str, str], column: str
) -> ContextValue:
    """The value stored for ``row``'s ``column``, checked against the file's text and line."""
    found = await ContextValue.get(
        snapshot__urn=int(row[kind.urn_column]),
        snapshot__year=year,
        measure=kind.measures[column],
    )
    assert found.raw_text == row[column]
    assert found.source_row == line
    return found


async def assert_suppressed(
    kind: MeasureKind, path: Path, year: int, column: str, *, code: str, reason: str
) -> None:
    line, row = first_with(path, kind, column, code)
    found = await stored(kind, year, line, row, column)
    assert found.value is None
    assert found.suppression == reason


# The year is the academic year the figures describe, by its first calendar year.


@needs_data
async def test_ks4_results_import_schools_and_skip_the_totals(db: Any) -> None:
    summary = await runner.import_file(KS4_FILE, kind_name=None, year=2018)  # 2018/19 results
    assert summary.kind == "ks4"
    # RECTYPE 1 and 2 are the 5,495 schools; 155 LA rows (RECTYPE 4) and two England rows
    # (5 and 7) are totals.
    assert (summary.rows, summary.inserted, summary.skipped, summary.rejected) == (
        5652,
        5495,
        157,
        [],
    )
    assert await ContextSnapshot.filter(year=2018).count() == 5495
    line, row = school(KS4_FILE, KS4, HAVERSTOCK)
    assert (row["ATT8SCR"], row["P8MEA"], row["P8CILOW"], row["PTEBACC_E_PTQ_EE"]) == (
        "42.4",
        "-0.09",
        "-0.28",
        "24.1%",
    )
    assert (await stored(KS4, 2018, line, row, "ATT8SCR")).value == pytest.approx(42.4)
    assert (await stored(KS4, 2018, line, row, "P8MEA")).value == pytest.approx(-0.09)
    assert (await stored(KS4, 2018, line, row, "P8CILOW")).value == pytest.approx(-0.28)
    ebacc = await stored(KS4, 2018, line, row, "PTEBACC_E_PTQ_EE")
    assert (ebacc.value, ebacc.suppression) == (pytest.approx(24.1), "")
    await assert_suppressed(KS4, KS4_FILE, 2018, "ATT8SCR", code="SUPP", reason="suppressed")
    await assert_suppressed(KS4, KS4_FILE, 2018, "P8MEA", code="LOWCOV", reason="low coverage")
    await assert_suppressed(KS4, KS4_FILE, 2018, "ATT8SCR", code="NE", reason="no entries")
    await assert_suppressed(KS4, KS4_FILE, 2018, "ATT8SCR", code="NA", reason="not applicable")


@needs_data
async def test_the_ees_ks4_school_file_keeps_z_c_and_u_apart(db: Any) -> None:
    summary = await runner.import_file(EES_FILE, kind_name=None, year=2023)  # 2023/24
    assert summary.kind == "ks4_ees"
    # Every row is a school (geographic_level 'School'); none is a total.
    assert (summary.inserted, summary.skipped, summary.rejected) == (5709, 0, [])
    line, row = school(EES_FILE, KS4_EES, HAVERSTOCK)
    assert (row["pt_disadvantaged"], row["avg_ks2_scaledscore"], row["diffn_p8mea"]) == (
        "72.4",
        "104",
        "-0.45",
    )
    disadvantaged = await stored(KS4_EES, 2023, line, row, "pt_disadvantaged")
    assert disadvantaged.value == pytest.approx(72.4)
    assert (await stored(KS4_EES, 2023, line, row, "avg_ks2_scaledscore")).value == 104
    assert (await stored(KS4_EES, 2023, line, row, "diffn_p8mea")).value == pytest.approx(-0.45)
    await assert_suppressed(KS4_EES, EES_FILE, 2023, "pt_sen", code="z", reason="not applicable")
    await assert_suppressed(KS4_EES, EES_FILE, 2023, "diffn_att8", code="c", reason="confidential")
    await assert_suppressed(
        KS4_EES, EES_FILE, 2023, "diffn_p8mea", code="u", reason="low reliability"
    )


@needs_data
async def test_ks4_destinations_import_schools_with_suppressed_percentages(db: Any) -> None:
    # The 2018/19 tables (their destinations are of pupils who left KS4 in 2016/17), imported as
    # 2018 like the other 2018-2019 downloads.
    summary = await runner.import_file(DESTINATIONS_FILE, kind_name=None, year=2018)
    assert summary.kind == "ks4_destinations"
    # RECTYPE 1 and 2: 3,728 schools; 148 LA rows and one NAT row are totals.
    assert (summary.inserted, summary.skipped, summary.rejected) == (3728, 149, [])
    line, row = school(DESTINATIONS_FILE, KS4_DESTINATIONS, HAVERSTOCK)
    assert (row["COHORT"], row["OVERALL_DESTPER"], row["NOT_SUSTAINEDPER_DIS"]) == (
        "199",
        "90%",
        "11%",
    )
    assert (await stored(KS4_DESTINATIONS, 2018, line, row, "COHORT")).value == 199
    overall = await stored(KS4_DESTINATIONS, 2018, line, row, "OVERALL_DESTPER")
    assert overall.value == 90
    not_sustained = await stored(KS4_DESTINATIONS, 2018, line, row, "NOT_SUSTAINEDPER_DIS")
    assert not_sustained.value == 11
    await assert_suppressed(
        KS4_DESTINATIONS,
        DESTINATIONS_FILE,
        2018,
        "UNKNOWNPER",
        code="SP",
        reason="suppressed percentage",
    )
    await assert_suppressed(
        KS4_DESTINATIONS, DESTINATIONS_FILE, 2018, "COHORT_DIS", code="SUPP", reason="suppressed"
    )


@needs_data
async def test_pupil_premium_keeps_fractions_and_pounds_as_published(db: Any) -> None:
    # Allocations for 2019-20 (from the January 2019 census), imported as 2019.
    summary = await runner.import_file(PUPIL_PREMIUM_FILE, kind_name=None, year=2019)
    assert summary.kind == "pupil_premium"
    assert (summary.inserted, summary.skipped, summary.rejected) == (21567, 0, [])
    line, row = school(PUPIL_PREMIUM_FILE, PUPIL_PREMIUM, HAVERSTOCK)
    share = "Percentage of Secondary pupils eligible for the Deprivation Pupil Premium"
    total = "Total allocation for the Deprivation Pupil Premium"
    eligible = "Total number of pupils eligible for the Deprivation Pupil Premium"
    assert (row[share], row[total], row[eligible]) == ("0.641", "464695", "497")
    fraction = await stored(PUPIL_PREMIUM, 2019, line, row, share)
    assert fraction.measure == "pp_secondary_eligible_fraction"
    assert fraction.value == pytest.approx(0.641)  # a fraction, not 64.1
    assert (await stored(PUPIL_PREMIUM, 2019, line, row, total)).value == 464695
    assert (await stored(PUPIL_PREMIUM, 2019, line, row, eligible)).value == 497
    # The file has no suppression codes; some academies' counts are decimals.
    line, row = next(
        (n, r) for n, r in read(PUPIL_PREMIUM_FILE) if "." in r["Number of pupils on roll (7)"]
    )
    decimal = await stored(PUPIL_PREMIUM, 2019, line, row, "Number of pupils on roll (7)")
    assert decimal.value == float(row["Number of pupils on roll (7)"])
    assert decimal.value is not None
    assert not decimal.value.is_integer()


@needs_data
async def test_workforce_reads_pound_salaries_and_its_codes(db: Any) -> None:
    # School Workforce Census of November 2018, in the 2018/19 tables (the README's reading of
    # the file), so 2018.
    summary = await runner.import_file(WORKFORCE_FILE, kind_name=None, year=2018)
    assert summary.kind == "workforce"
    assert (summary.inserted, summary.skipped, summary.rejected) == (8177, 0, [])
    line, row = school(WORKFORCE_FILE, WORKFORCE, HAVERSTOCK)
    salary = "Mean Gross FTE Salary of All Teachers (£s)"
    ratio = "Pupil:     Teacher Ratio"
    teachers = "Total Number of Teachers (Full-Time Equivalent)"
    assert (row[salary], row[ratio], row[teachers]) == ("£49,446", "13.7", "69.5")
    assert (await stored(WORKFORCE, 2018, line, row, salary)).value == 49446
    assert (await stored(WORKFORCE, 2018, line, row, ratio)).value == pytest.approx(13.7)
    assert (await stored(WORKFORCE, 2018, line, row, teachers)).value == pytest.approx(69.5)
    await assert_suppressed(
        WORKFORCE, WORKFORCE_FILE, 2018, ratio, code="SUPP", reason="suppressed"
    )
    await assert_suppressed(
        WORKFORCE, WORKFORCE_FILE, 2018, salary, code="NA", reason="not applicable"
    )


REAL_FILES = {
    "2018-2019_england_census.csv": "census",
    "2018-2019_england_abs.csv": "absence",
    KS4_FILE.name: "ks4",
    EES_FILE.name: "ks4_ees",
    DESTINATIONS_FILE.name: "ks4_destinations",
    PUPIL_PREMIUM_FILE.name: "pupil_premium",
    WORKFORCE_FILE.name: "workforce",
    # Not per-school measure files: nothing must claim them.
    "links_edubasealldata20250422.csv": None,
    "edubasealldata20181029_first20rows.csv": None,
    "2018-2019_la_and_region_codes_meta.csv": None,
    "ap_placements_ap_census_2017-18_to_2022-23_oneway.csv": None,
}


@needs_data
@pytest.mark.parametrize(("name", "kind"), REAL_FILES.items())
def test_each_real_header_detects_its_own_kind(name: str, kind: str | None) -> None:
    with open_rows(DATA / name) as (header, _rows, _encoding):
        found = detect(header)
        assert (found.name if found else None) == kind
        assert len([k for k in KINDS.values() if k.matches(header)]) == (kind is not None)


def test_no_kind_claims_another_kinds_columns() -> None:
    for kind in KINDS.values():
        header = kind.columns
        assert [k.name for k in KINDS.values() if k.matches(header)] == [kind.name]


# Two kinds share a key only where both files publish the same definition.
SHARED_KEYS = {"ks4_pupils": {"ks4", "ks4_ees"}}


def test_measure_keys_are_snake_case_and_not_reused_across_kinds() -> None:
    assert {k.name for k in PERFORMANCE_KINDS} <= set(KINDS)
    owners: dict[str, set[str]] = {}
    for kind in KINDS.values():
        assert kind.title, kind.name
        assert kind.published, kind.name
        keys = list(kind.measures.values())
        assert len(keys) == len(set(keys)), kind.name
        for key in keys:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", key), key
            assert len(key) <= 64, key
            owners.setdefault(key, set()).add(kind.name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == SHARED_KEYS


def test_a_leading_pound_sign_is_read_as_a_number() -> None:
    value = parse("£45,421")
    assert (value.value, value.raw, value.suppression) == (45421.0, "£45,421", "")
    with pytest.raises(BadValue):
        parse("£")
    with pytest.raises(BadValue):
        parse("45£")


async def test_ees_geography_rows_are_totals_not_rejects(db: Any, tmp_path: Path) -> None:
    columns = ["geographic_level", KS4_EES.urn_column, *KS4_EES.measures]
    national = ["National", "", *["1"] * len(KS4_EES.measures)]
    a_school = ["School", "100049", *["z"] * len(KS4_EES.measures)]
    path = tmp_path / "ees.csv"
    path.write_text("\n".join(",".join(r) for r in (columns, national, a_school)) + "\n")
    summary = await runner.import_file(path, kind_name=None, year=2023)
    assert (summary.kind, summary.inserted, summary.skipped, summary.rejected) == (
        "ks4_ees",
        1,
        1,
        [],
    )
