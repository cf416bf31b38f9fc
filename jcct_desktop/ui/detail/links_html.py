"""The detail pane's "Across meetings" section: links both ways, and the issue areas."""

from __future__ import annotations

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.links_text import LinkLine, link_lines
from jcct_desktop.core.model import Commitment
from jcct_desktop.ui.detail.html import MUTED, esc, link_for


def _item(line: LinkLine) -> str:
    title = f" — {esc(line.title)}" if line.title else ""
    ref = f'<a href="{esc(link_for(line.other_id))}">{esc(line.other_id)}</a>'
    return f"<li>{esc(line.verb)} {ref} ({esc(line.where)}){title}</li>"


def links_html(catalog: Catalog, c: Commitment) -> list[str]:
    """What this commitment builds on, extends, reaffirms or supersedes, and what later
    commitments do so to it (reviewed links; the words from core.links_text, shared with the
    packet), plus its issue areas (ours)."""
    items = [_item(line) for line in link_lines(catalog, c)]
    out = []
    if items:
        out += ["<h3>Across meetings</h3>", f"<ul>{''.join(items)}</ul>"]
    if c.areas:
        out.append(f'<p><span style="color:{MUTED};">Issue areas (ours):</span> '
                   f"{esc(' · '.join(c.areas))}</p>")  # fmt: skip
    return out
