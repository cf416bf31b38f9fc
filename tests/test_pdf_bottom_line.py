"""Page 1 is the bottom line: read back with pypdf and checked against the JSON export's
standing for the same as-of date; a small packet is a few pages; document properties."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from pypdf import PdfReader

from jcct_desktop.cli import main
from jcct_desktop.core.briefing import (
    AnnotationView,
    BriefingOptions,
    PlainAnnotations,
    Scope,
    build_briefing,
)
from jcct_desktop.core.briefing.bottom_line import LIST_LIMIT
from jcct_desktop.pdf import packet_bytes

AS_OF = "2012-07-15"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bl")
    pdf, data = folder / "p.pdf", folder / "d.json"
    args = ["--data-dir", str(folder / "notes")]
    assert main([*args, "export", "pdf", "-o", str(pdf), "--as-of", AS_OF,
                 "--deterministic"]) == 0
    assert main([*args, "export", "json", "-o", str(data), "--as-of", AS_OF]) == 0
    return PdfReader(pdf), json.loads(data.read_text(encoding="utf-8"))


def test_page_one_lists_what_the_json_export_says_is_overdue(exported):
    reader, data = exported
    first = flat(reader.pages[0].extract_text())
    standing = {c["id"]: c["standing"]["value"] for c in data["commitments"]}
    overdue = [i for i, v in standing.items() if v == "overdue"]
    assert overdue, "the check needs overdue commitments as of " + AS_OF
    counts = first.partition("Bottom line")[2]
    assert re.search(rf"\b{len(overdue)} overdue\b", counts.replace("\n", " ")) or \
        f"{len(overdue)} " in counts
    listed = first.partition("Overdue")[2].partition("Due next")[0]
    shown = [i for i in overdue if i in listed]
    assert len(shown) == min(len(overdue), LIST_LIMIT)
    for cid, value in standing.items():
        if cid in listed:
            assert value == "overdue", cid
    met = sum(v == "met" for v in standing.values())
    no_deadline = sum(v == "no_deadline" for v in standing.values())
    assert f"{no_deadline} no deadline" in counts or "no deadline" in counts
    assert met == 0 or "met" in counts


def test_page_one_names_the_source_co_chairs_and_date(exported):
    reader, data = exported
    first = flat(reader.pages[0].extract_text())
    meeting = data["meetings"][0]
    assert flat(meeting["fact_sheet_title"]) in first
    assert "standing as of July 15, 2012" in first
    assert "Co-chairs:" in first and "Participants:" in first


def test_summary_is_most_urgent_first_and_ids_link_to_sections(exported):
    reader, _ = exported
    glance = next(i for i, p in enumerate(reader.pages)
                  if "At a glance" in (t := flat(p.extract_text())) and "ID Commitment" in t)
    links = [a.get_object() for a in reader.pages[glance].get("/Annots", [])]
    dests = [a["/Dest"] for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a]
    assert len(dests) >= 5
    pages = [p.indirect_reference for p in reader.pages]
    text = flat(reader.pages[glance].extract_text()).partition("Assessment")[2]
    first_id = re.search(r"2011-[A-Z]+-\d+", text).group(0)
    target = flat(reader.pages[pages.index(dests[0][0])].extract_text())
    assert f"{first_id} — " in target  # the id's link lands on its section


def test_document_properties(exported):
    reader, _ = exported
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert root["/PageMode"] == "/UseOutlines"
    info = reader.metadata
    assert info.title and info.subject and "JCCT" in str(info.get("/Keywords"))


def test_a_small_packet_is_a_few_pages_without_contents(reference):
    ann = PlainAnnotations({cid: AnnotationView(starred=True)
                            for cid in ("2011-II-1", "2011-TELEQ-1", "2011-NEV-1")})
    b = build_briefing(reference.catalog, BriefingOptions(scope=Scope.STARRED,
                                                          as_of=date(2012, 3, 1)), ann)
    data, pages = packet_bytes(b)
    assert pages <= 4
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Contents" not in text and "Bottom line" in text


def test_timeline_as_of_today_marks_the_date_at_the_edge(tmp_path):
    out = tmp_path / "t.pdf"
    assert main(["--data-dir", str(tmp_path / "n"), "export", "pdf", "-o", str(out),
                 "--as-of", "2026-11-30"]) == 0
    page = next(p.extract_text() for p in PdfReader(out).pages
                if "Deadline timeline" in p.extract_text() and "dated milestones" in
                p.extract_text())
    assert "as of Nov 30, 2026 →" in page  # the axis spans the deadlines, not up to today
    assert "…" not in page  # labels are whole
    assert "2026" not in page.partition("span).")[2].replace("Nov 30, 2026", "")


def test_marking_is_empty_by_default_in_the_cli(tmp_path):
    out = tmp_path / "n.pdf"
    assert main(["--data-dir", str(tmp_path / "n"), "export", "pdf", "-o", str(out)]) == 0
    assert "OFFICIAL USE" not in "".join(p.extract_text() for p in PdfReader(out).pages[:3])


def test_a_marking_too_long_is_one_line_and_leaves_no_file(tmp_path, capsys):
    out = tmp_path / "m.pdf"
    assert main(["--data-dir", str(tmp_path / "n"), "export", "pdf", "-o", str(out),
                 "--marking", "M" * 5000]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "marking" in err
    assert not out.exists()


def test_the_contents_of_the_whole_meeting_fits_one_page(exported):
    reader, _ = exported
    pages = {item.title: reader.get_destination_page_number(item) for item in reader.outline
             if not isinstance(item, list)}
    assert pages["Bottom line"] == 0
    assert pages["At a glance"] - pages["Contents"] == 1
