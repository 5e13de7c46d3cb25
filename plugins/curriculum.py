"""Curriculum and achievement: what pupils study and how well they do, read in context.

**Published measures (KS4).** EBacc entry % and the EBacc average point score (curriculum
breadth, area ``curriculum_and_teaching``); Attainment 8, Progress 8 and the share of pupils
with grade 4 or above, and grade 5 or above, in both English and maths (area ``achievement``).
Each is shown as the school's own figure, beside the median of all schools of its type
nationally (``national_value``) and the median of its 20 similar-intake schools
(``comparison_value``; nearest in FSM-ever %, SEN %, EAL % and size); the band is the school's place
in that similar-intake group by percentile (above the 90th ``well_above``, above the 75th
``above``, under the 25th ``below``, under the 10th ``well_below``). Progress 8 is given with
its 95% confidence interval.

**The achievement band** (key ``achievement_band``, area ``achievement``) is the indicator that
informs the achievement judgement. Raw attainment mostly measures intake: on the 2018/19 data,
flagging Attainment 8 in the lowest 30% nationally flags 64% of the most disadvantaged fifth of
secondary schools and 1% of the least. Progress 8 already allows for pupils' KS2 starting points but
still tracks disadvantage (Progress 8 below -0.5: 29% against 1%). So the band reads Progress 8
against the ``disadvantage`` group: the 50 schools of the same type nearest in FSM-ever %. Its
value is the school's Progress 8; the band is cut from Progress 8's percentile in that group:

- ``well_below`` (**"below expected"**): under the 10th percentile **and** the school's 95%
  confidence interval lies wholly below the group's median. A school in the lowest 10% whose
  interval reaches the median (or has no published interval) is ``below`` instead: we cannot
  say with confidence that it differs from a typical school like it, which mostly protects
  small cohorts. On the 2018/19 data this moves 2 schools of 3,135, so the fairness figures
  hold either way.
- ``below``: under the 25th percentile; ``in_line``: the 25th to 75th; ``above``: over the 75th;
- ``well_above``: over the 90th and the interval wholly above the group's median (else ``above``).

On the 3,135 mainstream secondaries of 2018/19 this flags 10 to 11% of every FSM-ever quintile
(a gap under 1 point, against 63 for raw attainment), and the percentile keeps a Spearman
correlation of 0.84 to 0.98 with Progress 8 within each quintile (``make fairness``; limits in
docs/plugins/curriculum.md). The band is always shown beside the raw and national figures,
because a context-aware expectation is also a different expectation by intake.

**KS2 results** (primary schools) are not in any file peerqa imports, so this plugin gives
primary schools no achievement indicators at all: it never estimates them from other figures.
It returns nothing for a measure the school has no figure for.

**For a review** (``inp.review`` set): the evidence recorded for ``curriculum_and_teaching`` and
``achievement`` counted by kind (a Score per area), a Flag when an area has fewer than
``min_evidence`` pieces or no first-hand evidence (lesson visits or work scrutiny), and a
moderation risk when the consensus grade for achievement is ``moderation_grade_steps`` or more
steps from the grade the achievement band points to (bands map evenly onto the framework's
scale: ``well_above`` to the best grade, ``in_line`` to the middle, ``well_below`` to the
lowest). Areas the review's framework does not have are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from peerqa import hookimpl
from peerqa.scoring import (
    BANDS,
    Comparison,
    Cuts,
    Flag,
    GroupStats,
    ModerationRisk,
    ReviewSnapshot,
    Score,
    ScoringInput,
    YearContext,
    band_of,
    place_among,
)
from peerqa.scoring.snapshots import frozen_map

__version__ = "1.0.0"

ACHIEVEMENT = "achievement"
CURRICULUM = "curriculum_and_teaching"
DEFAULTS: dict[str, Any] = {
    "band_group": "disadvantage",
    "measure_group": "similar",
    "well_above_percentile": 90,
    "above_percentile": 75,
    "below_percentile": 25,
    "well_below_percentile": 10,
    "confidence_interval_must_clear_median": True,
    "min_group_size": 20,
    "min_measure_group_size": 10,
    "min_evidence": 3,
    "first_hand_kinds": ["lesson_visit", "work_scrutiny"],
    "moderation_grade_steps": 2,
}
BAND_WORDS = {
    "well_above": "well above",
    "above": "above",
    "in_line": "in line with",
    "below": "below",
    "well_below": "well below",
}
EVIDENCE_KINDS = {
    "lesson_visit": ("lesson visit", "lesson visits"),
    "work_scrutiny": ("work scrutiny", "work scrutinies"),
    "pupil_conversation": ("conversation with pupils", "conversations with pupils"),
    "staff_conversation": ("conversation with staff", "conversations with staff"),
    "document": ("document", "documents"),
    "data": ("piece of data", "pieces of data"),
}
AREA_NAMES = {CURRICULUM: "curriculum and teaching", ACHIEVEMENT: "achievement"}


def _one(value: float) -> str:
    return f"{value:.1f}"


def _two(value: float) -> str:
    return f"{value:.2f}"


def _signed(value: float) -> str:
    return f"{value:+.2f}" if value else "0.00"


def _percent(value: float) -> str:
    return f"{value:.1f}%"


class Measure(NamedTuple):
    measure: str
    key: str
    area: str
    label: str
    unit: str
    shown: Callable[[float], str]
    sentence: str
    """The school's figure in words, with ``{v}`` for the formatted value."""


MEASURES = (
    Measure(
        "pct_ebacc_entry",
        "ebacc_entry",
        CURRICULUM,
        "Pupils entered for the English Baccalaureate",
        "%",
        _percent,
        "{v} of pupils at the end of KS4 were entered for the English Baccalaureate (English, "
        "maths, science, a language and history or geography)",
    ),
    Measure(
        "ebacc_aps",
        "ebacc_aps",
        CURRICULUM,
        "EBacc average point score",
        "points",
        _two,
        "The EBacc average point score was {v}",
    ),
    Measure(
        "attainment8",
        "attainment8",
        ACHIEVEMENT,
        "Attainment 8",
        "points",
        _one,
        "Attainment 8 was {v}",
    ),
    Measure(
        "progress8",
        "progress8",
        ACHIEVEMENT,
        "Progress 8",
        "",
        _signed,
        "Progress 8 was {v}",
    ),
    Measure(
        "pct_english_maths_grade4",
        "english_maths_grade4",
        ACHIEVEMENT,
        "English and maths at grade 4 or above",
        "%",
        _percent,
        "{v} of pupils achieved grade 4 or above in both English and maths",
    ),
    Measure(
        "pct_english_maths_grade5",
        "english_maths_grade5",
        ACHIEVEMENT,
        "English and maths at grade 5 or above",
        "%",
        _percent,
        "{v} of pupils achieved grade 5 or above in both English and maths",
    ),
)


class Band(NamedTuple):
    """The achievement band and everything its explanation and the moderation rule use."""

    band: str
    year: YearContext
    progress8: float
    group: Comparison
    stats: GroupStats
    lower: float | None
    upper: float | None
    demoted: bool
    """In the outer 10% but the interval reaches the median, so one band nearer the middle."""


@hookimpl
def peerqa_settings() -> dict[str, Any]:
    """Band cut-offs and groups, evidence minimums and the moderation rule's grade distance."""
    return {k: list(v) if isinstance(v, list) else v for k, v in DEFAULTS.items()}


def _setting(inp: ScoringInput, key: str) -> Any:
    return inp.settings.get(key, DEFAULTS[key])


def _cuts(inp: ScoringInput) -> Cuts:
    return Cuts.from_settings(inp.settings, DEFAULTS)


def _members(group: Comparison, stats: GroupStats) -> str:
    """The group named after a count, e.g. '50 state-funded secondary schools with ...'."""
    prefix = f"{group.size} "
    described = group.title.removeprefix(prefix) if group.title.startswith(prefix) else ""
    if not described:
        return f"schools in its comparison group ({group.title}) with a published figure"
    if stats.n == group.size:
        return described
    return f"{described} that have a published figure"


@hookimpl
def peerqa_score(inp: ScoringInput) -> list[Score]:
    """The KS4 measures, the achievement band and, for a review, its evidence coverage."""
    scores: list[Score] = []
    cuts = _cuts(inp)
    grouping = (str(_setting(inp, "measure_group")), int(_setting(inp, "min_measure_group_size")))
    for measure in MEASURES:
        latest = inp.latest(measure.measure)
        if latest is not None:
            scores.append(_measure_score(measure, latest[0], latest[1], grouping, cuts))
    found = achievement_band(inp)
    if found is not None:
        scores.append(_band_score(found, cuts))
    if inp.review is not None:
        scores.extend(_evidence_scores(inp.review))
    return scores


def _measure_score(
    measure: Measure, year: YearContext, value: float, grouping: tuple[str, int], cuts: Cuts
) -> Score:
    group_key, min_group = grouping
    shown = measure.shown
    text = measure.sentence.format(v=shown(value)) + f" in {_year(year.year)}"
    inputs: dict[str, Any] = {measure.measure: value}
    if measure.measure == "progress8":
        lower, upper = year.value("progress8_lower_ci"), year.value("progress8_upper_ci")
        if lower is not None and upper is not None:
            text += f" (95% confidence interval {_signed(lower)} to {_signed(upper)})"
            inputs["progress8_lower_ci"], inputs["progress8_upper_ci"] = lower, upper
    national = year.comparisons.get("national")
    nat = national.of(measure.measure) if national is not None else None
    national_value = nat.median if nat is not None and nat.n else None
    text += "" if national_value is None else f"; the national median is {shown(national_value)}"
    group = year.comparisons.get(group_key)
    stats = group.of(measure.measure) if group is not None else None
    if group is None or stats is None or not stats.n:
        return Score(
            area=measure.area,
            key=measure.key,
            label=measure.label,
            value=value,
            explanation=text + ". There is no group of similar schools to compare it with.",
            unit=measure.unit,
            year=year.year,
            national_value=national_value,
            inputs=frozen_map(inputs),
        )
    inputs["group_percentile"], inputs["group_median"] = stats.percentile, stats.median
    text += (
        f". Among the {_members(group, stats)} the median is "
        f"{shown(stats.median)}, and this school is {place_among(stats, stats.n)}"
    )
    position: str | None = None
    if stats.n >= min_group:
        position = band_of(stats.percentile, cuts)
        text += f": {BAND_WORDS[position]} similar schools."
    else:
        text += f", too few (under {min_group}) to place it in a band."
    return Score(
        area=measure.area,
        key=measure.key,
        label=measure.label,
        value=value,
        explanation=text,
        unit=measure.unit,
        band=position,
        year=year.year,
        comparison=group.title,
        comparison_value=stats.median,
        national_value=national_value,
        inputs=frozen_map(inputs),
    )


def _year(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def achievement_band(inp: ScoringInput) -> Band | None:
    """The context-aware achievement band for the latest year with Progress 8, or None."""
    latest = inp.latest("progress8")
    if latest is None:
        return None
    year, progress8 = latest
    group = year.comparisons.get(str(_setting(inp, "band_group")))
    stats = group.of("progress8") if group is not None else None
    if group is None or stats is None or stats.n < int(_setting(inp, "min_group_size")):
        return None
    lower, upper = year.value("progress8_lower_ci"), year.value("progress8_upper_ci")
    band = band_of(stats.percentile, _cuts(inp))
    demoted = False
    if bool(_setting(inp, "confidence_interval_must_clear_median")):
        if band == "well_below" and (upper is None or upper >= stats.median):
            band, demoted = "below", True
        elif band == "well_above" and (lower is None or lower <= stats.median):
            band, demoted = "above", True
    return Band(band, year, progress8, group, stats, lower, upper, demoted)


def _band_score(found: Band, cuts: Cuts) -> Score:
    stats, group = found.stats, found.group
    national = found.year.comparisons.get("national")
    nat = national.of("progress8") if national is not None else None
    national_value = nat.median if nat is not None and nat.n else None
    text = (
        f"Progress 8 of {_signed(found.progress8)} in {_year(found.year.year)} is "
        f"{place_among(stats, stats.n)} {_members(group, stats)}, whose median is "
        f"{_signed(stats.median)}"
    )
    text += "." if national_value is None else f" (national median {_signed(national_value)})."
    if found.lower is not None and found.upper is not None:
        text += (
            f" Its 95% confidence interval is {_signed(found.lower)} to {_signed(found.upper)}"
            f"{_interval_relation(found)}."
        )
    else:
        text += " No confidence interval was published."
    text += f" {_band_reason(found, cuts)}"
    if national_value is not None:
        text += _against_national(found, national_value)
    inputs = {
        "progress8": found.progress8,
        "progress8_lower_ci": found.lower,
        "progress8_upper_ci": found.upper,
        "group_percentile": stats.percentile,
        "group_median": stats.median,
        "group_schools_with_progress8": stats.n,
    }
    return Score(
        area=ACHIEVEMENT,
        key="achievement_band",
        label="Achievement in context (Progress 8 against schools with similar disadvantage)",
        value=found.progress8,
        explanation=text,
        band=found.band,
        year=found.year.year,
        comparison=group.title,
        comparison_value=stats.median,
        national_value=national_value,
        inputs=frozen_map(inputs),
    )


def _interval_relation(found: Band) -> str:
    median = found.stats.median
    if found.upper is not None and found.upper < median:
        return ", wholly below the group's median"
    if found.lower is not None and found.lower > median:
        return ", wholly above the group's median"
    return ", which includes the group's median"


def _band_reason(found: Band, cuts: Cuts) -> str:
    words = f"{BAND_WORDS[found.band]} what schools with a similar share of disadvantaged pupils"
    if found.demoted and found.band == "below":
        return (
            f"That is in the lowest {cuts.well_below:g}% of the group, but the interval does not "
            f"rule out a typical result for such schools, so achievement is read as {words} "
            "achieve rather than well below."
        )
    if found.demoted:
        return (
            f"That is in the highest {100 - cuts.well_above:g}% of the group, but the interval "
            f"does not rule out a typical result for such schools, so achievement is read as "
            f"{words} achieve rather than well above."
        )
    return f"Achievement is {words} achieve."


def _against_national(found: Band, national_value: float) -> str:
    """Say so when the context-aware reading and the national one point different ways."""
    low = found.band in ("below", "well_below")
    if low and found.progress8 >= national_value:
        return (
            " Its Progress 8 is at or above the national median: the expectation here is set "
            "by schools with a similar intake, whose results are higher."
        )
    if not low and found.band != "in_line" and found.progress8 < national_value:
        return (
            " Its Progress 8 is below the national median: the expectation here is set by "
            "schools with a similar intake, whose results are lower."
        )
    return ""


def _evidence_scores(review: ReviewSnapshot) -> list[Score]:
    scores = []
    for area in review.areas:
        if area.key not in AREA_NAMES:
            continue
        counts = review.evidence.get(area.key, {})
        total = sum(counts.values())
        what = f"The team recorded {_pieces(total)} for {area.name.lower()}"
        described = _kinds(counts)
        scores.append(
            Score(
                area=area.key,
                key=f"evidence_{area.key}",
                label=f"Evidence recorded for {area.name.lower()}",
                value=float(total),
                explanation=f"{what}: {described}." if described else f"{what}.",
                unit="pieces of evidence",
                inputs=frozen_map(counts),
            )
        )
    return scores


def _pieces(total: int) -> str:
    if total == 0:
        return "no evidence"
    return "1 piece of evidence" if total == 1 else f"{total} pieces of evidence"


def _kinds(counts: Mapping[str, int]) -> str:
    parts = []
    known = [k for k in EVIDENCE_KINDS if k in counts]
    for kind in known + sorted(k for k in counts if k not in EVIDENCE_KINDS):
        count = counts[kind]
        if count:
            one, many = EVIDENCE_KINDS.get(kind, (kind.replace("_", " "),) * 2)
            parts.append(f"{count} {one if count == 1 else many}")
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


@hookimpl
def peerqa_flags(inp: ScoringInput) -> list[Flag]:
    """For a review: an area with little evidence, or none seen first hand."""
    review = inp.review
    if review is None:
        return []
    minimum = int(_setting(inp, "min_evidence"))
    first_hand = tuple(str(k) for k in _setting(inp, "first_hand_kinds"))
    seen_words = " or ".join(
        EVIDENCE_KINDS.get(k, (k.replace("_", " "),) * 2)[1] for k in first_hand
    )
    flags = []
    for area in review.areas:
        if area.key not in AREA_NAMES:
            continue
        counts = review.evidence.get(area.key, {})
        total = sum(counts.values())
        direct = sum(counts.get(k, 0) for k in first_hand)
        if total >= minimum and direct > 0:
            continue
        name = area.name.lower()
        if total == 0:
            rule = "No evidence recorded for an area"
        elif total < minimum:
            rule = f"Fewer than {minimum} pieces of evidence for an area"
        else:
            rule = f"No {seen_words} for an area"
        described = _kinds(counts)
        text = f"The judgement on {name} rests on {_pieces(total)}"
        text += f" ({described})." if described else "."
        if direct == 0:
            text += f" None of it is first hand ({seen_words})."
        text += " Check that the grade is supported before it goes to moderation."
        flags.append(
            Flag(
                key=f"little_evidence_{area.key}",
                rule=rule,
                explanation=text,
                severity="high" if total == 0 else "medium",
                area=area.key,
                evidence=frozen_map(
                    {"total": total, "first_hand": direct, "by_kind": dict(counts)}
                ),
            )
        )
    return flags


@hookimpl
def peerqa_moderation_risk(inp: ScoringInput) -> list[ModerationRisk]:
    """The consensus grade for achievement is far from what the achievement band suggests."""
    review = inp.review
    if review is None or len(review.grades) < 2:  # noqa: PLR2004
        return []
    if not any(a.key == ACHIEVEMENT and a.kind == "graded" for a in review.areas):
        return []
    consensus = next((j for j in review.judgements_of("consensus", ACHIEVEMENT) if j.grade), None)
    if consensus is None:
        return []
    rank = review.grade_rank(consensus.grade)
    found = achievement_band(inp)
    if rank is None or found is None:
        return []
    scale = sorted(review.grades, key=lambda g: g.rank)
    position = BANDS.index(found.band) * (len(scale) - 1) / (len(BANDS) - 1)
    suggested = scale[int(position + 0.5)]
    steps = abs(rank - suggested.rank)
    if steps < int(_setting(inp, "moderation_grade_steps")):
        return []
    given = next(g.label for g in scale if g.rank == rank)
    return [
        ModerationRisk(
            key="achievement_far_from_data",
            reason=(
                f"The consensus grade for achievement is {given}, {steps} grade steps from "
                f"{suggested.label}, which the achievement band suggests: Progress 8 of "
                f"{_signed(found.progress8)} is {place_among(found.stats, found.stats.n)} "
                f"{_members(found.group, found.stats)}, {BAND_WORDS[found.band]} what they "
                "achieve. Check the evidence behind the grade."
            ),
            area=ACHIEVEMENT,
        )
    ]
