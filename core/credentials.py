"""Passwords (argon2id) and opaque random tokens (stored only as SHA-256 digests).

Hashing holds 64 MiB for ~0.15 s, so it runs in a worker thread behind a small semaphore: the
event loop stays responsive and a burst of logins cannot exhaust memory.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import weakref

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from peerqa.errors import ValidationFailed

PASSWORD_MIN_LENGTH = 15
PASSWORD_MAX_LENGTH = 128
MAX_CONCURRENT_HASHES = 4

_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile: t=3, m=64 MiB, p=4
_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)
# Verified against when the account does not exist, so timing does not reveal which e-mails exist.
_DUMMY_HASH = _hasher.hash("peerqa-timing-equaliser-not-a-password")


def _semaphore() -> asyncio.Semaphore:
    """One limiter per event loop (a semaphore belongs to the loop it first waits on)."""
    loop = asyncio.get_running_loop()
    if loop not in _slots:
        _slots[loop] = asyncio.Semaphore(MAX_CONCURRENT_HASHES)
    return _slots[loop]


def check_password_policy(password: str, *, email: str = "") -> None:
    """Length rules only (NIST SP 800-63B rev. 4): no composition rules, paste allowed."""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValidationFailed(
            f"Use a password of at least {PASSWORD_MIN_LENGTH} characters; "
            "a few random words make a good one.",
            field="password",
        )
    if len(password) > PASSWORD_MAX_LENGTH:
        raise ValidationFailed(
            f"Use a password of at most {PASSWORD_MAX_LENGTH} characters.", field="password"
        )
    if email and password.strip().lower() == email.strip().lower():
        raise ValidationFailed("Do not use your e-mail address as your password.", field="password")


async def hash_password(password: str) -> str:
    async with _semaphore():
        return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(stored_hash: str | None, password: str) -> bool:
    """Check a password; with no stored hash, still spend the time of one verification."""
    if len(password) > PASSWORD_MAX_LENGTH:
        return False
    async with _semaphore():
        return await asyncio.to_thread(_verify, stored_hash or _DUMMY_HASH, password, stored_hash)


def _verify(stored_hash: str, password: str, real: str | None) -> bool:
    try:
        _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    return real is not None


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def new_token(prefix: str = "") -> str:
    """A fresh 256-bit random token, URL-safe."""
    return prefix + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """What is stored for a token: its SHA-256, so a database leak reveals no usable token."""
    return hashlib.sha256(token.encode()).hexdigest()
