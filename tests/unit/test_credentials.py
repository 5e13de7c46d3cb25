from __future__ import annotations

import pytest
from argon2 import extract_parameters
from argon2.low_level import Type

from peerqa.credentials import (
    check_password_policy,
    digest,
    hash_password,
    new_token,
    verify_password,
)
from peerqa.errors import ValidationFailed


@pytest.mark.parametrize("password", ["short", "fourteen chars", "x" * 129, "me@school.test"])
def test_policy_rejects(password: str) -> None:
    with pytest.raises(ValidationFailed):
        check_password_policy(password, email="me@school.test")


@pytest.mark.parametrize(
    "password", ["fifteen chars!!", "all lowercase no digits at all", "x" * 128]
)
def test_policy_has_no_composition_rules(password: str) -> None:
    check_password_policy(password)


async def test_argon2id_with_owasp_parameters() -> None:
    stored = await hash_password("a long enough password")
    params = extract_parameters(stored)
    assert params.type is Type.ID
    assert params.memory_cost >= 19 * 1024
    assert params.time_cost >= 2
    assert await verify_password(stored, "a long enough password")
    assert not await verify_password(stored, "a long enough passworD")
    assert not await verify_password(None, "a long enough password")
    assert not await verify_password("not-a-hash", "a long enough password")


def test_tokens_are_random_and_digests_stable() -> None:
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    token = new_token("pqa_")
    assert token.startswith("pqa_")
    assert len(token) >= 4 + 43  # 256 bits in URL-safe base64
    assert digest(token) == digest(token) != digest(token + "x")
