"""The repository's shape: packaging lists every package, and layers only point down."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAPPING = {"core": "peerqa", "schema": "peerqa.schema", "plugins": "peerqa.plugins"}


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = set()
    for folder, package in MAPPING.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / folder).parts
            found.add(".".join((package, *relative)))
    assert found - listed == set(), "add these to [tool.setuptools] packages"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_the_web_layer() -> None:
    allowed = {ROOT / "core" / "cli" / "serve.py"}
    offenders = []
    for path in (ROOT / "core").rglob("*.py"):
        if path in allowed:
            continue
        for name in imported_modules(path):
            if name.split(".")[0] in {"strawberry", "starlette", "uvicorn"} or name.startswith(
                "peerqa.schema"
            ):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_plugins_use_only_core() -> None:
    for path in (ROOT / "plugins").rglob("*.py"):
        for name in imported_modules(path):
            assert not name.startswith("peerqa.schema"), f"{path} imports {name}"
            assert name.split(".")[0] not in {"strawberry", "starlette", "tortoise"}


def test_model_descriptions_have_no_semicolons() -> None:
    """Tortoise's SQLite migrations split DDL on ';', and model docstrings become comments."""
    for path in (ROOT / "core" / "models").glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                doc = ast.get_docstring(node) or ""
                assert ";" not in doc, f"{path.name}: {node.name} docstring"
            if isinstance(node, ast.keyword) and node.arg == "description":
                value = node.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    assert ";" not in value.value, f"{path.name}: description {value.value!r}"


def test_committed_sdl_is_current() -> None:
    from peerqa.schema import print_sdl

    committed = (ROOT / "schema" / "schema.graphql").read_text("utf-8")
    assert committed == print_sdl(), "run 'make schema'"
