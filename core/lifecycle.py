"""The review lifecycle as an explicit state machine.

Each transition names the states it may start from, the state it leads to, who may take it, and
what must be true first. ``peerqa.services.reviews.transition`` applies one: it checks all of
that, writes the new state with optimistic concurrency, audits, and announces the change.

    draft -> self_evaluation -> team_formed -> visit -> consensus -> submitted
          -> factual_accuracy -> published -> follow_up
    (draft .. consensus) -> withdrawn

Moderation (submitted -> moderation -> returned | assured) is added by the moderation work;
until then a moderator's ``assure`` moves a submitted review on to the factual-accuracy check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from peerqa.access import ReviewRelation
from peerqa.models.enums import ReviewState as S


class Transition(StrEnum):
    OPEN_SELF_EVALUATION = "open_self_evaluation"
    CONFIRM_TEAM = "confirm_team"
    START_VISIT = "start_visit"
    START_CONSENSUS = "start_consensus"
    SUBMIT = "submit"
    ASSURE = "assure"
    PUBLISH = "publish"
    START_FOLLOW_UP = "start_follow_up"
    WITHDRAW = "withdraw"


@dataclass(frozen=True)
class Rule:
    sources: frozenset[S]
    target: S
    allowed: Callable[[ReviewRelation], bool]
    who: str
    """Who may take it, for the FORBIDDEN message."""


def _host(rel: ReviewRelation) -> bool:
    return rel.is_host_leader


def _host_head(rel: ReviewRelation) -> bool:
    return rel.is_host_head


def _lead(rel: ReviewRelation) -> bool:
    return rel.is_lead


def _moderator(rel: ReviewRelation) -> bool:
    return rel.actor.is_moderator or rel.actor.is_admin


RULES: dict[Transition, Rule] = {
    Transition.OPEN_SELF_EVALUATION: Rule(
        frozenset({S.DRAFT}), S.SELF_EVALUATION, _host, "the host school's leaders"
    ),
    Transition.CONFIRM_TEAM: Rule(
        frozenset({S.SELF_EVALUATION}), S.TEAM_FORMED, _host, "the host school's leaders"
    ),
    Transition.START_VISIT: Rule(frozenset({S.TEAM_FORMED}), S.VISIT, _lead, "the lead reviewer"),
    Transition.START_CONSENSUS: Rule(frozenset({S.VISIT}), S.CONSENSUS, _lead, "the lead reviewer"),
    Transition.SUBMIT: Rule(frozenset({S.CONSENSUS}), S.SUBMITTED, _lead, "the lead reviewer"),
    Transition.ASSURE: Rule(
        frozenset({S.SUBMITTED}), S.FACTUAL_ACCURACY, _moderator, "a moderator"
    ),
    Transition.PUBLISH: Rule(
        frozenset({S.FACTUAL_ACCURACY}), S.PUBLISHED, _host_head, "the host headteacher"
    ),
    Transition.START_FOLLOW_UP: Rule(
        frozenset({S.PUBLISHED}), S.FOLLOW_UP, _host_head, "the host headteacher"
    ),
    Transition.WITHDRAW: Rule(
        frozenset({S.DRAFT, S.SELF_EVALUATION, S.TEAM_FORMED, S.VISIT, S.CONSENSUS}),
        S.WITHDRAWN,
        _host_head,
        "the host headteacher",
    ),
}

# States in which each kind of work may be done.
SELF_EVALUATION_OPEN = frozenset({S.DRAFT, S.SELF_EVALUATION})
TEAM_EDITABLE = frozenset({S.DRAFT, S.SELF_EVALUATION})
VISIT_DETAILS_EDITABLE = frozenset({S.DRAFT, S.SELF_EVALUATION, S.TEAM_FORMED})
EVIDENCE_OPEN = frozenset({S.VISIT, S.CONSENSUS})
INDEPENDENT_OPEN = frozenset({S.VISIT})
CONSENSUS_OPEN = frozenset({S.CONSENSUS})
REPORT_EDITABLE = frozenset({S.CONSENSUS, S.SUBMITTED, S.FACTUAL_ACCURACY})
PLACEMENTS_EDITABLE = frozenset({S.DRAFT, S.SELF_EVALUATION, S.TEAM_FORMED, S.VISIT})
CONSENSUS_VISIBLE_TO_HOST = frozenset({S.FACTUAL_ACCURACY, S.APPEAL, S.PUBLISHED, S.FOLLOW_UP})
# Reviews `peerqa score` re-scores: under way, not yet published or withdrawn.
OPEN_STATES = frozenset(
    {S.SELF_EVALUATION, S.TEAM_FORMED, S.VISIT, S.CONSENSUS, S.SUBMITTED, S.MODERATION}
    | {S.RETURNED, S.ASSURED, S.FACTUAL_ACCURACY, S.APPEAL}
)
