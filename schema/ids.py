"""Global IDs in mutation inputs: decode them, checking they name the expected type."""

from __future__ import annotations

from strawberry import relay

from peerqa.errors import ValidationFailed
from peerqa.schema.types.nodes import parse_key


def decode(raw: object, type_name: str, field: str) -> int:
    """The integer key inside a global ID of ``type_name``; VALIDATION error otherwise."""
    try:
        gid = relay.GlobalID.from_id(str(raw))
    except (ValueError, TypeError):
        gid = None
    key = parse_key(gid.node_id) if gid is not None and gid.type_name == type_name else None
    if key is None:
        raise ValidationFailed(f"That is not the ID of a {type_name}.", field=field)
    return key


def encode(type_name: str, key: int) -> str:
    return str(relay.GlobalID(type_name, str(key)))
