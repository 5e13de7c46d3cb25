"""The sampling decision, as pure functions of the facts about one submission.

A review is moderated when any risk rule fires; otherwise it is drawn at random at
``moderation_random_rate``. The draw is a hash of (seed, review, round), not ``random()``, so the
same settings always give the same decision and a moderator can check it by hand. Every decision
carries its reasons, including why a review was *not* selected.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date
from statistics import fmean
from typing import Any

from peerqa.config import DEFAULT_MODERATION_SEED, Settings

BAND_DIRECTION = {"well_above": 2, "above": 1, "in_line": 0, "below": -1, "well_below": -2}
"""How far an indicator's band points above (+) or below (-) what similar schools achieve."""
SIGNAL_THRESHOLD = 1.0
"""Mean band direction beyond which indicators are read as clearly pointing one way."""
ACADEMIC_YEAR_STARTS = 9  # September


@dataclass(frozen=True)
class Reason:
    code: str
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class AreaGap:
    """One area's self-evaluation beside the consensus: ranks for graded areas (1 = highest),
    met or not for met / not met areas."""

    area: str
    self_rank: int | None = None
    consensus_rank: int | None = None
    self_met: bool | None = None
    consensus_met: bool | None = None


@dataclass(frozen=True)
class AreaSignal:
    """The banded indicators for one graded area beside its consensus grade."""

    area: str
    bands: tuple[str, ...]
    consensus_rank: int
    scale: int
    """How many grades the framework has."""


@dataclass(frozen=True)
class Facts:
    review_id: int
    round: int
    open_concerns: int = 0
    recent_concerns: int = 0
    gaps: tuple[AreaGap, ...] = ()
    signals: tuple[AreaSignal, ...] = ()
    lead_name: str | None = None
    lead_moderated: int = 0
    """Reviews the lead has led that were moderated to an outcome."""
    team_size: int = 0
    team_new: int = 0
    """Accepted members with fewer moderated reviews than the history threshold."""
    lead_selected_in_period: int = 0
    period: str = ""
    plugin_risks: tuple[tuple[str, str], ...] = ()
    """(plugin, reason) for each ``peerqa_moderation_risk`` reason."""


@dataclass(frozen=True)
class Policy:
    rate: float = 0.25
    seed: str = DEFAULT_MODERATION_SEED
    concern_recent_days: int = 365
    self_gap_steps: int = 2
    self_gap_areas: int = 3
    indicator_min_count: int = 2
    min_history: int = 3
    lead_minimum: int = 1

    @classmethod
    def from_settings(cls, settings: Settings) -> Policy:
        return cls(
            rate=settings.moderation_random_rate,
            seed=settings.moderation_seed,
            concern_recent_days=settings.moderation_concern_recent_days,
            self_gap_steps=settings.moderation_self_gap_steps,
            self_gap_areas=settings.moderation_self_gap_areas,
            indicator_min_count=settings.moderation_indicator_min_count,
            min_history=settings.moderation_min_history,
            lead_minimum=settings.moderation_lead_minimum,
        )


@dataclass(frozen=True)
class Decision:
    required: bool
    reasons: tuple[Reason, ...]
    draw: float


def draw(seed: str, review_id: int, round_: int) -> float:
    """A number in [0, 1) fixed by the seed, the review and the round."""
    digest = hashlib.sha256(f"{seed}:{review_id}:{round_}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def academic_year(day: date) -> tuple[date, str]:
    """The start of the academic year (1 September) containing ``day``, and its name."""
    year = day.year if day.month >= ACADEMIC_YEAR_STARTS else day.year - 1
    return date(year, ACADEMIC_YEAR_STARTS, 1), f"{year}/{str(year + 1)[-2:]}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def concern_reasons(facts: Facts, policy: Policy) -> list[Reason]:
    reasons = []
    if facts.open_concerns:
        reasons.append(
            Reason(
                "open_concern",
                f"{_plural(facts.open_concerns, 'safeguarding concern')} on this review "
                "not yet resolved.",
            )
        )
    if facts.recent_concerns:
        reasons.append(
            Reason(
                "recent_concern",
                f"{_plural(facts.recent_concerns, 'safeguarding concern')} about the host "
                f"school raised in the last {policy.concern_recent_days} days.",
            )
        )
    return reasons


def self_evaluation_reasons(facts: Facts, policy: Policy) -> list[Reason]:
    """Large gaps: ``self_gap_steps`` or more in one area, a met / not met area judged the other
    way, or a gap of one step or more in ``self_gap_areas`` areas."""
    large, differing = [], []
    for gap in facts.gaps:
        if gap.self_rank is not None and gap.consensus_rank is not None:
            steps = abs(gap.self_rank - gap.consensus_rank)
            if steps >= policy.self_gap_steps:
                large.append(f"{gap.area} ({_plural(steps, 'grade')} apart)")
            if steps:
                differing.append(gap.area)
        elif None not in (gap.self_met, gap.consensus_met) and gap.self_met != gap.consensus_met:
            large.append(f"{gap.area} (met / not met judged differently)")
            differing.append(gap.area)
    reasons = []
    if large:
        reasons.append(
            Reason(
                "self_evaluation_gap",
                "The consensus differs from the self-evaluation in " + ", ".join(large) + ".",
            )
        )
    elif len(differing) >= policy.self_gap_areas:
        reasons.append(
            Reason(
                "self_evaluation_spread",
                f"The consensus differs from the self-evaluation in {len(differing)} areas: "
                + ", ".join(differing)
                + ".",
            )
        )
    return reasons


def indicator_reasons(facts: Facts, policy: Policy) -> list[Reason]:
    """An area whose indicators clearly point one way while its grade sits on the other side of
    the scale's middle: mean band direction >= +1 (above similar schools) with a grade below
    the middle, or <= -1 with a grade above it."""
    found = []
    for signal in facts.signals:
        if len(signal.bands) < policy.indicator_min_count:
            continue
        mean = fmean(BAND_DIRECTION[b] for b in signal.bands)
        position = (signal.scale + 1) / 2 - signal.consensus_rank
        if mean >= SIGNAL_THRESHOLD and position < 0:
            found.append(
                f"{signal.area} (indicators above similar schools, grade below the middle)"
            )
        elif mean <= -SIGNAL_THRESHOLD and position > 0:
            found.append(
                f"{signal.area} (indicators below similar schools, grade above the middle)"
            )
    if not found:
        return []
    return [
        Reason(
            "indicator_gap",
            "The consensus runs against the indicators in " + "; ".join(found) + ".",
        )
    ]


def history_reasons(facts: Facts, policy: Policy) -> list[Reason]:
    reasons = []
    if facts.lead_name is not None and facts.lead_moderated < policy.min_history:
        reasons.append(
            Reason(
                "new_lead",
                f"The lead reviewer, {facts.lead_name}, has led "
                f"{_plural(facts.lead_moderated, 'moderated review')} "
                f"(fewer than {policy.min_history}).",
            )
        )
    if facts.team_size > 1 and facts.team_new * 2 > facts.team_size:
        reasons.append(
            Reason(
                "new_team",
                f"{facts.team_new} of the team's {facts.team_size} members have been on fewer "
                f"than {_plural(policy.min_history, 'moderated review')}.",
            )
        )
    return reasons


def minimum_reasons(facts: Facts, policy: Policy) -> list[Reason]:
    if facts.lead_name is None or facts.lead_selected_in_period >= policy.lead_minimum:
        return []
    return [
        Reason(
            "lead_minimum",
            f"{facts.lead_name} has had {_plural(facts.lead_selected_in_period, 'review')} "
            f"selected in {facts.period}; every lead has at least {policy.lead_minimum} "
            "moderated each academic year.",
        )
    ]


def plugin_reasons(facts: Facts, policy: Policy) -> list[Reason]:
    return [Reason("plugin_risk", f"{plugin}: {reason}") for plugin, reason in facts.plugin_risks]


RULES = (
    concern_reasons,
    self_evaluation_reasons,
    indicator_reasons,
    history_reasons,
    minimum_reasons,
    plugin_reasons,
)


def decide(facts: Facts, policy: Policy) -> Decision:
    """Required when any rule fires; otherwise by the seeded draw against the rate."""
    value = draw(policy.seed, facts.review_id, facts.round)
    reasons = [reason for rule in RULES for reason in rule(facts, policy)]
    if reasons:
        return Decision(True, tuple(reasons), value)
    if value < policy.rate:
        chosen = Reason("random", f"selected at random: draw {value:.2f} < rate {policy.rate:.2f}")
        return Decision(True, (chosen,), value)
    skipped = Reason("not_selected", f"not selected: draw {value:.2f} ≥ rate {policy.rate:.2f}")
    return Decision(False, (skipped,), value)
