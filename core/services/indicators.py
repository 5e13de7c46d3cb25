"""Reading stored plugin results, and who may read which."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from peerqa import pluginhost
from peerqa.access import ReviewRelation
from peerqa.lifecycle import CONSENSUS_VISIBLE_TO_HOST, INDICATORS_VISIBLE_TO_TEAM
from peerqa.models import PluginResult


async def results(subject: str, ids: Sequence[int]) -> list[list[PluginResult]]:
    """Every plugin's stored result for each id, by plugin name (one query for all ids)."""
    grouped: dict[int, list[PluginResult]] = defaultdict(list)
    rows = await PluginResult.filter(subject=subject, subject_id__in=list(set(ids))).order_by(
        "plugin"
    )
    for row in rows:
        grouped[row.subject_id].append(row)
    return [grouped[i] for i in ids]


def current(rows: list[PluginResult], disabled: tuple[str, ...]) -> list[PluginResult]:
    """Results of plugins that are installed and enabled now: a disabled or removed plugin's
    old results stay stored (they come back if it is enabled again) but are not shown."""
    enabled = {p.name for p in pluginhost.scoring_plugins(disabled)}
    return [r for r in rows if r.plugin in enabled]


def may_read_review_results(rel: ReviewRelation) -> bool:
    """Review indicators and flags: moderators and admins; the team once independent judgements
    are closed (they summarise them); the host once it sees the consensus."""
    if rel.is_overseer:
        return True
    if rel.is_team:
        return rel.review.state in INDICATORS_VISIBLE_TO_TEAM
    return rel.is_host_staff and rel.review.state in CONSENSUS_VISIBLE_TO_HOST


def may_read_moderation_risks(rel: ReviewRelation) -> bool:
    """Why a review might be moderated is for moderators and admins."""
    return rel.is_overseer
