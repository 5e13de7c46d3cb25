"""The personal-data check on free text: what it flags, what it leaves alone, and its speed."""

from __future__ import annotations

import dataclasses
import time

import pytest

from peerqa.privacy import Finding, find_personal_data

KINDS = {"upn", "uln", "date_of_birth", "pupil_name", "email", "phone", "postcode"}


def found(text: str) -> list[tuple[str, str]]:
    return [(finding.kind, finding.excerpt) for finding in find_personal_data(text)]


@pytest.mark.parametrize(
    ("text", "kind", "excerpt"),
    [
        # Unique pupil numbers and unique learner numbers.
        ("UPN A123456789012 is on the list", "upn", "A123456789012"),
        ("upn a123456789012", "upn", "a123456789012"),
        ("Temporary UPN: A12345678901B", "upn", "A12345678901B"),
        ("Her number is A1234 5678 9012.", "upn", "A1234 5678 9012"),
        ("ULN 1234567890.", "uln", "1234567890"),
        # Dates of birth need a cue; the finding is the date itself.
        ("DOB: 12/03/2015", "date_of_birth", "12/03/2015"),
        ("D.O.B. 2015-03-12", "date_of_birth", "2015-03-12"),
        ("dob - 3rd March", "date_of_birth", "3rd March"),
        ("date of birth is March 3, 2015", "date_of_birth", "March 3, 2015"),
        ("He was born on 3rd March 2015 in Leeds.", "date_of_birth", "3rd March 2015"),
        ("Jayden (b. 12-03-15) joined in Year 2.", "date_of_birth", "12-03-15"),
        ("her birthday, 12 Mar 2016, fell in half term", "date_of_birth", "12 Mar 2016"),
        # Pupil names: a cue before...
        ("Pupils such as Jayden Smith struggled with fractions.", "pupil_name", "Jayden Smith"),
        ("a Year 6 pupil, Zainab Al-Hassan, explained", "pupil_name", "Zainab Al-Hassan"),
        ("In Year 5, Jayden Smith could not recall", "pupil_name", "Jayden Smith"),
        ("Y6 Jayden Smith said", "pupil_name", "Jayden Smith"),
        ("children e.g. Zoë Łukasiewicz read aloud", "pupil_name", "Zoë Łukasiewicz"),
        # ... or after.
        ("Amelia O'Connor (Y4) read fluently.", "pupil_name", "Amelia O'Connor"),
        ("Jayden Smith's mum said he is anxious", "pupil_name", "Jayden Smith"),
        ("Jayden Smith in Year 3 is on the SEND register", "pupil_name", "Jayden Smith"),
        ("Jayden Smith, aged 9, moved school", "pupil_name", "Jayden Smith"),
        ("Jayden Smith, who is a pupil in Year 4, said", "pupil_name", "Jayden Smith"),
        # A lone first name straight after an explicit pupil cue.
        ("We spoke to a pupil called Tom.", "pupil_name", "Tom"),
        ("pupil Tom said lessons are fun", "pupil_name", "Tom"),
        ("a girl named Aisha showed us", "pupil_name", "Aisha"),
        ("Tom's mum rang the office", "pupil_name", "Tom"),
        # Contact details.
        ("e-mail jo.bloggs@example.co.uk about it", "email", "jo.bloggs@example.co.uk"),
        ("call 07700 900123 after school", "phone", "07700 900123"),
        ("mobile +44 7700 900123", "phone", "+44 7700 900123"),
        ("home 020 7946 0018", "phone", "020 7946 0018"),
        ("home (020) 7946 0018", "phone", "(020) 7946 0018"),
        ("the family moved to SW1A 1AA last year", "postcode", "SW1A 1AA"),
        ("lives near m1 1ae", "postcode", "m1 1ae"),
    ],
)
def test_finds(text: str, kind: str, excerpt: str) -> None:
    assert found(text) == [(kind, excerpt)]


@pytest.mark.parametrize(
    "text",
    [
        "Year 5 pupils explained their reasoning in maths",
        "Mrs Patel's Year 3 class",
        "Leaders in the English department",
        "On Tuesday 12 March the team visited",
        "Key Stage 2",
        "The SENCo and the DSL met us",
        "Pupil premium funding",
        "Ofsted",
        "St Hilda's",
        "Northfield Primary School",
        "The team visited on 12/03/2026 and again on 13-03-2026.",
        "Mr John Smith in Year 3 led the lesson.",
        "Dr. Amelia Smith in Year 3 observed phonics.",
        "Sarah Jones teaches Year 4.",
        "Sarah Jones (Y4 teacher) showed us books.",
        "The SENCo, Amy Brown, in Year 3 explained the provision.",
        "Year 6 teacher Sarah Jones said",
        "Pupils at Oak Hill Primary use White Rose materials.",
        "Year 5 White Rose maths and Little Wandle phonics in Year 1.",
        "Year 6 Nativity Play and the Year 4 Roman Day.",
        "Pupil Progress Meetings take place each term.",
        "The team met Sarah Jones. Pupils said they feel safe.",
        "Staff celebrated birthdays in assembly on 3 March 2025.",
        "The school was born out of a 2015 merger.",
        "Attendance is 95.6% (2023-24); 30 pupils (12%) are eligible for free school meals.",
        "Call the trust on 0300 123 4567 or 0800 123 4567.",
        "Scores: 01 02 03 04 05. Budget £1,234,567,890.",
        "KS2 4TH cohort; B12 3CD is not a postcode.",
        "Pupils in Year 4 talked about the Great Fire of London and Ancient Egypt.",
    ],
)
def test_ordinary_school_prose_has_no_findings(text: str) -> None:
    assert found(text) == []


def test_a_long_review_note_has_no_findings() -> None:
    note = (
        "Year 5 pupils explained their reasoning in maths. Mrs Patel's Year 3 class used White "
        "Rose materials well. Leaders in the English department have a clear rationale for the "
        "Key Stage 2 reading curriculum. On Tuesday 12 March the team visited lessons in Years 1 "
        "to 6. The SENCo and the DSL met us to discuss how Pupil premium funding is spent. Ofsted "
        "last inspected St Hilda's in 2019; Northfield Primary School joined the trust in "
        "September 2021. In Year 6, pupils talked about the Stone Age. Children in Reception were "
        "confident. Mr Ahmed, the Year 2 teacher, and Miss O'Brien (Y1) led phonics. The "
        "headteacher, Sarah Jones, explained the behaviour policy. Pupils told us they feel safe. "
        'A pupil said, "Maths is my favourite." Deep dives: reading, maths, history (Y3-Y6).'
    )
    assert found(note) == []


def test_findings_come_in_order_with_offsets_into_the_input() -> None:
    text = (
        "Pupils such as Jayden Smith (UPN A123456789012, DOB: 12/03/2015) live at SW1A 1AA; "
        "mum is on 07700 900123 or jo@example.org."
    )
    findings = find_personal_data(text)
    assert [finding.kind for finding in findings] == [
        "pupil_name",
        "upn",
        "date_of_birth",
        "postcode",
        "phone",
        "email",
    ]
    starts = [finding.start for finding in findings]
    assert starts == sorted(set(starts))
    for finding in findings:
        assert text[finding.start : finding.start + len(finding.excerpt)] == finding.excerpt


def test_a_list_of_pupils_is_flagged_name_by_name() -> None:
    assert found("pupils including Tom, Aisha and Amelia Rose Smith") == [
        ("pupil_name", "Tom"),
        ("pupil_name", "Aisha"),
        ("pupil_name", "Amelia Rose Smith"),
    ]


def test_every_kind_has_a_one_sentence_message_saying_what_to_change() -> None:
    text = (
        "Y4 pupil Jayden Smith A123456789012 1234567890 DOB 12/03/2015 jo@example.org "
        "07700 900123 SW1A 1AA"
    )
    findings = find_personal_data(text)
    assert {finding.kind for finding in findings} == KINDS
    for finding in findings:
        assert finding.message.startswith("This looks like")
        assert finding.message.endswith(".")
        assert "\n" not in finding.message
        assert "Remove" in finding.message or "Replace" in finding.message
    upn = next(finding for finding in findings if finding.kind == "upn")
    assert "unique pupil number (UPN)" in upn.message


def test_finding_is_immutable() -> None:
    finding = find_personal_data("pupil Tom said")[0]
    assert finding == Finding("pupil_name", "Tom", 6, finding.message)
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00",
        "\U0001f600\U0001f469\u200d\U0001f3eb",
        "\u200f\u200e",
        "\ufeff",
        "a\x00b",
        "\u2019'-@.+()",
    ],
)
def test_odd_input_is_handled(text: str) -> None:
    assert find_personal_data(text) == []


def test_invisible_and_control_characters_do_not_hide_or_break_findings() -> None:
    assert found("\u200fJayden Smith\u200f (Y4)\x00 😀 DOB: 12/03/2015\x00") == [
        ("pupil_name", "Jayden Smith"),
        ("date_of_birth", "12/03/2015"),
    ]
    assert found("😀 UPN A123456789012 \u200f") == [("upn", "A123456789012")]


PROSE = (
    "Year 5 pupils explained their reasoning in maths; pupils such as Jayden Smith (Y5) used "
    "place value charts. Mrs Patel's class visited on 12/03/2026. "
)


@pytest.mark.parametrize(
    "text",
    [
        PROSE * (100_000 // len(PROSE) + 1),
        "a" * 100_000,
        "1" * 100_000,
        "a." * 50_000,
        "x@" + "a." * 49_999,
        "a@" * 50_000,
        "Aa " * 33_334,
        "0 " * 50_000,
        "DOB " * 25_000,
        "12/" * 33_334,
        "pupil " * 16_667,
        "Year 6, " * 12_500,
        "and Tom, " * 11_112,
        "\x00\u200f😀" * 33_334,
    ],
    ids=lambda text: repr(text[:8]),
)
def test_100k_characters_are_checked_quickly(text: str) -> None:
    assert len(text) >= 100_000
    began = time.perf_counter()
    find_personal_data(text)
    assert time.perf_counter() - began < 1.0
