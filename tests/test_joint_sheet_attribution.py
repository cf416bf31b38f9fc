"""A joint fact sheet imported for the bundled meeting: its commitments' words are credited to
the joint sheet (detail pane, citation, memo, calendar, packet cover), never to the meeting's
U.S. sheet, and the bundled commitments' to the U.S. sheet, named as such once there are two."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from jcct_desktop.cli import main
from jcct_desktop.core.citation import citation, commitment_reference, source_of
from jcct_desktop.store.reference.imported_meetings import open_with_imports
from jcct_desktop.ui.detail.html import commitment_html
from jcct_desktop.ui.detail.overview import meeting_html

JOINT = Path(__file__).parent / "data" / "jcct-22-joint-synthetic.txt"
JOINT_TITLE = "U.S.-China Joint Fact Sheet on the 22nd Joint Commission on Commerce and Trade"
US_TITLE = "22nd U.S.-China Joint Commission on Commerce and Trade Fact Sheet"
AS_OF = date(2012, 6, 15)


@pytest.fixture
def catalog_with_joint(data_dir: Path, tmp_path: Path, capsys):
    drafts = tmp_path / "drafts.json"
    assert main(["import", "factsheet", str(JOINT), "--dialogue", "jcct", "--number", "22",
                 "--date", "2011-11-21", "--kind", "joint", "-o", str(drafts)]) == 0
    assert main(["import", "factsheet", "--apply", str(drafts)]) == 0
    capsys.readouterr()
    return open_with_imports(data_dir).catalog


def test_each_commitment_cites_its_own_sheet(catalog_with_joint):
    cat = catalog_with_joint
    joint, bundled = cat.commitment("jcct-22-JCA-1"), cat.commitment("2011-SOFT-1")
    assert source_of(cat, joint) == (JOINT_TITLE, date(2011, 11, 21))
    assert source_of(cat, bundled) == (US_TITLE, date(2011, 11, 21))
    assert commitment_reference(cat, joint) == "22nd JCCT joint fact sheet, Nov 21 2011"
    assert commitment_reference(cat, bundled) == "22nd JCCT U.S. fact sheet, Nov 21 2011"
    lines = citation(cat, joint, AS_OF, "Due soon").splitlines()
    assert lines[2] == f"Source: 22nd JCCT joint fact sheet, Nov 21 2011 ({JOINT_TITLE})."


def test_the_detail_pane_credits_the_joint_sheet(catalog_with_joint):
    cat = catalog_with_joint
    page = commitment_html(cat, cat.commitment("jcct-22-JCA-1"), AS_OF)
    assert f"Verbatim from the {JOINT_TITLE}, 2011-11-21" in page
    assert US_TITLE not in page
    assert f"Verbatim from the {US_TITLE}" in commitment_html(
        cat, cat.commitment("2011-SOFT-1"), AS_OF)
    overview = meeting_html(cat, cat.meeting("jcct-22"), AS_OF)
    assert f"{US_TITLE}, 2011-11-21<br>{JOINT_TITLE}, 2011-11-21" in overview


def test_memo_calendar_and_packet_name_the_joint_sheet(catalog_with_joint, tmp_path, capsys):
    memo, ics, pdf = tmp_path / "m.docx", tmp_path / "c.ics", tmp_path / "p.pdf"
    assert main(["export", "docx", "--query", "aviation", "-o", str(memo),
                 "--as-of", "2012-01-15"]) == 0
    text = "\n".join(p.text for p in docx.Document(str(memo)).paragraphs)
    assert "Citation: jcct-22-JCA-1, 22nd JCCT joint fact sheet, Nov 21 2011" in text
    assert main(["export", "ics", "-o", str(ics), "--as-of", "2012-01-15"]) == 0
    unfolded = ics.read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "jcct-22-JCA-1\\, 22nd JCCT joint fact sheet\\, Nov 21 2011" in unfolded
    assert main(["export", "pdf", "--query", "aviation", "-o", str(pdf),
                 "--as-of", "2012-01-15"]) == 0
    cover = " ".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    assert f"Fact sheet: {JOINT_TITLE}" in cover
    capsys.readouterr()
