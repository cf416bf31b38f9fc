"""Briefing packets as PDF (reportlab platypus). Never imports Qt."""

from jcct_desktop.pdf.render import packet_bytes, render_packet, write_packet

__all__ = ["packet_bytes", "render_packet", "write_packet"]
