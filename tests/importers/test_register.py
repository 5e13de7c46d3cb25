"""Register imports (GIAS, links, Ofsted, AP census, LA codes): real files, reruns, bad rows,
and the --year rule of ``peerqa import``."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from peerqa.cli import main
from peerqa.errors import ValidationFailed
from peerqa.importers.register import import_register
from peerqa.models import (
    ContextValue,
    LocalAuthority,
    LocalAuthorityValue,
    School,
    SchoolLink,
    Trust,
)
from peerqa.models.enums import Phase
from tests.factories import gql, make_school, make_user, signed_in

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
GIAS = DATA / "edubasealldata20181029_first20rows.csv"
LINKS = DATA / "links_edubasealldata20250422.csv"
OFSTED = (
    DATA / "Management_information_-_state-funded_schools_-_latest_inspections_as_at_31_May_2026_"
    "first18rows.csv"
)
AP_CENSUS = DATA / "ap_placements_ap_census_2017-18_to_2022-23_oneway.csv"
LA_CODES = DATA / "2018-2019_la_and_region_codes_meta.csv"


def needs(path: Path) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not path.exists(), reason=f"../shared/data/{path.name} is absent: the real file is needed"
    )


def rows_of(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


async def value(urn: int, year: int, measure: str) -> ContextValue:
    return await ContextValue.get(snapshot__urn=urn, snapshot__year=year, measure=measure)


async def import_twice(path: Path, kind: str) -> Any:
    first = await import_register(path, kind_name=kind)
    again = await import_register(path, kind_name=kind)
    assert (again.inserted, again.updated) == (0, 0), again.line()
    return first


@needs(GIAS)
async def test_the_gias_extract_fills_the_register_and_its_census_figures(db: Any) -> None:
    summary = await import_twice(GIAS, "gias")
    assert summary.counts["schools"].inserted == 20
    assert summary.rejected == []
    school = await School.get(urn=100000)
    assert school.name == "Sir John Cass's Foundation Primary School"
    assert school.phase == Phase.PRIMARY
    assert (school.type_name, school.la_code, school.la_name) == (
        "Voluntary aided school",
        "201",
        "City of London",
    )
    assert (school.postcode, school.is_open, school.has_early_years) == ("EC3A 5DE", True, True)
    assert school.has_sixth_form is False
    assert school.trust_id is None  # this 2018 sample has no trusts: see the next test
    first = rows_of(GIAS, "cp1252")[0]
    assert first["CensusDate"] == "18-01-2018"  # January 2018 census: academic year 2017/18
    assert (await value(100000, 2017, "gias_pupils")).value == float(first["NumberOfPupils"])
    assert (await value(100000, 2017, "school_capacity")).value == float(first["SchoolCapacity"])
    assert (await value(100000, 2017, "gias_pct_fsm")).raw_text == first["PercentageFSM"]
    girls = await School.get(urn=100001)  # independent, with a sixth form
    assert (girls.phase, girls.has_sixth_form) == (Phase.NOT_APPLICABLE, True)
    independent_fsm = await value(100001, 2017, "gias_pct_fsm")
    assert (independent_fsm.value, independent_fsm.suppression) == (None, "missing")


@needs(GIAS)
async def test_gias_links_trusts_updates_and_rejects_rows(db: Any, tmp_path: Path) -> None:
    with GIAS.open(encoding="cp1252", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        row = next(reader)
    cell = {name: i for i, name in enumerate(header)}
    in_trust = list(row)
    in_trust[cell["Trusts (code)"]] = "TR01234"
    in_trust[cell["Trusts (name)"]] = "Example Learning Trust"
    bad_phase = list(row)
    bad_phase[cell["URN"]] = "100099"
    bad_phase[cell["PhaseOfEducation (name)"]] = "Sixth form college"
    source = tmp_path / "gias.csv"
    with source.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle).writerows([header, in_trust, bad_phase, row[:10]])
    summary = await import_register(source, kind_name="gias")
    assert summary.counts["trusts"].inserted == 1
    assert [line for line, _ in summary.rejected] == [3, 4]
    assert "PhaseOfEducation (name) 'Sixth form college' is unknown" in summary.rejected[0][1]
    assert "cells" in summary.rejected[1][1]
    trust = await Trust.get(group_uid="TR01234")
    assert trust.name == "Example Learning Trust"
    assert (await School.get(urn=100000)).trust_id == trust.id

    renamed = list(in_trust)
    renamed[cell["EstablishmentName"]] = "The Aldgate School"
    with source.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle).writerows([header, renamed])
    again = await import_register(source, kind_name="gias")
    assert (again.counts["schools"].updated, again.counts["trusts"].unchanged) == (1, 1)
    assert (await School.get(urn=100000)).name == "The Aldgate School"


@pytest.mark.slow
@needs(LINKS)
async def test_the_links_file_records_each_schools_history(db: Any) -> None:
    summary = await import_twice(LINKS, "gias_links")
    assert summary.encoding == "cp1252"
    rows = rows_of(LINKS, "cp1252")
    assert summary.counts["links"].inserted == len(rows) == 33801
    assert await SchoolLink.all().count() == len(rows)
    predecessor = next(
        r for r in rows if r["LinkType"] == "Predecessor" and r["LinkEstablishedDate"]
    )
    link = await SchoolLink.get(
        urn=int(predecessor["URN"]), linked_urn=int(predecessor["LinkURN"]), link_type="Predecessor"
    )
    day, month, year = map(int, predecessor["LinkEstablishedDate"].split("-"))
    assert link.established_on == date(year, month, day)
    assert (link.source_file, link.source_row) == (LINKS.name, rows.index(predecessor) + 2)
    undated = next(r for r in rows if not r["LinkEstablishedDate"])
    assert (
        await SchoolLink.get(
            urn=int(undated["URN"]),
            linked_urn=int(undated["LinkURN"]),
            link_type=undated["LinkType"],
        )
    ).established_on is None


@needs(OFSTED)
async def test_ofsted_inspections_are_stored_in_their_academic_years(db: Any) -> None:
    summary = await import_twice(OFSTED, "ofsted")
    assert summary.rejected == []
    aldgate = next(r for r in rows_of(OFSTED) if r["URN"] == "100000")
    assert aldgate["Inspection start date of latest OEIF graded inspection"] == "12/06/2024"
    overall = await value(100000, 2023, "ofsted_oeif_overall_effectiveness")
    assert overall.value == float(aldgate["Latest OEIF overall effectiveness"]) == 1
    assert (await value(100000, 2023, "ofsted_oeif_inspection_date")).raw_text == "12/06/2024"
    assert aldgate["Latest OEIF sixth form provision (where applicable)"] == "9"
    sixth_form = await value(100000, 2023, "ofsted_oeif_sixth_form")
    assert (sixth_form.value, sixth_form.suppression) == (None, "not applicable")
    safeguarding = await value(100000, 2023, "ofsted_oeif_safeguarding_effective")
    assert (safeguarding.value, safeguarding.raw_text, safeguarding.suppression) == (
        None,
        "Yes",
        "",
    )
    concern = await value(100000, 2023, "ofsted_oeif_category_of_concern")
    assert concern.suppression == "no category of concern"
    # A report-card inspection (January 2026: academic year 2025), judged in words.
    inclusion = await value(100025, 2025, "ofsted_inclusion")
    assert (inclusion.value, inclusion.raw_text, inclusion.suppression) == (
        None,
        "Strong standard",
        "",
    )
    # Thomas Coram had only an ungraded inspection; its graded columns are all NULL.
    outcome = await value(100005, 2023, "ofsted_ungraded_outcome")
    assert outcome.raw_text == "School remains Outstanding"
    assert not await ContextValue.filter(
        snapshot__urn=100005, measure="ofsted_oeif_overall_effectiveness"
    ).exists()


@needs(OFSTED)
async def test_an_ofsted_grade_that_is_not_a_grade_is_rejected(db: Any, tmp_path: Path) -> None:
    header, first = OFSTED.read_text("utf-8").splitlines()[:2]
    cells = next(csv.reader([first]))
    cells[next(csv.reader([header])).index("Latest OEIF quality of education")] = "7"
    broken = tmp_path / "ofsted.csv"
    with broken.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        csv.writer(handle).writerow(cells)
    summary = await import_register(broken, kind_name="ofsted")
    assert summary.rejected == [
        (2, "Latest OEIF quality of education: '7' is not a grade (1-4, or 9 for not applicable)")
    ]
    assert not await ContextValue.exists()


@pytest.mark.slow
@needs(AP_CENSUS)
async def test_the_ap_census_is_stored_per_authority_and_for_england(db: Any) -> None:
    summary = await import_twice(AP_CENSUS, "ap_census")
    rows = rows_of(AP_CENSUS)
    regional = sum(r["geographic_level"] == "Regional" for r in rows)
    assert (summary.skipped, summary.rejected) == (regional, [])
    assert summary.counts["values"].inserted == len(rows) - regional
    boys = next(
        r
        for r in rows
        if r["old_la_code"] == "201" and r["time_period"] == "201718" and r["gender"] == "Boys"
    )
    stored = await LocalAuthorityValue.get(
        la_code="201", year=2017, measure="ap_pupils.gender.boys"
    )
    assert stored.value == float(boys["number_of_pupils"])
    assert (stored.source_file, stored.source_row) == (AP_CENSUS.name, rows.index(boys) + 2)
    england = next(
        r
        for r in rows
        if r["geographic_level"] == "National"
        and r["time_period"] == "202223"
        and all(r[b] == "Total" for b in ("gender", "age", "ethnicity_minor", "fsm"))
    )
    national = await LocalAuthorityValue.get(la_code="NAT", year=2022, measure="ap_pupils")
    assert national.value == float(england["number_of_pupils"])


@needs(LA_CODES)
async def test_la_codes_name_each_authority(db: Any) -> None:
    summary = await import_twice(LA_CODES, "la_codes")
    assert summary.counts["authorities"].inserted == len(rows_of(LA_CODES)) == 151
    city = await LocalAuthority.get(code="201")
    assert (city.name, city.region) == ("City of London", "London East")


async def test_a_file_of_another_kind_is_refused_with_what_is_missing(
    db: Any, tmp_path: Path
) -> None:
    wrong = tmp_path / "links.csv"
    wrong.write_text("URN,LinkURN\n100000,100001\n")
    with pytest.raises(
        ValidationFailed, match="is not a gias_links file: the header lacks LinkType"
    ):
        await import_register(wrong, kind_name="gias_links")


@needs(LINKS)
async def test_a_schools_links_are_queryable(client: httpx.AsyncClient) -> None:
    await import_register(LINKS, kind_name="gias_links")
    await make_school("Torriano Junior School", urn=100023)
    await make_school("Royal School Hampstead", urn=100074)
    await signed_in(client, await make_user())
    body = await gql(
        client,
        "{ a: school(urn: 100023) { links { linkedUrn linkType establishedOn } } "
        "b: school(urn: 100074) { links { linkedUrn linkType } } }",
    )
    assert {"linkedUrn": 100024, "linkType": "Predecessor", "establishedOn": "2015-09-15"} in (
        body["data"]["a"]["links"]
    )
    assert {"linkedUrn": 100083, "linkType": "Predecessor"} in body["data"]["b"]["links"]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PEERQA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PEERQA_ENV", "test")
    monkeypatch.delenv("PEERQA_DATABASE_URL", raising=False)
    assert main(["migrate"]) == 0
    return tmp_path


@needs(GIAS)
@needs(LA_CODES)
def test_year_is_refused_for_files_that_date_themselves(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["import", "gias", str(GIAS), "--year", "2017"]) == 1
    assert "--year does not apply to gias files" in capsys.readouterr().err
    assert main(["import", "gias", str(GIAS)]) == 0
    assert "schools: 20 inserted" in capsys.readouterr().out
    assert main(["import", "auto", str(LA_CODES)]) == 0
    assert "la_codes: 151 rows" in capsys.readouterr().out
    assert main(["import", "la_codes", str(LA_CODES), "--year", "2018"]) == 1
    assert "la_codes files: they are not by year" in capsys.readouterr().err


def test_year_is_required_for_files_that_do_not_say(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    census = data_dir / "census.csv"
    census.write_text("URN,NOR\n100000,285\n")
    capsys.readouterr()
    assert main(["import", "census", str(census)]) == 1
    assert "--year is required for census files" in capsys.readouterr().err
    assert main(["import", "auto", str(census)]) == 1
    assert "--year is required for these files" in capsys.readouterr().err
