"""Cross-meeting links in words, read from either side, for the window and the packet alike.

"Extends 2011-SOFT-2 (22nd JCCT (2011)) — Government software legalization…", and from the
earlier commitment "Extended by jcct-23-SOFT-1 (23rd JCCT (2012)) — …". Links are reviewed data
(``Catalog.links``); a linked commitment of a meeting not shown (not imported, or left out
of a packet by --meeting) is still named, as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.model import Commitment


@dataclass(frozen=True)
class LinkLine:
    verb: str  # "Extends", "Extended by"
    other_id: str
    where: str  # "22nd JCCT (2011)", or "not in the meetings shown"
    title: str  # the other commitment's title (ours), "" when not shown

    def text(self) -> str:
        title = f" — {self.title}" if self.title else ""
        return f"{self.verb} {self.other_id} ({self.where}){title}"


def link_lines(catalog: Catalog, c: Commitment) -> list[LinkLine]:
    """What ``c`` builds on, extends, reaffirms or supersedes, then what does so to it."""
    lines = [_line(catalog, lk.relation.label, lk.target) for lk in catalog.links_from(c.id)]
    lines += [_line(catalog, lk.relation.inverse_label, lk.source)
              for lk in catalog.links_to(c.id)]
    return lines


def _line(catalog: Catalog, verb: str, other_id: str) -> LinkLine:
    other = catalog.get(other_id)
    if other is None:
        return LinkLine(verb.capitalize(), other_id, "not in the meetings shown", "")
    return LinkLine(verb.capitalize(), other_id, catalog.meeting(other.meeting).label,
                    other.title)
