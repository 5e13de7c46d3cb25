"""peerqa: school-to-school peer review with external moderation.

This package is the domain core: models, services, access rules, lifecycle and CLI. It never
imports the GraphQL layer (``peerqa.schema``) except inside the CLI's ``serve`` command.
"""

from __future__ import annotations

__version__ = "0.1.0"

from peerqa.hookspecs import hookimpl

__all__ = ["__version__", "hookimpl"]
