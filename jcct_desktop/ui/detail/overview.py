"""What the detail pane shows when no commitment is selected, as HTML: the selected meeting or
sector row's overview, the facts a search found, or a plain "nothing matches" (:func:`page_for`
chooses). Qt-free, like ``html``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from datetime import date

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.counts import plural
from jcct_desktop.core.model import Commitment, Fact, Meeting, Sector
from jcct_desktop.core.search import SearchQuery
from jcct_desktop.core.standing import StandingBook, commitment_standing
from jcct_desktop.core.standing_words import ORDER, name
from jcct_desktop.ui.detail.html import MUTED, dot, empty_html, esc, link_for, marked

__all__ = ["empty_html", "filtered_page", "meeting_html", "no_match_html", "page_for", "plural",
           "search_html", "sector_html"]


# The search page lists at most this many facts: on a 100,000-commitment archive a short word
# finds tens of thousands, and setting them all as HTML froze typing for most of a second.
# The page says how many it leaves out (right or say so). 50, not 200: the GUI thread lays
# out the whole page after each key whatever the pane shows of it (Qt relays a swapped-in
# document out at the pane's width), 4-6 ms per key at 200 and a quarter of that at 50;
# 50 facts are a dozen screens of the pane, and the 2011 fact sheet has 18.
FACTS_LISTED = 50


def page_for(catalog: Catalog, selected: Meeting | Sector | None, as_of: date,
             standings: StandingBook, query: SearchQuery, search_text: str,
             visible: Collection[str] | None, found_facts: Sequence[str]) -> str | None:
    """The page for a selected meeting or sector row, else for the filters' outcome
    (``visible``: the ids they let through, None when none is set); None when there is no page
    to show (the plain "Select a commitment")."""
    if isinstance(selected, Meeting):
        return meeting_html(catalog, selected, as_of, standings)
    if isinstance(selected, Sector):
        return sector_html(catalog, selected, as_of, query, standings)
    return filtered_page(catalog, query, search_text, visible, found_facts)


def filtered_page(catalog: Catalog, query: SearchQuery, search_text: str,
                  visible: Collection[str] | None, found_facts: Sequence[str]) -> str | None:
    """:func:`page_for` with no meeting or sector row selected: the filters' outcome (made on
    the search worker too, ``ui/detail/prepared_page.py``)."""
    if visible is None:  # no filter: nothing to report
        return None
    text = search_text.strip()
    if not text:
        return None if visible else empty_html("No commitment matches these filters.")
    if not visible and not found_facts:
        return no_match_html(text)
    return search_html(catalog, text, len(visible), found_facts, query)


def no_match_html(text: str) -> str:
    return empty_html(f"No commitment or fact matches “{text}”.")


def search_html(catalog: Catalog, text: str, shown: int, fact_ids: Sequence[str],
                query: SearchQuery | None) -> str:
    """The facts a search found, each in its sector, above a pointer to the tree."""
    head = (f"{plural(shown, 'commitment')} and {plural(len(fact_ids), 'fact')} "
            f"match “{esc(text)}”.")
    parts = [f'<p style="color:{MUTED};">{head} Select a commitment in the tree or the '
             "timeline to read it.</p>"]
    facts = [f for f in (catalog.fact(i) for i in fact_ids[:FACTS_LISTED]) if f is not None]
    if facts:
        parts.append("<h3>Industry facts</h3>")
        parts += _facts_by_sector(catalog, facts, query)
    if len(fact_ids) > FACTS_LISTED:
        parts.append(f'<p style="color:{MUTED};">The first {FACTS_LISTED} of '
                     f"{plural(len(fact_ids), 'fact')} are listed; add a word to narrow the "
                     "search.</p>")
    return "\n".join(parts)


def _facts_by_sector(catalog: Catalog, facts: Sequence[Fact],
                     query: SearchQuery | None) -> list[str]:
    out: list[str] = []
    sector_key: tuple[str, str] | None = None
    # facts of several meetings: each sector's heading names its meeting, or the same
    # sector of two meetings reads as one sector listed twice, its facts as duplicates
    several = len({f.meeting for f in facts}) > 1
    for fact in facts:
        key = (fact.meeting, fact.sector)
        if key != sector_key:
            if sector_key is not None:
                out.append("</ul>")
            meeting = (f'<span style="color:{MUTED};"> — '
                       f"{esc(catalog.meeting(fact.meeting).label)}</span>" if several else "")
            out.append(f"<p><b>{_place(catalog, catalog.sector(*key), query)}</b>{meeting}"
                       "</p><ul>")
            sector_key = key
        out.append(f"<li>{marked(fact.text, query)}</li>")
    out.append("</ul>")
    return out


def _place(catalog: Catalog, sector: Sector, query: SearchQuery | None) -> str:
    group = catalog.group_of(sector)
    if group is sector or group.name == sector.name:  # "Smart Grid › Smart Grid" says it twice
        return marked(sector.name, query)
    return f"{marked(group.name, query)} › {marked(sector.name, query)}"


def meeting_html(catalog: Catalog, meeting: Meeting, as_of: date,
                 book: StandingBook | None = None) -> str:
    commitments = [c for c in catalog.commitments if c.meeting == meeting.id]
    span = (meeting.start.isoformat() if meeting.start == meeting.end
            else f"{meeting.start.isoformat()} to {meeting.end.isoformat()}")
    rows = [
        _row("Dates", esc(span)),
        _row("Place", esc(meeting.place)),
        _row("Co-chairs", "<br>".join(esc(p) for p in meeting.co_chairs)),
        _row("Participants", "<br>".join(esc(p) for p in meeting.participants)),
        _row("Fact sheet", "<br>".join(  # a joint sheet imported for it too
            f"{esc(title)}, {esc(day.isoformat())}"
            for title, day in ([(f.title, f.date) for f in catalog.fact_sheets_of(meeting.id)]
                               or [(meeting.fact_sheet_title, meeting.fact_sheet_date)]))),
    ]
    return "\n".join([
        f"<h2>{esc(meeting.name)}</h2>",
        "<table cellspacing='0' cellpadding='3'>", *rows, "</table>",
        *_counts(commitments, as_of, book),
    ])


def sector_html(catalog: Catalog, sector: Sector, as_of: date,
                query: SearchQuery | None = None, book: StandingBook | None = None) -> str:
    commitments = catalog.commitments_under(sector)
    meeting = catalog.meeting(sector.meeting)
    note = (f' <span style="color:{MUTED};">(sector name ours)</span>'
            if sector.heading_inferred else "")
    parts = [f"<h2>{marked(sector.name, query)}</h2>",
             f'<p style="color:{MUTED};">{esc(meeting.name)}'
             + (f" · {_place(catalog, sector, query)}" if sector.parent else "") + f"{note}</p>"]
    parts += _counts(commitments, as_of, book)
    facts = list(catalog.facts_in(sector))
    for child in catalog.subsectors(sector):
        facts += catalog.facts_in(child)
    if facts:
        items = "".join(f"<li>{marked(f.text, query)}</li>" for f in facts)
        parts += ["<h3>Industry facts</h3>", f"<ul>{items}</ul>"]
    if commitments:
        items = "".join(f'<li><a href="{esc(link_for(c.id))}">{esc(c.id)}</a> — '
                        f"{marked(c.title, query)}</li>" for c in commitments)
        parts += ["<h3>Commitments</h3>", f"<ul>{items}</ul>"]
    return "\n".join(parts)


def _counts(commitments: Sequence[Commitment], as_of: date,
            book: StandingBook | None = None) -> list[str]:
    """Counts by standing (core.standing): the window's book, which knows the assessments;
    without one, from the deadlines alone."""
    states = Counter(
        (book.of(c.id) if book is not None else commitment_standing(c, (), as_of)).value
        for c in commitments
    )
    lines = [f"{dot(s)} {esc(name(s))}: {states[s]}" for s in ORDER if states[s]]
    return [f"<h3>{esc(plural(len(commitments), 'commitment'))} as of "
            f"{esc(as_of.isoformat())}</h3>", "<p>" + "<br>".join(lines) + "</p>"]


def _row(label: str, value: str) -> str:
    return (f'<tr><td valign="top" style="color:{MUTED}; padding-right:12px;">{label}</td>'
            f"<td>{value}</td></tr>")
