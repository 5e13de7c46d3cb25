"""Gathering the facts the sampling rules read about one submitted review (a few queries)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from peerqa.clock import now
from peerqa.config import Settings
from peerqa.models import (
    Concern,
    Grade,
    Judgement,
    Moderation,
    PluginResult,
    Review,
    TeamMember,
    User,
)
from peerqa.models.enums import AreaKind, InvitationStatus, JudgementKind, TeamRole
from peerqa.moderation.rules import (
    BAND_DIRECTION,
    AreaGap,
    AreaSignal,
    Facts,
    Policy,
    academic_year,
)
from peerqa.services import indicators
from peerqa.services.reviews import applicable_areas, unresolved_concerns


async def gather(review: Review, round_: int, settings: Settings) -> Facts:
    policy = Policy.from_settings(settings)
    results = list(await PluginResult.filter(ok=True, subject="review", subject_id=review.id))
    gaps, signals = await _judgement_facts(review, settings, results)
    lead_name, lead_moderated, lead_selected, period = await _lead_facts(review)
    team_size, team_new = await _team_facts(review, policy.min_history)
    own_open = {
        int(row["id"])
        for row in await unresolved_concerns().filter(review_id=review.id).values("id")
    }
    return Facts(
        review_id=review.id,
        round=round_,
        open_concerns=len(own_open),
        recent_concerns=await _recent_concerns(review, policy.concern_recent_days, own_open),
        gaps=gaps,
        signals=signals,
        lead_name=lead_name,
        lead_moderated=lead_moderated,
        team_size=team_size,
        team_new=team_new,
        lead_selected_in_period=lead_selected,
        period=period,
        plugin_risks=_plugin_risks(results, settings),
    )


async def _recent_concerns(review: Review, days: int, own_open: set[int]) -> int:
    """Concerns about the host school in the window, other than this review's open ones
    (``own_open``, which the open-concern rule counts)."""
    if days <= 0:
        return 0
    since = now() - timedelta(days=days)
    rows = await Concern.filter(
        review__host_school_id=review.host_school_id, raised_at__gte=since
    ).values("id")
    return sum(1 for row in rows if int(row["id"]) not in own_open)


async def _judgement_facts(
    review: Review, settings: Settings, results: list[PluginResult]
) -> tuple[tuple[AreaGap, ...], tuple[AreaSignal, ...]]:
    areas = await applicable_areas(review)
    grades = {g.id: g.rank for g in await Grade.filter(framework_id=review.framework_id)}
    rows = await Judgement.filter(
        review_id=review.id,
        kind__in=[JudgementKind.SELF_EVALUATION, JudgementKind.CONSENSUS],
    )
    by_kind = {(j.kind, j.area_id): j for j in rows}
    bands = await _bands(review, settings, results)
    gaps, signals = [], []
    for area in areas:
        own = by_kind.get((JudgementKind.SELF_EVALUATION, area.id))
        agreed = by_kind.get((JudgementKind.CONSENSUS, area.id))
        if agreed is None:
            continue
        if area.kind is AreaKind.GRADED and agreed.grade_id is not None:
            rank = grades[agreed.grade_id]
            if own is not None and own.grade_id is not None:
                gaps.append(AreaGap(area.name, self_rank=grades[own.grade_id], consensus_rank=rank))
            signals.append(AreaSignal(area.name, tuple(bands.get(area.key, ())), rank, len(grades)))
        elif area.kind is AreaKind.MET_NOT_MET and own is not None:
            gaps.append(AreaGap(area.name, self_met=own.met, consensus_met=agreed.met))
    return tuple(gaps), tuple(signals)


async def _bands(
    review: Review, settings: Settings, own: list[PluginResult]
) -> dict[str, list[str]]:
    """Bands of the enabled plugins' indicators by area key: the review's results (``own``)
    first, then the host school's, each (plugin, indicator) counted once."""
    host = await PluginResult.filter(ok=True, subject="school", subject_id=review.host_school_id)
    rows = [*own, *host]
    seen: set[tuple[str, str]] = set()
    found: dict[str, list[str]] = defaultdict(list)
    for row in indicators.current(rows, settings.plugins_disabled):
        for score in row.scores:
            key = (row.plugin, str(score.get("key")))
            band = score.get("band")
            if key in seen or band not in BAND_DIRECTION:
                continue
            seen.add(key)
            found[str(score.get("area"))].append(str(band))
    return found


async def _lead_facts(review: Review) -> tuple[str | None, int, int, str]:
    lead = await TeamMember.get_or_none(
        review_id=review.id, role=TeamRole.LEAD, status=InvitationStatus.ACCEPTED
    )
    start, period = academic_year(now().date())
    if lead is None:
        return None, 0, 0, period
    user = await User.get(id=lead.user_id)
    led = (
        await TeamMember.filter(
            user_id=lead.user_id, role=TeamRole.LEAD, status=InvitationStatus.ACCEPTED
        )
        .exclude(review_id=review.id)
        .values_list("review_id", flat=True)
    )
    moderated = await Moderation.filter(review_id__in=list(led), outcome__isnull=False).values_list(
        "review_id", flat=True
    )
    selected = await Moderation.filter(
        review_id__in=list(led), required=True, created_at__gte=start
    ).values_list("review_id", flat=True)
    return user.display_name, len(set(moderated)), len(set(selected)), period


async def _team_facts(review: Review, min_history: int) -> tuple[int, int]:
    rows = await TeamMember.filter(review_id=review.id, status=InvitationStatus.ACCEPTED).values(
        "user_id"
    )
    members = [int(row["user_id"]) for row in rows]
    served = await (
        TeamMember.filter(user_id__in=members, status=InvitationStatus.ACCEPTED)
        .exclude(review_id=review.id)
        .values("user_id", "review_id")
    )
    decided = await Moderation.filter(
        review_id__in=list({row["review_id"] for row in served}), outcome__isnull=False
    ).values("review_id")
    moderated = {int(row["review_id"]) for row in decided}
    counts: dict[int, set[int]] = defaultdict(set)
    for row in served:
        if int(row["review_id"]) in moderated:
            counts[int(row["user_id"])].add(int(row["review_id"]))
    new = sum(1 for m in members if len(counts[m]) < min_history)
    return len(members), new


def _plugin_risks(rows: list[PluginResult], settings: Settings) -> tuple[tuple[str, str], ...]:
    return tuple(
        (row.plugin, str(risk.get("reason", "")))
        for row in indicators.current(rows, settings.plugins_disabled)
        for risk in row.risks
        if risk.get("reason")
    )
