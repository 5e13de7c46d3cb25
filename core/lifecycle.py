"""The review lifecycle as an explicit state machine.

Each transition names the states it may start from, the state it leads to, who may take it, and
what must be true first. ``peerqa.services.reviews.transition`` applies one: it checks all of
that, writes the new state with optimistic concurrency, audits, and announces the change.

    draft -> self_evaluation -> team_formed -> visit -> consensus -> submitted
    submitted -> moderation          (selected for moderation when it is submitted)
    submitted -> assured             (not selected)
    moderation -> returned           (the moderator returns it: the lead revises, then submits
                                      again from returned, which starts a new round)
    moderation -> assured            (the moderator confirms or adjusts)
    assured -> factual_accuracy      (at once: the host's window to point out errors opens)
    factual_accuracy -> appeal -> factual_accuracy -> published -> follow_up
    (draft .. consensus) -> withdrawn

``RULES`` are the steps people take with one mutation each. ``SERVICE_STEPS`` are taken by the
moderation services as part of a decision (sampling, a moderator's outcome, an appeal), which
check their own, narrower permissions (the assigned moderator, the appeal's moderator).
``assured`` is never a resting state: the review passes through it to ``factual_accuracy`` in
the same transaction, and the audit trail records both steps.
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
    SELECT = "select"
    ASSURE = "assure"
    RETURN = "return"
    OPEN_FACTUAL_ACCURACY = "open_factual_accuracy"
    APPEAL = "appeal"
    DECIDE_APPEAL = "decide_appeal"
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


RULES: dict[Transition, Rule] = {
    Transition.OPEN_SELF_EVALUATION: Rule(
        frozenset({S.DRAFT}), S.SELF_EVALUATION, _host, "the host school's leaders"
    ),
    Transition.CONFIRM_TEAM: Rule(
        frozenset({S.SELF_EVALUATION}), S.TEAM_FORMED, _host, "the host school's leaders"
    ),
    Transition.START_VISIT: Rule(frozenset({S.TEAM_FORMED}), S.VISIT, _lead, "the lead reviewer"),
    Transition.START_CONSENSUS: Rule(frozenset({S.VISIT}), S.CONSENSUS, _lead, "the lead reviewer"),
    Transition.SUBMIT: Rule(
        frozenset({S.CONSENSUS, S.RETURNED}), S.SUBMITTED, _lead, "the lead reviewer"
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

SERVICE_STEPS: dict[Transition, tuple[frozenset[S], S]] = {
    Transition.SELECT: (frozenset({S.SUBMITTED}), S.MODERATION),
    Transition.ASSURE: (frozenset({S.SUBMITTED, S.MODERATION}), S.ASSURED),
    Transition.RETURN: (frozenset({S.MODERATION}), S.RETURNED),
    Transition.OPEN_FACTUAL_ACCURACY: (frozenset({S.ASSURED}), S.FACTUAL_ACCURACY),
    Transition.APPEAL: (frozenset({S.FACTUAL_ACCURACY}), S.APPEAL),
    Transition.DECIDE_APPEAL: (frozenset({S.APPEAL}), S.FACTUAL_ACCURACY),
}
"""Steps the moderation services take: (source states, target)."""

# States in which each kind of work may be done.
SELF_EVALUATION_OPEN = frozenset({S.DRAFT, S.SELF_EVALUATION})
TEAM_EDITABLE = frozenset({S.DRAFT, S.SELF_EVALUATION})
VISIT_DETAILS_EDITABLE = frozenset({S.DRAFT, S.SELF_EVALUATION, S.TEAM_FORMED})
EVIDENCE_OPEN = frozenset({S.VISIT, S.CONSENSUS, S.RETURNED})
INDEPENDENT_OPEN = frozenset({S.VISIT})
# A returned review is back with its team: the lead revises the consensus and report.
CONSENSUS_OPEN = frozenset({S.CONSENSUS, S.RETURNED})
REPORT_EDITABLE = frozenset({S.CONSENSUS, S.RETURNED, S.FACTUAL_ACCURACY})
PLACEMENTS_EDITABLE = frozenset({S.DRAFT, S.SELF_EVALUATION, S.TEAM_FORMED, S.VISIT})
CONSULTATION_OPEN = frozenset({S.VISIT})
CONSULTATION_ANSWERABLE = frozenset({S.VISIT, S.CONSENSUS})
MODERATION_OPEN = frozenset({S.MODERATION})
FACTUAL_ACCURACY_OPEN = frozenset({S.FACTUAL_ACCURACY})
FACTUAL_ACCURACY_ANSWERABLE = frozenset({S.FACTUAL_ACCURACY, S.APPEAL})
APPEAL_OPEN = frozenset({S.FACTUAL_ACCURACY})
APPEAL_HEARING = frozenset({S.APPEAL})
# From assurance on, the host (and, once published, its readers) see the consensus, the
# moderated grades and the moderation outcome.
CONSENSUS_VISIBLE_TO_HOST = frozenset(
    {S.ASSURED, S.FACTUAL_ACCURACY, S.APPEAL, S.PUBLISHED, S.FOLLOW_UP}
)
# The team reads the review's indicators once its independent judgements are closed: not before
# or during the visit, when they could anchor them.
INDICATORS_VISIBLE_TO_TEAM = frozenset(
    {S.CONSENSUS, S.RETURNED, S.SUBMITTED, S.MODERATION, S.ASSURED, S.FACTUAL_ACCURACY}
    | {S.APPEAL, S.PUBLISHED, S.FOLLOW_UP}
)
# Reviews `peerqa score` re-scores: under way, not yet published or withdrawn.
OPEN_STATES = frozenset(
    {S.SELF_EVALUATION, S.TEAM_FORMED, S.VISIT, S.CONSENSUS, S.SUBMITTED, S.MODERATION}
    | {S.RETURNED, S.ASSURED, S.FACTUAL_ACCURACY, S.APPEAL}
)
