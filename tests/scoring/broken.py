"""Deliberately broken plugins, and a sound one beside them, for the isolation tests."""

from __future__ import annotations

import os
import time
import types
from typing import Any

from peerqa import hookimpl
from peerqa.scoring import Score, ScoringInput


def _module(name: str, **hooks: Any) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        function.__name__ = hook_name
        setattr(module, hook_name, hookimpl(function))
    return module


def _sound(inp: ScoringInput) -> list[Score]:
    pupils = inp.latest("pupils")
    if pupils is None:
        return []
    return [
        Score(
            area="context",
            key="pupils",
            label="Pupils",
            value=pupils[1],
            explanation=f"{pupils[1]:.0f} pupils on roll.",
            year=pupils[0].year,
        )
    ]


def _raises(inp: ScoringInput) -> list[Score]:
    raise ZeroDivisionError("division by zero in a plugin")


def _garbage(inp: ScoringInput) -> Any:
    return {"not": "a list of Score"}


def _bad_band(inp: ScoringInput) -> list[Score]:
    return [Score("context", "x", "X", 1.0, "Explained.", band="brilliant")]


def _sleeps(inp: ScoringInput) -> list[Score]:
    time.sleep(float(inp.setting("sleep", 5.0)))
    return []


def _slow_on_one(inp: ScoringInput) -> list[Score]:
    if inp.school.urn == int(inp.setting("slow_urn", 0)):
        time.sleep(5.0)
    return _sound(inp)


def _exits(inp: ScoringInput) -> list[Score]:
    os._exit(3)  # ends the whole (worker) process, as a crashing C extension would


SOUND = _module("sound_plugin", peerqa_score=_sound)
EXITS = _module("exits_plugin", peerqa_score=_exits)
RAISES = _module("raising_plugin", peerqa_score=_raises)
GARBAGE = _module("garbage_plugin", peerqa_score=_garbage)
BAD_BAND = _module("bad_band_plugin", peerqa_score=_bad_band)
SLEEPS = _module("sleeping_plugin", peerqa_score=_sleeps)
SLOW_ON_ONE = _module("slow_on_one_plugin", peerqa_score=_slow_on_one)
