"""A search that is empty once cleaned — only invisible characters such as U+200B (zero-width
space) or U+202B (right-to-left embedding) — is no search: the window's filter shows every
commitment, and `export pdf --query` briefs what it would without `--query` (read back with
pypdf), rather than "Nothing to brief" quoting invisible text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from jcct_desktop.cli import main
from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids
from jcct_desktop.store.reference.reader import open_reference

AS_OF = date(2012, 3, 1)


@pytest.mark.parametrize("text", ["\u200b", "\u202b", " \u200b\u202b ", "\u2060\ufeff"])
def test_an_invisible_search_shows_everything(text: str) -> None:
    ref = open_reference()
    ctx = FilterContext(ref.catalog, ref.search, None)
    assert not Filter(text=text).searches
    assert matching_ids(Filter(text=text), ctx, AS_OF) == set(ref.catalog.ids)


def test_a_word_beside_invisible_characters_still_searches() -> None:
    ref = open_reference()
    ctx = FilterContext(ref.catalog, ref.search, None)
    flt = Filter(text="\u200bsoftware\u202b")
    assert flt.searches
    found = matching_ids(flt, ctx, AS_OF)
    assert found and found < set(ref.catalog.ids)
    assert found == matching_ids(Filter(text="software"), ctx, AS_OF)


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_export_pdf_with_an_invisible_query_briefs_as_without(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain, invisible = tmp_path / "plain.pdf", tmp_path / "invisible.pdf"
    common = ["--as-of", "2012-03-01", "--deterministic"]
    assert main(["export", "pdf", "-o", str(plain), *common]) == 0
    assert main(["export", "pdf", "-o", str(invisible), "--query", "\u200b", *common]) == 0
    err = capsys.readouterr().err
    assert "Nothing to brief" not in err
    assert _text(invisible) == _text(plain)
    assert "\u200b" not in _text(invisible)
