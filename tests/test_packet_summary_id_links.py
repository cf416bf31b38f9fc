"""The summary's linked ids are set from fragments made without the markup parser
(``pdf.linked``): the parser's own fragments for any id and key under Hypothesis, and the
packet byte for byte as with every id parsed, links and all, on the 2011 meeting with notes
and on a generated archive."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from jcct_desktop.core.briefing import Briefing
from jcct_desktop.pdf import summary
from jcct_desktop.pdf.linked import linked_frags
from jcct_desktop.pdf.styles import stylesheet
from jcct_desktop.pdf.text import markup
from tests import packet_support
from tests.packet_support import packet

# the 2011 meeting noted and the generated archive, as module fixtures
meeting_2011, archive = packet_support.meeting_2011, packet_support.archive

IDS = st.text(alphabet=st.sampled_from("2011-SOFTipr0189 &<>;#.\u4e2d\u00e9"), min_size=1,
              max_size=20)
KEYS = st.from_regex(r"s[0-9]{1,3}\.[0-9]{1,3}", fullmatch=True)


@given(IDS, KEYS)
def test_the_fragments_are_the_parsers(cid, key):
    sheet = stylesheet()
    style = sheet["cell"]
    text = markup(cid, sheet.font("cell"))
    ours = linked_frags(text, key, summary.LINK_COLOUR, style)
    whole = Paragraph(f'<a href="#{key}" color="{summary.LINK_COLOUR}">{text}</a>', style)
    if ours is None:  # fallback fonts or spaces the paragraph collapses: parsed as before
        assert "<" in text or "  " in text or text != text.strip()
        return
    assert [f.__dict__ for f in ours] == [f.__dict__ for f in whole.frags]


@pytest.mark.parametrize("which", ["meeting_2011", "archive"])
def test_ids_linked_without_the_parser_print_what_parsed_ones_print(which, request,
                                                                     monkeypatch):
    b: Briefing = request.getfixturevalue(which)
    fast = packet(b)
    monkeypatch.setattr(summary, "linked_frags", lambda *args: None)
    assert packet(b) == fast
    links = sum(len(p.get("/Annots") or []) for p in PdfReader(io.BytesIO(fast)).pages)
    assert links >= len(b.summary)  # every row's id links to its section
