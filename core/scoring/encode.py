"""Fast JSON for scoring: results to store and inputs to fingerprint.

``peerqa score`` encodes about 100,000 results and 25,000 inputs per run, so this uses orjson,
which writes dataclasses itself; only read-only maps and odd number types come back here.
"""

from __future__ import annotations

import numbers
from types import MappingProxyType
from typing import Any

import orjson

OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS


def _default(value: Any) -> Any:
    if isinstance(value, MappingProxyType):
        return dict(value)
    if isinstance(value, float):  # a float subclass, e.g. numpy.float64
        return float(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    return str(value)


def dumps(value: Any, *, sort_keys: bool = False) -> bytes:
    """JSON bytes. Non-finite numbers become null (JSON has no NaN)."""
    options = OPTIONS | orjson.OPT_SORT_KEYS if sort_keys else OPTIONS
    return orjson.dumps(value, default=_default, option=options)


def dumps_text(value: Any) -> str:
    return dumps(value).decode()
