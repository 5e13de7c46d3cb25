"""``peerqa plugins new``: the package it writes installs with pip, its own test passes, and the
plugin host finds it; bad names and existing directories are refused."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from peerqa import pluginhost
from peerqa.cli import main

TIMEOUT = 120


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PEERQA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PEERQA_ENV", "test")
    monkeypatch.delenv("PEERQA_DATABASE_URL", raising=False)
    return tmp_path


def builds_offline() -> bool:
    """Whether setuptools here builds wheels without build isolation (70.1+, or ``wheel``)."""
    try:
        major, minor = (int(part) for part in version("setuptools").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


def pip_install(source: Path, target: Path) -> None:
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    if builds_offline():
        command.append("--no-build-isolation")
    done = subprocess.run(
        [*command, "--target", str(target), str(source)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"pip install failed:\n{done.stdout}\n{done.stderr}"


def test_new_writes_a_package_that_installs_and_passes_its_test(
    cli_env: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tmp = cli_env
    assert main(["plugins", "new", "gcse_entries", "--directory", str(tmp)]) == 0
    root = tmp / "peerqa-gcse_entries"
    out = capsys.readouterr().out
    assert f"created {root}" in out
    for step in ("pip install -e .", "python -m pytest", "peerqa plugins list"):
        assert step in out
    written = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert written == [
        "README.md",
        "peerqa_gcse_entries.py",
        "pyproject.toml",
        "tests/test_peerqa_gcse_entries.py",
    ]
    project = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["entry-points"]["peerqa"] == {"gcse_entries": "peerqa_gcse_entries"}
    assert project["dependencies"] == ["peerqa"]
    readme = (root / "README.md").read_text("utf-8")
    for step in ("pip install -e .", "python -m pytest", "peerqa plugins list"):
        assert step in readme

    target = tmp / "site"
    pip_install(root, target)
    assert (target / "peerqa_gcse_entries.py").is_file()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:asyncio",
            str(root / "tests" / "test_peerqa_gcse_entries.py"),
        ],
        env={**os.environ, "PYTHONPATH": str(target)},
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout

    monkeypatch.syspath_prepend(str(target))
    pluginhost.reload()
    try:
        found = {p.name: p for p in pluginhost.installed()}
        plugin = found["gcse_entries"]
        assert (plugin.version, plugin.error) == ("0.1.0", "")
        assert set(plugin.hooks) == {"peerqa_score", "peerqa_settings"}
        assert plugin.defaults == {"small_below": 150}
    finally:
        sys.modules.pop("peerqa_gcse_entries", None)
        pluginhost.reload()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("GCSE", "not a valid plugin name"),
        ("gcse-entries", "not a valid plugin name"),
        ("1st", "not a valid plugin name"),
        ("_private", "not a valid plugin name"),
        ("", "not a valid plugin name"),
        ("a" * 41, "too long"),
        ("context", "already installed"),
    ],
)
def test_bad_names_are_refused(
    name: str, reason: str, cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plugins", "new", name, "--directory", str(cli_env)]) == 2
    err = capsys.readouterr().err
    assert reason in err
    if reason != "already installed":
        assert "lowercase letters, digits and underscores" in err or "at most 40" in err
    assert not any(cli_env.glob("peerqa-*"))


def test_an_existing_directory_is_left_alone(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = cli_env / "peerqa-gcse_entries"
    existing.mkdir()
    (existing / "mine.txt").write_text("keep me")
    assert main(["plugins", "new", "gcse_entries", "--directory", str(cli_env)]) == 1
    assert "already exists; nothing was written" in capsys.readouterr().err
    assert [p.name for p in existing.iterdir()] == ["mine.txt"]
    assert main(["plugins", "new", "gcse_entries", "--directory", str(cli_env / "nowhere")]) == 1
    assert "is not a directory" in capsys.readouterr().err


def test_new_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["plugins", "new", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "usage: peerqa plugins new" in out
    assert "--directory" in out
