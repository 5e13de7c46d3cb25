"""Screen free text for likely personal data before it is saved.

Peer review never needs a pupil's name, date of birth or number. Text that looks as if it holds
one is refused with a PERSONAL_DATA error naming what was found; the author removes it, or (when
the detector is wrong, e.g. a staff member's name) confirms and saves again.
"""

from __future__ import annotations

from peerqa.errors import PersonalData, ValidationFailed
from peerqa.privacy import find_personal_data


def check_text(text: str, field: str, *, confirmed: bool) -> None:
    """Raise PersonalData for likely personal data in ``text`` unless the author confirmed."""
    if confirmed or not text:
        return
    findings = find_personal_data(text)
    if findings:
        first = findings[0]
        more = f" ({len(findings) - 1} more found)" if len(findings) > 1 else ""
        raise PersonalData(f"{first.message} Found: {first.excerpt!r}{more}.", field=field)


def free_text(
    value: str, field: str, *, confirmed: bool, limit: int, missing: str | None = None
) -> str:
    """``value`` stripped and checked for saving: present (``missing`` is the message when it
    must be and is not), at most ``limit`` characters, and screened for personal data."""
    text = value.strip()
    if missing is not None and not text:
        raise ValidationFailed(missing, field=field)
    if len(text) > limit:
        raise ValidationFailed(f"Use at most {limit} characters.", field=field)
    check_text(text, field, confirmed=confirmed)
    return text
