"""A commitment's gaps and its invisible begin and end markers are placed without being drawn:
the pages show exactly what they showed when each was drawn (an empty saved graphics state),
with less page content."""

from __future__ import annotations

import io
import zlib

import pytest
from pypdf import PdfReader
from reportlab.platypus import Flowable

from jcct_desktop.core.briefing import Briefing, BriefingOptions, build_briefing
from jcct_desktop.pdf import sector
from tests import packet_support
from tests.packet_support import AS_OF, marks
from tests.packet_support import packet as _packet


def _content_bytes(data: bytes) -> int:
    return sum(len(page.get_contents().get_data()) for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def meeting_2011(reference) -> Briefing:
    return build_briefing(reference.catalog, BriefingOptions(
        as_of=AS_OF, deterministic=True, include_history=True))


archive = packet_support.archive  # the generated archive, a module fixture


@pytest.mark.parametrize("which", ["meeting_2011", "archive"])
def test_undrawn_gaps_show_what_drawn_ones_showed(which, request, monkeypatch):
    b: Briefing = request.getfixturevalue(which)
    fast = _packet(b)
    monkeypatch.setattr(sector.Gap, "drawOn", Flowable.drawOn)
    monkeypatch.setattr(sector.Begins, "drawOn", Flowable.drawOn)
    slow = _packet(b)
    assert marks(fast) == marks(slow)
    commitments = sum(len(s.commitments) for s in b.sections)
    # each commitment drew at least its two gaps and two markers: "q 1 0 0 1 x y cm Q" each
    assert _content_bytes(slow) - _content_bytes(fast) > 4 * commitments * len("q cm Q")
    assert zlib.crc32(fast) != zlib.crc32(slow)
