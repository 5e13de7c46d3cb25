"""Context: who the school serves and what it has to work with, read against other schools.

These indicators describe the school; they do not judge it. Every Score has area ``context``
and its band gives the school's **position nationally** (among all schools of its census type,
e.g. every state-funded secondary school in England), by percentile: ``well_above`` above the
90th, ``above`` above the 75th, ``in_line`` between the 25th and 75th, ``below`` under the 25th,
``well_below`` under the 10th (the cut-offs are settings). ``well_above`` for free school meals
means "far more disadvantaged pupils than most schools", not "better".

Each indicator also names the school's similar-schools group (``comparison``: the 20 schools of
the same type nearest in FSM-ever %, SEN %, EAL % and size) with that group's median
(``comparison_value``) and the school's place in it, beside the national median
(``national_value``), so a reader sees both "how unusual is this school?" and "how does it sit
among schools like it?".

What is measured, and where each figure comes from:

- **Poverty**: % of pupils eligible for free school meals at any time in the last six years
  (``fsm_ever``, school census ``PNUMFSMEVER``); the number and share of pupils eligible for the
  deprivation pupil premium (in ``pupil_premium``, from the pupil premium allocations).
- **Need**: % of pupils with an education, health and care (EHC) plan (``sen_ehcp``, census
  ``PSENELSE``) and % receiving SEN support (``sen_support``, ``PSENELK``); % with English as an
  additional language (``eal``, ``PNUMEAL``).
- **Size**: pupils on roll (``pupils``, census ``NOR``).
- **Budget**, as far as the data goes: the deprivation pupil premium allocation per pupil in
  reception to year 11 (``pupil_premium``; no comparison groups are built for it, so no band),
  and pupils per full-time-equivalent teacher (``pupil_teacher_ratio``, school workforce
  census). The files peerqa imports hold **no income or spending data** (no consistent financial
  reporting or academy accounts file), so there is no income or spend per pupil here; the
  workforce file we hold covers only local authorities 201 to 825, so many schools have no
  pupil:teacher ratio.
- ``context_summary``: a short paragraph that puts these together, in the words a headteacher
  would use to describe their own school.

A figure that is missing (not published, suppressed, or not in the files loaded) gives no
indicator: nothing is estimated. Each call is a handful of dictionary look-ups and string
formats, so it stays cheap when ``peerqa score`` runs it for every school in England.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from peerqa import hookimpl
from peerqa.scoring import Cuts, GroupStats, Score, ScoringInput, YearContext, band_of
from peerqa.scoring.snapshots import frozen_map

__version__ = "1.0.0"

AREA = "context"
DEFAULTS: dict[str, Any] = {
    "well_above_percentile": 90,
    "above_percentile": 75,
    "below_percentile": 25,
    "well_below_percentile": 10,
}
POSITION_WORDS = {
    "well_above": "well above",
    "above": "above",
    "in_line": "close to",
    "below": "below",
    "well_below": "well below",
}
SIZE_WORDS = {
    "well_above": "very large",
    "above": "large",
    "in_line": "average-sized",
    "below": "small",
    "well_below": "very small",
}
PHASE_NOUNS = {
    "State-funded primary": ("primary school", "state-funded primary schools"),
    "State-funded secondary": ("secondary school", "state-funded secondary schools"),
    "State-funded special school": ("special school", "state-funded special schools"),
    "State-funded nursery": ("nursery school", "state-funded nursery schools"),
    "Pupil referral unit": ("pupil referral unit", "pupil referral units"),
    "Independent school": ("independent school", "independent schools"),
    "Non-maintained special school": (
        "non-maintained special school",
        "non-maintained special schools",
    ),
}
"""Census school types as a headteacher would say them: one school, and schools of the type."""


def _percent(value: float) -> str:
    return f"{value:.1f}%"


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _ratio(value: float) -> str:
    return f"{value:.1f}"


def _rounded_percent(value: float) -> str:
    """Whole numbers from 10% up, one decimal below: '62%', '4.0%' (for the summary)."""
    return f"{value:.0f}%" if value >= 10 else f"{value:.1f}%"  # noqa: PLR2004


class Indicator(NamedTuple):
    measure: str
    key: str
    label: str
    unit: str
    shown: Callable[[float], str]
    sentence: str
    """What the figure says, with ``{v}`` for the formatted value."""


INDICATORS = (
    Indicator(
        "pct_fsm_ever",
        "fsm_ever",
        "Pupils eligible for free school meals in the last six years (FSM-ever)",
        "%",
        _percent,
        "{v} of pupils have been eligible for free school meals at some point in the last six "
        "years (FSM-ever)",
    ),
    Indicator(
        "pct_sen_ehcp",
        "sen_ehcp",
        "Pupils with an education, health and care (EHC) plan",
        "%",
        _percent,
        "{v} of pupils have an education, health and care (EHC) plan",
    ),
    Indicator(
        "pct_sen_support",
        "sen_support",
        "Pupils receiving SEN support",
        "%",
        _percent,
        "{v} of pupils receive SEN support (special educational needs without an EHC plan)",
    ),
    Indicator(
        "pct_eal",
        "eal",
        "Pupils with English as an additional language (EAL)",
        "%",
        _percent,
        "{v} of pupils have a first language other than English (EAL)",
    ),
    Indicator("pupils", "pupils", "Pupils on roll", "pupils", _count, "{v} pupils are on roll"),
    Indicator(
        "pupil_teacher_ratio",
        "pupil_teacher_ratio",
        "Pupils per teacher",
        "pupils per teacher",
        _ratio,
        "There are {v} pupils for every full-time-equivalent teacher",
    ),
)


@hookimpl
def peerqa_settings() -> dict[str, Any]:
    """Percentile cut-offs for the position bands (against all schools of the type)."""
    return dict(DEFAULTS)


@hookimpl
def peerqa_score(inp: ScoringInput) -> list[Score]:
    """The context indicators for the school's latest year with census figures."""
    if not inp.years:
        return []
    cuts = _cuts(inp)
    plural = _nouns(inp.school.school_type)[1]
    scores: list[Score] = []
    found: dict[str, Score] = {}
    for indicator in INDICATORS:
        latest = inp.latest(indicator.measure)
        if latest is None:
            continue
        score = _indicator(indicator, latest[0], latest[1], cuts, plural)
        scores.append(score)
        found[indicator.key] = score
    premium = _pupil_premium(inp)
    if premium is not None:
        scores.append(premium)
    summary = _summary(inp, found, premium, scores)
    if summary is not None:
        scores.append(summary)
    return scores


def _nouns(school_type: str) -> tuple[str, str]:
    found = PHASE_NOUNS.get(school_type)
    if found is not None:
        return found
    named = school_type.lower() or "school"
    return named, named + "s" if named.endswith("school") else f"{named} schools"


def _cuts(inp: ScoringInput) -> Cuts:
    return Cuts.from_settings(inp.settings, DEFAULTS)


def _share_below(percentile: float) -> str:
    """'higher than 35% of them', without claiming 0% or 100% after rounding."""
    if percentile >= 99.5:  # noqa: PLR2004
        return "higher than almost all of them"
    if percentile < 0.5:  # noqa: PLR2004
        return "lower than almost all of them"
    return f"higher than {percentile:.0f}% of them"


def _place(stats: GroupStats) -> str:
    """'above 13 of them' from a percentile (ties count half, as in GroupStats)."""
    under = int(stats.percentile * stats.n / 100 + 0.5)
    if stats.percentile >= 50:  # noqa: PLR2004
        return f"above {under} of them"
    return f"below {stats.n - under} of them"


def _indicator(
    indicator: Indicator,
    year: YearContext,
    value: float,
    cuts: Cuts,
    plural: str,
) -> Score:
    shown, measure = indicator.shown, indicator.measure
    groups = year.comparisons
    national, similar = groups.get("national"), groups.get("similar")
    nat = national.of(measure) if national is not None else None
    sim = similar.of(measure) if similar is not None else None
    inputs: dict[str, Any] = {measure: value}
    position: str | None = None
    if nat is not None:
        position = found = band_of(nat.percentile, cuts)
        national_text = (
            f", {POSITION_WORDS[found]} the national median of {shown(nat.median)} for "
            f"{plural} ({_share_below(nat.percentile)})."
        )
        inputs["national_percentile"], inputs["national_median"] = nat.percentile, nat.median
    else:
        national_text = "; there is no national figure to compare it with."
    if similar is not None and sim is not None:
        similar_text = (
            f" The median of the {similar.title} is {shown(sim.median)}; this school is "
            f"{_place(sim)}."
        )
        inputs["similar_percentile"], inputs["similar_median"] = sim.percentile, sim.median
    else:
        similar_text = ""
    return Score(
        area=AREA,
        key=indicator.key,
        label=indicator.label,
        value=value,
        explanation=indicator.sentence.format(v=shown(value)) + national_text + similar_text,
        unit=indicator.unit,
        band=position,
        year=year.year,
        comparison=similar.title if sim is not None and similar is not None else "",
        comparison_value=sim.median if sim is not None else None,
        national_value=nat.median if nat is not None else None,
        inputs=frozen_map(inputs),
    )


def _pupil_premium(inp: ScoringInput) -> Score | None:
    """The allocation per pupil, with the eligible share (no comparison groups are built)."""
    latest = inp.latest("pp_allocation_gbp")
    if latest is None:
        return None
    year, allocation = latest
    on_roll = year.value("pp_pupils_on_roll")
    if on_roll is None or on_roll <= 0:
        return None
    per_pupil = allocation / on_roll
    inputs: dict[str, Any] = {"pp_allocation_gbp": allocation, "pp_pupils_on_roll": on_roll}
    eligible = year.value("pp_pupils_eligible")
    if eligible is None:
        who = ""
    else:
        inputs["pp_pupils_eligible"] = eligible
        inputs["pp_pct_eligible"] = round(100.0 * eligible / on_roll, 1)
        who = (
            f" {eligible:,.0f} of them ({inputs['pp_pct_eligible']:.1f}%) are eligible: "
            "pupils eligible for free school meals at any time in the last six years."
        )
    return Score(
        area=AREA,
        key="pupil_premium",
        label="Deprivation pupil premium per pupil",
        value=round(per_pupil),
        explanation=(
            f"The deprivation pupil premium allocation is £{allocation:,.0f}, £{per_pupil:,.0f} "
            f"for each of the {on_roll:,.0f} pupils it is counted on (reception to year 11).{who}"
            " The rate per eligible pupil is set nationally, so this follows the share of "
            "disadvantaged pupils; it is not the school's budget, for which no figures are loaded."
        ),
        unit="£ per pupil",
        year=year.year,
        inputs=frozen_map(inputs),
    )


def _national_clause(score: Score, what: str) -> str:
    """'62% of pupils ..., well above the national median of 26%' in the summary's rounding."""
    text = f"{_rounded_percent(score.value or 0.0)} {what}"
    if score.band is not None and score.national_value is not None:
        words = POSITION_WORDS[score.band]
        text += f", {words} the national median of {_rounded_percent(score.national_value)}"
    return text


def _opening(inp: ScoringInput, size: Score | None) -> str:
    """'A large secondary school (1,133 pupils)'."""
    noun = _nouns(inp.school.school_type)[0]
    if size is None:
        return f"A {noun}"
    if size.band is None:
        return f"A {noun} with {_count(size.value or 0.0)} pupils"
    described = f"{SIZE_WORDS[size.band]} {noun}"
    article = "An" if described[0] in "aeiou" else "A"
    return f"{article} {described} ({_count(size.value or 0.0)} pupils)"


def _summary(
    inp: ScoringInput, found: Mapping[str, Score], premium: Score | None, scores: list[Score]
) -> Score | None:
    fsm = found.get("fsm_ever")
    size = found.get("pupils")
    anchor = fsm or size
    if anchor is None:
        return None
    opening = _opening(inp, size)
    if fsm is not None:
        what = "of pupils have been eligible for free school meals in the last six years"
        sentences = [f"{opening} where {_national_clause(fsm, what)}."]
    else:
        sentences = [f"{opening}; its free school meals figure is not published."]
    need = [
        _national_clause(found[key], what)
        for key, what in (
            ("sen_ehcp", "of pupils have an EHC plan"),
            ("sen_support", "receive SEN support"),
            ("eal", "speak English as an additional language"),
        )
        if key in found
    ]
    if need:
        sentences.append("; ".join(need) + ".")
    budget = []
    if premium is not None:
        budget.append(f"the pupil premium brings £{premium.value or 0.0:,.0f} a pupil")
    ratio = found.get("pupil_teacher_ratio")
    if ratio is not None:
        clause = f"there are {_ratio(ratio.value or 0.0)} pupils for every teacher"
        if ratio.national_value is not None:
            clause += f" (national median {_ratio(ratio.national_value)})"
        budget.append(clause)
    if budget:
        sentences.append(_sentence(" and ".join(budget)) + ".")
    if anchor.comparison:
        sentences.append(
            f"Its figures are read beside the {anchor.comparison} (similar FSM-ever, SEN, EAL "
            "and size) and beside all schools of its type nationally."
        )
    return Score(
        area=AREA,
        key="context_summary",
        label="The school's context in brief",
        value=None,
        explanation=" ".join(sentences),
        year=anchor.year,
        comparison=anchor.comparison,
        inputs=frozen_map({s.key: s.value for s in scores}),
    )


def _sentence(text: str) -> str:
    """Upper-case the first letter only (str.capitalize would lower-case 'SEN' and 'EHC')."""
    return text[:1].upper() + text[1:]
