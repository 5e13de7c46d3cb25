"""Per-school files from the performance tables and Explore Education Statistics (KS4 results and
destinations, pupil premium, school workforce), as measure kinds.

Measure keys are shared by every kind in one snapshot (a school's year), so a key names one
definition only: figures about the KS4 cohort start ``ks4_``, pupil premium figures ``pp_``, and
none of them reuses a census key (``pupils``, ``pct_eal``, ``pct_sen_ehcp`` ...) that the
similar-schools statistics read as whole-school figures. The one key two kinds share on purpose
is ``ks4_pupils`` (pupils at the end of KS4), which both KS4 layouts publish with one definition.
"""

from __future__ import annotations

from collections.abc import Callable

from peerqa.importers.base import MeasureKind


def _rectype_in(*codes: str) -> Callable[[dict[str, str]], bool]:
    """Rows whose RECTYPE is one of ``codes`` (the performance tables' total rows)."""
    totals = frozenset(codes)

    def is_total(row: dict[str, str]) -> bool:
        return row.get("RECTYPE", "").strip().upper() in totals

    return is_total


KS4 = MeasureKind(
    name="ks4",
    title="KS4 (GCSE) results by school (performance tables, england_ks4provisional.csv / "
    "england_ks4final.csv)",
    published="Compare school performance: download data, 'Key stage 4 results'",
    urn_column="URN",
    measures={
        "TPUP": "ks4_pupils",
        "ATT8SCR": "attainment8",
        "P8PUP": "progress8_pupils",
        # Pupils whose extreme negative Progress 8 score was capped (new in 2018/19).
        "TP8ADJ": "progress8_adjusted_pupils",
        # P8MEA is the headline (adjusted) score; *_ORIG is the score before that adjustment.
        "P8MEA": "progress8",
        "P8CILOW": "progress8_lower_ci",
        "P8CIUPP": "progress8_upper_ci",
        "P8MEA_ORIG": "progress8_unadjusted",
        "P8CILOW_ORIG": "progress8_unadjusted_lower_ci",
        "P8CIUPP_ORIG": "progress8_unadjusted_upper_ci",
        "PTL2BASICS_94": "pct_english_maths_grade4",
        "PTL2BASICS_95": "pct_english_maths_grade5",
        "EBACCAPS": "ebacc_aps",
        "PTEBACC_E_PTQ_EE": "pct_ebacc_entry",
        "PTEBACC_94": "pct_ebacc_grade4",
        "PTEBACC_95": "pct_ebacc_grade5",
        "PT5EM_94": "pct_5_gcses_grade4_incl_english_maths",
        # 1 = well above average ... 5 = well below average (a code, not a score).
        "P8_BANDING": "progress8_band",
    },
    # RECTYPE 1 = mainstream school, 2 = special school; 4 = LA totals, 5 and 7 = England.
    is_total=_rectype_in("4", "5", "7"),
)

KS4_EES = MeasureKind(
    name="ks4_ees",
    title="KS4 school information and pupil characteristics (Explore Education Statistics, "
    "Key stage 4 performance, school-level file)",
    published="Explore Education Statistics: Key stage 4 performance, 'Download data'",
    urn_column="school_urn",
    # Percentages are of the pupils at the end of KS4, not of the whole school (hence ks4_).
    # p8_banding is text ('Well above average' ...) and is not imported; this file has no
    # Attainment 8 or Progress 8 scores, only the disadvantaged gaps.
    measures={
        # Pupils on roll, all ages: a census figure, kept apart from the census `pupils`.
        "t_allks_pupils": "pupils_all_ages",
        "t_pupils": "ks4_pupils",
        "avg_ks2_scaledscore": "ks4_avg_ks2_scaled_score",
        "pt_prior_lo": "ks4_pct_prior_low",
        "pt_prior_av": "ks4_pct_prior_middle",
        "pt_prior_hi": "ks4_pct_prior_high",
        "t_disadvantaged": "ks4_disadvantaged_count",
        "pt_disadvantaged": "ks4_pct_disadvantaged",
        "pt_language_not_english": "ks4_pct_eal",
        "pt_sen": "ks4_pct_sen",
        "pt_sen_with_ehcp": "ks4_pct_sen_ehcp",
        "pt_sen_no_ehcp": "ks4_pct_sen_support",
        # Pupils who joined before the last two school years: a pupil-movement signal.
        "pt_not_mobile": "ks4_pct_non_mobile",
        # The school's disadvantaged pupils against non-disadvantaged pupils nationally.
        "diffn_att8": "attainment8_disadvantaged_gap",
        "diffn_p8mea": "progress8_disadvantaged_gap",
    },
    # EES files can carry National / Regional / Local authority rows (no URN) next to schools.
    is_total=lambda row: row.get("geographic_level", "School").strip() not in ("School", ""),
)

KS4_DESTINATIONS = MeasureKind(
    name="ks4_destinations",
    title="KS4 destination measures by school (performance tables, england_ks4-pupdest.csv)",
    published="Compare school performance: download data, 'Key stage 4 destination measures'",
    urn_column="URN",
    # The destinations are older than the tables' year: the 2018/19 tables follow pupils who
    # finished KS4 in 2016/17 through 2017/18. SP marks a suppressed percentage.
    measures={
        "COHORT": "ks4_destinations_cohort",
        "OVERALL_DESTPER": "ks4_pct_sustained_destination",
        "EDUCATIONPER": "ks4_pct_sustained_education",
        "APPRENPER": "ks4_pct_sustained_apprenticeship",
        "EMPLOYMENTPER": "ks4_pct_sustained_employment",
        "NOT_SUSTAINEDPER": "ks4_pct_destination_not_sustained",
        "UNKNOWNPER": "ks4_pct_destination_unknown",
        "COHORT_DIS": "ks4_destinations_cohort_disadvantaged",
        "OVERALL_DESTPER_DIS": "ks4_pct_sustained_destination_disadvantaged",
        "EDUCATIONPER_DIS": "ks4_pct_sustained_education_disadvantaged",
        "NOT_SUSTAINEDPER_DIS": "ks4_pct_destination_not_sustained_disadvantaged",
        "UNKNOWNPER_DIS": "ks4_pct_destination_unknown_disadvantaged",
    },
    # RECTYPE 1 and 2 are schools; LA and NAT are local-authority and England totals.
    is_total=_rectype_in("LA", "NAT"),
)

PUPIL_PREMIUM = MeasureKind(
    name="pupil_premium",
    title="Pupil premium (deprivation) allocations by school (conditions of grant, "
    "school-level table)",
    published="GOV.UK: Pupil premium allocations and conditions of grant",
    urn_column="URN",
    # Header names carry the publication's footnote numbers, and one has a double space.
    # The percentages are published as fractions (0.162 = 16.2 %) and stored as published,
    # hence *_fraction. Eligible = Ever-6 FSM; counts can be decimals for some academies. No
    # per-pupil rate columns: the rates are national (one per phase), not per school.
    measures={
        "Number of pupils on roll (7)": "pp_pupils_on_roll",
        "Number of Primary pupils on roll (9)": "pp_primary_pupils_on_roll",
        "Number of Primary pupils eligible for the Deprivation Pupil Premium": (
            "pp_primary_pupils_eligible"
        ),
        "Percentage of Primary pupils eligible for the Deprivation Pupil Premium": (
            "pp_primary_eligible_fraction"
        ),
        "Deprivation Pupil Premium Allocation (11)": "pp_primary_allocation_gbp",
        "Number of  Secondary pupils on roll (10)": "pp_secondary_pupils_on_roll",
        "Number of Secondary pupils eligible for the Deprivation Pupil Premium": (
            "pp_secondary_pupils_eligible"
        ),
        "Percentage of Secondary pupils eligible for the Deprivation Pupil Premium": (
            "pp_secondary_eligible_fraction"
        ),
        "Deprivation Pupil Premium Allocation (12)": "pp_secondary_allocation_gbp",
        "Total number of pupils eligible for the Deprivation Pupil Premium": "pp_pupils_eligible",
        "Total allocation for the Deprivation Pupil Premium": "pp_allocation_gbp",
    },
)

WORKFORCE = MeasureKind(
    name="workforce",
    title="School workforce by school (performance tables, england_swf.csv)",
    published="Compare school performance: download data, 'School workforce' (from Explore "
    "Education Statistics: School workforce in England)",
    urn_column="URN",
    # Header quirk: 'Pupil:     Teacher Ratio' has five spaces. Salaries read '£45,421'.
    # This layout has no % of teachers with QTS.
    measures={
        "Total Number of Teachers (Headcount)": "teachers_headcount",
        "Total Number of Teaching Assistants (Headcount)": "teaching_assistants_headcount",
        "Total Number of Non Classroom-based School Support Staff, Excluding Auxiliary Staff "
        "(Headcount)": "support_staff_headcount",
        "Total Number of Teachers (Full-Time Equivalent)": "teachers_fte",
        "Total Number of Teaching Assistants (Full-time Equivalent)": "teaching_assistants_fte",
        "Total Number of Non Classroom-based School Support Staff, Excluding Auxiliary Staff "
        "(Full-Time Equivalent)": "support_staff_fte",
        "Pupil:     Teacher Ratio": "pupil_teacher_ratio",
        "Mean Gross FTE Salary of All Teachers (£s)": "teacher_mean_salary_gbp",
    },
)

PERFORMANCE_KINDS: tuple[MeasureKind, ...] = (
    KS4,
    KS4_EES,
    KS4_DESTINATIONS,
    PUPIL_PREMIUM,
    WORKFORCE,
)
