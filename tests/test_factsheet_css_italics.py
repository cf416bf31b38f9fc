"""CSS italics read like <i> (issue 21): a page setting its facts in italics by a class or a
style attribute, with one <i> inside a promise, drafts its facts as facts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jcct_desktop.core.model import Dialogue
from jcct_desktop.factsheet_import.drafts import MeetingInfo, build_drafts
from jcct_desktop.factsheet_import.source import read_source

PAGE = """<html><head><style>
.fact, p.note { font-style: italic; color: #333 }
.promise { font-weight: bold }
</style></head><body>
<h1>24th U.S.-China Joint Commission on Commerce and Trade Fact Sheet</h1>
<p>The U.S. Secretary of Commerce co-chaired the 24th JCCT in Beijing.</p>
<h2>Medical Devices</h2>
<p class="fact">China’s medical device market reached $30 billion in 2012.</p>
<p><span style="font-style: italic">U.S. device exports to China grew 10 percent.</span></p>
<ul><li class="promise">China will publish the revised regulation by mid-2014.</li></ul>
<p>China agreed to <i>consider</i> comments from foreign firms by June 2014.</p>
<p class="note">Industry estimates put the testing cost at $30,000.</p>
</body></html>
"""


def test_css_italics_mark_facts(tmp_path: Path) -> None:
    page = tmp_path / "sheet.html"
    page.write_text(PAGE, "utf-8")
    drafts = build_drafts(read_source(page), MeetingInfo(Dialogue.JCCT, 24, date(2013, 12, 20)))
    assert [f["text"] for f in drafts["facts"]] == [
        "China’s medical device market reached $30 billion in 2012.",
        "U.S. device exports to China grew 10 percent.",
        "Industry estimates put the testing cost at $30,000.",
    ]
    assert [(c["source_text"], [m["latest"] for m in c["milestones"]])
            for c in drafts["commitments"]] == [
        ("China will publish the revised regulation by mid-2014.", ["2014-06-30"]),
        ("China agreed to consider comments from foreign firms by June 2014.", ["2014-06-30"]),
    ]  # fmt: skip
