"""Fairness benchmark: which schools a rule calls "below expected", by FSM-ever quintile.

    .venv/bin/python benchmarks/fairness.py [--data DIR]      (or: make fairness)

Reads the real 2018/19 census and KS4 results (``../shared/data`` unless ``--data`` names
another folder) with ``peerqa.testing.inputs_from_files``, keeps the 3,135 mainstream
secondaries (census type "State-funded secondary" with Attainment 8, Progress 8 and FSM-ever
published), splits them into fifths by FSM-ever % (Q1 least disadvantaged, Q5 most; ties
broken by URN) and, for three rules, prints the share of each fifth flagged "below expected",
the gap Q5 - Q1 in percentage points, and the Spearman correlation between the quantity the
rule is cut from and Progress 8 within each fifth (is it still a measure of effectiveness?):

- **Raw Attainment 8**: Attainment 8 in the lowest 30% of all state-funded secondary schools
  nationally (national percentile under 30, i.e. below about 42.3 in 2018/19). This is the rule
  that reproduces the published shape: 64% of the most disadvantaged fifth flagged against 1%
  of the least (a 63-point gap).
- **Progress 8 < -0.5** (the former floor standard): 29% against 1%.
- **The achievement band** of ``peerqa.plugins.curriculum``, run through
  ``peerqa.testing.run_plugin`` as the host runs it: flagged when the band is ``well_below``;
  the continuous quantity is Progress 8's percentile in the ``disadvantage`` group.

:func:`fairness_figures` does the computing, so ``tests/plugins/test_fairness.py`` holds the
thresholds on the same numbers this prints. Exit code 2 when the data files are missing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from scipy.stats import spearmanr

from peerqa.plugins import curriculum
from peerqa.scoring import ScoringInput
from peerqa.testing import inputs_from_files, run_plugin, shared_data

FILES = ("2018-2019_england_census.csv", "2018-2019_england_ks4provisional_subset.csv")
YEAR = 2018
SCHOOL_TYPE = "State-funded secondary"
RAW_PERCENTILE = 30.0
"""Raw rule: Attainment 8 below this national percentile."""
PROGRESS8_FLOOR = -0.5
QUINTILES = 5


class School(NamedTuple):
    urn: int
    fsm_ever: float
    attainment8: float
    progress8: float
    attainment8_national_percentile: float
    inp: ScoringInput


def mainstream_secondaries(inputs: Mapping[int, ScoringInput]) -> list[School]:
    """State-funded secondaries with Attainment 8, Progress 8 and FSM-ever, by URN."""
    found = []
    for urn in sorted(inputs):
        inp = inputs[urn]
        year = inp.year(YEAR)
        if year is None or year.texts.get("school_type") != SCHOOL_TYPE:
            continue
        fsm, a8, p8 = (year.value(m) for m in ("pct_fsm_ever", "attainment8", "progress8"))
        national = year.comparisons.get("national")
        stats = national.of("attainment8") if national is not None else None
        if fsm is None or a8 is None or p8 is None or stats is None:
            continue
        found.append(School(urn, fsm, a8, p8, stats.percentile, inp))
    return found


def quintiles(schools: Sequence[School]) -> list[int]:
    """Each school's FSM-ever fifth, 1 (least disadvantaged) to 5, ties broken by URN."""
    order = sorted(range(len(schools)), key=lambda i: (schools[i].fsm_ever, schools[i].urn))
    result = [0] * len(schools)
    for rank, index in enumerate(order):
        result[index] = 1 + rank * QUINTILES // len(schools)
    return result


def _band(school: School) -> tuple[bool, float | None]:
    """Whether the curriculum plugin calls the school below expected, and its group percentile."""
    out = run_plugin(curriculum, school.inp)
    found = [s for s in out.scores if s.key == "achievement_band"]
    if not found:
        return False, None
    return found[0].band == "well_below", float(found[0].inputs["group_percentile"])


def _method(
    schools: Sequence[School],
    fifths: Sequence[int],
    *,
    title: str,
    rule: str,
    flagged: Sequence[bool],
    measure: Callable[[int], float | None],
) -> dict[str, Any]:
    shares, rhos = [], []
    for q in range(1, QUINTILES + 1):
        members = [i for i, f in enumerate(fifths) if f == q]
        shares.append(100.0 * sum(flagged[i] for i in members) / len(members))
        pairs = [(m, schools[i].progress8) for i in members if (m := measure(i)) is not None]
        rho = spearmanr([p[0] for p in pairs], [p[1] for p in pairs]).statistic
        rhos.append(float(rho))
    return {
        "title": title,
        "rule": rule,
        "flagged_pct": shares,
        "gap": shares[-1] - shares[0],
        "spearman": rhos,
    }


def fairness_figures(inputs: Mapping[int, ScoringInput]) -> dict[str, Any]:
    """Flag shares by FSM-ever fifth, the Q5 - Q1 gap and within-fifth Spearman, per rule."""
    schools = mainstream_secondaries(inputs)
    if len(schools) < QUINTILES:
        raise ValueError(f"only {len(schools)} mainstream secondaries with KS4 results found")
    fifths = quintiles(schools)
    banded = [_band(s) for s in schools]
    raw_cut = max(
        (s.attainment8 for s in schools if s.attainment8_national_percentile < RAW_PERCENTILE),
        default=None,
    )
    methods = {
        "raw_attainment8": _method(
            schools,
            fifths,
            title="Raw Attainment 8",
            rule=f"Attainment 8 in the lowest {RAW_PERCENTILE:g}% nationally "
            f"(at most {raw_cut} in {YEAR}/{(YEAR + 1) % 100:02d})",
            flagged=[s.attainment8_national_percentile < RAW_PERCENTILE for s in schools],
            measure=lambda i: schools[i].attainment8,
        ),
        "progress8": _method(
            schools,
            fifths,
            title="Progress 8 < -0.5",
            rule=f"Progress 8 below {PROGRESS8_FLOOR}",
            flagged=[s.progress8 < PROGRESS8_FLOOR for s in schools],
            measure=lambda i: schools[i].progress8,
        ),
        "achievement_band": _method(
            schools,
            fifths,
            title="Achievement band (curriculum plugin)",
            rule="band well_below: Progress 8 under the 10th percentile of the 50 schools "
            "nearest in FSM-ever %, with its 95% confidence interval below their median",
            flagged=[b[0] for b in banded],
            measure=lambda i: banded[i][1],
        ),
    }
    ranges = []
    for q in range(1, QUINTILES + 1):
        fsm = [s.fsm_ever for s, f in zip(schools, fifths, strict=True) if f == q]
        ranges.append(
            {"quintile": q, "schools": len(fsm), "fsm_min": min(fsm), "fsm_max": max(fsm)}
        )
    return {
        "year": YEAR,
        "schools": len(schools),
        "unbanded": sum(1 for b in banded if b[1] is None),
        "quintiles": ranges,
        "methods": methods,
    }


def _table(figures: Mapping[str, Any]) -> str:
    head = [
        f"Q{r['quintile']} {r['fsm_min']:.1f}-{r['fsm_max']:.1f}%" for r in figures["quintiles"]
    ]
    lines = [
        f"Share flagged 'below expected' by FSM-ever quintile: {figures['schools']:,} mainstream "
        f"state-funded secondary schools, {figures['year']}/{(figures['year'] + 1) % 100:02d}",
        "(Q1 least disadvantaged, Q5 most; schools per quintile: "
        + ", ".join(str(r["schools"]) for r in figures["quintiles"])
        + ")",
        "",
        f"{'':38}" + "".join(f"{h:>16}" for h in head) + f"{'gap Q5-Q1':>12}",
    ]
    for method in figures["methods"].values():
        lines.append(
            f"{method['title']:38}"
            + "".join(f"{p:>15.1f}%" for p in method["flagged_pct"])
            + f"{method['gap']:>11.1f}"
        )
        lines.append(
            f"{'  Spearman with Progress 8':38}"
            + "".join(f"{r:>16.3f}" for r in method["spearman"])
        )
    lines.append("")
    lines.append("Rules:")
    lines.extend(f"- {m['title']}: {m['rule']}" for m in figures["methods"].values())
    if figures["unbanded"]:
        lines.append(f"({figures['unbanded']} schools had no achievement band: not flagged)")
    return "\n".join(lines)


def data_files(folder: Path | None) -> list[Path] | None:
    """The census and KS4 files, from ``folder`` or ../shared/data; None if one is missing."""
    found = [folder / name if folder else shared_data(name) for name in FILES]
    if any(p is None or not p.exists() for p in found):
        return None
    return [p for p in found if p is not None]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Share of mainstream secondary schools flagged 'below expected' by FSM-ever "
        "quintile, for raw Attainment 8, Progress 8 < -0.5 and the curriculum plugin's "
        "achievement band (2018/19 census and KS4 results).",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="folder with " + " and ".join(FILES) + " (default: ../shared/data)",
    )
    args = parser.parse_args(argv)
    files = data_files(args.data)
    if files is None:
        where = args.data or "../shared/data"
        print(
            f"fairness: {where} lacks {' or '.join(FILES)}; these real DfE files are needed "
            "(see ../shared/data/README.md for where they come from)",
            file=sys.stderr,
        )
        return 2
    figures = fairness_figures(inputs_from_files(files, YEAR))
    print(_table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
