"""The offline map area in the CLI: ``arm map import|where|find|status`` (see :mod:`arm.geo.cli`)."""

from __future__ import annotations

from arm.geo.cli import register_cli

__all__ = ["register_cli"]
