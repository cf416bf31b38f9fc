"""Page 1, the bottom line: what the packet is and as of when, the counts by standing, then
the lists a senior reader acts on — Overdue, Shortfalls, China's claims against our view, Due
next, Follow-ups due — each most important first (the order is ``core.briefing.bottom_line``'s).

Page 1 is read by a principal with two minutes: its body is at least 10 pt, each count stands
beside its label (so text extraction and screen readers read "4 overdue", not "4 0 1 … overdue
due"), and it always fits on the page: each list shows as many rows as fit (at most
``LIST_LIMIT``) and says "and K more — “At a glance”, page N" for the rest (``fit_page_one``).

Every standing and phrase comes from the briefing (``core.standing`` and its words); the ids
link to each commitment's section.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from jcct_desktop.core.briefing import Briefing, SummaryRow
from jcct_desktop.core.briefing.bottom_line import DUE_NEXT_DAYS, IN_SCOPE_LIMIT, LIST_LIMIT
from jcct_desktop.core.briefing.model import Claim, Side, StarredPoints
from jcct_desktop.core.dates import long_date, long_date_time
from jcct_desktop.core.model import NO_DEADLINE_STATED
from jcct_desktop.core.standing_words import day, name
from jcct_desktop.pdf import styles as S
from jcct_desktop.pdf.fit import few_lines
from jcct_desktop.pdf.flow import Para, form_name
from jcct_desktop.pdf.front import heading, para
from jcct_desktop.pdf.summary import id_link
from jcct_desktop.pdf.text import markup

TITLE = "Bottom line"
TITLE_CHARS = 80  # a row names the commitment by the start of its title; the section has it all
EVIDENCE_CHARS = 110  # … and quotes the start of our evidence
GREY = "#5f6670"
MORE_KEY = "summary"  # where the rows page 1 has no room for are listed: "At a glance"
POINTS_KEY = "talking_points"  # the starred commitments' talking points, fitted as a list
POINTS_SHOWN = 3  # a commitment's first points on page 1; all of them are in its section
POINT_CHARS = 160  # … each cut to about two lines
def historical(b: Briefing) -> bool:
    """A packet as of another day than the one it was made on reads as history, not news."""
    return b.cover.as_of != b.cover.generated.date()


@dataclass(frozen=True)
class PageOne:
    story: list[Flowable]
    shown: dict[str, int]  # rows shown per list ("overdue", "shortfalls", …)


def bottom_line(b: Briefing, sheet: S.Stylesheet, width: float,
                keys: Mapping[str, str], height: float | None = None) -> PageOne:
    """Page 1, with as many rows per list as fit in ``height`` (all up to ``LIST_LIMIT``
    when no height is given)."""
    line = b.bottom_line
    limits = {list_name: LIST_LIMIT for list_name, _ in (line.lists if line else ())}
    if line is not None and line.talking_points:
        limits[POINTS_KEY] = LIST_LIMIT
    while True:
        page = _page_one(b, sheet, width, keys, limits)
        if height is None or not limits or _height(page.story, width) <= height:
            return page
        # the longest list gives up a row (the later list first when two are as long); each
        # list keeps one row, the talking points may go down to a line saying where they are
        givers = [k for k in limits if page.shown.get(k, 0) > (0 if k == POINTS_KEY else 1)]
        if not givers:
            return page  # nothing more to give (the masthead is bounded)
        fullest = max(reversed(givers), key=lambda k: page.shown.get(k, 0))
        limits[fullest] = page.shown[fullest] - 1


def _height(story: list[Flowable], width: float) -> float:
    total = 0.0
    for f in story:
        _, h = f.wrap(width, 1e6)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _page_one(b: Briefing, sheet: S.Stylesheet, width: float, keys: Mapping[str, str],
              limits: Mapping[str, int]) -> PageOne:
    story = _masthead(b, sheet, width)
    line = b.bottom_line
    if line is None:
        return PageOne(story, {})
    story += [heading(TITLE, sheet, "h1", key="bottom", level=0, toc_level=None),
              _counts(line.counts, sheet), Spacer(1, 4)]
    as_of = long_date(b.cover.as_of)
    shown: dict[str, int] = {}
    lists: list[tuple[str, str, tuple[SummaryRow, ...], Callable[[SummaryRow, str], str],
                     str]] = [
        ("overdue", "Overdue", line.overdue, _overdue,
         f"Nothing is overdue as of {as_of}."),
        ("shortfalls", "Shortfalls — milestones we judged missed", line.shortfalls, _shortfall,
         "We have judged no milestone not met or partly met."),
        ("claims", "China claims vs our view", line.china_claims, _claim,
         "China reports nothing we have not assessed the same way."),
        ("due_next", f"Due next ({DUE_NEXT_DAYS} days)", line.due_next, _due_next,
         f"Nothing falls due in the {DUE_NEXT_DAYS} days after {as_of}."),
        # none due: nothing said (a past packet prints no follow-up: they are today's plan)
        ("follow_ups", "Follow-ups due", line.follow_ups, _follow_up, ""),
    ]
    for key, title, rows, what, empty in lists:
        n = min(len(rows), limits.get(key, LIST_LIMIT))
        shown[key] = n
        story += _list(title, rows, n, what, empty, sheet, keys)
    if line.talking_points:
        n = min(len(line.talking_points), limits.get(POINTS_KEY, LIST_LIMIT))
        shown[POINTS_KEY] = n
        story += _talking_points(line.talking_points, n, sheet, keys)
    if line.in_scope:
        n = min(len(line.in_scope), IN_SCOPE_LIMIT)
        story += _list("In this packet", line.in_scope, n,
                       lambda r, font: markup(r.state_detail, font), "", sheet, keys)
    return PageOne(story, shown)


def _masthead(b: Briefing, sheet: S.Stylesheet, width: float) -> list[Flowable]:
    c = b.cover
    when = long_date(c.as_of)
    as_of = (f"Historical briefing as of {when}" if historical(b) else f"As of {when}")
    story: list[Flowable] = [
        para("U.S.–CHINA JOINT COMMISSION ON COMMERCE AND TRADE", sheet, "cover_kicker"),
        para(f"{c.title}: {c.meeting}", sheet, "page1_title"),
        para(as_of, sheet, "page1_as_of_past" if historical(b) else "page1_as_of"),
        para(c.dates_place, sheet, "page1_line"),
    ]
    lines = [f"Scope: {c.scope[:1].upper()}{c.scope[1:]}. {c.commitment_count} commitment"
             f"{'s' if c.commitment_count != 1 else ''}; standing as of {when}."]
    if c.source:
        lines.append(f"Source: {c.source}. Quotations are verbatim; titles, sector names "
                     "marked as ours, deadline windows and assessments are the preparer's.")
    if c.co_chairs:
        lines.append("Co-chairs: " + "; ".join(c.co_chairs))
    story += [para(text, sheet, "page1_line") for text in lines]
    if c.participants:  # at most two lines: page 1 must keep its room for the lists
        story.append(_two_lines("Participants: " + "; ".join(c.participants), sheet, width))
    who = [f"Prepared by {c.prepared_by}" if c.prepared_by else "",
           f"for {c.prepared_for}" if c.prepared_for else "",
           f"generated {long_date_time(c.generated)}"]
    said = " ".join(w for w in who if w)
    story.append(para(said[:1].upper() + said[1:] + ".", sheet, "page1_line"))
    return [*story, Spacer(1, 4)]


def _two_lines(text: str, sheet: S.Stylesheet, width: float) -> Para:
    """``text`` cut with "…" to two lines at page 1's size."""
    style = sheet["page1_line"]
    p = few_lines(text, style, width, style.fontSize)
    if len(p.blPara.lines) <= 2:
        return p
    words = text.split()
    low, high = 1, len(words)
    while low < high:  # the most words that fit on two lines
        mid = (low + high + 1) // 2
        if len(few_lines(" ".join(words[:mid]) + " …", style, width, style.fontSize)
               .blPara.lines) <= 2:
            low = mid
        else:
            high = mid - 1
    return few_lines(" ".join(words[:low]) + " …", style, width, style.fontSize)


def _counts(counts: tuple[tuple[str, int], ...], sheet: S.Stylesheet) -> Para:
    """"27 overdue · 1 not met · …" in one paragraph: each count read beside its label."""
    font = sheet.font("page1_counts")
    parts = [f'<font size="15"><b>{n:,}</b></font>\u00a0{markup(label, font)}'
             for label, n in counts]
    return Para("  ·  ".join(parts), sheet["page1_counts"])


def _list(title: str, rows: tuple[SummaryRow, ...], shown: int,
          what: Callable[[SummaryRow, str], str], empty: str, sheet: S.Stylesheet,
          keys: Mapping[str, str]) -> list[Flowable]:
    head = para(f"{title} — {len(rows):,}" if rows or empty else title, sheet, "page1_h")
    if not rows:
        return [head, para(empty, sheet, "page1_item")] if empty else []
    font = sheet.font("page1_item")
    story: list[Flowable] = [head]
    for r in rows[:shown]:
        star = "★ " if r.starred else ""
        story.append(Para(f"<b>{id_link(r.id, keys, sheet, 'page1_item')}</b> — {star}"
                          f"{markup(_cut(r.title, TITLE_CHARS), font)}: {what(r, font)}",
                          sheet["page1_item"]))
    if len(rows) > shown:
        story.append(SeeMore(f"… and {len(rows) - shown} more — “At a glance”, page ",
                             MORE_KEY, sheet))
    return [*story, Spacer(1, 3)]


def _talking_points(items: tuple[StarredPoints, ...], shown: int, sheet: S.Stylesheet,
                    keys: Mapping[str, str]) -> list[Flowable]:
    """"Talking points — starred": each starred commitment's first points, in order."""
    font = sheet.font("page1_item")
    title = f"Talking points — starred — {len(items)}"
    if not shown:  # no room left: one line says where they are
        return [para(f"{title}: each in its commitment's section", sheet, "page1_h")]
    story: list[Flowable] = [para(title, sheet, "page1_h")]
    for item in items[:shown]:
        lines = [f"<b>{id_link(item.id, keys, sheet, 'page1_item')}</b> — ★ "
                 f"{markup(_cut(item.title, TITLE_CHARS), font)}"]
        lines += [f"{n}. {markup(_cut(point, POINT_CHARS), font)}"
                  for n, point in enumerate(item.points[:POINTS_SHOWN], 1)]
        if len(item.points) > POINTS_SHOWN:
            lines.append(markup(f"(and {len(item.points) - POINTS_SHOWN} more in its section)",
                                font))
        story.append(Para("<br/>".join(lines), sheet["page1_item"]))
    if len(items) > shown:
        story.append(para(f"… and {len(items) - shown} more starred commitments' talking "
                          "points, each in its section", sheet, "page1_item"))
    return [*story, Spacer(1, 3)]


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _overdue(r: SummaryRow, font: str) -> str:
    rest = r.state_detail.partition(" — ")[2]
    text = f"▲ {rest}" if rest else "▲ overdue"
    if r.assessment and r.assessment != "Not assessed":
        text += f"; ours: {r.assessment}"
    if r.follow_up:
        text += f"; follow up by {day(r.follow_up)}"
    return markup(text, font)


def _shortfall(r: SummaryRow, font: str) -> str:
    m = r.shortfalls[0]
    glyph = "✗" if m.not_met else "◐"
    text = f"{glyph} {m.status}: {m.milestone}"
    text += f", due {day(m.closes)}" if m.closes else f", {NO_DEADLINE_STATED}"
    said = " ".join(m.evidence.split())
    if said:
        text += f". Our evidence{f' ({day(m.effective)})' if m.effective else ''}: " \
                f"“{_cut(said, EVIDENCE_CHARS)}”"
    if m.source:
        text += f" — {_cut(m.source, 60)}"
    if len(r.shortfalls) > 1:
        text += f" (and {len(r.shortfalls) - 1} more milestone judged short)"
    return markup(text, font)


def _side(who: str, s: Side) -> str:
    if s.effective is None:
        return f"{who}: {s.status}"
    where = f", {_cut(s.source, 50)}" if s.source else ""
    return f"{who}: {s.status} ({day(s.effective)}{where})"


def _claim(r: SummaryRow, font: str) -> str:
    c: Claim = r.claims[0]
    about = f"{c.milestone}: " if c.milestone else ""
    text = f"{about}{_side('China reports', c.china)} · {_side('ours', c.ours)}"
    if len(r.claims) > 1:
        text += f" (and {len(r.claims) - 1} more)"
    return markup(text, font)


def _due_next(r: SummaryRow, font: str) -> str:
    rest = r.state_detail.partition(" — ")[2] or name(r.state)
    text = f"{rest}, closes {day(r.closes)}" if r.closes else rest
    return markup(text, font)


def _follow_up(r: SummaryRow, font: str) -> str:
    when = f"follow up by {day(r.follow_up)}" if r.follow_up else ""
    return markup(f"{when} · {name(r.state)}", font)


class SeeMore(Flowable):
    """"… and K more — “At a glance”, page N": N is the page the heading keyed ``key`` lands
    on, known only once it is laid out. Drawn as a form the template defines at the end (one
    pass), or from the page the previous pass found (two passes)."""

    def __init__(self, text: str, key: str, sheet: S.Stylesheet) -> None:
        super().__init__()
        self.text, self.key = text, key
        self.style = sheet["page1_item"]
        self.para = Para(markup(text, self.style.fontName, breaks=False), self.style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.para.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        self.para.drawOn(self.canv, 0, 0)
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is None:
            return
        x = stringWidth(self.text, self.style.fontName, self.style.fontSize)
        y = self.height - self.style.fontSize  # the (one) line's baseline, as Paragraph sets it
        if getattr(doc, "one_pass", False):
            doc.page_refs.add(self.key)
            self.canv.saveState()
            self.canv.translate(x, y)
            self.canv.doForm(form_name("ref", self.key))
            self.canv.restoreState()
        else:
            page = doc.key_pages.get(self.key)
            if page is not None:
                self.canv.setFont(self.style.fontName, self.style.fontSize)
                self.canv.drawString(x, y, str(page))
