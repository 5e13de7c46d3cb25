"""A plugin from another distribution (tests/fixtures/example_plugin), installed with pip, is
discovered, listed, run and stored exactly like the built-ins, and configuration turns it off.

The package is pip-installed once per module into a temporary ``--target`` directory that each
test puts on ``sys.path``; the plugin host is reloaded before and after each test, so no other
test sees the plugin. Assertions are about the ``example`` plugin only: the built-ins are
disabled in the scoring runs here, so their progress cannot make this test fail.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from peerqa import pluginhost
from peerqa.cli import main
from peerqa.config import Settings
from peerqa.models import ContextSnapshot, ContextValue, PluginResult
from peerqa.scoring.service import score_schools

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "example_plugin"
PIP_TIMEOUT = 120
SOURCE = re.compile(r"peerqa[-_]example 1\.2\.0: peerqa_example")


def builds_offline() -> bool:
    """Whether this environment's setuptools can build a wheel without build isolation.

    setuptools 70.1 and later build wheels themselves; older ones need the ``wheel`` package.
    Without either, pip fetches setuptools into an isolated build environment instead.
    """
    try:
        major, minor = (int(part) for part in version("setuptools").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


def pip_install(source: Path, work: Path) -> Path:
    """Install ``source`` (no dependencies) into ``work/site``, building from a copy in ``work``
    so the build leaves nothing in the repository. Returns the target directory."""
    copy = work / "src"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    target = work / "site"
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    if builds_offline():
        command.append("--no-build-isolation")
    done = subprocess.run(
        [*command, "--target", str(target), str(copy)],
        capture_output=True,
        text=True,
        timeout=PIP_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"pip install failed:\n{done.stdout}\n{done.stderr}"
    return target


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pip_install(FIXTURE, tmp_path_factory.mktemp("example_plugin"))


@pytest.fixture
def example(example_site: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[pluginhost.Plugin]:
    """The installed ``example`` plugin, as the plugin host found it."""
    monkeypatch.syspath_prepend(str(example_site))
    pluginhost.reload()
    found = {plugin.name: plugin for plugin in pluginhost.installed()}
    assert "example" in found, f"not discovered; found {sorted(found)}"
    yield found["example"]
    sys.modules.pop("peerqa_example", None)
    pluginhost.reload()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PEERQA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PEERQA_ENV", "test")
    for name in ("PEERQA_DATABASE_URL", "PEERQA_PLUGINS_DISABLED", "PEERQA_PLUGIN_SETTINGS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def only_example(settings: Settings) -> Settings:
    """``settings`` with every other installed plugin disabled."""
    others = tuple(p.name for p in pluginhost.installed() if p.name != "example")
    return replace(settings, plugins_disabled=others)


def test_it_is_discovered_with_its_version_hooks_and_settings(
    example: pluginhost.Plugin,
) -> None:
    assert example.error == ""
    assert example.version == "1.2.0"  # from the distribution: the module has no __version__
    assert SOURCE.fullmatch(example.source), example.source
    assert set(example.hooks) == {"peerqa_score", "peerqa_flags", "peerqa_settings"}
    assert example.defaults == {"tiny_below": 100}
    assert "example" in [p.name for p in pluginhost.scoring_plugins()]
    assert "example" not in [p.name for p in pluginhost.scoring_plugins(("example",))]


def test_it_is_listed(
    example: pluginhost.Plugin,
    cli_env: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["plugins", "list", "--json"]) == 0
    listed = {p["name"]: p for p in json.loads(capsys.readouterr().out)}
    assert listed["example"]["version"] == "1.2.0"
    assert SOURCE.fullmatch(listed["example"]["source"])
    assert listed["example"]["hooks"] == ["peerqa_flags", "peerqa_score", "peerqa_settings"]
    assert listed["example"]["enabled"] is True
    assert listed["example"]["settings"] == {"tiny_below": 100}

    monkeypatch.setenv("PEERQA_PLUGINS_DISABLED", "example")
    monkeypatch.setenv("PEERQA_PLUGIN_SETTINGS", '{"example": {"tiny_below": 300}}')
    assert main(["plugins", "list"]) == 0
    out = capsys.readouterr().out
    assert "example 1.2.0 (disabled)" in out
    assert 'settings: {"tiny_below": 300}' in out


async def census(urn: int, pupils: float) -> None:
    """One school's 2018 census figures, stored as an import stores them."""
    snapshot = await ContextSnapshot.create(urn=urn, year=2018)
    await ContextValue.create(
        snapshot=snapshot,
        measure="pupils",
        value=pupils,
        raw_text=f"{pupils:.0f}",
        source_file="census.csv",
        source_row=urn - 100000 + 1,
    )
    await ContextValue.create(
        snapshot=snapshot,
        measure="school_type",
        value=None,
        raw_text="State-funded primary",
        source_file="census.csv",
        source_row=urn - 100000 + 1,
    )


async def stored() -> dict[int, PluginResult]:
    rows = await PluginResult.filter(subject="school", plugin="example")
    return {row.subject_id: row for row in rows}


async def test_it_is_run_and_stored_like_the_built_ins(
    db: object, settings: Settings, example: pluginhost.Plugin
) -> None:
    await census(100001, 250)
    await census(100002, 60)
    settings = only_example(settings)

    first = await score_schools(settings)
    assert first.plugins == ["example"]
    assert (first.subjects, first.written, first.unchanged, first.failed) == (2, 2, 0, 0)
    rows = await stored()
    assert sorted(rows) == [100001, 100002]
    big, tiny = rows[100001], rows[100002]
    assert big.ok, big.error
    assert big.plugin_version == "1.2.0"
    assert re.fullmatch(r"[0-9a-f]{64}", big.input_hash)
    assert [(s["key"], s["value"], s["year"]) for s in big.scores] == [("pupils", 250.0, 2018)]
    assert big.scores[0]["inputs"] == {"pupils": 250.0}
    assert big.flags == []
    assert [f["key"] for f in tiny.flags] == ["tiny_school"]
    assert tiny.flags[0]["evidence"] == {"pupils": 60.0, "tiny_below": 100.0}
    assert big.input_hash != tiny.input_hash

    again = await score_schools(settings)
    assert (again.written, again.unchanged, again.failed) == (0, 2, 0)
    assert {u: r.input_hash for u, r in (await stored()).items()} == {
        u: r.input_hash for u, r in rows.items()
    }

    # A setting is part of the input: changing it re-scores, and the plugin sees it.
    tuned = replace(settings, plugin_settings={"example": {"tiny_below": 300}})
    retuned = await score_schools(tuned)
    assert (retuned.written, retuned.unchanged) == (2, 0)
    now = await stored()
    assert [f["key"] for f in now[100001].flags] == ["tiny_school"]
    assert now[100001].input_hash != big.input_hash


async def test_disabling_it_leaves_it_out_of_the_run(
    db: object, settings: Settings, example: pluginhost.Plugin
) -> None:
    await census(100001, 250)
    settings = only_example(settings)
    disabled = replace(settings, plugins_disabled=(*settings.plugins_disabled, "example"))

    summary = await score_schools(disabled)
    assert "example" not in summary.plugins
    assert summary.written == 0
    assert await stored() == {}

    enabled = await score_schools(settings)
    assert enabled.plugins == ["example"]
    assert enabled.written == 1
