"""The command line: one module per command group, each with ``register(sub)`` setting
``handler=``; ``entry`` holds the top-level parser and ``main`` (the console script)."""

from __future__ import annotations

from jcct_desktop.cli.entry import main

__all__ = ["main"]
