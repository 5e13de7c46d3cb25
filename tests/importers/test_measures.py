"""Importing published per-school files: real data, reruns, bad rows, encodings, interruption."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from peerqa.errors import ValidationFailed
from peerqa.importers import runner
from peerqa.models import ContextSnapshot, ContextValue
from tests.factories import gql, make_school, make_user, signed_in

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
CENSUS = DATA / "2018-2019_england_census.csv"
ABSENCE = DATA / "2018-2019_england_abs.csv"

needs_data = pytest.mark.skipif(
    not CENSUS.exists(), reason="../shared/data is absent: the real DfE files are not here"
)


async def value(urn: int, year: int, measure: str) -> ContextValue:
    return await ContextValue.get(snapshot__urn=urn, snapshot__year=year, measure=measure)


@needs_data
async def test_the_real_census_imports_with_its_values_and_sources(db: Any) -> None:
    summary = await runner.import_file(CENSUS, kind_name=None, year=2018)
    assert summary.kind == "census"
    assert (summary.inserted, summary.updated, len(summary.rejected)) == (23939, 0, 0)
    assert summary.skipped == 3  # the national totals
    fsm_ever = await value(100000, 2018, "pct_fsm_ever")
    assert fsm_ever.value == pytest.approx(16.2)
    assert (fsm_ever.raw_text, fsm_ever.source_file, fsm_ever.source_row) == (
        "16.2",
        CENSUS.name,
        2,
    )
    assert (await value(100000, 2018, "pupils")).value == 285
    independent = await value(100001, 2018, "pct_eal")  # independent: not applicable
    assert independent.value is None
    assert (independent.raw_text, independent.suppression) == ("NA", "not applicable")


@needs_data
async def test_importing_the_census_twice_changes_nothing(db: Any) -> None:
    await runner.import_file(CENSUS, kind_name="census", year=2018)
    again = await runner.import_file(CENSUS, kind_name="census", year=2018)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 23939)


@needs_data
async def test_absence_keeps_suppressed_values_null_with_the_code(db: Any) -> None:
    summary = await runner.import_file(ABSENCE, kind_name="absence", year=2017)
    assert summary.inserted == 21214
    lines = ABSENCE.read_text("utf-8-sig").splitlines()
    header = lines[0].split(",")
    for line in lines[1:]:
        cells = dict(zip(header, line.split(","), strict=True))
        if cells["PPERSABS10"] == "SUPP" and cells["URN"]:
            stored = await value(int(cells["URN"]), 2017, "pct_persistent_absence")
            assert stored.value is None
            assert stored.suppression == "suppressed"
            break
    else:
        pytest.fail("the absence file has no suppressed persistent-absence rate")
    first = dict(zip(header, lines[1].split(","), strict=True))
    stored = await value(int(first["URN"]), 2017, "pct_sessions_missed")
    assert stored.raw_text == first["PERCTOT"]
    assert stored.value == float(first["PERCTOT"])


HEADER = "URN,LA,ESTAB,SCHOOLTYPE,NOR,NORG,NORB,PNORG,PNORB,TSENELSE,PSENELSE,TSENELK,PSENELK,NUMEAL,NUMENGFL,NUMUNCFL,PNUMEAL,PNUMENGFL,PNUMUNCFL,NUMFSM,NUMFSMEVER,PNUMFSMEVER"
GOOD = "100000,201,3614,State-funded primary,285,141,144,49.5,50.5,5,1.8,50,17.5,141,143,1,49.5,50.2,0.4,32,38,16.2"
OTHER = "100002,201,3615,State-funded primary,100,50,50,50,50,1,1,10,10,5,95,0,5,95,0,10,12,12"


async def test_broken_rows_are_reported_and_the_good_rows_land(db: Any, tmp_path: Path) -> None:
    broken = tmp_path / "census.csv"
    bad_value = GOOD.replace(",16.2", ",sixteen").replace("100000", "100001")
    broken.write_text(
        "\n".join([HEADER, GOOD, bad_value, "100003,201", "abc" + OTHER[6:], OTHER]) + "\n"
    )
    rejects = tmp_path / "rejects.csv"
    summary = await runner.import_file(broken, kind_name="census", year=2018, rejects_path=rejects)
    assert summary.inserted == 2
    assert [line for line, _ in summary.rejected] == [3, 4, 5]
    reasons = [reason for _, reason in summary.rejected]
    assert "PNUMFSMEVER: 'sixteen' is neither a number nor a known code" in reasons[0]
    assert "cells" in reasons[1]
    assert "is not a school's reference number" in reasons[2]
    assert rejects.read_text().splitlines()[0] == "line,reason"
    assert await ContextSnapshot.filter(urn=100002).exists()


async def test_a_wrong_header_is_refused_with_what_is_missing(db: Any, tmp_path: Path) -> None:
    wrong = tmp_path / "not-census.csv"
    wrong.write_text("URN,SOMETHING\n100000,1\n")
    with pytest.raises(ValidationFailed, match="is not a census file: the header lacks NOR"):
        await runner.import_file(wrong, kind_name="census", year=2018)
    with pytest.raises(ValidationFailed, match="does not match any known format"):
        await runner.import_file(wrong, kind_name=None, year=2018)
    assert not await ContextSnapshot.exists()


async def test_windows_1252_files_are_read(db: Any, tmp_path: Path) -> None:
    legacy = tmp_path / "census-1252.csv"
    legacy.write_bytes(
        (
            "\r\n".join([HEADER, GOOD.replace("State-funded primary", "École primaire")]) + "\r\n"
        ).encode("cp1252")
    )
    summary = await runner.import_file(legacy, kind_name=None, year=2018)
    assert summary.encoding == "cp1252"
    assert summary.inserted == 1


async def test_an_interrupted_import_leaves_nothing_behind(
    db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "census.csv"
    rows = [GOOD.replace("100000", str(100000 + n)) for n in range(runner.BATCH_ROWS + 10)]
    big.write_text("\n".join([HEADER, *rows]) + "\n")
    original = runner._write
    calls = 0

    async def fail_second_batch(*args: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("the power went off")
        await original(*args)

    monkeypatch.setattr(runner, "_write", fail_second_batch)
    with pytest.raises(RuntimeError):
        await runner.import_file(big, kind_name="census", year=2018)
    assert calls == 2
    assert await ContextSnapshot.all().count() == 0
    assert await ContextValue.all().count() == 0


async def test_a_schools_context_is_queryable_with_sources(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    source = tmp_path / "census.csv"
    source.write_text("\n".join([HEADER, GOOD]) + "\n")
    await runner.import_file(source, kind_name="census", year=2018)
    await make_school("Sir John Cass's Foundation Primary School", urn=100000)
    await signed_in(client, await make_user())
    body = await gql(
        client,
        "{ school(urn: 100000) { context { year values { measure value raw sourceFile sourceRow } } } }",
    )
    years = body["data"]["school"]["context"]
    assert [y["year"] for y in years] == [2018]
    fsm = next(v for v in years[0]["values"] if v["measure"] == "pct_fsm_ever")
    assert fsm == {
        "measure": "pct_fsm_ever",
        "value": 16.2,
        "raw": "16.2",
        "sourceFile": "census.csv",
        "sourceRow": 2,
    }


async def test_hostile_cells_and_bytes_get_precise_messages(db: Any, tmp_path: Path) -> None:
    odd = tmp_path / "census.csv"
    odd.write_text(
        "\n".join([HEADER, GOOD.replace(",16.2", ",nan"), OTHER.replace(",12,12", ",12,inf")])
        + "\n"
    )
    summary = await runner.import_file(odd, kind_name="census", year=2018)
    assert [reason.split(": ", 1)[1] for _, reason in summary.rejected] == [
        "'nan' is not a finite number",
        "'inf' is not a finite number",
    ]
    no_type = tmp_path / "no-type.csv"
    no_type.write_text(HEADER.replace("SCHOOLTYPE,", "") + "\n")
    with pytest.raises(ValidationFailed, match="lacks SCHOOLTYPE"):
        await runner.import_file(no_type, kind_name="census", year=2018)
    garbled = tmp_path / "garbled.csv"
    garbled.write_bytes(
        (HEADER + "\n" + GOOD + "\n").encode()
        + b"100002,201,1,\x81\x8d,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1\n"
    )
    with pytest.raises(ValidationFailed, match="neither UTF-8 nor Windows-1252"):
        await runner.import_file(garbled, kind_name="census", year=2018)
    assert not await ContextSnapshot.filter(urn=100002).exists()
