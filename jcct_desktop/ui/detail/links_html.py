"""The detail pane's "Across meetings" section: links both ways, and the issue areas."""

from __future__ import annotations

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Commitment
from jcct_desktop.ui.detail.html import MUTED, esc, link_for


def _ref(catalog: Catalog, commitment_id: str) -> str:
    other = catalog.get(commitment_id)
    title = f" — {esc(other.title)}" if other else ""
    where = f" ({esc(catalog.meeting(other.meeting).label)})" if other else " (not held here)"
    return f'<a href="{esc(link_for(commitment_id))}">{esc(commitment_id)}</a>{where}{title}'


def links_html(catalog: Catalog, c: Commitment) -> list[str]:
    """What this commitment builds on, extends, reaffirms or supersedes, and what later
    commitments do so to it (reviewed links), plus its issue areas (ours)."""
    items = [f"<li>{esc(lk.relation.label.capitalize())} {_ref(catalog, lk.target)}</li>"
             for lk in catalog.links_from(c.id)]  # fmt: skip
    items += [f"<li>{esc(lk.relation.inverse_label.capitalize())} {_ref(catalog, lk.source)}</li>"
              for lk in catalog.links_to(c.id)]  # fmt: skip
    out = []
    if items:
        out += ["<h3>Across meetings</h3>", f"<ul>{''.join(items)}</ul>"]
    if c.areas:
        out.append(f'<p><span style="color:{MUTED};">Issue areas (ours):</span> '
                   f"{esc(' · '.join(c.areas))}</p>")  # fmt: skip
    return out
