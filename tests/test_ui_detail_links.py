"""The detail pane shows links both ways across meetings, and the issue areas."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_meetings import _areas, sed_iii

from jcct_desktop.store.reference.build import write_database
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.detail.html import commitment_html


def test_links_show_from_both_ends(catalog, tmp_path: Path) -> None:
    out = tmp_path / "user.sqlite"
    write_database(out, [sed_iii()], [], _areas())
    both = catalog.merged(open_reference(out).catalog)
    later = commitment_html(both, both.commitment("2011-SOFT-2"), date(2012, 1, 1))
    assert "Across meetings" in later
    assert 'Extends <a href="commitment:sed-3-IPR-1">sed-3-IPR-1</a> (S&amp;ED III (2011))' in later
    earlier = commitment_html(both, both.commitment("sed-3-IPR-1"), date(2012, 1, 1))
    assert 'Extended by <a href="commitment:2011-SOFT-2">2011-SOFT-2</a>' in earlier
    assert "Issue areas (ours):</span> Intellectual property rights" in earlier


def test_no_links_no_section(catalog) -> None:
    page = commitment_html(catalog, catalog.commitment("2011-NEV-1"), date(2012, 1, 1))
    assert "Across meetings" not in page
    assert "Industrial policies · Investment" in page
