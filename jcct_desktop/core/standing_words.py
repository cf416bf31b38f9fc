"""Words, colours and shapes for every standing: one Qt-free place for the window and the PDF.

The standing leads and the rest says what it means: "Met — since 12 Mar 2012",
"Overdue — closed 45 days ago", "Due soon — 12 days left". Colours are Okabe–Ito (safe for
colour-blind readers) and never carry the meaning alone: each value also has its own glyph
(text and PDF) and shape name (drawn by ``ui.graphics``).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from jcct_desktop.core.dates import short_day
from jcct_desktop.core.standing import Standing, StandingAsOf


class Look(NamedTuple):
    name: str  # "Due soon"
    colour: str  # hex, shared by Qt and reportlab
    glyph: str  # a character both DejaVu fonts hold, for text and the PDF
    shape: str  # how ui.graphics draws the marker
    meaning: str  # one line for the legend


LOOKS: dict[Standing, Look] = {
    Standing.MET: Look("Met", "#00704e", "✓", "check", "assessed fulfilled"),
    Standing.PARTLY_MET: Look("Partly met", "#5a4fa8", "◐", "half",
                              "assessed partially fulfilled"),
    Standing.NOT_MET: Look("Not met", "#9c3f75", "✗", "cross", "assessed not fulfilled"),
    Standing.SUPERSEDED: Look("Superseded", "#666666", "⊘", "slash", "overtaken by events"),
    Standing.OVERDUE: Look("Overdue", "#a84300", "▲", "triangle",
                           "window closed, not assessed as met"),
    Standing.DUE_SOON: Look("Due soon", "#7d5200", "◆", "diamond",
                            "window closes within 30 days"),
    Standing.OPEN: Look("Open", "#005a8e", "●", "dot", "inside its window"),
    Standing.UPCOMING: Look("Upcoming", "#005a8e", "○", "ring", "window not yet open"),
    Standing.NO_DEADLINE: Look("No deadline", "#666666", "·", "small", "no date is stated"),
}
AS_OF_COLOUR = "#cc0000"
# the order menus, legends and tallies list them in: what needs attention first
ORDER = (Standing.OVERDUE, Standing.DUE_SOON, Standing.OPEN, Standing.UPCOMING,
         Standing.NOT_MET, Standing.PARTLY_MET, Standing.MET, Standing.SUPERSEDED,
         Standing.NO_DEADLINE)
RECENT_DAYS = 90  # past this, "closed 4947 days ago" says less than a date


def name(value: Standing) -> str:
    return LOOKS[value].name


def colour(value: Standing) -> str:
    return LOOKS[value].colour


def glyph(value: Standing) -> str:
    return LOOKS[value].glyph


def day(d: date) -> str:
    """12 Mar 2012 (no leading zero, the same on every platform)."""
    return short_day(d)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _ago(closed: date, as_of: date) -> str:
    days = (as_of - closed).days
    if days == 1:
        return "closed yesterday"
    if days < RECENT_DAYS:
        return f"closed {_days(days)} ago"
    months = (as_of.year - closed.year) * 12 + as_of.month - closed.month
    if as_of.day < closed.day:
        months -= 1
    years = months // 12
    span = (f"{years} year{'s' if years != 1 else ''} ago" if years
            else f"{months} month{'s' if months != 1 else ''} ago")
    return f"closed on {day(closed)}, {span}"


def detail(s: StandingAsOf) -> str:
    """The part after the dash, or "" when the name says it all."""
    if s.progress is not None:  # counted province by province (issue 26)
        return _progress_detail(s)
    if s.value in (Standing.MET, Standing.PARTLY_MET, Standing.NOT_MET, Standing.SUPERSEDED):
        return f"since {day(s.since)}" if s.since else ""
    return _deadline_detail(s)


def _progress_detail(s: StandingAsOf) -> str:
    """"since 1 Jul 2012 · 24 of 31 met · 5 not met · 2 not assessed · Missing: Hainan, …"."""
    assert s.progress is not None
    assessed = s.value in (Standing.MET, Standing.PARTLY_MET, Standing.NOT_MET,
                           Standing.SUPERSEDED)
    head = (f"since {day(s.since)}" if s.since else "") if assessed else _deadline_detail(s)
    parts = [head, s.progress.words]
    if s.value is Standing.PARTLY_MET:  # some met: the missing ones are named
        parts.append(s.progress.missing_words)
    return " · ".join(p for p in parts if p)


def _deadline_detail(s: StandingAsOf) -> str:
    left = s.days_left
    if left is None or s.value is Standing.NO_DEADLINE:
        return ""
    if s.value is Standing.OVERDUE:
        return _ago(s.closes, s.as_of) if s.closes else ""
    if left == 0:
        return "closes today"
    if s.value is Standing.UPCOMING:  # the window has not opened yet
        return f"due in {_days(left)}"
    return f"{_days(left)} left"


def phrase(s: StandingAsOf) -> str:
    """"Met — since 12 Mar 2012", "Overdue — closed 45 days ago", "No deadline"; a
    commitment with a shortfall names the missed milestone and the next pending deadline."""
    rest = shortfall_detail(s) or detail(s)
    return f"{name(s.value)} — {rest}" if rest else name(s.value)


def shortfall_detail(s: StandingAsOf) -> str:
    """"Provinces: missed 30 Jun 2012 · Counties: due in 534 days" for a commitment decided
    by a shortfall; "" otherwise (a milestone's own phrase keeps its "since")."""
    missed = s.deciding_milestone
    if missed is None or not missed.shortfall:
        return ""
    what = missed_words(missed)
    later = s.next_pending
    if later is not None:
        what += f" · {later.label}: {detail(later)}"
    return what


def missed_words(m: StandingAsOf) -> str:
    """"Provinces: missed 30 Jun 2012", or "judged not met 12 Mar 2012" before it closed."""
    if m.closes is not None and m.closes < m.as_of:
        return f"{m.label}: missed {day(m.closes)}"
    return f"{m.label}: judged not met {day(m.since)}" if m.since else m.label


def late_note(s: StandingAsOf) -> str:
    """"met 19 days after the window closed" for a milestone met late; else ""."""
    if s.value not in (Standing.MET, Standing.PARTLY_MET) or not s.since or not s.closes:
        return ""
    late = (s.since - s.closes).days
    if late <= 0:
        return ""
    verb = "met" if s.value is Standing.MET else "partly met"
    return f"{verb} {_days(late)} after the window closed"


def counts_line(counts: dict[Standing, int], follow_ups: int | None = None) -> str:
    """The status bar's tally: "3 overdue · 2 due in 30 days · 5 met", and the shortfalls
    when there are any ("1 not met", "2 partly met"), as the packet's bottom line counts them."""
    parts = [f"{counts.get(Standing.OVERDUE, 0):,} overdue",
             f"{counts.get(Standing.DUE_SOON, 0):,} due in 30 days",
             f"{counts.get(Standing.MET, 0):,} met"]
    parts += [f"{counts[s]:,} {words}" for s, words in ((Standing.PARTLY_MET, "partly met"),
                                                     (Standing.NOT_MET, "not met"))
              if counts.get(s, 0)]
    if follow_ups is not None:
        parts.append(f"{follow_ups:,} follow-up{'s' if follow_ups != 1 else ''} due")
    return " · ".join(parts)


def follow_up_phrase(when: date, as_of: date) -> str:
    """"Follow up by 1 Mar 2012 — due" once the date is reached on the as-of date."""
    text = f"Follow up by {day(when)}"
    return text + " — due" if when <= as_of else text
