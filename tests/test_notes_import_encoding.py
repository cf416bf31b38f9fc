"""A notes file to import may start with a byte-order mark (Notepad writes one); a key given
twice, at any depth, is refused with where it is."""

from __future__ import annotations

import pytest

from jcct_desktop.cli import main
from jcct_desktop.core.annotations.exchange import ExchangeError, parse_document
from tests.notes_support import export_with_note


def test_a_bom_is_accepted_and_duplicated_keys_are_refused(data_dir, tmp_path, capsys) -> None:
    text = export_with_note(tmp_path, "fine").read_text("utf-8")
    with_bom = tmp_path / "notepad.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert main(["notes", "import", str(with_bom)]) == 0
    doubled = tmp_path / "doubled.json"
    doubled.write_text(text[:-1] + ', "annotations": []}', "utf-8")
    capsys.readouterr()
    assert main(["notes", "import", str(doubled)]) == 2
    err = capsys.readouterr().err
    assert "annotations: this key appears twice" in err, err
    nested = text.replace('"text": "ok"', '"text": "ok", "text": "other"')
    with pytest.raises(ExchangeError) as caught:
        parse_document(nested)
    assert caught.value.where == "annotations[1].notes[0].text"
