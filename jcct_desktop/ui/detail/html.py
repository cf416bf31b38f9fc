"""HTML for the detail pane, built without Qt so it can be tested directly.

Every piece of data goes through :func:`esc` (or :func:`marked`, which escapes too) before it
meets our markup: a title such as ``<b>&`` must show as those characters, never as bold.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from urllib.parse import quote

from jcct_desktop.core.annotations.model import AssessmentRecord
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.citation import source_of
from jcct_desktop.core.model import NO_DEADLINE_STATED, Commitment, Milestone
from jcct_desktop.core.search import SearchQuery, highlight_spans
from jcct_desktop.core.standing import Standing, StandingAsOf, commitment_standing
from jcct_desktop.core.standing_words import colour, follow_up_phrase, glyph, late_note, phrase
from jcct_desktop.ui.detail.assessments_html import assessments_html

LINK_SCHEME = "commitment"
HIT_STYLE = "background-color:#ffe58a; color:#1b1b1b;"
MUTED = "#5f6670"


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def marked(text: str, query: SearchQuery | None) -> str:
    """Escaped text with each search term wrapped in a highlight span."""
    if query is None or query.is_empty:
        return esc(text)
    out: list[str] = []
    pos = 0
    for start, end in highlight_spans(text, query):
        out.append(esc(text[pos:start]))
        out.append(f'<span style="{HIT_STYLE}">{esc(text[start:end])}</span>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def link_for(commitment_id: str) -> str:
    return f"{LINK_SCHEME}:{quote(commitment_id, safe='')}"


def dot(state: Standing) -> str:
    """The standing's glyph in its colour: the shape tells it apart without the colour."""
    return f'<span style="color:{colour(state)}; font-size:large;">{esc(glyph(state))}</span>'


def standing_html(s: StandingAsOf) -> str:
    return (f'{dot(s.value)} <span style="color:{colour(s.value)};">'
            f"<b>{esc(phrase(s))}</b></span>")


def empty_html(message: str) -> str:
    return f'<p style="color:{MUTED}; margin-top:24px;" align="center">{esc(message)}</p>'


def commitment_html(catalog: Catalog, c: Commitment, as_of: date,
                    query: SearchQuery | None = None, standing: StandingAsOf | None = None,
                    follow_up: date | None = None,
                    assessments: Sequence[AssessmentRecord] = ()) -> str:
    """``standing``: the window's (core.standing); without it, from the deadlines alone."""
    if standing is None:
        standing = commitment_standing(c, (), as_of)
    sector = catalog.sector_of(c)
    group = catalog.group_of(sector)
    sheet_title, sheet_date = source_of(catalog, c)
    place = (marked(sector.name, query) if group is sector or group.name == sector.name
             else f"{marked(group.name, query)} › {marked(sector.name, query)}")
    if sector.heading_inferred:
        place += f' <span style="color:{MUTED};">(sector name ours)</span>'
    parts = [
        f"<h2>{marked(c.title, query)}</h2>",
        f'<p style="color:{MUTED};"><b>{esc(c.id)}</b> · {place}</p>',
        "<table cellspacing='0' cellpadding='3'>",
        _row("Committed by", esc(" and ".join(c.party.sides))),
        _row("Agencies", _agencies(catalog, c)),
        _row("Kind", esc(c.kind.label)),
        _row(f"As of {esc(as_of.isoformat())}", standing_html(standing)),
        *([_row("Follow-up", esc(follow_up_phrase(follow_up, as_of)))] if follow_up else []),
        "</table>",
        "<h3>What the fact sheet says</h3>",
        f'<blockquote><i>“{marked(c.text, query)}”</i></blockquote>',
        f'<p style="color:{MUTED};">Verbatim from the {esc(sheet_title)}, '
        f"{esc(sheet_date.isoformat())}. The title above is ours.</p>",
    ]
    parts += _milestones(c, standing, query)
    from jcct_desktop.ui.detail.links_html import links_html  # it builds on this module

    parts += links_html(catalog, c)  # issue 14: links both ways, issue areas
    parts += assessments_html(assessments, as_of)  # ours and China's, side by side
    parts += _facts(catalog, c, query)
    parts += _siblings(catalog, c)
    return "\n".join(parts)


def _row(label: str, value: str) -> str:
    return (f'<tr><td style="color:{MUTED}; padding-right:12px;">{label}</td>'
            f"<td>{value}</td></tr>")


def _agencies(catalog: Catalog, c: Commitment) -> str:
    if not c.agencies:
        return f'<span style="color:{MUTED};">none named</span>'
    named = []
    for code in c.agencies:
        agency = catalog.agency(code)
        if agency is None or agency.name == code:
            named.append(esc(code))
        else:
            named.append(f"{esc(agency.name)} ({esc(code)}, {esc(agency.country)})")
    return "<br>".join(named)


def _milestones(c: Commitment, standing: StandingAsOf,
                query: SearchQuery | None) -> list[str]:
    if not c.milestones:
        return ["<h3>Milestones</h3>",
                f'<p style="color:{MUTED};">No deadline is stated for this commitment.</p>']
    out = ["<h3>Milestones</h3>", "<table cellspacing='0' cellpadding='4' width='100%'>"]
    for m, s in zip(c.milestones, standing.milestones, strict=True):
        out.append(_milestone_row(m, s, query))
    out.append("</table>")
    return out


def _milestone_row(m: Milestone, s: StandingAsOf, query: SearchQuery | None) -> str:
    window = (f"{esc(m.window.describe())} ({esc(m.window.precision.value)})" if m.window
              else NO_DEADLINE_STATED)
    late = late_note(s)  # a milestone met late says so: met, but not on time
    late = f' <span style="color:{MUTED};">({esc(late)})</span>' if late else ""
    return (
        f"<tr><td valign='top' width='18'>{dot(s.value)}</td><td>"
        f"<b>{marked(m.label, query)}</b><br>"
        f"<i>“{marked(m.wording, query)}”</i><br>"
        f'<span style="color:{MUTED};">Window (ours):</span> {window} · '
        f'<span style="color:{colour(s.value)};"><b>{esc(phrase(s))}</b></span>{late}'
        "</td></tr>"
    )


def _facts(catalog: Catalog, c: Commitment, query: SearchQuery | None) -> list[str]:
    facts = catalog.facts_for(catalog.sector_of(c))
    if not facts:
        return []
    items = "".join(f"<li>{marked(f.text, query)}</li>" for f in facts)
    return ["<h3>Industry facts</h3>", f"<ul>{items}</ul>"]


def _siblings(catalog: Catalog, c: Commitment) -> list[str]:
    others = [o for o in catalog.commitments_in(catalog.sector_of(c)) if o.id != c.id]
    if not others:
        return []
    items = "".join(
        f'<li><a href="{esc(link_for(o.id))}">{esc(o.id)}</a> — {esc(o.title)}</li>'
        for o in others
    )
    return ["<h3>Other commitments in this sector</h3>", f"<ul>{items}</ul>"]
