"""Spot likely pupil-identifiable data in free text before a reviewer saves it.

Peer review must never hold personal data about pupils: evidence notes, judgement rationales,
concerns and AP placement notes should describe practice, not children. Reviewers still type
things like "Jayden Smith (Y4) could not explain..." or paste a UPN, so every free-text field is
checked here and the author is warned, sentence by sentence, about what to remove.

This is a heuristic that *warns*, it does not block: it looks for the shapes of UPNs, ULNs,
dates of birth, pupil names, e-mail addresses, UK phone numbers and postcodes. It is tuned to stay
quiet on ordinary school-review prose ("Mrs Patel's Year 3 class", "Key Stage 2", "Northfield
Primary School"), so it will miss some personal data and occasionally flag something harmless;
the author decides. Every pattern is linear-time, so long or hostile input cannot stall a request.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal, NamedTuple

__all__ = ["Finding", "find_personal_data"]


@dataclass(frozen=True)
class Finding:
    kind: str  # "upn" | "date_of_birth" | "pupil_name" | "email" | "phone" | "postcode" | "uln"
    excerpt: str  # the matched text, as it appears
    start: int  # offset in the input
    message: str  # one plain-English sentence telling the author what to change


_Kind = Literal["upn", "uln", "email", "phone", "postcode", "date_of_birth", "pupil_name"]

_MESSAGES: Final[dict[_Kind, str]] = {
    "upn": "This looks like a unique pupil number (UPN). Remove it: peer review does not need it.",
    "uln": (
        "This looks like a unique learner number (ULN). Remove it: peer review does not need it."
    ),
    "email": (
        "This looks like an e-mail address. Remove it: contact details do not belong in "
        "review notes."
    ),
    "phone": (
        "This looks like a phone number. Remove it: contact details do not belong in review notes."
    ),
    "postcode": (
        "This looks like a postcode. Remove it: an address can identify a pupil or their family."
    ),
    "date_of_birth": (
        "This looks like a pupil's date of birth. Remove it, or give the year group instead."
    ),
    "pupil_name": (
        "This looks like a pupil's name. Replace it with a description such as 'a Year 4 pupil'."
    ),
}

# When two findings overlap, the earlier one wins; at the same offset, the longer one, then this.
_PRIORITY: Final[dict[_Kind, int]] = {
    "upn": 0,
    "uln": 1,
    "email": 2,
    "phone": 3,
    "postcode": 4,
    "date_of_birth": 5,
    "pupil_name": 6,
}

_Span = tuple[int, int, _Kind]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def find_personal_data(text: str) -> list[Finding]:
    """Likely personal data in free text, in order of appearance (no duplicates at one offset)."""
    if not text:
        return []
    spans: list[_Span] = [
        *_upns(text),
        *_ulns(text),
        *_emails(text),
        *_phones(text),
        *_postcodes(text),
        *_dates_of_birth(text),
        *_pupil_names(text),
    ]
    spans.sort(key=lambda span: (span[0], span[0] - span[1], _PRIORITY[span[2]]))
    findings: list[Finding] = []
    covered_to = -1
    for start, end, kind in spans:
        if start < covered_to:
            continue
        findings.append(Finding(kind, text[start:end], start, _MESSAGES[kind]))
        covered_to = end
    return findings


# --- Identifiers ----------------------------------------------------------------------------

# A letter then 12 digits (or 11 digits and a letter: a temporary UPN), optionally grouped in 4s.
_UPN_RE: Final = re.compile(
    r"(?<![^\W_])[A-Za-z]( ?)(?:\d{12}|\d{11}[A-Z]|\d{4} \d{4} \d{4})(?![^\W_])"
)
# ULNs are ten digits and never start with 0; a longer or decimal number is something else.
_ULN_RE: Final = re.compile(r"(?<![\w.,/£$€+-])[1-9]\d{9}(?![\w£$€%]|[.,/]\d)")


def _upns(text: str) -> Iterator[_Span]:
    for match in _UPN_RE.finditer(text):
        if match.group(1) and not match.group(0)[0].isupper():
            continue  # "a 123456789012" is an article and a number, not a UPN
        yield match.start(), match.end(), "upn"


def _ulns(text: str) -> Iterator[_Span]:
    for match in _ULN_RE.finditer(text):
        yield match.start(), match.end(), "uln"


# The lookbehind means a match can only start at the beginning of a run of address characters,
# so a long run without an "@" is scanned once rather than once per position.
_EMAIL_RE: Final = re.compile(
    r"(?<![\w.%+-])[\w%+-][\w.%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)


def _emails(text: str) -> Iterator[_Span]:
    for match in _EMAIL_RE.finditer(text):
        yield match.start(), match.end(), "email"


# UK numbers people give out for families: 01/02 landlines and 07 mobiles. 03/08/09 numbers
# belong to organisations, so they are left alone.
_PHONE_RE: Final = re.compile(
    r"(?<![\w+])(?:\+44 ?(?:\(0\) ?)?|\(0|0)(?P<first>[127])(?:\)?[ -]?\d){8,9}(?!\d)"
)
_MAX_PHONE_SEPARATORS: Final = 3


def _phones(text: str) -> Iterator[_Span]:
    for match in _PHONE_RE.finditer(text):
        number = match.group(0)
        national = sum(ch.isdigit() for ch in number[match.start("first") - match.start() :])
        if match.group("first") == "7" and national != 10:  # noqa: PLR2004 - 07xxx xxxxxx
            continue
        if sum(ch in " -" for ch in number) > _MAX_PHONE_SEPARATORS:
            continue  # "01 02 03 04 05" is a list, not a phone number
        yield match.start(), match.end(), "phone"


_POSTCODE_AREAS: Final = _words(
    """AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL
    DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L
    LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE
    SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO
    ZE"""
)
_POSTCODE_RE: Final = re.compile(
    r"(?<![^\W_])(?P<area>[A-Za-z]{1,2})\d[A-Za-z\d]?(?P<space> ?)\d(?P<unit>[A-Za-z]{2})(?![^\W_])"
)
# The inward code's letters never include C, I, K, M, O or V.
_INWARD_LETTERS: Final = frozenset("ABDEFGHJLNPQRSTUWXYZ")
_ORDINAL_SUFFIXES: Final = frozenset({"st", "nd", "rd", "th"})


def _postcodes(text: str) -> Iterator[_Span]:
    for match in _POSTCODE_RE.finditer(text):
        code = match.group(0)
        if match.group("area").upper() not in _POSTCODE_AREAS:
            continue
        if not set(match.group("unit").upper()) <= _INWARD_LETTERS:
            continue
        if code.islower():
            # Lower-case postcodes are plausible only written in full, and "e2 1st" is not one.
            if not match.group("space") or match.group("unit") in _ORDINAL_SUFFIXES:
                continue
        elif not code.isupper():
            continue
        yield match.start(), match.end(), "postcode"


# --- Dates of birth ---------------------------------------------------------------------------

_MONTH: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
_ORD: Final = r"(?:st|nd|rd|th)?"
_SP: Final = r"[ \t\u00a0]{1,3}"
# A complete date: numeric day-month-year (UK order), ISO, "12 March 2015", "March 12, 2015".
_FULL_DATE: Final = (
    rf"(?P<d1>\d{{1,2}})(?P<sep>[/.-])(?P<m1>\d{{1,2}})(?P=sep)(?:\d{{4}}|\d{{2}})"
    rf"|\d{{4}}-(?P<m2>\d{{1,2}})-(?P<d2>\d{{1,2}})"
    rf"|(?P<d3>\d{{1,2}}){_ORD}{_SP}(?:of{_SP})?{_MONTH},?{_SP}(?:\d{{4}}|'\d{{2}})"
    rf"|{_MONTH}{_SP}(?P<d4>\d{{1,2}}){_ORD},?{_SP}\d{{4}}"
)
# Straight after a "DOB" label, anything date-like counts: "3rd March", "03/2015", "2015".
_PARTIAL_DATE: Final = (
    rf"(?P<d5>\d{{1,2}}){_ORD}{_SP}(?:of{_SP})?{_MONTH}(?:,?{_SP}(?:\d{{4}}|'?\d{{2}}))?"
    rf"|{_MONTH}{_SP}(?:\d{{4}}|\d{{1,2}}{_ORD})"
    rf"|\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-]\d{{2,4}})?"
    rf"|(?:19|20)\d{{2}}"
)
_DATE_RE: Final = re.compile(rf"(?<![\w/.-])(?:{_FULL_DATE})(?![\w/]|[.-]\d)", re.IGNORECASE)
_LABELLED_DATE_RE: Final = re.compile(
    rf"(?:{_FULL_DATE}|{_PARTIAL_DATE})(?![\w/]|[.-]\d)", re.IGNORECASE
)
_DOB_LABEL_RE: Final = re.compile(
    r"(?<![^\W_])(?:d\.? ?o\.? ?b\b\.?|date of birth|birth ?date)"
    r"[ \t\u00a0]*(?:[:=\u2013-]|is|was)?[ \t\u00a0]*",
    re.IGNORECASE,
)
_DOB_CUE_RE: Final = re.compile(
    r"(?<![^\W_])(?:d\.? ?o\.? ?b\b\.?|(?:date of birth|birth ?date|born|birthday)\b|(?-i:b\.))",
    re.IGNORECASE,
)
_CUE_REACH: Final = 40
_SENTENCE_BREAK_RE: Final = re.compile(r"[!?\n]|\.(?:\s|$)")
_MAX_DAY: Final = 31
_MAX_MONTH: Final = 12


def _plausible(match: re.Match[str]) -> bool:
    """Day 1-31 and month 1-12 where the match has them as numbers."""
    for day_group in ("d1", "d2", "d3", "d4", "d5"):
        day = match.groupdict().get(day_group)
        if day is not None and not 1 <= int(day) <= _MAX_DAY:
            return False
    for month_group in ("m1", "m2"):
        month = match.groupdict().get(month_group)
        if month is not None and not 1 <= int(month) <= _MAX_MONTH:
            return False
    return True


def _dates_of_birth(text: str) -> Iterator[_Span]:
    for label in _DOB_LABEL_RE.finditer(text):
        date = _LABELLED_DATE_RE.match(text, label.end())
        if date is not None and date.end() > date.start() and _plausible(date):
            yield date.start(), date.end(), "date_of_birth"
    for date in _DATE_RE.finditer(text):
        if _plausible(date) and _has_birth_cue_before(text, date.start()):
            yield date.start(), date.end(), "date_of_birth"


def _has_birth_cue_before(text: str, position: int) -> bool:
    window_start = max(0, position - _CUE_REACH - 16)  # room for a cue that starts just outside
    cues = list(_DOB_CUE_RE.finditer(text, window_start, position))
    if not cues or position - cues[-1].end() > _CUE_REACH:
        return False
    return _SENTENCE_BREAK_RE.search(text, cues[-1].end(), position) is None


# --- Pupil names ------------------------------------------------------------------------------


_TITLES: Final = _words(
    "mr mrs ms miss mx dr prof professor sir dame rev revd reverend lady lord st saint"
)
_PUPIL_NOUNS: Final = _words(
    """pupil pupils child children student students boy boys girl girls learner learners son
    daughter kid kids youngster youngsters toddler toddlers"""
)
_SINGULAR_PUPIL_NOUNS: Final = _words("pupil child student boy girl learner")
# "A friend called Tom": these count as a cue only together with "called" or "named".
_PERSON_NOUNS: Final = _words(
    "friend friends classmate classmates sibling siblings brother sister cousin twin someone person"
)
_CONNECTORS: Final = _words(
    """such as like including incl especially particularly namely eg e g ie i called named a an
    one whose name is was"""
)
_ABBREVIATIONS: Final = _words("e g i eg ie incl esp")
_FORWARD_SKIP: Final = _words("who is was a an in currently now also")
_FORWARD_STRONG: Final = _words("dob upn uln born")
_STAFF_NOUNS: Final = _words(
    """teacher teachers ta tas hlta lead leads leader leaders team tutor tutors practitioner
    assistant assistants coordinator head staff"""
)
# Job titles that make the next name a member of staff: "the SENCo, Amy Brown, in Year 3".
_STAFF_ROLES: Final = _STAFF_NOUNS | _words(
    """senco sendco dsl ddsl headteacher headteachers principal deputy governor governors chair
    ceo trustee trustees manager officer adviser advisor inspector reviewer colleague clerk
    bursar caretaker mentor ht dht aht slt senior"""
)
_STAFF_LEAD_INS: Final = _words("the a an our their its school's")
_AGE_WORDS: Final = _words("aged age")
_YEAR_WORDS: Final = _words("year yr")
_SINGULAR_FAMILY: Final = _words(
    """mum mummy mam mom dad daddy mother father stepmum stepdad stepmother stepfather carer
    grandma grandad granddad grandmother grandfather nan nana nanna gran grandpa grandparent
    brother sister aunt auntie uncle foster"""
)
_FAMILY_OR_RECORD: Final = _SINGULAR_FAMILY | _words(
    """parent parents carers family grandparents siblings attendance behaviour ehcp iep plan
    exclusion suspension teacher""",
)
# Capitalised words that glue onto a neighbouring capitalised word to make something that is
# not a person: "Northfield Primary", "Key Stage", "White Rose Maths", "Stone Age".
_BLOCKERS: Final = _words(
    """
    school schools primary secondary infant infants junior juniors nursery academy academies
    college trust federation partnership hub university council authority department faculty
    centre center church cathedral chapel mosque synagogue temple gurdwara road street lane avenue
    close drive way park house hall court gardens square crescent terrace estate farm hospital
    surgery clinic library museum stadium leisure services service team teams group groups board
    committee panel forum network alliance foundation charity society club clubs league office
    unit base provision campus site building block wing community village town city county
    borough district ward region high grammar comprehensive studio pru
    key stage stages premium progress meeting meetings review reviews deep dive dives curriculum
    assessment policy plan plans framework handbook lead leads leader leaders leadership manager
    management governor governors governing body teacher teachers teaching assistant assistants
    head headteacher deputy principal executive chief officer chair trustee trustees coordinator
    senco inclusion safeguarding attendance behaviour welfare wellbeing health mental pastoral
    support intervention interventions tutoring tutor national programme program scheme mastery
    recovery screening check test tests mock exams exam levels level award awards week day days
    month term fair festival assembly trip visit residential parliament voice ambassadors
    ambassador prefects prefect captain captains monitor monitors buddy buddies champions
    champion squad choir orchestra band set sets cohort class classes lesson lessons booster
    boosters play production nativity show performance concert rehearsal rehearsals crew camp
    disco party sale bake carers young early years protection act relief
    english maths mathematics math science sciences history geography art music computing french
    spanish german latin mandarin urdu arabic polish drama dance physics chemistry biology pe
    pshe rshe rse dt design technology phonics reading writing spelling grammar literacy
    numeracy religious education physical citizenship languages language economics psychology
    sociology business studies media statistics sport sports swimming oracy handwriting
    football netball rugby cricket hockey tennis athletics gymnastics basketball rounders
    value place division multiplication addition subtraction fractions decimals percentages
    geometry measurement shape number algebra ratio age ancient roman romans egypt egyptians
    greece greeks britain vikings saxons anglo tudors victorians stuarts normans mayans aztecs
    stone bronze iron world war wars fire great plague space plants animals humans light sound
    forces magnets electricity materials rocks states matter living things habitats evolution
    inheritance earth sun moon water cycle local area study topic project focus rainforest
    rivers mountains volcanoes earthquakes continents oceans europe africa asia america
    australia antarctica london england scotland wales ireland united kingdom bible quran
    christianity islam judaism hinduism sikhism buddhism stars reader inc tables sounds wandle
    """
)
# Capitalised words that are never names but do not glue: sentence openers, days, months,
# festivals and the usual proper nouns of school review.
_NOT_NAMES: Final = _PUPIL_NOUNS | _words(
    """
    the a an and or but if in on at by for from to of with without during after before when
    while where whilst then also however although though because so as this that these those
    there here their they we our us he she his her him it its i you your my all some many most
    few each every both no not yes overall today yesterday tomorrow next last first second third
    finally additionally further furthermore moreover meanwhile currently recently previously
    later earlier following given since until despite within across around through throughout
    between among about above below under over via per please thanks well very good strong clear
    notes note evidence judgement judgements rationale concern concerns strengths areas action
    actions summary comment comments question questions feedback observation observations work
    books book what which who why how did does do is are was were has have had be been being
    can could should would will may might must shall one two three four five six seven eight
    nine ten other another such same only just even more less again still yet ofsted dfe eef
    send sen ehcp dsl slt mat ks1 ks2 ks3 ks4 eyfs sats gcse reception nursery christmas easter
    eid diwali ramadan hanukkah vaisakhi harvest remembrance
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
# Two-word phrases made of name-like words: "White Rose", "Little Wandle".
_PHRASES: Final = frozenset(
    {
        ("white", "rose"),
        ("little", "wandle"),
        ("read", "write"),
        ("power", "maths"),
        ("rock", "stars"),
        ("times", "tables"),
        ("jolly", "phonics"),
        ("oak", "national"),
        ("comic", "relief"),
        ("red", "nose"),
        ("black", "history"),
    }
)
_YEAR_CUE_TOKEN_RE: Final = re.compile(r"(?:y|yr|year)(?:[1-9]|1[0-3]|r)", re.IGNORECASE)
_YEAR_NUMBERS: Final = frozenset({*(str(n) for n in range(1, 14)), "r"})
_YEAR_OLD_RE: Final = re.compile(r"\d{1,2}-years?-old", re.IGNORECASE)
_MAX_AGE: Final = 19
_WORD_RE: Final = re.compile(r"[^\W_](?:[^\W_]|['\u2019-](?=[^\W_]))*")
_APOSTROPHES: Final = "'\u2019"
_INVISIBLE: Final = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_RUN_GAP_RE: Final = re.compile(rf"[ \u00a0{_INVISIBLE}]{{1,3}}")
_TITLE_GAP_RE: Final = re.compile(rf"\.?[ \u00a0{_INVISIBLE}]{{1,3}}")
_CUE_GAP_RE: Final = re.compile(rf"[\s,;:()\[\]\u2013\u2014\u2022*{_INVISIBLE}-]*")
_AND_GAP_RE: Final = re.compile(rf"[ \u00a0{_INVISIBLE}]*,?[ \u00a0{_INVISIBLE}]*")
_LIST_GAP_RE: Final = re.compile(rf"[ \u00a0{_INVISIBLE}]*[,&][ \u00a0{_INVISIBLE}]*")
_MAX_NAME_WORDS: Final = 3
_MAX_CONNECTORS: Final = 3


class _Token(NamedTuple):
    start: int
    core_end: int  # end of the word without a possessive "'s"
    end: int
    core: str
    lower: str
    possessive: bool
    capitalised: bool


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _WORD_RE.finditer(text):
        word = match.group(0)
        possessive = len(word) > 2 and word[-2] in _APOSTROPHES and word[-1] == "s"  # noqa: PLR2004
        core = word[:-2] if possessive else word
        tokens.append(
            _Token(
                match.start(),
                match.start() + len(core),
                match.end(),
                core,
                core.lower(),
                possessive,
                core[0].isupper(),
            )
        )
    return tokens


def _name_like(word: str) -> bool:
    """Capitalised like a name: "Jayden", "O'Connor", "Al-Hassan", "McDonald", "Zoë"."""
    if len(word) < 2 or not word[0].isupper() or any(ch.isdigit() for ch in word):  # noqa: PLR2004
        return False
    if word[1] in _APOSTROPHES:
        return len(word) > 2 and word[2].isupper()  # noqa: PLR2004
    return word[1].islower()


_Role = Literal["title", "blocker", "other", "name"]


def _role(token: _Token) -> _Role:
    if token.lower in _TITLES and token.capitalised:
        return "title"
    if token.lower in _BLOCKERS:
        return "blocker"
    if token.lower in _NOT_NAMES or not _name_like(token.core):
        return "other"
    return "name"


class _NameFinder:
    """Pupil names are capitalised words next to a pupil cue; everything else is left alone."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.roles = [_role(token) for token in self.tokens]
        self.segments = self._segments()

    def gap(self, right: int) -> str:
        """The text between token ``right - 1`` and token ``right``."""
        return self.text[self.tokens[right - 1].end : self.tokens[right].start]

    def same_run(self, right: int) -> bool:
        """Tokens ``right - 1`` and ``right`` are adjacent capitalised words, as in a name."""
        left = self.tokens[right - 1]
        return (
            left.capitalised
            and self.tokens[right].capitalised
            and not left.possessive
            and _RUN_GAP_RE.fullmatch(self.gap(right)) is not None
        )

    def _segments(self) -> dict[int, int]:
        """Start index -> end index of each run of 1-3 name-like words that could be a person."""
        segments: dict[int, int] = {}
        count = len(self.tokens)
        index = 0
        while index < count:
            if self.roles[index] != "name":
                index += 1
                continue
            end = index
            while end + 1 < count and self.roles[end + 1] == "name" and self.same_run(end + 1):
                end += 1
            if self._could_be_person(index, end):
                segments[index] = end
            index = end + 1
        return segments

    def _could_be_person(self, start: int, end: int) -> bool:
        if end - start + 1 > _MAX_NAME_WORDS:
            return False
        if start > 0:
            before = self.roles[start - 1]
            if before == "blocker" and self.same_run(start):
                return False
            if before == "title" and _TITLE_GAP_RE.fullmatch(self.gap(start)):
                return False  # "Mrs Patel", "Mr. John Smith", "St Hilda's": staff or places
        if (
            end + 1 < len(self.tokens)
            and self.roles[end + 1] == "blocker"
            and self.same_run(end + 1)
        ):
            return False
        words = [token.lower for token in self.tokens[start : end + 1]]
        return not any(pair in _PHRASES for pair in itertools.pairwise(words))

    def cue_gap_ok(self, right: int) -> bool:
        gap = self.gap(right)
        if "." in gap and self.tokens[right - 1].lower in _ABBREVIATIONS:
            gap = gap.replace(".", "", 1)
        if _CUE_GAP_RE.fullmatch(gap) is None or gap.count("\n") > 1:
            return False
        return "\n" not in gap or any(mark in gap for mark in ":-\u2022*")

    def year_cue_ends_at(self, index: int) -> bool:
        """ "Y6", "Year 6" or "yr 6" ends at token ``index``."""
        token = self.tokens[index]
        if _YEAR_CUE_TOKEN_RE.fullmatch(token.core):
            return True
        return (
            token.lower in _YEAR_NUMBERS
            and index > 0
            and self.tokens[index - 1].lower in _YEAR_WORDS
            and _RUN_GAP_RE.fullmatch(self.gap(index)) is not None
        )

    def pupil_year_starts_at(self, index: int) -> bool:
        """ "Y4" or "Year 4" starts at token ``index`` and is not "Y4 teacher" or "Year 4 lead"."""
        token = self.tokens[index]
        if _YEAR_CUE_TOKEN_RE.fullmatch(token.core):
            after = index + 1
        elif (
            token.lower in _YEAR_WORDS
            and index + 1 < len(self.tokens)
            and self.tokens[index + 1].lower in _YEAR_NUMBERS
            and _RUN_GAP_RE.fullmatch(self.gap(index + 1)) is not None
        ):
            after = index + 2
        else:
            return False
        return after >= len(self.tokens) or self.tokens[after].lower not in _STAFF_NOUNS

    def leading_cue(self, start: int, *, lone: bool) -> bool:
        """A cue just before: "pupil Tom", "a boy called Tom", "pupils such as Jayden Smith"."""
        index = start - 1
        connectors = 0
        called = False
        while index >= 0 and connectors <= _MAX_CONNECTORS:
            if not self.cue_gap_ok(index + 1):
                return False
            token = self.tokens[index]
            # "Pupil Progress" is a title-case phrase, not a cue followed by a name.
            heading = token.capitalised and self.same_run(index + 1)
            if token.lower in _PUPIL_NOUNS and not heading:
                return True
            if called and token.lower in _PERSON_NOUNS:
                return True
            if not lone and self.year_cue_ends_at(index):
                return True
            if token.lower not in _CONNECTORS:
                return False
            called = called or token.lower in {"called", "named"}
            connectors += 1
            index -= 1
        return False

    def trailing_cue(self, end: int) -> bool:
        """A cue just after: "(Y4)", "in Year 3", ", aged 9", "'s mum", "who is a pupil"."""
        index = end + 1
        if index >= len(self.tokens):
            return False
        if self.tokens[end].possessive:
            return (
                self.tokens[index].lower in _FAMILY_OR_RECORD
                and _RUN_GAP_RE.fullmatch(self.gap(index)) is not None
            )
        previous = ""
        skipped = 0
        while index < len(self.tokens) and skipped <= _MAX_CONNECTORS:
            if not self.cue_gap_ok(index):
                return False
            if self.pupil_detail_at(index, previous):
                return True
            previous = self.tokens[index].lower
            if previous not in _FORWARD_SKIP:
                return False
            skipped += 1
            index += 1
        return False

    def pupil_detail_at(self, index: int, previous: str) -> bool:
        """Token ``index`` starts "Year 4", "Y4", "aged 9", "9-year-old", "a pupil", "DOB"..."""
        word = self.tokens[index].lower
        return (
            self.pupil_year_starts_at(index)
            or word in _FORWARD_STRONG
            or _YEAR_OLD_RE.fullmatch(word) is not None
            or (word in _AGE_WORDS and self.age_follows(index))
            or (word in _SINGULAR_PUPIL_NOUNS and previous in {"a", "an"})
            or (word in {"reception", "nursery"} and previous == "in")
        )

    def age_follows(self, index: int) -> bool:
        if index + 1 >= len(self.tokens):
            return False
        word = self.tokens[index + 1].lower
        return len(word) <= 2 and word.isdigit() and 1 <= int(word) <= _MAX_AGE  # noqa: PLR2004

    def family_follows(self, index: int) -> bool:
        return (
            self.tokens[index].possessive
            and index + 1 < len(self.tokens)
            and self.tokens[index + 1].lower in _SINGULAR_FAMILY
            and _RUN_GAP_RE.fullmatch(self.gap(index + 1)) is not None
        )

    def flagged(self, start: int, end: int) -> bool:
        if start == end:  # a lone word is a name only straight after an explicit pupil cue
            return self.leading_cue(start, lone=True) or self.family_follows(end)
        if self.leading_cue(start, lone=False):
            return True
        return self.trailing_cue(end) and not self.staff_role_before(start)

    def staff_role_before(self, start: int) -> bool:
        """ "The SENCo, Amy Brown, ...": a job title just before the name."""
        index = start - 1
        while index >= 0 and start - index <= _MAX_CONNECTORS and self.cue_gap_ok(index + 1):
            word = self.tokens[index].lower
            if word in _STAFF_ROLES:
                return True
            if word not in _STAFF_LEAD_INS:
                return False
            index -= 1
        return False

    def next_in_list(self, end: int) -> int | None:
        """The start of a name listed after this one: "pupils Tom, Aisha and Jayden"."""
        index = end + 1
        if index >= len(self.tokens) or self.tokens[end].possessive:
            return None
        if self.tokens[index].lower in {"and", "or"}:
            index += 1
            if index >= len(self.tokens) or not (
                _AND_GAP_RE.fullmatch(self.gap(index - 1))
                and _RUN_GAP_RE.fullmatch(self.gap(index))
            ):
                return None
        elif _LIST_GAP_RE.fullmatch(self.gap(index)) is None:
            return None
        return index if index in self.segments else None

    def spans(self) -> Iterator[_Span]:
        done: set[int] = set()
        for start, end in self.segments.items():
            if start in done or not self.flagged(start, end):
                continue
            current: int | None = start
            while current is not None and current not in done:
                last = self.segments[current]
                done.add(current)
                yield self.tokens[current].start, self.tokens[last].core_end, "pupil_name"
                current = self.next_in_list(last)


def _pupil_names(text: str) -> Iterator[_Span]:
    return _NameFinder(text).spans()
