"""``peerqa plugins``: what is installed, and what failed."""

from __future__ import annotations

import argparse
import json
from typing import Any

from peerqa import db, pluginhost
from peerqa.cli import scaffold
from peerqa.config import Settings
from peerqa.models import PluginResult


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "plugins",
        help="list scoring plugins, their failures, or start a new one",
        description="Scoring plugins are Python packages registered under the 'peerqa' entry-point "
        "group (the built-ins too). See docs/plugins.md.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list",
        help="name, version, hooks, source and settings of every installed plugin",
        description="Every installed plugin: its name (used by PEERQA_PLUGINS_DISABLED and "
        "PEERQA_PLUGIN_SETTINGS), version, the hooks it implements, where it came from, whether "
        "it is enabled, and its settings after PEERQA_PLUGIN_SETTINGS is applied.",
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")
    listing.set_defaults(handler=list_plugins)
    failures = actions.add_parser(
        "failures",
        help="stored results that failed (raised, bad result, or over the time budget)",
        description="The latest failed result of each plugin on each school or review.",
    )
    failures.add_argument("--limit", type=int, default=50, help="how many to show (default 50)")
    failures.set_defaults(handler=list_failures)
    new = actions.add_parser(
        "new",
        help="create a pip-installable plugin package to start from",
        description="Create peerqa-NAME/: a plugin package with a working peerqa_score hook, its "
        "settings, a test using peerqa.testing, and a README with the commands to install, test "
        "and list it. Nothing is overwritten. See docs/plugins.md for a walk-through.",
    )
    scaffold.add_arguments(new)
    new.set_defaults(handler=scaffold.run)


def list_plugins(args: argparse.Namespace, settings: Settings) -> int:
    found = pluginhost.describe(settings.plugins_disabled, settings.plugin_settings)
    if args.json:
        print(json.dumps(found, indent=2, sort_keys=True))  # noqa: T201 - CLI output
        return 0
    if not found:
        print("no plugins installed")  # noqa: T201
    for plugin in found:
        state = "enabled" if plugin["enabled"] else ("failed" if plugin["error"] else "disabled")
        print(f"{plugin['name']} {plugin['version']} ({state})")  # noqa: T201
        print(f"  source:   {plugin['source']}")  # noqa: T201
        print(f"  hooks:    {', '.join(plugin['hooks']) or 'none'}")  # noqa: T201
        if plugin["settings"]:
            shown = json.dumps(plugin["settings"], sort_keys=True)
            print(f"  settings: {shown}")  # noqa: T201
        if plugin["error"]:
            print(f"  error:    {plugin['error']}")  # noqa: T201
    return 0


async def list_failures(args: argparse.Namespace, settings: Settings) -> int:
    async with db.orm(settings):
        failed = (
            await PluginResult.filter(ok=False)
            .order_by("-computed_at", "id")
            .limit(max(args.limit, 1))
        )
        total = await PluginResult.filter(ok=False).count()
    if not failed:
        print("no failed plugin results")  # noqa: T201
        return 0
    for row in failed:
        print(  # noqa: T201 - CLI output
            f"{row.computed_at:%Y-%m-%d %H:%M} {row.plugin} {row.plugin_version} "
            f"{row.subject} {row.subject_id}: {row.error}"
        )
    if total > len(failed):
        print(f"... and {total - len(failed)} more")  # noqa: T201
    return 0
