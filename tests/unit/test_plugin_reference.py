"""docs/plugins.md's reference matches the code it is generated from, and covers every hook."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pluggy
import pytest

from peerqa import hookspecs
from peerqa.scoring import reference
from peerqa.scoring.results import Score

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "plugins.md"
FIX = "python -m peerqa.scoring.reference"


def generated_section() -> str:
    text = DOC.read_text("utf-8")
    return text[text.index(reference.START) : text.index(reference.END)]


def test_the_reference_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert reference.main(["--check", "--file", str(DOC)]) == 0, (
        f"docs/plugins.md is out of date: run {FIX}"
    )


def test_every_hookspec_is_documented() -> None:
    manager = pluggy.PluginManager("peerqa")
    manager.add_hookspecs(hookspecs)
    names = [name for name in vars(manager.hook) if name.startswith("peerqa_")]
    assert names, "no hookspecs found"
    assert sorted(h.__name__ for h in reference.hookspec_functions()) == sorted(names)
    section = generated_section()
    for name in names:
        assert f"#### {name}\n" in section, f"{name} is missing: run {FIX}"
        doc = getattr(hookspecs, name).__doc__ or ""
        assert doc.strip(), f"hookspec {name} has no docstring: it is the documentation"


def test_every_field_of_the_plugin_types_is_documented() -> None:
    section = generated_section()
    for cls in (*reference.INPUT_TYPES, *reference.RESULT_TYPES):
        assert f"#### `{cls.__name__}`" in section
        names = (
            [f.name for f in dataclasses.fields(cls)]
            if dataclasses.is_dataclass(cls)
            else list(cls._fields)  # type: ignore[attr-defined]
        )
        for name in names:
            assert f"- `{name}`" in section, f"{cls.__name__}.{name} is missing"


def test_field_docstrings_are_read_from_the_source() -> None:
    text = reference.render_type(Score, "peerqa.scoring")
    assert "- `band`: `str | None` = `None` — One of BANDS" in text
    assert "- `inputs`: `Mapping[str, Any]` = `{}` — The figures used" in text
    assert "- `label`: `str`\n" in text  # a field without a docstring


def test_check_fails_on_a_stale_file_and_writing_fixes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "plugins.md"
    stale.write_text(
        f"# Plugins\n\nBy hand.\n\n{reference.START}\nold\n{reference.END}\n\nAfter.\n", "utf-8"
    )
    assert reference.main(["--check", "--file", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert reference.main(["--file", str(stale)]) == 0
    written = stale.read_text("utf-8")
    assert written.startswith("# Plugins\n\nBy hand.\n\n")
    assert written.endswith(f"{reference.END}\n\nAfter.\n")
    assert "old" not in written.split(reference.START)[1].split("\n")[1]
    assert reference.main(["--check", "--file", str(stale)]) == 0


def test_a_file_without_markers_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = tmp_path / "plugins.md"
    bare.write_text("# Plugins\n", "utf-8")
    assert reference.main(["--check", "--file", str(bare)]) == 2
    assert reference.START in capsys.readouterr().err
