"""``Query.statistics`` and the simulated cohort behind it: shape, permissions, recovery.

The round trip writes a simulated cohort with ``peerqa.stats.synthetic`` (what ``peerqa
simulate`` runs) and reads the figures back through GraphQL as a moderator: the severities and
alpha it reports must recover the ones the simulation put in. The host schools are invented
here (School rows with a census FSM-ever figure) so the test does not need ../shared/data;
``benchmarks/reliability_db.py`` runs the same check on the real schools.
"""

from __future__ import annotations

import re
from typing import Any

import httpx2 as httpx
import pytest
from scipy import stats

from peerqa.errors import Conflict, ValidationFailed
from peerqa.models import ContextSnapshot, ContextValue, Partnership, Review, School
from peerqa.models.enums import GlobalRole, TeamRole
from peerqa.schema.ids import encode
from peerqa.stats import report, synthetic
from peerqa.stats.reviews import FSM_EVER, Scope, load
from peerqa.stats.simulation import synthetic_schools
from tests.factories import gql, make_partnership, make_review, make_school, make_user, signed_in

QUERY = """query($p: ID, $from: Date, $to: Date) {
  statistics(partnershipId: $p, from: $from, to: $to) {
    reviews from to resamples seed minReviewsForName
    partnership { name }
    frameworks {
      framework { key }
      reviews
      agreement { areaKey areaName reviews alpha { estimate interval { low high } units values reason } }
      overallAgreement {
        reviews
        alpha { method estimate interval { low high } units values reason }
        kappa { method estimate interval { low high } }
      }
      teamVsModerator { reviews areas confirmed confirmedShare confirmedInterval { low high }
        kappa { estimate } }
      leadSeverity { name label named estimate interval { low high } reviews areas }
      contextAudit {
        areaKey threshold thresholdLabel cuts
        quintiles { quintile fsmAbove fsmUpTo grades schools atOrBelow thresholdShare
          counts { rank label count share } }
        gap { estimate interval { low high } mostDisadvantaged leastDisadvantaged reason }
        correlation { rho interval { low high } n reason }
      }
    }
    moderationOutcomes { period start decisions confirmed adjusted returned confirmRate }
  }
}"""


async def invented_schools(count: int) -> None:
    """Registered schools with a census FSM-ever figure: what the simulation draws hosts from."""
    schools = synthetic_schools(count, seed=0)
    await School.bulk_create([School(urn=urn, name=f"Invented school {urn}") for urn, _ in schools])
    await ContextSnapshot.bulk_create([ContextSnapshot(urn=urn, year=2018) for urn, _ in schools])
    snapshots = dict(await ContextSnapshot.filter(year=2018).values_list("urn", "id"))
    await ContextValue.bulk_create(
        [
            ContextValue(
                snapshot_id=snapshots[urn],
                measure=FSM_EVER,
                value=pct,
                raw_text=str(pct),
                source_file="invented.csv",
                source_row=2 + i,
            )
            for i, (urn, pct) in enumerate(schools)
        ]
    )


async def as_role(client: httpx.AsyncClient, role: GlobalRole) -> httpx.AsyncClient:
    return await signed_in(client, await make_user(role=role))


@pytest.fixture
def fewer_resamples(monkeypatch: pytest.MonkeyPatch) -> None:
    """The estimates do not depend on the bootstrap; a shorter one keeps the test quick."""
    monkeypatch.setattr(report, "API_RESAMPLES", 100)


@pytest.mark.usefixtures("fewer_resamples")
async def test_the_statistics_recover_a_simulated_cohort(client: httpx.AsyncClient) -> None:
    await invented_schools(150)
    written = await synthetic.write_cohort(reviews=200, seed=1)
    await as_role(client, GlobalRole.MODERATOR)
    body = await gql(client, QUERY, {"p": encode("Partnership", written.partnership_id)})
    assert "errors" not in body, body
    found = body["data"]["statistics"]
    assert (found["reviews"], found["resamples"], found["seed"]) == (200, 100, 0)
    assert found["partnership"]["name"] == "Simulated partnership (seed 1)"
    (framework,) = found["frameworks"]
    assert framework["framework"]["key"] == "national"
    assert len(framework["agreement"]) == 6

    overall = framework["overallAgreement"]
    alpha = overall["alpha"]["estimate"]
    assert overall["reviews"] == 200
    assert abs(alpha - written.cohort.known_alpha) <= 0.05
    assert overall["alpha"]["interval"]["low"] < alpha < overall["alpha"]["interval"]["high"]

    leads = framework["leadSeverity"]
    assert len(leads) == 20
    assert all(lead["named"] and lead["reviews"] == 10 for lead in leads)
    truth = [
        written.cohort.severities[int(re.fullmatch(r"Simulated lead reviewer (\d+)", n)[1])]  # type: ignore[index]
        for n in (lead["name"] for lead in leads)
    ]
    rho = stats.spearmanr([lead["estimate"] for lead in leads], truth).statistic
    assert rho >= 0.8

    assert framework["teamVsModerator"]["reviews"] == 200
    assert sum(p["decisions"] for p in found["moderationOutcomes"]) == 200
    audit = framework["contextAudit"][0]
    assert audit["threshold"] == 4
    assert audit["thresholdLabel"] == "Needs attention"
    assert sum(q["grades"] for q in audit["quintiles"]) == 200
    assert audit["correlation"]["n"] == 200


async def test_the_database_holds_exactly_the_simulated_grades(db: Any) -> None:
    await invented_schools(40)
    written = await synthetic.write_cohort(reviews=30, seed=4)
    records = await load(Scope(partnership_id=written.partnership_id))
    (framework,) = records.frameworks
    rater_of = {user: rater for rater, user in written.user_ids.items()}
    titles = {
        int(review_id): int(str(title).rsplit(" ", 1)[1])
        for review_id, title in await Review.filter(
            partnership_id=written.partnership_id
        ).values_list("id", "title")
    }
    assert sorted(
        (titles[r.review_id], r.area_key, rater_of[r.rater_id], r.grade)
        for r in framework.judgements
    ) == sorted((r.review_id, r.area_key, r.rater_id, r.grade) for r in written.cohort.judgements)
    assert sorted(
        (titles[m.review_id], m.area_key, rater_of[m.lead_id], m.consensus, m.moderated)
        for m in framework.moderated
    ) == sorted(
        (m.review_id, m.area_key, m.lead_id, m.consensus, m.moderated)
        for m in written.cohort.moderated
    )
    assert sorted(day for day, _ in records.outcomes) == sorted(
        day for day, _ in written.cohort.outcomes
    )


async def test_a_simulation_does_not_run_twice_into_one_partnership(db: Any) -> None:
    await invented_schools(20)
    first = await synthetic.write_cohort(reviews=5, seed=2, name="Practice")
    with pytest.raises(Conflict, match=r"already exists\. Pass --replace"):
        await synthetic.write_cohort(reviews=5, seed=2, name="Practice")
    again = await synthetic.write_cohort(reviews=7, seed=3, name="Practice", replace=True)
    assert (again.replaced, again.reviews) == (5, 7)
    assert await Partnership.filter(name="Practice").count() == 1
    assert await Review.filter(partnership_id=again.partnership_id).count() == 7
    assert not await Review.filter(partnership_id=first.partnership_id).exists()


async def test_replace_never_deletes_real_reviews(db: Any) -> None:
    await invented_schools(5)
    partnership = await make_partnership(name="Real cluster")
    real = await make_user()
    await make_review(await make_school(), partnership, team=((real, TeamRole.LEAD),))
    with pytest.raises(Conflict, match="real people"):
        await synthetic.write_cohort(reviews=5, seed=1, name="Real cluster", replace=True)


async def test_no_registered_school_with_fsm_ever_says_to_import(db: Any) -> None:
    await make_school()  # in the register, but no census figure
    with pytest.raises(ValidationFailed, match="Import the register and the census first"):
        await synthetic.write_cohort(reviews=5, seed=1)


async def test_moderators_and_admins_only(
    client: httpx.AsyncClient, make_client: Any, settings: Any
) -> None:
    anonymous = await gql(client, QUERY)
    assert anonymous["data"] is None
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    for role, allowed in (
        (GlobalRole.ADMIN, True),
        (GlobalRole.MODERATOR, True),
        (GlobalRole.SCHOOL_USER, False),
    ):
        async with make_client(settings) as other:
            await as_role(other, role)
            body = await gql(other, QUERY)
        if allowed:
            assert "errors" not in body, body
            assert body["data"]["statistics"]["reviews"] == 0
            assert body["data"]["statistics"]["frameworks"] == []
        else:
            assert body["data"] is None
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_arguments_are_checked(client: httpx.AsyncClient) -> None:
    await as_role(client, GlobalRole.ADMIN)
    school = await make_school()
    for variables, code in (
        ({"p": encode("Partnership", 999_999)}, "NOT_FOUND"),
        ({"p": encode("School", school.urn)}, "VALIDATION"),
        ({"from": "2026-01-02", "to": "2026-01-01"}, "VALIDATION"),
    ):
        body = await gql(client, QUERY, variables)
        assert body["errors"][0]["extensions"]["code"] == code, variables


async def test_small_numbers_show_no_interval_and_hide_names(
    client: httpx.AsyncClient,
) -> None:
    await invented_schools(10)
    written = await synthetic.write_cohort(reviews=8, seed=5)
    await as_role(client, GlobalRole.MODERATOR)
    body = await gql(client, QUERY, {"p": encode("Partnership", written.partnership_id)})
    assert "errors" not in body, body
    framework = body["data"]["statistics"]["frameworks"][0]
    overall = framework["overallAgreement"]["alpha"]
    assert overall["interval"] is None
    assert overall["reason"] == "only 8 groups (reviews): an interval needs at least 20"
    for lead in framework["leadSeverity"]:
        assert lead["name"] is None
        assert not lead["named"]
        assert lead["label"] == "Lead reviewer (fewer than 5 moderated reviews)"
