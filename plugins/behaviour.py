"""Attendance and behaviour: absence against similar schools and nationally, and how well a
review's attendance-and-behaviour judgement is evidenced and agreed.

Method
------
From the published figures (every school, every scoring run):

- **Overall absence** (``pct_sessions_missed``: the share of half-day sessions missed) and
  **persistent absence** (``pct_persistent_absence``: the share of pupils who missed 10% or more
  of sessions), keys ``absence`` and ``persistent_absence``. One indicator per figure, as the
  curriculum plugin does: the raw figure; the ``national`` group (every school of the type) as
  ``national_value`` (median) with the school's place in it in the explanation; and the
  ``similar`` group (20 schools of the same type with a similar intake) as ``comparison`` and
  ``comparison_value`` (median), which the band is read against. Without a similar group the
  indicator has no band.
- **Suspensions and permanent exclusions** where the data exist (``pct_suspensions``,
  ``pct_permanent_exclusions``, per 100 pupils). No file peerqa imports today carries them, so
  these indicators (``suspensions``, ``permanent_exclusions``) appear only when a future import
  provides them, and have a band only if the comparison groups summarise them
  (``peerqa.scoring.compare.COMPARED``). Nothing is ever estimated.

Bands. ``GroupStats.percentile`` is the share of the group with a *lower* figure. For absence
lower is better, so the plugin turns it round into the share of the group the school does
better than ("standing", ``100 - percentile``) and cuts that as the curriculum plugin cuts a
higher-is-better percentile: over ``well_above_percentile`` (90) ``well_above``, over
``above_percentile`` (75) ``above``, under ``well_below_percentile`` (10) ``well_below``, under
``below_percentile`` (25) ``below``, else ``in_line``. So ``below`` and ``well_below`` always
mean *worse than expected*: for absence, a figure higher than most of the group. Every
explanation says so. A group with fewer than ``min_measure_group_size`` (10) members holding the
figure gives no band.

From a review (when ``inp.review`` is set and its framework has ``attendance_and_behaviour``):

- **Evidence coverage**: the pieces of evidence tagged to the area, by kind. Flags
  ``behaviour_evidence_thin`` (fewer than ``evidence_min_pieces``) and
  ``behaviour_evidence_narrow`` (fewer than ``evidence_min_kinds`` different kinds, e.g. no
  pupil conversations beside the lesson visits).
- **Spread of independent grades**: the distance in grade steps between the kindest and the
  harshest reviewer's independent grade, for this area and for every graded area.
- **Consensus against the self-evaluation** and **consensus against the data**, in grade steps
  (positive = the consensus is kinder). "The data" is the least favourable absence band against
  similar schools, placed on the review's grade scale (on five grades: well above = 1st grade,
  in line = 3rd, well below = 5th). It is used only when the figures are at most
  ``data_max_age_years`` older than the review (``as_of``), because stale figures say little
  about a school now.

Moderation risks: an area whose independent grades spread ``spread_risk_steps`` (2) or more
steps (one risk per area), and a consensus ``kinder_than_data_steps`` (2) or more steps kinder
than the data. All of these prompt a conversation; none is a judgement.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple

from peerqa import hookimpl
from peerqa.scoring import (
    BANDS,
    Cuts,
    Flag,
    JudgementSnapshot,
    ModerationRisk,
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

AREA = "attendance_and_behaviour"
AREA_NAME = "attendance and behaviour"
AUTUMN = 9
"""Month the academic year starts: a review on 1 November 2026 is in 2026/27 (year 2026)."""
MIN_GRADES = 2

DEFAULTS: dict[str, Any] = {
    "well_above_percentile": 90,
    "above_percentile": 75,
    "below_percentile": 25,
    "well_below_percentile": 10,
    "min_measure_group_size": 10,
    "evidence_min_pieces": 6,
    "evidence_min_kinds": 3,
    "spread_risk_steps": 2,
    "kinder_than_data_steps": 2,
    "data_max_age_years": 3,
}


class Measure(NamedTuple):
    """A published figure this plugin reads; for all of them lower is better."""

    key: str
    stem: str
    label: str
    noun: str
    sentence: str
    """What the figure says, with ``{v}`` for the value."""


MEASURES = (
    Measure(
        "pct_sessions_missed",
        "absence",
        "Overall absence",
        "absence",
        "pupils missed {v}% of sessions",
    ),
    Measure(
        "pct_persistent_absence",
        "persistent_absence",
        "Persistent absence",
        "absence",
        "{v}% of pupils were persistently absent (missed 10% or more of sessions)",
    ),
    Measure(
        "pct_suspensions",
        "suspensions",
        "Suspensions",
        "suspensions",
        "there were {v} suspensions per 100 pupils",
    ),
    Measure(
        "pct_permanent_exclusions",
        "permanent_exclusions",
        "Permanent exclusions",
        "exclusions",
        "there were {v} permanent exclusions per 100 pupils",
    ),
)
KIND_WORDS = {
    "lesson_visit": ("lesson visit", "lesson visits"),
    "work_scrutiny": ("work scrutiny", "work scrutinies"),
    "pupil_conversation": ("pupil conversation", "pupil conversations"),
    "staff_conversation": ("staff conversation", "staff conversations"),
    "document": ("document", "documents"),
    "data": ("piece of data", "pieces of data"),
}
BAND_WORDS = {
    "well_above": "well above expected (among the lowest in the group)",
    "above": "above expected (lower than most of the group)",
    "in_line": "in line with the group",
    "below": "below expected (higher than most of the group)",
    "well_below": "well below expected (among the highest in the group)",
}


@hookimpl
def peerqa_settings() -> dict[str, Any]:
    return dict(DEFAULTS)


@hookimpl
def peerqa_score(inp: ScoringInput) -> list[Score]:
    scores = _data_scores(inp)
    review = inp.review
    if review is not None and _has_area(review):
        scores.extend(_review_scores(inp, review))
    return scores


@hookimpl
def peerqa_flags(inp: ScoringInput) -> list[Flag]:
    review = inp.review
    if review is None or not _has_area(review):
        return []
    counts = review.evidence.get(AREA, {})
    total = sum(counts.values())
    kinds = sorted(k for k, n in counts.items() if n > 0)
    evidence = {"pieces": total, "kinds": kinds, **{k: counts[k] for k in kinds}}
    flags = []
    least = int(inp.setting("evidence_min_pieces", DEFAULTS["evidence_min_pieces"]))
    if total < least:
        flags.append(
            Flag(
                key="behaviour_evidence_thin",
                rule=f"Fewer than {least} pieces of evidence for attendance and behaviour",
                explanation=(
                    f"The team recorded {_count(total, 'piece')} of evidence for {AREA_NAME}, "
                    f"fewer than {least}. A judgement of {AREA_NAME} needs enough evidence to "
                    "be checked: ask what the team saw and whether more is needed."
                ),
                area=AREA,
                evidence=frozen_map({**evidence, "minimum": least}),
            )
        )
    fewest = int(inp.setting("evidence_min_kinds", DEFAULTS["evidence_min_kinds"]))
    if len(kinds) < fewest:
        seen = ", ".join(k.replace("_", " ") for k in kinds) or "none"
        flags.append(
            Flag(
                key="behaviour_evidence_narrow",
                rule=f"Fewer than {fewest} kinds of evidence for attendance and behaviour",
                explanation=(
                    f"The evidence for {AREA_NAME} is of {_count(len(kinds), 'kind')} "
                    f"({seen}), fewer than {fewest}. Behaviour is best judged from several "
                    "angles, e.g. lesson visits, pupil conversations and attendance records."
                ),
                severity="low",
                area=AREA,
                evidence=frozen_map({**evidence, "minimum_kinds": fewest}),
            )
        )
    return flags


@hookimpl
def peerqa_moderation_risk(inp: ScoringInput) -> list[ModerationRisk]:
    review = inp.review
    if review is None:
        return []
    risks = []
    steps = int(inp.setting("spread_risk_steps", DEFAULTS["spread_risk_steps"]))
    for area in review.areas:
        spread = _spread(review, area.key) if area.kind == "graded" else None
        if spread is not None and spread[0] >= steps:
            risks.append(
                ModerationRisk(
                    key=f"independent_spread_{area.key}"[:64],
                    reason=(
                        f"Reviewers' independent grades for {_sentence_case(area.name)} are "
                        f"{_count(spread[0], 'grade step')} apart ({spread[1]}): check how the "
                        "team reached its consensus."
                    ),
                    area=area.key,
                )
            )
    gap = _against_data(inp, review) if _has_area(review) else None
    kinder = int(inp.setting("kinder_than_data_steps", DEFAULTS["kinder_than_data_steps"]))
    if gap is not None and gap.steps >= kinder:
        risks.append(
            ModerationRisk(
                key="consensus_kinder_than_data",
                reason=(
                    f"The consensus for {AREA_NAME} ({gap.consensus}) is "
                    f"{_count(gap.steps, 'grade step')} kinder than the published figures "
                    f"suggest ({gap.data}: {gap.why})."
                ),
                area=AREA,
            )
        )
    return risks


# Published figures -------------------------------------------------------------------------


def _cuts(inp: ScoringInput) -> Cuts:
    return Cuts.from_settings(inp.settings, DEFAULTS)


def _data_scores(inp: ScoringInput) -> list[Score]:
    scores = []
    cuts: Cuts | None = None
    for measure in MEASURES:
        found = inp.latest(measure.key)
        if found is not None:
            cuts = cuts or _cuts(inp)
            scores.append(_score(measure, found[0], found[1], cuts))
    return scores


def _score(measure: Measure, context: YearContext, value: float, cuts: Cuts) -> Score:
    text = f"In the figures published for {_years(context.year)}, " + measure.sentence.format(
        v=_num(value)
    )
    inputs: dict[str, Any] = {measure.key: value}
    national = group_stats(context, "national", measure.key, cuts)
    if national is not None:
        text += (
            f"; the national median is {_num(national.median)}%, and this school is "
            f"{place_among(national, national.n)} schools of its type"
        )
        inputs["national_median"], inputs["national_percentile"] = (
            national.median,
            national.percentile,
        )
    stats = group_stats(context, "similar", measure.key, cuts)
    if stats is None:
        return Score(
            area=AREA,
            key=measure.stem,
            label=measure.label,
            value=value,
            explanation=text + ". There is no group of similar schools to compare it with.",
            unit="%",
            year=context.year,
            national_value=national.median if national is not None else None,
            inputs=frozen_map(inputs),
        )
    similar = context.comparisons["similar"]
    title = similar.title
    band = band_of(100.0 - stats.percentile, cuts)
    inputs["similar_median"], inputs["similar_percentile"] = stats.median, stats.percentile
    return Score(
        area=AREA,
        key=measure.stem,
        label=measure.label,
        value=value,
        explanation=(
            f"{text}. Among {title} the median is {_num(stats.median)}%, and this school is "
            f"{place_among(stats, similar.size)}, so {BAND_WORDS[band]}. For {measure.noun} lower "
            "is better, so a band below means worse than expected."
        ),
        unit="%",
        band=band,
        year=context.year,
        comparison=title,
        comparison_value=stats.median,
        national_value=national.median if national is not None else None,
        inputs=frozen_map(inputs),
    )


def _databand(inp: ScoringInput) -> tuple[str, str, int] | None:
    """The least favourable band of the figures against similar schools, why, and its year."""
    cuts = _cuts(inp)
    worst: tuple[str, str, int] | None = None
    for measure in MEASURES:
        found = inp.latest(measure.key)
        stats = group_stats(found[0], "similar", measure.key, cuts) if found is not None else None
        if found is None or stats is None:
            continue
        band = band_of(100.0 - stats.percentile, cuts)
        if worst is None or BANDS.index(band) > BANDS.index(worst[0]):
            label = _sentence_case(measure.label)
            why = (
                f"{label} of {_num(found[1])}% in {_years(found[0].year)} is "
                f"{band.replace('_', ' ')} expected against similar schools"
            )
            worst = (band, why, found[0].year)
    return worst


# Review ------------------------------------------------------------------------------------


class Gap(NamedTuple):
    """How many grade steps kinder the consensus is than something else."""

    steps: int
    consensus: str
    data: str
    why: str
    year: int


def _has_area(review: ReviewSnapshot) -> bool:
    return any(area.key == AREA for area in review.areas)


def _review_scores(inp: ScoringInput, review: ReviewSnapshot) -> list[Score]:
    scores = [_evidence_score(review)]
    spread = _spread(review, AREA)
    if spread is not None:
        grades = _graded(review, review.judgements_of("independent", AREA))
        scores.append(
            Score(
                area=AREA,
                key="independent_spread",
                label="Spread of reviewers' independent grades",
                value=spread[0],
                unit="grade steps",
                explanation=(
                    f"The {len(grades)} reviewers' independent grades for {AREA_NAME} are "
                    f"{_count(spread[0], 'grade step')} apart ({spread[1]}). 0 means they all "
                    "agreed before the consensus."
                ),
                inputs=frozen_map({j.author: j.grade for j in grades}),
            )
        )
    spreads = {
        area.key: found[0]
        for area in review.areas
        if area.kind == "graded" and (found := _spread(review, area.key)) is not None
    }
    if spreads:
        widest = max(spreads.values())
        names = ", ".join(
            _sentence_case(a.name) for a in review.areas if spreads.get(a.key) == widest
        )
        scores.append(
            Score(
                area=AREA,
                key="independent_spread_all_areas",
                label="Widest spread of independent grades in any area",
                value=widest,
                unit="grade steps",
                explanation=(
                    f"Across the {_count(len(spreads), 'area')} the reviewers graded "
                    f"independently, the widest spread is {_count(widest, 'grade step')} "
                    f"({names})."
                ),
                inputs=frozen_map(spreads),
            )
        )
    self_gap = _against_self(review)
    if self_gap is not None:
        scores.append(
            _gap_score(
                "consensus_vs_self_evaluation",
                "Consensus against the self-evaluation",
                self_gap,
                f"the school's self-evaluation ({self_gap.data})",
            )
        )
    data_gap = _against_data(inp, review)
    if data_gap is not None:
        scores.append(
            _gap_score(
                "consensus_vs_data",
                "Consensus against the published figures",
                data_gap,
                f"the published figures suggest ({data_gap.data}: {data_gap.why})",
            )
        )
    return scores


def _evidence_score(review: ReviewSnapshot) -> Score:
    counts = review.evidence.get(AREA, {})
    total = sum(counts.values())
    kinds = [_kind(k, n) for k, n in sorted(counts.items()) if n > 0]
    listed = f": {', '.join(kinds)}" if kinds else ""
    return Score(
        area=AREA,
        key="behaviour_evidence",
        label="Evidence for attendance and behaviour",
        value=total,
        unit="pieces",
        explanation=(
            f"The team recorded {_count(total, 'piece')} of evidence for {AREA_NAME}, of "
            f"{_count(len(kinds), 'kind')}{listed}."
        ),
        inputs=frozen_map(dict(counts)),
    )


def _gap_score(key: str, label: str, gap: Gap, against: str) -> Score:
    if gap.steps > 0:
        how = f"{_count(gap.steps, 'grade step')} kinder than"
    elif gap.steps < 0:
        how = f"{_count(-gap.steps, 'grade step')} less favourable than"
    else:
        how = "the same as"
    return Score(
        area=AREA,
        key=key,
        label=label,
        value=gap.steps,
        unit="grade steps",
        explanation=(
            f"The team's consensus for {AREA_NAME} ({gap.consensus}) is {how} {against}. "
            "A positive number means the consensus is kinder."
        ),
        year=gap.year or None,
        inputs=frozen_map({"consensus": gap.consensus, "compared_with": gap.data}),
    )


def _graded(
    review: ReviewSnapshot, judgements: tuple[JudgementSnapshot, ...]
) -> list[JudgementSnapshot]:
    return [j for j in judgements if review.grade_rank(j.grade) is not None]


def _spread(review: ReviewSnapshot, area: str) -> tuple[int, str] | None:
    """Steps between the kindest and harshest independent grade, and the two grades."""
    ranks = [
        (rank, j.grade)
        for j in review.judgements_of("independent", area)
        if (rank := review.grade_rank(j.grade)) is not None
    ]
    if len(ranks) < MIN_GRADES:
        return None
    kindest, harshest = min(ranks), max(ranks)
    names = _labels(review)
    words = f"from {names[kindest[1] or '']} to {names[harshest[1] or '']}"
    return harshest[0] - kindest[0], words


def _labels(review: ReviewSnapshot) -> Mapping[str, str]:
    return {g.key: g.label for g in review.grades}


def _one_grade(review: ReviewSnapshot, kind: str) -> tuple[int, str] | None:
    for judgement in review.judgements_of(kind, AREA):
        rank = review.grade_rank(judgement.grade)
        if rank is not None:
            return rank, _labels(review)[judgement.grade or ""]
    return None


def _against_self(review: ReviewSnapshot) -> Gap | None:
    consensus = _one_grade(review, "consensus")
    own = _one_grade(review, "self_evaluation")
    if consensus is None or own is None:
        return None
    return Gap(own[0] - consensus[0], consensus[1], own[1], "", 0)


def _against_data(inp: ScoringInput, review: ReviewSnapshot) -> Gap | None:
    consensus = _one_grade(review, "consensus")
    found = _databand(inp)
    if consensus is None or found is None:
        return None
    band, why, year = found
    oldest = _academic_year(review.as_of) - int(
        inp.setting("data_max_age_years", DEFAULTS["data_max_age_years"])
    )
    ranked = sorted(review.grades, key=lambda g: g.rank)
    if year < oldest or len(ranked) < MIN_GRADES:
        return None
    suggested = ranked[round(BANDS.index(band) * (len(ranked) - 1) / (len(BANDS) - 1))]
    return Gap(suggested.rank - consensus[0], consensus[1], suggested.label, why, year)


def _academic_year(day: date) -> int:
    return day.year if day.month >= AUTUMN else day.year - 1


# Wording -----------------------------------------------------------------------------------


def _kind(kind: str, n: int) -> str:
    """'3 lesson visits', '1 piece of data'; an unknown kind by its key."""
    words = KIND_WORDS.get(kind)
    if words is None:
        return f"{n} {kind.replace('_', ' ')}"
    return f"{n} {words[0] if n == 1 else words[1]}"


def _sentence_case(name: str) -> str:
    """A name inside a sentence: 'Overall absence' -> 'overall absence', 'KS3 ...' kept."""
    first = name.split(" ", 1)[0]
    return name if first.isupper() else name[0].lower() + name[1:]


def _num(value: float) -> str:
    """A figure as published: 6.9, 12.45, 5 (percentages, so four significant digits)."""
    return f"{value:.4g}"


def _years(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
