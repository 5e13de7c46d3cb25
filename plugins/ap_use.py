"""Use of alternative provision (AP) and off-rolling risk, for the inclusion area.

Method
------
**The review's AP register** (``inp.review.placements``, anonymised facts per placement, dated
against ``inp.review.as_of``, never the clock). Each rule below is checked on every placement
and fires a :class:`Flag` whose ``subject`` is the placement's reference, whose ``rule`` names
the rule and whose ``evidence`` holds the facts behind it (dates as ISO text, yes/no as
booleans). Rules about what was planned apply to every placement on the register; rules about
keeping a placement under review (``ap_not_reviewed``, ``ap_past_planned_end``) apply only to
ongoing ones.

- ``ap_no_objectives`` / ``ap_no_success_criteria`` / ``ap_no_exit_plan``: the 2025 DfE guide
  *Arranging alternative provision* expects the school and provider to agree the intervention,
  its objectives, reintegration and a timeline in a personalised plan; Ofsted and CQC (2024)
  found placements that "lacked a clear purpose" and "a lack of a clear exit plan".
- ``ap_not_reviewed``: reviews are expected "at least half-termly". Fires when an ongoing
  placement's last review (or, if never reviewed, its start) is more than ``review_max_days``
  (49: seven weeks, the longest usual half term) before ``as_of``. A placement that started
  less than a half term ago is not yet due a review.
- ``ap_open_ended``: no planned end date. Placements are time-limited, with a maximum period
  agreed for off-site direction, and part-time arrangements last "for the shortest time
  necessary".
- ``ap_past_planned_end``: still ongoing after its planned end date: in effect open-ended.
- ``ap_long``: the placement (planned, or so far if that is longer) lasts more than
  ``long_placement_days`` (273 calendar days, 39 weeks: a school year of 190 school days) or,
  when full time, more than ``long_full_time_days`` (84 days, 12 weeks: two half-termly
  reviews without a return). The notes give no statutory maximum; these are peerqa's choices,
  set so a conversation happens before a placement becomes the pupil's whole education.
- ``ap_unregistered`` (high): the provider is not a registered school, so no inspectorate
  checks it. Full time, it may be an illegal school: a provider must register if it educates
  full time five or more pupils of compulsory school age, or one who is looked after or has an
  EHCP.
- ``ap_full_time_off_site``: the pupil is full time off site and spends no time at the school,
  which still answers for their education and safety.
- ``ap_left_education``: the placement ended with the pupil leaving education, which can hide
  off-rolling.

Summary indicators: the number of placements (``ap_placements``) and the share with at least
one flag (``ap_placements_with_concerns``), with the count for each rule in ``inputs``.

**Published figures** (every school with KS4 destination figures). One indicator per figure,
as the curriculum plugin does: the raw figure; the ``national`` group's median as
``national_value`` with the school's place in it in the explanation; the ``similar`` group
(20 schools of the same type with a similar intake) as ``comparison`` / ``comparison_value``,
which the band is read against (no similar group, no band).

- ``destinations_not_sustained_or_unknown``: the share of the KS4 destinations cohort *not* in
  a sustained education, apprenticeship or employment destination
  (``100 - ks4_pct_sustained_destination``: the published sustained, not-sustained and unknown
  shares add to 100, give or take rounding), and its two parts ``destinations_not_sustained``
  (``ks4_pct_destination_not_sustained``) and ``destinations_unknown``
  (``ks4_pct_destination_unknown``). Higher is the concern, so ``below`` means worse than
  expected.
- ``pupil_movement``: ``ks4_pct_non_mobile`` (share of the KS4 group who joined before the last
  two school years; only the 2023/24 EES file has it, so 2018/19 inputs have no such
  indicator). Lower means more movement; ``below`` means more movement than the group. It
  counts pupils who *joined* late, not pupils who left, so it is shown beside the off-rolling
  flag as context and never fires it.
- Flag ``off_rolling_risk`` when the share without a sustained destination is at or above the
  ``off_rolling_percentile`` (90) of the similar-schools group, with a destinations cohort of at
  least ``off_rolling_min_cohort`` (20) pupils. It is a risk indicator to explore, not a
  finding: destinations lag (the 2018/19 tables follow pupils who finished Year 11 in 2017),
  and pupils who left the roll before the end of Year 11 are not in these figures at all.

Bands use the share of the group a school does better than ("standing"; for a figure where
higher is the concern, ``100 - percentile``), cut as the curriculum plugin cuts percentiles:
over ``well_above_percentile`` (90) ``well_above``, over ``above_percentile`` (75) ``above``,
under ``well_below_percentile`` (10) ``well_below``, under ``below_percentile`` (25)
``below``, else ``in_line``. A group with fewer than ``min_measure_group_size`` (10) members
holding the figure gives no band.

Moderation risks: any high-severity placement flag, and an ``off_rolling_risk`` flag.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from peerqa import hookimpl
from peerqa.scoring import (
    Cuts,
    Flag,
    GroupStats,
    ModerationRisk,
    PlacementSnapshot,
    ReviewSnapshot,
    Score,
    ScoringInput,
    YearContext,
    band_of,
    group_stats,
    place_among,
)
from peerqa.scoring.snapshots import frozen_map

__version__ = "1.0.0"

AREA = "inclusion"
ONGOING = "ongoing"
LEFT_EDUCATION = "left_education"
SUSTAINED = "ks4_pct_sustained_destination"
COHORT = "ks4_destinations_cohort"
NON_MOBILE = "ks4_pct_non_mobile"
KS4_PUPILS = "ks4_pupils"
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

DEFAULTS: dict[str, Any] = {
    "review_max_days": 49,
    "long_placement_days": 273,
    "long_full_time_days": 84,
    "off_rolling_percentile": 90,
    "off_rolling_min_cohort": 20,
    "min_measure_group_size": 10,
    "well_above_percentile": 90,
    "above_percentile": 75,
    "below_percentile": 25,
    "well_below_percentile": 10,
}


class Measure(NamedTuple):
    """A published figure read against the comparison groups."""

    key: str
    """The measure the figure comes from."""
    stem: str
    label: str
    sentence: str
    """What the figure says, with ``{v}`` for the value and ``{c}`` for the cohort size."""
    higher_is_better: bool
    complement: bool
    """The indicator is ``100 -`` the measure (the share *not* in a sustained destination)."""


DESTINATIONS_LAG = (
    "Destination figures follow an earlier year group (those published for 2018/19 follow "
    "pupils who finished Year 11 in 2017)."
)
LEAVING = Measure(
    SUSTAINED,
    "destinations_not_sustained_or_unknown",
    "KS4 leavers without a sustained destination",
    "{v}% of the{c} pupils who finished Year 11 were not recorded in a sustained education, "
    "apprenticeship or employment destination (not sustained or unknown)",
    higher_is_better=False,
    complement=True,
)
MOVEMENT = Measure(
    NON_MOBILE,
    "pupil_movement",
    "KS4 pupils who joined before Year 10",
    "{v}% of the{c} pupils at the end of Year 11 had joined the school before Year 10 (non-mobile)",
    higher_is_better=True,
    complement=False,
)
MEASURES = (
    LEAVING,
    Measure(
        "ks4_pct_destination_not_sustained",
        "destinations_not_sustained",
        "KS4 leavers whose destination was not sustained",
        "{v}% of the{c} pupils who finished Year 11 started a destination that was not sustained",
        higher_is_better=False,
        complement=False,
    ),
    Measure(
        "ks4_pct_destination_unknown",
        "destinations_unknown",
        "KS4 leavers with an unknown destination",
        "{v}% of the{c} pupils who finished Year 11 had no recorded destination (unknown)",
        higher_is_better=False,
        complement=False,
    ),
    MOVEMENT,
)
HIGHER_WORSE = {
    "well_above": "well above expected (among the lowest in the group)",
    "above": "above expected (lower than most of the group)",
    "in_line": "in line with the group",
    "below": "below expected (higher than most of the group)",
    "well_below": "well below expected (among the highest in the group)",
}
HIGHER_BETTER = {
    "well_above": "well above the group (among the highest: little pupil movement)",
    "above": "above the group (higher than most)",
    "in_line": "in line with the group",
    "below": "below the group (lower than most: more pupil movement)",
    "well_below": "well below the group (among the lowest: much more pupil movement)",
}
BAND_NOTE = {
    True: " A lower share means more pupils joined late, which can also explain unknown "
    "destinations; it does not count pupils who left.",
    False: " A higher share is the concern, so a band below means worse than expected.",
}


@hookimpl
def peerqa_settings() -> dict[str, Any]:
    return dict(DEFAULTS)


@hookimpl
def peerqa_score(inp: ScoringInput) -> list[Score]:
    scores = _data_scores(inp)
    if inp.review is not None:
        scores.extend(_placement_scores(inp, inp.review))
    return scores


@hookimpl
def peerqa_flags(inp: ScoringInput) -> list[Flag]:
    flags = _placement_flags(inp, inp.review) if inp.review is not None else []
    off_rolling = _off_rolling(inp)
    if off_rolling is not None:
        flags.append(off_rolling)
    return flags


@hookimpl
def peerqa_moderation_risk(inp: ScoringInput) -> list[ModerationRisk]:
    review = inp.review
    if review is None:
        return []
    risks = []
    high = [f for f in _placement_flags(inp, review) if f.severity == "high"]
    if high:
        listed = "; ".join(f"{f.subject}: {_sentence_case(f.rule)}" for f in high)
        risks.append(
            ModerationRisk(
                key="ap_high_severity_placements",
                reason=f"The AP register has {_count(len(high), 'serious concern')} ({listed}).",
                area=AREA,
            )
        )
    off_rolling = _off_rolling(inp)
    if off_rolling is not None:
        school = _num(off_rolling.evidence["pct_without_sustained_destination"])
        median = _num(off_rolling.evidence["similar_median"])
        risks.append(
            ModerationRisk(
                key="off_rolling_risk",
                reason=(
                    "The school is flagged for off-rolling risk: "
                    f"{_sentence_case(off_rolling.rule)} ({school}% against a similar-schools "
                    f"median of {median}%). Check how the review explored where pupils went."
                ),
                area=AREA,
            )
        )
    return risks


# Published figures -------------------------------------------------------------------------


def _cuts(inp: ScoringInput) -> Cuts:
    return Cuts.from_settings(inp.settings, DEFAULTS)


def _group(context: YearContext, key: str, measure: Measure, cuts: Cuts) -> GroupStats | None:
    """The group's summary of the indicator, if ``min_measure_group_size`` members have it.

    For the share *without* a sustained destination the summary of the sustained share is
    turned round: median ``100 - median``, quartiles swapped, percentile ``100 - percentile``
    (ties count half either way, so this is exact).
    """
    stats = group_stats(context, key, measure.key, cuts)
    if stats is None:
        return None
    if measure.complement:
        return GroupStats(
            stats.n,
            round(100.0 - stats.median, 4),
            round(100.0 - stats.upper_quartile, 4),
            round(100.0 - stats.lower_quartile, 4),
            round(100.0 - stats.percentile, 2),
        )
    return stats


def _data_scores(inp: ScoringInput) -> list[Score]:
    scores = []
    cuts: Cuts | None = None
    for measure in MEASURES:
        found = inp.latest(measure.key)
        if found is not None:
            cuts = cuts or _cuts(inp)
            scores.append(_score(measure, found[0], found[1], cuts))
    return scores


def _score(measure: Measure, context: YearContext, raw: float, cuts: Cuts) -> Score:
    value = 100.0 - raw if measure.complement else raw
    inputs: dict[str, Any] = {measure.key: raw}
    pupils = context.value(KS4_PUPILS if measure is MOVEMENT else COHORT)
    if pupils is not None:
        inputs[KS4_PUPILS if measure is MOVEMENT else COHORT] = pupils
    said = measure.sentence.format(v=_num(value), c=f" {pupils:.0f}" if pupils else "")
    text = f"In the figures published for {_years(context.year)}, {said}"
    national = _group(context, "national", measure, cuts)
    if national is not None:
        text += (
            f"; the national median is {_num(national.median)}%, and this school is "
            f"{place_among(national, national.n)} schools of its type"
        )
        inputs["national_median"], inputs["national_percentile"] = (
            national.median,
            national.percentile,
        )
    lag = "" if measure is MOVEMENT else " " + DESTINATIONS_LAG
    stats = _group(context, "similar", measure, cuts)
    if stats is None:
        return Score(
            area=AREA,
            key=measure.stem,
            label=measure.label,
            value=value,
            explanation=f"{text}. There is no group of similar schools to compare it with.{lag}",
            unit="%",
            year=context.year,
            national_value=national.median if national is not None else None,
            inputs=frozen_map(inputs),
        )
    similar = context.comparisons["similar"]
    standing = stats.percentile if measure.higher_is_better else 100.0 - stats.percentile
    band = band_of(standing, cuts)
    words = HIGHER_BETTER if measure.higher_is_better else HIGHER_WORSE
    inputs["similar_median"], inputs["similar_percentile"] = stats.median, stats.percentile
    return Score(
        area=AREA,
        key=measure.stem,
        label=measure.label,
        value=value,
        explanation=(
            f"{text}. Among {similar.title} the median is {_num(stats.median)}%, and this "
            f"school is {place_among(stats, similar.size)}, so {words[band]}."
            f"{BAND_NOTE[measure.higher_is_better]}{lag}"
        ),
        unit="%",
        band=band,
        year=context.year,
        comparison=similar.title,
        comparison_value=stats.median,
        national_value=national.median if national is not None else None,
        inputs=frozen_map(inputs),
    )


def _off_rolling(inp: ScoringInput) -> Flag | None:
    """The off-rolling risk flag from KS4 destinations, or None."""
    found = inp.latest(SUSTAINED)
    if found is None:
        return None
    context, sustained = found
    cohort = context.value(COHORT)
    cuts = _cuts(inp)
    stats = _group(context, "similar", LEAVING, cuts)
    least = int(inp.setting("off_rolling_min_cohort", DEFAULTS["off_rolling_min_cohort"]))
    top = float(inp.setting("off_rolling_percentile", DEFAULTS["off_rolling_percentile"]))
    if stats is None or cohort is None or cohort < least or stats.percentile < top:
        return None
    leaving = round(100.0 - sustained, 2)
    similar = context.comparisons["similar"]
    title = similar.title
    evidence: dict[str, Any] = {
        "year": context.year,
        "pct_without_sustained_destination": leaving,
        SUSTAINED: sustained,
        "ks4_pct_destination_not_sustained": context.value("ks4_pct_destination_not_sustained"),
        "ks4_pct_destination_unknown": context.value("ks4_pct_destination_unknown"),
        COHORT: cohort,
        "similar_group": title,
        "similar_median": stats.median,
        "similar_percentile": stats.percentile,
        "similar_n": stats.n,
        "percentile_threshold": top,
        "minimum_cohort": least,
    }
    national = _group(context, "national", LEAVING, cuts)
    if national is not None:
        evidence["national_median"] = national.median
        evidence["national_percentile"] = national.percentile
    movement = _movement(inp, cuts, evidence)
    explanation = (
        f"In the destination figures published for {_years(context.year)}, {_num(leaving)}% "
        f"of the {cohort:.0f} pupils who finished Year 11 had no sustained education, "
        f"apprenticeship or employment destination{_parts(evidence)}. Among {title} the "
        f"median is {_num(stats.median)}%, and this school is {place_among(stats, similar.size)}. "
        "This is a risk indicator to explore, not evidence of off-rolling: ask where these "
        "pupils went, and whether any pupils left the roll before the end of Year 11 (they "
        f"are not in these figures at all). {DESTINATIONS_LAG}{movement}"
    )
    return Flag(
        key="off_rolling_risk",
        rule=(
            "Share of KS4 leavers without a sustained destination in the top "
            f"{100 - top:g}% of similar schools"
        ),
        explanation=explanation,
        severity="medium",
        area=AREA,
        year=context.year,
        evidence=frozen_map(evidence),
    )


def _parts(evidence: dict[str, Any]) -> str:
    not_sustained = evidence["ks4_pct_destination_not_sustained"]
    unknown = evidence["ks4_pct_destination_unknown"]
    found = [
        f"{_num(v)}% {what}"
        for v, what in ((not_sustained, "not sustained"), (unknown, "unknown"))
        if v is not None
    ]
    return f" ({', '.join(found)})" if found else ""


def _movement(inp: ScoringInput, cuts: Cuts, evidence: dict[str, Any]) -> str:
    """Pupil movement beside the flag, as context (it never fires the flag)."""
    found = inp.latest(NON_MOBILE)
    if found is None:
        return ""
    context, value = found
    evidence[NON_MOBILE] = value
    evidence["movement_year"] = context.year
    said = (
        f" Pupil movement ({_years(context.year)}): {_num(value)}% of the Year 11 group had "
        "joined before Year 10"
    )
    stats = _group(context, "similar", MOVEMENT, cuts)
    if stats is None:
        return said + "."
    evidence["movement_similar_median"] = stats.median
    evidence["movement_similar_percentile"] = stats.percentile
    return (
        f"{said}, against a similar-schools median of {_num(stats.median)}%. Many late "
        "joiners can also explain unknown destinations."
    )


# The AP register ---------------------------------------------------------------------------


class Limits(NamedTuple):
    as_of: date
    review_days: int
    long_days: int
    long_full_time_days: int


def _limits(inp: ScoringInput, review: ReviewSnapshot) -> Limits:
    return Limits(
        review.as_of,
        int(inp.setting("review_max_days", DEFAULTS["review_max_days"])),
        int(inp.setting("long_placement_days", DEFAULTS["long_placement_days"])),
        int(inp.setting("long_full_time_days", DEFAULTS["long_full_time_days"])),
    )


def _placement_flags(inp: ScoringInput, review: ReviewSnapshot) -> list[Flag]:
    limits = _limits(inp, review)
    flags: list[Flag] = []
    for placement in review.placements:
        flags.extend(_check(placement, limits))
    return flags


def _flag(
    p: PlacementSnapshot,
    key: str,
    rule: str,
    explanation: str,
    facts: dict[str, Any],
    *,
    severity: str = "medium",
) -> Flag:
    return Flag(
        key=key,
        rule=rule,
        explanation=f"Placement {p.reference} {explanation}",
        severity=severity,
        area=AREA,
        subject=p.reference,
        evidence=frozen_map({"reference": p.reference, **facts}),
    )


def _check(p: PlacementSnapshot, limits: Limits) -> list[Flag]:
    flags = _planning(p)
    ongoing = p.outcome == ONGOING
    if ongoing:
        flags.extend(_currency(p, limits))
    if p.planned_end_on is None:
        flags.append(
            _flag(
                p,
                "ap_open_ended",
                "Placement has no planned end date",
                "has no planned end date. Placements should be time-limited, with a maximum "
                "period agreed at the start, so that an open-ended placement cannot drift.",
                {"started_on": p.started_on.isoformat(), "planned_end_on": None},
            )
        )
    long = _long(p, limits, ongoing)
    if long is not None:
        flags.append(long)
    flags.extend(_provision(p))
    if p.outcome == LEFT_EDUCATION:
        flags.append(
            _flag(
                p,
                "ap_left_education",
                "Placement ended with the pupil leaving education",
                "ended with the pupil leaving education. Ask where the pupil went and how the "
                "school followed up: leaving education from AP can hide off-rolling.",
                {"outcome": p.outcome, "started_on": p.started_on.isoformat()},
            )
        )
    return flags


def _planning(p: PlacementSnapshot) -> list[Flag]:
    flags = []
    if not p.objectives_set:
        flags.append(
            _flag(
                p,
                "ap_no_objectives",
                "Placement has no objectives",
                "has no objectives recorded. The school and the provider should agree what the "
                "placement is for in a personalised plan; without objectives nobody can tell "
                "whether it is working.",
                {"objectives_set": False},
            )
        )
    if not p.success_criteria_set:
        flags.append(
            _flag(
                p,
                "ap_no_success_criteria",
                "Placement has no success criteria",
                "has no success criteria, so there is no agreed way to tell whether its "
                "objectives are met. Ofsted and CQC (2024) found commissioners unclear on "
                "intended outcomes or how to measure them.",
                {"success_criteria_set": False},
            )
        )
    if not p.exit_plan:
        flags.append(
            _flag(
                p,
                "ap_no_exit_plan",
                "Placement has no reintegration or exit plan",
                "has no reintegration or exit plan. How the pupil returns or moves on should be "
                "agreed at the start; Ofsted and CQC (2024) found a lack of clear exit plans.",
                {"exit_plan": False},
            )
        )
    return flags


def _currency(p: PlacementSnapshot, limits: Limits) -> list[Flag]:
    """Rules for an ongoing placement: reviewed lately, and not past its planned end."""
    flags = []
    since = p.last_reviewed_on or p.started_on
    days = (limits.as_of - since).days
    if days > limits.review_days:
        if p.last_reviewed_on is None:
            told = f"has not been reviewed since it started on {_day(p.started_on)}"
        else:
            told = f"was last reviewed on {_day(p.last_reviewed_on)}"
        flags.append(
            _flag(
                p,
                "ap_not_reviewed",
                "Placement not reviewed in the last half term",
                f"{told}, {days} days before {_day(limits.as_of)}: more than "
                f"{limits.review_days} days (about a half term). Placements should be reviewed "
                "against their objectives at least half-termly.",
                {
                    "last_reviewed_on": _iso(p.last_reviewed_on),
                    "started_on": p.started_on.isoformat(),
                    "as_of": limits.as_of.isoformat(),
                    "days_since_review": days,
                    "limit_days": limits.review_days,
                },
            )
        )
    if p.planned_end_on is not None and p.planned_end_on < limits.as_of:
        over = (limits.as_of - p.planned_end_on).days
        flags.append(
            _flag(
                p,
                "ap_past_planned_end",
                "Placement is still open after its planned end date",
                f"was planned to end on {_day(p.planned_end_on)} but is still recorded as "
                f"ongoing {_count(over, 'day')} later, so in effect it has no end date.",
                {
                    "planned_end_on": p.planned_end_on.isoformat(),
                    "as_of": limits.as_of.isoformat(),
                    "outcome": p.outcome,
                    "days_past_end": over,
                },
            )
        )
    return flags


def _long(p: PlacementSnapshot, limits: Limits, ongoing: bool) -> Flag | None:
    planned = (p.planned_end_on - p.started_on).days if p.planned_end_on is not None else 0
    so_far = (limits.as_of - p.started_on).days if ongoing else 0
    length = max(planned, so_far)
    limit = limits.long_full_time_days if p.full_time else limits.long_days
    if length <= limit:
        return None
    what = "full-time placements" if p.full_time else "placements"
    how = "is planned to last" if planned >= so_far else "has lasted"
    return _flag(
        p,
        "ap_long",
        f"Placement lasts longer than {limit} days",
        f"{how} {length} days, longer than the {limit} days peerqa allows {what} before "
        "asking why. Off-site and part-time arrangements should last for the shortest time "
        "necessary.",
        {
            "started_on": p.started_on.isoformat(),
            "planned_end_on": _iso(p.planned_end_on),
            "as_of": limits.as_of.isoformat(),
            "full_time": p.full_time,
            "length_days": length,
            "limit_days": limit,
        },
    )


def _provision(p: PlacementSnapshot) -> list[Flag]:
    flags = []
    facts = {"registered_provider": p.registered_provider, "full_time": p.full_time}
    if not p.registered_provider:
        if p.full_time:
            rule = "Full-time placement with an unregistered provider"
            why = (
                "is full time with a provider that is not a registered school. A provider "
                "must register if it educates full time five or more pupils of compulsory "
                "school age, or one who is looked after or has an EHCP: full-time education "
                "in an unregistered setting may be an illegal school. Check it at once."
            )
        else:
            rule = "Placement with an unregistered provider"
            why = (
                "is with a provider that is not a registered school, which no inspectorate "
                "inspects. The school must assure the pupil's safety and the quality of "
                "education itself, e.g. against the DfE's voluntary national standards for "
                "non-school AP (2025)."
            )
        flags.append(_flag(p, "ap_unregistered", rule, why, facts, severity="high"))
    if p.full_time:
        flags.append(
            _flag(
                p,
                "ap_full_time_off_site",
                "Pupil is full time in off-site provision",
                "is full time, so the pupil spends no time at the school, which still answers "
                "for their education and safety. Ask how the school keeps in touch and plans "
                "the return.",
                facts,
            )
        )
    return flags


def _placement_scores(inp: ScoringInput, review: ReviewSnapshot) -> list[Score]:
    placements = review.placements
    total = len(placements)
    ongoing = sum(p.outcome == ONGOING for p in placements)
    full_time = sum(p.full_time for p in placements)
    unregistered = sum(not p.registered_provider for p in placements)
    scores = [
        Score(
            area=AREA,
            key="ap_placements",
            label="Alternative provision placements on the register",
            value=total,
            unit="placements",
            explanation=(
                f"The review's AP register lists {_count(total, 'placement')} ({ongoing} "
                f"ongoing, {full_time} full time, {unregistered} with an unregistered "
                "provider)."
            ),
            inputs=frozen_map(
                {
                    "placements": total,
                    "ongoing": ongoing,
                    "full_time": full_time,
                    "unregistered": unregistered,
                }
            ),
        )
    ]
    if not total:
        return scores
    by_rule: dict[str, set[str]] = {}
    rules: dict[str, str] = {}
    for flag in _placement_flags(inp, review):
        by_rule.setdefault(flag.key, set()).add(flag.subject)
        rules.setdefault(flag.key, flag.rule)
    flagged = len(set().union(*by_rule.values())) if by_rule else 0
    share = round(100.0 * flagged / total, 1)
    listed = "; ".join(
        f"{_sentence_case(rules[key])}: {len(subjects)} ({100.0 * len(subjects) / total:.0f}%)"
        for key, subjects in sorted(by_rule.items())
    )
    scores.append(
        Score(
            area=AREA,
            key="ap_placements_with_concerns",
            label="Placements with something to look into",
            value=share,
            unit="%",
            explanation=(
                f"{flagged} of the {_count(total, 'placement')} ({share:g}%) break at least "
                f"one rule{': ' + listed if listed else ''}."
            ),
            inputs=frozen_map(
                {
                    "placements": total,
                    "with_concerns": flagged,
                    **{key: len(subjects) for key, subjects in sorted(by_rule.items())},
                }
            ),
        )
    )
    return scores


# Wording -----------------------------------------------------------------------------------


def _sentence_case(rule: str) -> str:
    """A rule inside a sentence: 'Placement has ...' -> 'placement has ...', 'KS4' kept."""
    first = rule.split(" ", 1)[0]
    return rule if first.isupper() else rule[0].lower() + rule[1:]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _num(value: float) -> str:
    """A figure as published: 6.9, 12.45, 5 (percentages, so four significant digits)."""
    return f"{value:.4g}"


def _years(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
