"""Sentences that are not the fact sheet's facts: page boilerplate and a third party's words.

A fact is what the sheet itself states ("China plans to invest $1.5 trillion …"). Navigation
and contact lines ("For more information …", "###") and what a newspaper or an official is
reported to have said ("According to Xinhua, …", "…, Reuters reported.") were saved as
"industry facts" and printed in the packet (issue 21). They are left out of the facts and
listed in the drafts' ``not_facts`` with the reason, so the officer sees what was left out.
"""

from __future__ import annotations

import re

_BOILERPLATE = re.compile(
    r"^(?:#{3,}|-{3,}|For\s+(?:more|further|additional)\s+information\b|(?:Click|Visit)\s+"
    r"(?:here|HERE|www\.|https?:)|Follow\s+us\b|(?:Media|Press)\s+(?:contacts?|inquiries|office)"
    r"\b|Contact:|Source:|Official\s+website\b|Print\s+this\s+page|Share\s+this\b|Back\s+to\s+"
    r"top\b|Copyright\b|©|All\s+rights\s+reserved|This\s+(?:site|page)\s+contains\b|Last\s+"
    r"(?:updated|modified)\b|Related\s+(?:links|content)\b)",
    re.I,
)
_REPORTERS = (r"(?:Xinhua|Reuters|Bloomberg|the\s+Associated\s+Press|AP|AFP|state\s+media|"
              r"Chinese\s+media|the\s+press|press\s+reports?|media\s+reports?|news\s+reports?|"
              r"the\s+(?:Wall\s+Street\s+Journal|New\s+York\s+Times|Financial\s+Times))")
_THIRD_PARTY = re.compile(
    rf"^According\s+to\s+(?:an?\s+)?(?:{_REPORTERS}|reports?|officials?|sources|a\s+spokes"
    rf"(?:person|man|woman)|(?:Chinese|U\.S\.)\s+officials?)\b"
    rf"|,\s*{_REPORTERS}\s+(?:reported|said|quoted)\b|\b{_REPORTERS}\s+(?:reported|quoted)\b"
    r"|\btold\s+reporters\b",
    re.I,
)


def why_not_a_fact(sentence: str) -> str:
    """"" for a fact; else why the sentence is not one of the sheet's facts."""
    text = sentence.strip()
    if _BOILERPLATE.search(text):
        return "page boilerplate, not a fact"
    if _THIRD_PARTY.search(text):
        return "a third party's words, not a fact of the sheet"
    return ""
