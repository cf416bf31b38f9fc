"""A commitment's gaps and its invisible begin and end markers are placed without being drawn:
the pages show exactly what they showed when each was drawn (an empty saved graphics state),
with less page content."""

from __future__ import annotations

import io
import zlib
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.platypus import Flowable

from bench.make_archive import make_archive
from jcct_desktop.core.briefing import Briefing, BriefingOptions, Scope, build_briefing
from jcct_desktop.pdf import sector
from jcct_desktop.pdf.render import write_packet
from jcct_desktop.store.reference.reader import open_reference
from tests.test_packet_quote_bar import _marks

AS_OF = date(2012, 3, 1)


def _packet(b: Briefing) -> bytes:
    out = io.BytesIO()
    write_packet(b, out)
    return out.getvalue()


def _content_bytes(data: bytes) -> int:
    return sum(len(page.get_contents().get_data()) for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def meeting_2011(reference) -> Briefing:
    return build_briefing(reference.catalog, BriefingOptions(
        as_of=AS_OF, deterministic=True, include_history=True))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Briefing:
    path = make_archive(tmp_path_factory.mktemp("archive") / "a.sqlite", meetings=20,
                        per_meeting=100)
    catalog = open_reference(path).catalog
    ids = frozenset(c.id for c in catalog.commitments[::12])
    return build_briefing(catalog, BriefingOptions(
        scope=Scope.FILTER, ids=ids, as_of=AS_OF, deterministic=True,
        scope_label="every twelfth commitment"))


@pytest.mark.parametrize("which", ["meeting_2011", "archive"])
def test_undrawn_gaps_show_what_drawn_ones_showed(which, request, monkeypatch):
    b: Briefing = request.getfixturevalue(which)
    fast = _packet(b)
    monkeypatch.setattr(sector.Gap, "drawOn", Flowable.drawOn)
    monkeypatch.setattr(sector.Begins, "drawOn", Flowable.drawOn)
    slow = _packet(b)
    assert _marks(fast) == _marks(slow)
    commitments = sum(len(s.commitments) for s in b.sections)
    # each commitment drew at least its two gaps and two markers: "q 1 0 0 1 x y cm Q" each
    assert _content_bytes(slow) - _content_bytes(fast) > 4 * commitments * len("q cm Q")
    assert zlib.crc32(fast) != zlib.crc32(slow)
