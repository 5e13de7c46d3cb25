"""Scoring through the database: stored once per input, isolated failures, shown in GraphQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from peerqa import pluginhost
from peerqa.config import Settings
from peerqa.importers import runner
from peerqa.models import PluginResult
from peerqa.schema.ids import decode
from peerqa.scoring import pool, service, store
from peerqa.scoring.runner import MAX_OVERRUNS
from peerqa.scoring.service import score_review, score_schools
from tests.api.test_review_workflow import form_team, visit
from tests.factories import make_school
from tests.review_world import World, build_world, create_review
from tests.scoring import broken

HEADER = "URN,LA,ESTAB,SCHOOLTYPE,NOR,NORG,NORB,PNORG,PNORB,TSENELSE,PSENELSE,TSENELK,PSENELK,NUMEAL,NUMENGFL,NUMUNCFL,PNUMEAL,PNUMENGFL,PNUMUNCFL,NUMFSM,NUMFSMEVER,PNUMFSMEVER"
SCHOOLS = [
    # urn, pupils, % EHC plan, % SEN support, % EAL, % FSM-ever
    (100001, 200, 1.0, 10.0, 5.0, 20.0),
    (100002, 210, 1.0, 11.0, 6.0, 21.0),
    (100003, 400, 3.0, 20.0, 40.0, 60.0),
    (100004, 350, 2.0, 15.0, 10.0, 35.0),
    (100005, 205, 1.0, 10.5, 5.5, 20.5),
]


async def import_census(tmp_path: Path, schools: list[tuple[Any, ...]] = SCHOOLS) -> None:
    rows = [
        f"{urn},201,{urn % 10000},State-funded primary,{pupils},0,0,50,50,0,{ehcp},0,{support},0,0,0,{eal},0,0,0,0,{fsm}"
        for urn, pupils, ehcp, support, eal, fsm in schools
    ]
    path = tmp_path / "census.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    await runner.import_file(path, kind_name="census", year=2018)


@pytest.fixture
def with_broken(monkeypatch: pytest.MonkeyPatch) -> tuple[pluginhost.Plugin, ...]:
    """The installed plugins plus a sound test plugin and three broken ones."""
    extra = (
        pluginhost.from_module("sound", broken.SOUND),
        pluginhost.from_module("raises", broken.RAISES),
        pluginhost.from_module("garbage", broken.GARBAGE),
        pluginhost.from_module("sleeps", broken.SLEEPS),
    )
    everything = (*pluginhost.installed(), *extra)
    monkeypatch.setattr(pluginhost, "installed", lambda: everything)
    return everything


def fast(settings: Settings) -> Settings:
    return replace(settings, plugin_time_budget_ms=300, plugin_settings={"sleeps": {"sleep": 5.0}})


async def results(plugin: str) -> dict[int, PluginResult]:
    return {r.subject_id: r for r in await PluginResult.filter(subject="school", plugin=plugin)}


async def test_broken_plugins_are_isolated_and_the_others_stored(
    db: Any, settings: Settings, tmp_path: Path, with_broken: Any
) -> None:
    await import_census(tmp_path)
    summary = await score_schools(fast(settings))
    assert summary.subjects == 5
    assert {"sound", "raises", "garbage", "sleeps", "context"} <= set(summary.plugins)
    assert summary.failed == 15  # three broken plugins on five schools
    sound = await results("sound")
    assert sorted(sound) == [100001, 100002, 100003, 100004, 100005]
    assert sound[100003].ok
    assert sound[100003].scores[0]["value"] == 400.0
    assert sound[100003].scores[0]["explanation"] == "400 pupils on roll."
    assert len(sound[100003].input_hash) == 64
    assert (await results("raises"))[100001].error.startswith("raised ZeroDivisionError")
    assert (await results("garbage"))[100001].error.startswith("returned a bad result")
    sleeps = await results("sleeps")
    assert sleeps[100001].error == "overran its time budget of 300 ms"
    assert sleeps[100005].error.startswith("skipped: the plugin overran")
    context = await results("context")
    assert all(r.ok for r in context.values())
    assert context[100003].scores


async def test_worker_processes_store_what_one_process_stores(
    db: Any, settings: Settings, tmp_path: Path, with_broken: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forked path of a large run (here forced for five schools, in shares of two) gives the
    same rows as the in-process path, broken plugins included."""
    await import_census(tmp_path)
    in_process = await score_schools(fast(settings))
    expected = {
        (r.subject_id, r.plugin): (r.ok, r.error[:30], r.input_hash, r.scores, r.flags)
        for r in await PluginResult.all()
    }
    await PluginResult.all().delete()
    monkeypatch.setattr(pool, "MIN_SUBJECTS_TO_FORK", 1)
    monkeypatch.setattr(service, "CHUNK", 2)
    forked = await score_schools(replace(fast(settings), scoring_workers=2))
    assert pool.workers_for(5, 2) == 2
    assert (forked.written, forked.failed) == (in_process.written, in_process.failed)
    stored = {
        (r.subject_id, r.plugin): (r.ok, r.error[:30], r.input_hash, r.scores, r.flags)
        for r in await PluginResult.all()
    }
    # The sleeper's overruns count across both workers; which schools use them up is a race,
    # so at most one more than in one process may overrun before the rest are skipped.
    sleeps = [stored.pop((urn, "sleeps"))[1] for urn, *_ in SCHOOLS]
    expected = {k: v for k, v in expected.items() if k[1] != "sleeps"}
    overran = [e for e in sleeps if e.startswith("overran")]
    assert MAX_OVERRUNS <= len(overran) <= MAX_OVERRUNS + 1
    assert all(e.startswith(("overran", "skipped")) for e in sleeps)
    assert stored == expected
    again = await score_schools(replace(fast(settings), scoring_workers=2))
    # Failed results are retried; everything that succeeded is unchanged.
    assert again.unchanged == sum(1 for ok, *_ in expected.values() if ok)


async def test_a_worker_process_that_dies_fails_the_run_instead_of_hanging(
    db: Any, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await import_census(tmp_path)
    everything = (*pluginhost.installed(), pluginhost.from_module("exits", broken.EXITS))
    monkeypatch.setattr(pluginhost, "installed", lambda: everything)
    monkeypatch.setattr(pool, "MIN_SUBJECTS_TO_FORK", 1)
    with pytest.raises(pool.WorkerDied, match="worker process died"):
        await score_schools(replace(settings, scoring_workers=2))


async def test_a_rerun_with_the_same_inputs_writes_nothing(
    db: Any, settings: Settings, tmp_path: Path
) -> None:
    await import_census(tmp_path)
    first = await score_schools(settings)
    assert first.written == 5 * len(first.plugins)
    assert first.failed == 0
    stamps = {(r.subject_id, r.plugin): r.computed_at for r in await PluginResult.all()}
    again = await score_schools(settings)
    assert (again.written, again.unchanged) == (0, first.written)
    assert {(r.subject_id, r.plugin): r.computed_at for r in await PluginResult.all()} == stamps


async def test_changed_figures_and_settings_rescore_only_what_they_touch(
    db: Any, settings: Settings, tmp_path: Path, with_broken: Any
) -> None:
    await import_census(tmp_path)
    only_sound = replace(settings, plugins_disabled=("raises", "garbage", "sleeps"))
    await score_schools(only_sound)
    # A new figure for one school changes its input; the comparison groups of the others
    # change too, so every school is re-scored by plugins that see groups...
    await import_census(tmp_path, [(100001, 999, 1.0, 10.0, 5.0, 20.0)])
    changed = await score_schools(only_sound)
    assert changed.written > 0
    # ...while a setting for one plugin re-scores that plugin alone.
    tuned = replace(only_sound, plugin_settings={"sound": {"anything": 1}})
    retuned = await score_schools(tuned)
    assert retuned.written == 5  # the five schools, for "sound" alone
    assert retuned.unchanged == 5 * (len(retuned.plugins) - 1)


async def test_disabled_plugins_do_not_run(
    db: Any, settings: Settings, tmp_path: Path, with_broken: Any
) -> None:
    await import_census(tmp_path)
    summary = await score_schools(
        replace(settings, plugins_disabled=("raises", "garbage", "sleeps", "sound"))
    )
    assert summary.failed == 0
    assert not {"raises", "garbage", "sleeps", "sound"} & set(summary.plugins)
    assert await PluginResult.filter(plugin="sound").count() == 0


@pytest.fixture
async def world(db: Any, settings: Settings, make_client: Any) -> AsyncIterator[World]:
    world = await build_world(settings, make_client)
    yield world
    await world.close()


SCHOOL_QUERY = "query($urn: Int!) { school(urn: $urn) { indicators { plugin key label value explanation comparison } flags { key } } }"
REVIEW_QUERY = "query($id: ID!) { node(id: $id) { ... on Review { indicators { plugin key explanation } flags { plugin key rule subject } moderationRisks { plugin reason } } } }"


async def test_submitting_a_review_scores_it_and_each_role_sees_what_it_should(
    world: World, tmp_path: Path
) -> None:
    host_urn = world.schools["A"].urn
    await import_census(tmp_path, [(host_urn, 300, 2.0, 12.0, 8.0, 30.0), *SCHOOLS])
    review = await create_review(world)
    review = await form_team(world, review)
    review = await visit(world, review)  # ends with submitReview
    stored = await PluginResult.filter(subject="review").values_list("plugin", flat=True)
    assert {"context", "curriculum", "behaviour", "ap_use"} <= set(stored)
    seen = {}
    for who in ("moderator", "admin", "lead", "reviewer", "host", "governor", "outsider"):
        body = await world.gql(who, REVIEW_QUERY, {"id": review["id"]})
        seen[who] = body["data"]["node"]
    assert seen["moderator"]["indicators"]
    assert seen["admin"]["indicators"]
    assert seen["lead"]["indicators"] == seen["moderator"]["indicators"]
    assert seen["lead"]["moderationRisks"] == []  # risks are for moderators
    assert seen["host"]["indicators"] == []  # not before the factual-accuracy check
    assert seen["governor"] is None
    assert seen["outsider"] is None
    school = await world.gql("outsider", SCHOOL_QUERY, {"urn": host_urn})
    assert school["data"]["school"]["indicators"] == []  # schools are scored by `peerqa score`
    await score_schools(world.settings)
    school = await world.gql("outsider", SCHOOL_QUERY, {"urn": host_urn})
    context = [i for i in school["data"]["school"]["indicators"] if i["plugin"] == "context"]
    assert context
    assert all(i["explanation"] for i in context)


async def test_the_team_reads_review_indicators_only_after_the_visit(
    world: World, tmp_path: Path
) -> None:
    """Before or during the visit the indicators could anchor the independent judgements."""
    await import_census(tmp_path, [(world.schools["A"].urn, 300, 2.0, 12.0, 8.0, 30.0)])
    review = await form_team(world, await create_review(world))  # team formed
    await score_review(world.settings, decode(review["id"], "Review", "id"))
    for who in ("lead", "reviewer"):
        body = await world.gql(who, REVIEW_QUERY, {"id": review["id"]})
        assert body["data"]["node"]["indicators"] == [], who
    moderator = await world.gql("moderator", REVIEW_QUERY, {"id": review["id"]})
    assert moderator["data"]["node"]["indicators"]


async def test_admins_see_plugins_and_failures(
    world: World, tmp_path: Path, with_broken: Any
) -> None:
    await make_school("Extra", urn=100001)
    await import_census(tmp_path)
    await score_schools(fast(world.settings))
    body = await world.gql(
        "admin",
        "{ plugins { name version hooks enabled source } pluginFailures(first: 100) { totalCount nodes { plugin subject subjectId error } } }",
    )
    names = {p["name"]: p for p in body["data"]["plugins"]}
    assert names["context"]["source"].startswith("peerqa ")
    assert names["context"]["enabled"]
    assert "peerqa_score" in names["context"]["hooks"]
    failures = body["data"]["pluginFailures"]
    assert failures["totalCount"] == 15
    assert {n["plugin"] for n in failures["nodes"]} == {"raises", "garbage", "sleeps"}
    denied = await world.gql("moderator", "{ pluginFailures { totalCount } }")
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_saving_replaces_a_result_and_concurrent_saves_of_it_all_land(db: Any) -> None:
    plugin = pluginhost.installed()[0]

    def result(input_hash: str) -> pool.Result:
        return pool.Result(100001, 0, input_hash, True, "", "[]", "[]", "[]", 0.01)

    await store.save("school", [plugin], [result("first")])
    # Five saves of the same result at once (a review submitted while `peerqa score` runs):
    # each replaces the last, none fails on the unique key.
    await asyncio.gather(*(store.save("school", [plugin], [result(f"h{i}")]) for i in range(5)))
    rows = await PluginResult.filter(subject="school", subject_id=100001, plugin=plugin.name)
    assert len(rows) == 1
    assert rows[0].input_hash in {f"h{i}" for i in range(5)}
