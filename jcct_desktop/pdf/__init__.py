"""Briefing packets as PDF (reportlab platypus). Never imports Qt.

reportlab comes with the first of these names asked for, not with the package: the command
line imports ``pdf.held_interrupts`` first, to hold Ctrl+C while reportlab loads (its
imports run under bare ``except:`` clauses that would swallow it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jcct_desktop.pdf.render import packet_bytes, render_packet, write_packet

__all__ = ["packet_bytes", "render_packet", "write_packet"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from jcct_desktop.pdf import render

        return getattr(render, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
