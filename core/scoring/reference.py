"""The plugin reference in docs/plugins.md, generated from the code it documents.

``python -m peerqa.scoring.reference`` rewrites the part of docs/plugins.md between
``<!-- reference:start -->`` and ``<!-- reference:end -->``; with ``--check`` it writes nothing
and exits 1 when that part is out of date (a test runs the same check).

What is generated: every hook in ``peerqa.hookspecs`` (signature and docstring), the snapshot
and result types plugins receive and return (each field's type, default and docstring, and the
helper methods), the constants results are checked against, and the ``peerqa.testing`` helpers.
A field's docstring (the string literal under it) is not kept at runtime, so the classes'
source is read with :mod:`ast`. Signatures come from the source too, so they read exactly as
written there.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import inspect
import re
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from peerqa import hookspecs, testing
from peerqa.scoring import results, snapshots

START = "<!-- reference:start -->"
END = "<!-- reference:end -->"
WIDTH = 88
"""Longest signature kept on one line."""

HOOK_ORDER = (
    "peerqa_score",
    "peerqa_flags",
    "peerqa_moderation_risk",
    "peerqa_settings",
    "peerqa_frameworks",
    "peerqa_conflicts",
)
"""Hooks in the order a plugin author meets them; any other hookspec follows in source order."""

INPUT_TYPES: tuple[type, ...] = (
    snapshots.ScoringInput,
    snapshots.SchoolSnapshot,
    snapshots.YearContext,
    snapshots.Comparison,
    snapshots.GroupStats,
    snapshots.ReviewSnapshot,
    snapshots.AreaSnapshot,
    snapshots.GradeSnapshot,
    snapshots.JudgementSnapshot,
    snapshots.PlacementSnapshot,
    hookspecs.ConflictCheck,
)
RESULT_TYPES: tuple[type, ...] = (results.Score, results.Flag, results.ModerationRisk)
CONSTANTS: tuple[tuple[ModuleType, str], ...] = ((results, "BANDS"), (results, "SEVERITIES"))
TESTING: tuple[Callable[..., Any] | type, ...] = (
    testing.run_plugin,
    testing.PluginOutput,
    testing.school_input,
    testing.review_snapshot,
    testing.placement,
    testing.inputs_from_files,
)


# --- reading the source ---------------------------------------------------------------------


def _parse(obj: Any) -> ast.stmt:
    """The class or function definition of ``obj``, parsed from its source."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(obj)))
    return tree.body[0]


def _string(node: ast.stmt | None) -> str | None:
    """The text of a bare string statement (a docstring), cleaned like ``inspect.getdoc``."""
    if (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    ):
        return inspect.cleandoc(node.value.value)
    return None


def _documented(body: Sequence[ast.stmt]) -> dict[str, tuple[ast.stmt, str]]:
    """Assignments in ``body`` by name, each with the docstring under it ('' for none)."""
    found: dict[str, tuple[ast.stmt, str]] = {}
    for index, node in enumerate(body):
        following = body[index + 1] if index + 1 < len(body) else None
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found[node.target.id] = (node, _string(following) or "")
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                found[target.id] = (node, _string(following) or "")
    return found


def _markdown(text: str) -> str:
    """Docstring markup as Markdown: ``code`` to `code`, :class:`Score` to a link."""
    text = re.sub(r":(?:class|func|meth|attr|mod):`~?([\w.]+)`", _role, text)
    return re.sub(r"``(.+?)``", r"`\1`", text, flags=re.DOTALL)


def _role(match: re.Match[str]) -> str:
    name = match.group(1).rsplit(".", 1)[-1]
    documented = {t.__name__ for t in (*INPUT_TYPES, *RESULT_TYPES)}
    return f"[`{name}`](#{name.lower()})" if name in documented else f"`{name}`"


def _item(head: str, doc: str) -> str:
    """A list item: ``head``, then the docstring, its later lines indented to stay in the item."""
    if not doc:
        return f"- {head}"
    first, *rest = _markdown(doc).splitlines()
    more = "".join(f"\n  {line}" if line.strip() else "\n" for line in rest)
    return f"- {head} — {first}{more}"


# --- signatures -------------------------------------------------------------------------------


def _param(arg: ast.arg, default: ast.expr | None) -> str:
    text = arg.arg
    if arg.annotation is not None:
        text += f": {ast.unparse(arg.annotation)}"
    if default is not None:
        text += (" = " if arg.annotation is not None else "=") + ast.unparse(default)
    return text


def _params(args: ast.arguments, *, method: bool) -> list[str]:
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
    defaults += args.defaults
    parts = []
    for index, (arg, default) in enumerate(zip(positional, defaults, strict=True)):
        if not (method and index == 0):
            parts.append(_param(arg, default))
        if args.posonlyargs and index == len(args.posonlyargs) - 1:
            parts.append("/")
    if args.vararg is not None:
        parts.append("*" + _param(args.vararg, None))
    elif args.kwonlyargs:
        parts.append("*")
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        parts.append(_param(arg, kw_default))
    if args.kwarg is not None:
        parts.append("**" + _param(args.kwarg, None))
    return parts


def signature(node: ast.FunctionDef | ast.AsyncFunctionDef, *, method: bool = False) -> str:
    """``name(params) -> returns`` as written, one parameter a line when it is too long."""
    parts = _params(node.args, method=method)
    returns = f" -> {ast.unparse(node.returns)}" if node.returns is not None else ""
    one_line = f"{node.name}({', '.join(parts)}){returns}"
    if len(one_line) <= WIDTH or not parts:
        return one_line
    body = "".join(f"    {part},\n" for part in parts)
    return f"{node.name}(\n{body}){returns}"


def _function(obj: Callable[..., Any]) -> ast.FunctionDef:
    node = _parse(obj)
    if not isinstance(node, ast.FunctionDef):
        raise TypeError(f"{obj!r} is not a plain function")
    return node


# --- rendering --------------------------------------------------------------------------------


def hookspec_functions() -> list[Callable[..., Any]]:
    """Every hookspec in ``peerqa.hookspecs``, plugin authors' order first."""
    found = [
        value
        for name, value in vars(hookspecs).items()
        if name.startswith("peerqa_") and callable(value) and hasattr(value, "peerqa_spec")
    ]
    rank = {name: index for index, name in enumerate(HOOK_ORDER)}
    return sorted(found, key=lambda f: rank.get(f.__name__, len(rank)))


def render_hook(hook: Callable[..., Any]) -> str:
    node = _function(hook)
    doc = ast.get_docstring(node) or ""
    return (
        f"#### {hook.__name__}\n\n"
        f"```python\n@hookimpl\ndef {signature(node)}: ...\n```\n\n"
        f"{_markdown(doc)}\n"
    )


def _default(cls: type, name: str) -> str | None:
    """How a field's default reads in the docs, or None when the field is required."""
    if not dataclasses.is_dataclass(cls):
        return None  # the named tuples here have no defaults
    field = {f.name: f for f in dataclasses.fields(cls)}[name]
    if field.default is not dataclasses.MISSING:
        value = field.default
    elif field.default_factory is not dataclasses.MISSING:
        value = field.default_factory()
    else:
        return None
    if isinstance(value, Mapping) and not value:
        return "{}"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


def _field_names(cls: type) -> list[str]:
    if dataclasses.is_dataclass(cls):
        return [f.name for f in dataclasses.fields(cls)]
    return list(getattr(cls, "_fields", ()))


def render_type(cls: type, module: str) -> str:
    """One snapshot or result type: its docstring, fields and public methods."""
    node = _parse(cls)
    if not isinstance(node, ast.ClassDef):
        raise TypeError(f"{cls!r} is not a class")
    out = [f"#### `{cls.__name__}`\n", f"`from {module} import {cls.__name__}`\n"]
    doc = ast.get_docstring(node)
    if doc:
        out.append(f"{_markdown(doc)}\n")
    assigned = _documented(node.body)
    lines = []
    for name in _field_names(cls):
        field_node, field_doc = assigned[name]
        kind = ""
        if isinstance(field_node, ast.AnnAssign):
            kind = f": `{ast.unparse(field_node.annotation)}`"
        default = _default(cls, name)
        head = f"`{name}`{kind}" + (f" = `{default}`" if default is not None else "")
        lines.append(_item(head, field_doc))
    if lines:
        out.append("Fields:\n\n" + "\n".join(lines) + "\n")
    methods = [
        item
        for item in node.body
        if isinstance(item, ast.FunctionDef) and not item.name.startswith("_")
    ]
    if methods:
        items = [
            _item(f"`{signature(method, method=True)}`", ast.get_docstring(method) or "")
            for method in methods
        ]
        out.append("Methods:\n\n" + "\n".join(items) + "\n")
    return "\n".join(out)


def render_constant(module: ModuleType, name: str) -> str:
    tree = ast.parse(inspect.getsource(module))
    _node, doc = _documented(tree.body)[name]
    value = getattr(module, name)
    return _item(f"`{name} = {value!r}`", doc)


def render_helper(obj: Callable[..., Any] | type) -> str:
    if isinstance(obj, type):
        return render_type(obj, obj.__module__)
    node = _function(obj)
    doc = ast.get_docstring(node) or ""
    return (
        f"#### `{obj.__name__}`\n\n"
        f"```python\nfrom {obj.__module__} import {obj.__name__}\n\n"
        f"def {signature(node)}: ...\n```\n\n"
        f"{_markdown(doc)}\n"
    )


def _types(types: Iterable[type]) -> list[str]:
    public = {"peerqa.scoring.snapshots", "peerqa.scoring.results"}
    return [
        render_type(t, "peerqa.scoring" if t.__module__ in public else t.__module__) for t in types
    ]


def render() -> str:
    """The whole generated reference, without the markers."""
    hooks = hookspec_functions()
    parts = [
        "<!-- Generated by `python -m peerqa.scoring.reference` from peerqa.hookspecs, "
        "peerqa.scoring and peerqa.testing: edit their docstrings, not this section. -->",
        "## Reference",
        "Everything a plugin imports comes from `peerqa` (`hookimpl`), `peerqa.scoring` (the "
        "types below) and, in tests, `peerqa.testing`. Mappings in the inputs are "
        "read-only.",
        "### Hooks",
        "Implement any of them as a module-level function marked `@hookimpl` (from "
        "`peerqa import hookimpl`), with the parameter names shown: pluggy passes arguments "
        "by name. Hooks: " + ", ".join(f"[`{h.__name__}`](#{h.__name__})" for h in hooks) + ".",
        *(render_hook(h).rstrip() for h in hooks),
        "### Input types",
        "What hooks receive: frozen snapshots, never database objects.",
        *(t.rstrip() for t in _types(INPUT_TYPES)),
        "### Result types",
        "What hooks return. The host checks every result before storing it; a wrong type, an "
        "empty explanation, a band or severity not listed below, or a key returned twice "
        "records the plugin as failed for that input.",
        *(t.rstrip() for t in _types(RESULT_TYPES)),
        "#### Constants\n\n" + "\n".join(render_constant(m, n) for m, n in CONSTANTS),
        "### Testing helpers",
        "`peerqa.testing` builds inputs and runs one plugin as the host would, with no database.",
        *(render_helper(h).rstrip() for h in TESTING),
    ]
    return "\n\n".join(parts) + "\n"


def update(document: str) -> str:
    """``document`` with its reference section replaced by :func:`render`'s."""
    start = document.find(START)
    end = document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"no {START} ... {END} section")
    return f"{document[: start + len(START)]}\n{render()}{document[end:]}"


def default_path() -> Path:
    """docs/plugins.md in the checkout this module runs from, else under the working directory."""
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "docs").is_dir():
        return checkout / "docs" / "plugins.md"
    return Path("docs") / "plugins.md"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m peerqa.scoring.reference",
        description="Regenerate the reference section of docs/plugins.md from the hookspecs, "
        "the snapshot and result types, and peerqa.testing.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the file is out of date",
    )
    parser.add_argument("--file", type=Path, default=None, help="default: docs/plugins.md")
    args = parser.parse_args(argv)
    path: Path = args.file or default_path()
    try:
        current = path.read_text(encoding="utf-8")
        wanted = update(current)
    except (OSError, ValueError) as error:
        print(f"{path}: {error}", file=sys.stderr)  # noqa: T201 - CLI output
        return 2
    if args.check:
        if current != wanted:
            print(  # noqa: T201
                f"{path} is out of date: run python -m peerqa.scoring.reference",
                file=sys.stderr,
            )
            return 1
        return 0
    if current == wanted:
        print(f"{path} is up to date")  # noqa: T201
        return 0
    path.write_text(wanted, encoding="utf-8")
    print(f"wrote {path}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
