"""Search across the bundled and an imported meeting: the window, its packet, and the CLI.

After an import the two databases are searched together (``CombinedSearch``); it once lacked
``doc_ids``, so every search showed everything and ``export pdf --query`` ended in a traceback.
Commitment ids are searchable too (``2011-SAFE-1``, ``SAFE-1``).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from jcct_desktop.cli import main
from jcct_desktop.core.briefing import Scope
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids
from jcct_desktop.store.reference.imported_meetings import open_with_imports
from jcct_desktop.store.reference.search import CombinedSearch, SearchIndex
from tests.imported_support import import_jcct_23
from tests.test_search_facts_synonyms import _highlighted
from tests.ui_support import AS_OF, OFFSCREEN_NOISE, build_window


@pytest.fixture
def both(data_dir: Path, tmp_path: Path, capsys):
    import_jcct_23(data_dir, tmp_path)
    capsys.readouterr()
    ref = open_with_imports(data_dir)
    assert isinstance(ref.search, CombinedSearch)
    return ref


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_the_combined_search_answers_what_one_database_answers(both, reference) -> None:
    one: SearchIndex = reference.search
    assert one.doc_ids(["state-owned"]) == (set(), set())  # the bundled meeting has none
    ids, facts = both.search.doc_ids(["state-owned"])
    assert ids == {"jcct-23-SL-1"} and facts == set()
    ids, _ = both.search.doc_ids(["software legalization"])
    assert {"jcct-23-SL-1", "2011-SOFT-2"} <= ids
    ranked = [h.doc for h in both.search.search("legalization") if h.kind == "commitment"]
    assert "jcct-23-SL-1" in ranked and "2011-SOFT-2" in ranked


@pytest.mark.parametrize(("typed", "expected"), [
    ("state-owned", {"jcct-23-SL-1"}),  # only the imported meeting holds it
    ("mastery", {"2011-NEV-1"}),  # only the bundled one
    ("2011-SAFE-1", {"2011-SAFE-1"}),  # an id, whole
    ("SAFE-1", {"2011-SAFE-1"}),  # an id without its meeting's part
    ("safe-1", {"2011-SAFE-1"}),
    ("jcct-23-IPR-2", {"jcct-23-IPR-2"}),
    ("jcct-23-IPR", {"jcct-23-IPR-1", "jcct-23-IPR-2"}),
])  # fmt: skip
def test_filters_find_either_meeting_and_ids(both, typed: str, expected: set[str]) -> None:
    ctx = FilterContext(both.catalog, both.search)
    assert matching_ids(Filter(text=typed), ctx, AS_OF) == expected


def test_a_word_or_year_is_never_read_as_an_id(both) -> None:
    ctx = FilterContext(both.catalog, both.search)
    # "safe" is a word of several texts, not the SAFE sector's every commitment by its id
    assert "2011-SAFE-2" not in ctx.text_hits("SAFE-10").commitments
    assert ctx.text_hits("zzqq-1").commitments == frozenset()
    hits_2011 = matching_ids(Filter(text="2011"), ctx, AS_OF)
    assert hits_2011 < both.catalog.ids  # "2011" is text to find, not every 2011- id


@OFFSCREEN_NOISE
def test_window_search_after_an_import_narrows_and_highlights(qtbot, both, tmp_path) -> None:
    window = build_window(qtbot, both, tmp_path, as_of=AS_OF)
    everything = len(window.visible_commitment_ids())
    assert everything == len(both.catalog.commitments) == 43
    window.set_search_text("state-owned")
    assert window.visible_commitment_ids() == ["jcct-23-SL-1"]
    assert window.select_commitment("jcct-23-SL-1")
    assert _highlighted("state-owned", window)
    window.set_search_text("legalization")
    shown = set(window.visible_commitment_ids())
    assert {"jcct-23-SL-1", "2011-SOFT-2"} <= shown and len(shown) < everything
    window.set_search_text("SAFE-1")
    assert window.visible_commitment_ids() == ["2011-SAFE-1"]
    window.set_search_text("zzqqxx")
    assert window.visible_commitment_ids() == []


@OFFSCREEN_NOISE
def test_current_search_packet_after_an_import_holds_only_the_hits(qtbot, both, tmp_path) -> None:
    from jcct_desktop.core.briefing import BriefingOptions, PlainAnnotations, Scope, build_briefing

    window = build_window(qtbot, both, tmp_path, as_of=AS_OF)
    window.set_search_text("state-owned")
    options = BriefingOptions(scope=Scope.FILTER, filter=window.current_filter(),
                              scope_label="search “state-owned”", as_of=AS_OF)
    briefing = build_briefing(both.catalog, options, PlainAnnotations(), window._context)
    assert list(briefing.commitment_ids) == ["jcct-23-SL-1"]


@pytest.mark.parametrize(("typed", "present", "absent"), [
    ("state-owned", "jcct-23-SL-1", "2011-NEV-1"),
    ("mastery", "2011-NEV-1", "jcct-23-SL-1"),
    ("2011-SAFE-1", "2011-SAFE-1", "2011-SAFE-2"),
])  # fmt: skip
def test_cli_export_pdf_query_after_an_import(both, tmp_path: Path, capsys, typed, present,
                                              absent) -> None:
    out = tmp_path / "search.pdf"
    assert main(["export", "pdf", "--query", typed, "-o", str(out), "--deterministic"]) == 0
    err = capsys.readouterr().err
    assert err.rstrip().endswith(", 1 commitment)") and "Traceback" not in err
    text = _pdf_text(out)
    assert present in text and absent not in text


def test_cli_query_with_no_hit_says_so_in_one_line(both, tmp_path: Path, capsys) -> None:
    out = tmp_path / "none.pdf"
    assert main(["export", "pdf", "--query", "zzqqxx", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("jcct-desktop: ") and "\n" not in err and not out.exists()


@OFFSCREEN_NOISE
def test_the_packet_dialog_chooses_the_meeting(qtbot, both, tmp_path) -> None:
    """After an import "Whole meeting" once meant the newest only: the dialog now asks which."""
    from jcct_desktop.ui.briefing import BriefingDialog

    window = build_window(qtbot, both, tmp_path, as_of=AS_OF)
    dialog = BriefingDialog(window)
    qtbot.addWidget(dialog)
    choice = dialog.meeting_choice
    assert choice.isVisibleTo(dialog)
    assert [choice.itemData(i) for i in range(choice.count())] == ["jcct-23", "jcct-22"]
    assert dialog.sector_list.count() == 2  # the 23rd's two sectors
    choice.setCurrentIndex(choice.findData("jcct-22"))
    assert dialog.sector_list.count() > 20
    dialog.scope_buttons[Scope.MEETING].setChecked(True)
    with qtbot.waitSignal(dialog.built, timeout=60_000):
        dialog.start_build()
    text = " ".join(" ".join(p.extract_text() for p in
                             PdfReader(io.BytesIO(dialog.pdf)).pages).split())
    # the 23rd's commitments have no section (those linked to 2011 ones are named as links)
    assert "2011-NEV-1" in text and "jcct-23-IPR-2" not in text
    assert "seminar on trade secrets" not in text
