"""The window's colours, and every foreground/background pair it draws, with the contrast each
needs. Contrast by construction: tests/test_contrast.py measures each pair (core.contrast) and
fails under its threshold, so a colour changed here or in core.standing_words cannot quietly
drop below WCAG 2.1 AA.

The standing colours themselves live in :data:`core.standing_words.LOOKS` (shared with the
PDF); each keeps its own shape too, so colour never carries a standing alone.
"""

from __future__ import annotations

from typing import NamedTuple

from jcct_desktop.core.annotations.model import Assessment
from jcct_desktop.core.contrast import NON_TEXT, TEXT
from jcct_desktop.core.standing import Standing
from jcct_desktop.core.standing_words import AS_OF_COLOUR, LOOKS

WHITE = "#ffffff"
INK = "#2b2f33"  # body text
MUTED = "#5f6670"  # secondary text: labels, captions
PLACEHOLDER = "#5f6670"  # hints in empty fields (Qt's default grey was 4.0:1)
WINDOW = "#f4f5f7"  # the window, toolbar and filter row
PANEL = "#fbfbfc"  # the notes panel
BAND = "#f7f8fa"  # alternate timeline bands
SELECTED_ROW = "#dceafb"  # the tree's selected row, the timeline's selected lane
HOVER_ROW = "#f0f4f9"
FIELD_BORDER = "#7d858e"  # edits and combos (was #c9ced4, 1.58:1)
FOCUS = "#2f5d8a"  # the frame round whatever has keyboard focus
STAR = "#7a5600"  # ★ in the tree's marks column (was #c28a00, 3.03:1)
BAR_LABEL = WHITE  # text on a timeline bar
# the tree's assessment badges: the colour of the standing each assessment sets
ASSESSMENT_COLOURS: dict[Assessment, str] = {
    Assessment.IN_PROGRESS: LOOKS[Standing.OPEN].colour,
    Assessment.FULFILLED: LOOKS[Standing.MET].colour,
    Assessment.PARTIALLY_FULFILLED: LOOKS[Standing.PARTLY_MET].colour,
    Assessment.NOT_FULFILLED: LOOKS[Standing.NOT_MET].colour,
    Assessment.SUPERSEDED: LOOKS[Standing.SUPERSEDED].colour,
}


class Pair(NamedTuple):
    what: str
    foreground: str
    background: str
    needs: float


def pairs() -> list[Pair]:
    """Every pair the window draws, with the ratio it must reach."""
    out: list[Pair] = []
    text_grounds = {"white page": WHITE, "selected row": SELECTED_ROW, "hovered row": HOVER_ROW,
                    "notes panel": PANEL, "timeline band": BAND}
    for look in LOOKS.values():
        for where, ground in text_grounds.items():
            # bold standing words in the detail pane and the packet; markers in the tree
            out.append(Pair(f"{look.name} text on the {where}", look.colour, ground, TEXT))
        out.append(Pair(f"white label on a {look.name} timeline bar", BAR_LABEL, look.colour,
                        TEXT))
        out.append(Pair(f"{look.name} marker on the window", look.colour, WINDOW, NON_TEXT))
    for status, badge in ASSESSMENT_COLOURS.items():
        out.append(Pair(f"{status.label} badge on a selected row", badge, SELECTED_ROW,
                        NON_TEXT))
        out.append(Pair(f"white sign on the {status.label} badge", WHITE, badge, NON_TEXT))
    for where, ground in text_grounds.items():
        out.append(Pair(f"star on the {where}", STAR, ground, TEXT))
        out.append(Pair(f"body text on the {where}", INK, ground, TEXT))
        out.append(Pair(f"muted text on the {where}", MUTED, ground, TEXT))
    out += [
        Pair("as-of line on the timeline", AS_OF_COLOUR, WHITE, NON_TEXT),
        Pair("placeholder text in a field", PLACEHOLDER, WHITE, TEXT),
        Pair("field border against the field", FIELD_BORDER, WHITE, NON_TEXT),
        Pair("field border against the window", FIELD_BORDER, WINDOW, NON_TEXT),
        Pair("focus frame against a field", FOCUS, WHITE, NON_TEXT),
        Pair("focus frame against the window", FOCUS, WINDOW, NON_TEXT),
        Pair("focus frame against a selected row", FOCUS, SELECTED_ROW, NON_TEXT),
        Pair("muted text on the window", MUTED, WINDOW, TEXT),
    ]
    return out
