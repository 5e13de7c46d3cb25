"""Screen free text for likely personal data before it is saved.

Peer review never needs a pupil's name, date of birth or number. Text that looks as if it holds
one is refused with a PERSONAL_DATA error naming what was found; the author removes it, or (when
the detector is wrong, e.g. a staff member's name) confirms and saves again.
"""

from __future__ import annotations

from peerqa.errors import PersonalData
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
