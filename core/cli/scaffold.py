"""``peerqa plugins new NAME``: write a pip-installable scoring plugin package to start from.

The package has a working ``peerqa_score`` (pupils on roll, read against a setting), a test
that uses ``peerqa.testing`` and a README with the commands to install, test and list it.
The templates are strings here, filled with :class:`string.Template` (``$name``), because
plugin code is full of braces.
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib.metadata import entry_points
from pathlib import Path
from string import Template

from peerqa.config import Settings

NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
NAME_MAX = 40
ENTRY_POINT_GROUP = "peerqa"

PYPROJECT = Template("""\
[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "$dist"
dynamic = ["version"]
description = "A peerqa scoring plugin: $name."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["peerqa"]

# This is what makes it a peerqa plugin: peerqa loads every entry point in the "peerqa" group.
# The name on the left is the plugin's name in PEERQA_PLUGIN_SETTINGS, PEERQA_PLUGINS_DISABLED
# and `peerqa plugins list`.
[project.entry-points.peerqa]
$name = "$module"

[tool.setuptools]
py-modules = ["$module"]

[tool.setuptools.dynamic]
version = { attr = "$module.__version__" }

[tool.pytest.ini_options]
testpaths = ["tests"]
""")

MODULE = Template('''\
"""A peerqa scoring plugin, made by ``peerqa plugins new`` as a working example.

Plugin name: $name

The example reads pupils on roll (the census measure ``pupils``) and says whether the
school is small by a threshold you can set. What to change:

- ``peerqa_score``: replace the example with your own indicators. ``inp`` holds one
  school (``inp.school``), its published figures by year (``inp.years``, measure keys
  as ``peerqa import`` stores them, e.g. ``pupils``, ``pct_fsm_ever``, ``pct_eal``)
  with their comparison groups, and this plugin's settings (``inp.settings``). Return
  a list of ``Score``, or an empty list when a figure you need is missing: never guess.
- ``peerqa_settings``: your thresholds and weights. Operators override them with
  ``PEERQA_PLUGIN_SETTINGS``, a JSON object with this plugin's settings under its name.
- ``__version__``: raise it whenever your results could change, so that every school
  is scored again.
- More hooks (``peerqa_flags``, ``peerqa_moderation_risk``): see peerqa's
  docs/plugins.md.

Keep every hook pure: no clock, no database, no network, no randomness. The same input
must give the same result, because peerqa stores results by a hash of their input.
"""

from __future__ import annotations

from typing import Any

from peerqa import hookimpl
from peerqa.scoring import Score, ScoringInput

__version__ = "0.1.0"

MEASURE = "pupils"
SMALL_BELOW = 150


@hookimpl
def peerqa_settings() -> dict[str, Any]:
    """Defaults; PEERQA_PLUGIN_SETTINGS overrides them."""
    return {"small_below": SMALL_BELOW}


@hookimpl
def peerqa_score(inp: ScoringInput) -> list[Score]:
    """Pupils on roll in the latest year with the figure, and whether that is small."""
    found = inp.latest(MEASURE)
    if found is None:
        return []
    year, pupils = found
    small_below = float(inp.setting("small_below", SMALL_BELOW))
    size = "a small school" if pupils < small_below else "not a small school"
    academic_year = f"{year.year}/{(year.year + 1) % 100:02d}"
    group = year.comparisons.get("similar")
    stats = group.of(MEASURE) if group else None
    return [
        Score(
            area="context",
            key="pupils_on_roll",
            label="Pupils on roll",
            value=pupils,
            unit="pupils",
            year=year.year,
            explanation=(
                f"{pupils:,.0f} pupils were on roll in {academic_year}, so by this "
                f"plugin's threshold ({small_below:,.0f}) it is {size}."
            ),
            comparison=group.title if group and stats else "",
            comparison_value=stats.median if stats else None,
            inputs={MEASURE: pupils, "small_below": small_below},
        )
    ]
''')

TEST = Template('''\
"""Tests with peerqa's own helpers: no database or server needed."""

from __future__ import annotations

from peerqa.testing import run_plugin, school_input

import $module as plugin


def test_a_small_school() -> None:
    out = run_plugin(plugin, school_input(values={"pupils": 120.0}))
    score = out.score("pupils_on_roll")
    assert score.value == 120.0
    assert "it is a small school" in score.explanation
    assert score.inputs == {"pupils": 120.0, "small_below": 150.0}


def test_the_threshold_is_a_setting() -> None:
    inp = school_input(values={"pupils": 120.0})
    out = run_plugin(plugin, inp, {"small_below": 100})
    assert "it is not a small school" in out.score("pupils_on_roll").explanation


def test_a_missing_figure_gives_no_indicator() -> None:
    assert run_plugin(plugin, school_input(values={"pupils": None})).scores == []
''')

README = Template("""\
# $dist

A scoring plugin for peerqa, made with `peerqa plugins new $name`. It adds the indicator
`pupils_on_roll` (area `context`) to every school with census figures; change it in
`$module.py`.

## Install, test, list

In the Python environment where peerqa is installed, from this directory:

```sh
pip install -e .
python -m pytest
peerqa plugins list
```

`peerqa plugins list` shows `$name` with its version, hooks and settings. From then on
`peerqa score` (and `peerqa import`, after loading a file) runs it on every school and
stores its results; `peerqa plugins failures` lists any school it failed on.

## Settings

Defaults come from `peerqa_settings()`; an operator overrides them with
`PEERQA_PLUGIN_SETTINGS='{"$name": {"small_below": 120}}'` and turns the plugin off with
`PEERQA_PLUGINS_DISABLED=$name`.

See peerqa's docs/plugins.md for the hooks, the rules (pure functions, time budget) and the
reference to every snapshot and result field.
""")


class ScaffoldRefused(Exception):
    """The package cannot be made as asked; the message says why and what to do."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def check_name(name: str) -> None:
    """Refuse names that cannot be a plugin name and a Python module name, or are taken."""
    if not NAME_PATTERN.fullmatch(name):
        raise ScaffoldRefused(
            f"{name!r} is not a valid plugin name: use lowercase letters, digits and "
            "underscores, starting with a letter (e.g. gcse_entries).",
            2,
        )
    if len(name) > NAME_MAX:
        raise ScaffoldRefused(
            f"{name!r} is too long for a plugin name: use at most {NAME_MAX} characters.", 2
        )
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name == name:
            dist = f"{entry.dist.name} {entry.dist.version}: " if entry.dist else ""
            raise ScaffoldRefused(
                f"a plugin named {name!r} is already installed ({dist}{entry.value}); "
                "choose another name.",
                2,
            )


def files(name: str) -> dict[str, str]:
    """The package's files, by path relative to its directory."""
    module = f"peerqa_{name}"
    values = {"name": name, "module": module, "dist": f"peerqa-{name.replace('_', '-')}"}
    return {
        "pyproject.toml": PYPROJECT.substitute(values),
        f"{module}.py": MODULE.substitute(values),
        f"tests/test_{module}.py": TEST.substitute(values),
        "README.md": README.substitute(values),
    }


def write(name: str, directory: Path) -> tuple[Path, list[Path]]:
    """Create ``directory/peerqa-NAME/`` with the package; return it and the files written."""
    check_name(name)
    if not directory.is_dir():
        raise ScaffoldRefused(f"{directory} is not a directory: create it first.", 1)
    root = directory / f"peerqa-{name}"
    if root.exists() or root.is_symlink():
        raise ScaffoldRefused(
            f"{root} already exists; nothing was written. Remove it or choose another --directory.",
            1,
        )
    root.mkdir()
    written = []
    for relative, text in files(name).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return root, written


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name",
        metavar="NAME",
        help="the plugin's name: lowercase letters, digits and underscores, starting with a "
        "letter (e.g. gcse_entries); the package is peerqa-NAME, the module peerqa_NAME",
    )
    parser.add_argument(
        "--directory",
        type=Path,
        default=Path(),
        metavar="DIR",
        help="where to create peerqa-NAME/ (default: the current directory)",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        root, written = write(args.name, args.directory)
    except ScaffoldRefused as refused:
        print(f"peerqa: {refused.message}", file=sys.stderr)  # noqa: T201 - CLI output
        return refused.exit_code
    print(f"created {root}")  # noqa: T201 - CLI output
    for path in written:
        print(f"  {path.relative_to(root)}")  # noqa: T201
    module = f"peerqa_{args.name}"
    print(  # noqa: T201
        "\nnext steps, in the environment where peerqa is installed:\n"
        f"  cd {root}\n"
        "  pip install -e .        # install it: peerqa finds it by its entry point\n"
        "  python -m pytest        # run its tests\n"
        f"  peerqa plugins list     # see {args.name} listed with its hooks and settings\n"
        f"then change peerqa_score in {module}.py (its docstring says what to change) and "
        "read docs/plugins.md."
    )
    return 0
