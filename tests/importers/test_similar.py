"""Similar schools and medians, on a small census made for the test and on the real one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from peerqa.importers import runner
from peerqa.stats import similar

HEADER = "URN,LA,ESTAB,SCHOOLTYPE,NOR,NORG,NORB,PNORG,PNORB,TSENELSE,PSENELSE,TSENELK,PSENELK,NUMEAL,NUMENGFL,NUMUNCFL,PNUMEAL,PNUMENGFL,PNUMUNCFL,NUMFSM,NUMFSMEVER,PNUMFSMEVER"
REAL_CENSUS = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "2018-2019_england_census.csv"
)


def school(urn: int, kind: str, *figures: float) -> str:
    """A census row: pupils, % EHC plan, % SEN support, % EAL, % FSM-ever."""
    pupils, ehcp, support, eal, fsm_ever = figures
    return f"{urn},201,{urn % 10000},{kind},{int(pupils)},0,0,50,50,0,{ehcp},0,{support},0,0,0,{eal},0,0,0,0,{fsm_ever}"


def test_nearest_standardises_each_feature() -> None:
    others = {2: (10.0, 1000.0), 3: (11.0, 2000.0), 4: (30.0, 1000.0)}
    # Without standardising, the second feature's scale would put 3 far away.
    assert [n.urn for n in similar.nearest((10.5, 1500.0), others, 2)] == [2, 3]


async def test_group_is_the_same_type_nearest_by_intake(db: Any, tmp_path: Path) -> None:
    rows = [
        school(100001, "State-funded primary", 200, 1.0, 10.0, 5.0, 20.0),
        school(100002, "State-funded primary", 210, 1.0, 11.0, 6.0, 21.0),  # twin of 100001
        school(100003, "State-funded primary", 400, 3.0, 20.0, 40.0, 60.0),
        school(100004, "State-funded secondary", 200, 1.0, 10.0, 5.0, 20.0),  # other type
        school(100005, "State-funded primary", 205, 1.0, 10.5, 5.5, 20.5),
        "100006,201,6,State-funded primary,NA,0,0,50,50,0,1,0,1,0,0,0,NA,0,0,0,0,NA",  # unknown
    ]
    path = tmp_path / "census.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    await runner.import_file(path, kind_name="census", year=2018)
    group = await similar.comparison_group(100001, 2018, size=2)
    assert group is not None
    assert group.school_type == "State-funded primary"
    assert [m.urn for m in group.members] == [100005, 100002]
    assert group.candidates == 4
    assert await similar.comparison_group(100006, 2018) is None
    assert await similar.comparison_group(100001, 2017) is None
    median, count = await similar.medians(2018, "pct_fsm_ever")
    assert (median, count) == (20.5, 5)  # every school with the figure, any type
    group_median, _ = await similar.medians(2018, "pct_fsm_ever", [m.urn for m in group.members])
    assert group_median == pytest.approx(20.75)


@pytest.mark.skipif(not REAL_CENSUS.exists(), reason="../shared/data is absent")
async def test_a_real_school_has_twenty_similar_schools_of_its_type(db: Any) -> None:
    await runner.import_file(REAL_CENSUS, kind_name="census", year=2018)
    group = await similar.comparison_group(100000, 2018)
    assert group is not None
    assert group.school_type == "State-funded primary"
    assert len(group.members) == similar.GROUP_SIZE
    assert group.candidates > 15000
    assert all(m.urn != 100000 for m in group.members)
    assert group.members == sorted(group.members, key=lambda m: (m.distance, m.urn))


async def test_comparison_in_graphql(client: Any, tmp_path: Path) -> None:
    from tests.factories import gql, make_school, make_user, signed_in

    rows = [
        school(100001, "State-funded primary", 200, 1.0, 10.0, 5.0, 20.0),
        school(100002, "State-funded primary", 210, 1.0, 11.0, 6.0, 22.0),
        school(100003, "State-funded primary", 400, 3.0, 20.0, 40.0, 60.0),
    ]
    path = tmp_path / "census.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    await runner.import_file(path, kind_name="census", year=2018)
    await make_school("One", urn=100001)
    await make_school("Two", urn=100002)
    await signed_in(client, await make_user())
    body = await gql(
        client,
        "{ school(urn: 100001) { similarSchools(year: 2018) { schoolType candidates members { urn school { name } } } "
        'comparison(year: 2018, measure: "pct_fsm_ever") { value nationalMedian nationalCount similarMedian similarCount } } }',
    )
    data = body["data"]["school"]
    assert data["similarSchools"] == {
        "schoolType": "State-funded primary",
        "candidates": 3,
        # 100003 has figures but is not in the register this test loads: no school to show.
        "members": [{"urn": 100002, "school": {"name": "Two"}}, {"urn": 100003, "school": None}],
    }
    assert data["comparison"] == {
        "value": 20.0,
        "nationalMedian": 22.0,
        "nationalCount": 3,
        "similarMedian": 41.0,
        "similarCount": 2,
    }
