"""Invented figures for the demo, so a newcomer sees indicators, comparison groups and charts
without the DfE files.

The real files are not part of peerqa (they live outside the project and are imported with
``peerqa import``). For the demo, every figure is drawn from a seeded generator around
plausible national centres, for the four demo schools and for 60 invented schools of each of
their types (URNs from 991001), which make up their comparison groups. Every figure is stored
with the source file ``demo (invented figures)``, so it can never be taken for published data.
Secondary outcomes fall a little with disadvantage, as published ones do.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from peerqa.models import ContextSnapshot, ContextValue, School
from peerqa.models.enums import Phase

SOURCE = "demo (invented figures)"
YEAR = 2018
PEERS_PER_TYPE = 60
FIRST_PEER_URN = 991001
SCHOOL_TYPES = {Phase.PRIMARY: "State-funded primary", Phase.SECONDARY: "State-funded secondary"}

Figures = dict[str, float]


def _clip(value: float, low: float, high: float) -> float:
    return round(float(min(max(value, low), high)), 1)


def _school(rng: np.random.Generator, phase: Phase) -> Figures:
    secondary = phase is Phase.SECONDARY
    fsm = _clip(rng.gamma(3.0, 8.5), 2, 75)
    pupils = round(float(rng.normal(1000 if secondary else 320, 260 if secondary else 110)))
    pupils = max(pupils, 300 if secondary else 60)
    eligible = round(pupils * fsm / 100)
    figures: Figures = {
        "pupils": pupils,
        "pct_fsm_ever": fsm,
        "pct_sen_ehcp": _clip(rng.normal(1.9, 0.9), 0, 8),
        "pct_sen_support": _clip(rng.normal(12.5, 3.5), 2, 30),
        "pct_eal": _clip(rng.gamma(1.2, 14), 0, 85),
        "pct_sessions_missed": _clip(
            rng.normal(4.4 + fsm / 40 + (1.0 if secondary else 0), 0.6), 2, 12
        ),
        "pct_persistent_absence": _clip(
            rng.normal(9 + fsm / 5 + (4 if secondary else 0), 3), 1, 40
        ),
        "pp_pupils_on_roll": pupils,
        "pp_pupils_eligible": eligible,
        "pp_allocation_gbp": eligible * (955 if secondary else 1320),
    }
    if secondary:
        progress = _clip(rng.normal(-0.004 * (fsm - 25), 0.35), -1.8, 1.5)
        half_width = _clip(rng.normal(0.2, 0.03), 0.1, 0.35)
        attainment = _clip(rng.normal(50 - 0.25 * (fsm - 25) + 8 * progress, 3), 20, 75)
        cohort = round(pupils / 5.5)
        not_sustained = _clip(rng.normal(4.5 + fsm / 25, 1.8), 0, 20)
        unknown = _clip(rng.gamma(1.5, 1.0), 0, 12)
        figures |= {
            "ks4_pupils": cohort,
            "attainment8": attainment,
            "progress8": progress,
            "progress8_lower_ci": round(progress - half_width, 2),
            "progress8_upper_ci": round(progress + half_width, 2),
            "pct_ebacc_entry": _clip(rng.normal(40 - 0.3 * (fsm - 25), 15), 2, 95),
            "ebacc_aps": _clip(attainment / 11.5 + rng.normal(0, 0.2), 1, 8),
            "pct_english_maths_grade4": _clip(attainment * 1.33 + rng.normal(0, 4), 10, 99),
            "pct_english_maths_grade5": _clip(attainment * 0.93 - 3 + rng.normal(0, 4), 5, 95),
            "ks4_destinations_cohort": cohort,
            "ks4_pct_sustained_destination": round(100 - not_sustained - unknown, 1),
            "ks4_pct_destination_not_sustained": not_sustained,
            "ks4_pct_destination_unknown": unknown,
        }
    return figures


def invented(
    demo_schools: list[tuple[int, Phase]], seed: int = 2018
) -> Iterator[tuple[int, Phase, str | None, Figures]]:
    """(URN, phase, name for an invented peer or None for a demo school, figures)."""
    rng = np.random.default_rng(seed)
    for urn, phase in demo_schools:
        yield urn, phase, None, _school(rng, phase)
    urn = FIRST_PEER_URN
    for phase in sorted({p for _u, p in demo_schools}, key=str):
        for n in range(1, PEERS_PER_TYPE + 1):
            name = f"Invented {phase.value} school {n:02d} (demo)"
            yield urn, phase, name, _school(rng, phase)
            urn += 1


async def seed(demo_schools: list[tuple[int, Phase]]) -> list[int]:
    """Store the invented figures (and register the invented peers); call inside a transaction.
    Returns the URNs that have figures."""
    urns = []
    for row, (urn, phase, name, figures) in enumerate(invented(demo_schools)):
        if name is not None:
            await School.create(
                urn=urn,
                name=name,
                phase=phase,
                type_name="Invented (demo)",
                la_code="999",
                la_name="Demoshire",
            )
        snapshot = await ContextSnapshot.create(urn=urn, year=YEAR)
        values = [
            ContextValue(
                snapshot=snapshot,
                measure="school_type",
                value=None,
                raw_text=SCHOOL_TYPES[phase],
                source_file=SOURCE,
                source_row=row,
            )
        ]
        values += [
            ContextValue(
                snapshot=snapshot,
                measure=measure,
                value=float(value),
                raw_text=str(value),
                source_file=SOURCE,
                source_row=row,
            )
            for measure, value in figures.items()
        ]
        await ContextValue.bulk_create(values)
        urns.append(urn)
    return urns
