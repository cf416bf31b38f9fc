"""Issue 9: any bytes or any JSON given to ``notes import`` either merge or give one clean line
(exit 2) and leave the notes database exactly as it was (real CLI, real SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import DB_NAME

KEYS = ["commitment", "assessment", "notes", "tags", "starred", "follow_up", "history",
        "status", "evidence", "changed", "text", "created", "updated", "when", "who", "field"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["2012-01-15", "2012-01-15T10:00:00+05:00",
                                           "0001-01-01T00:00:00+01:00", "fulfilled", "2011-NEV-1"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=6),
    ),
    max_leaves=25,
)
near_valid = st.fixed_dictionaries(
    {"format": st.just("jcct-desktop-annotations"), "version": st.sampled_from([1, 1, 2, 0]),
     "annotations": st.lists(values, max_size=4)}
)
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(tmp_path: Path, capsys, payload: bytes) -> None:
    data = tmp_path / "data"
    if not (data / DB_NAME).exists():
        service = AnnotationService.open(data)
        service.add_note(commitment_id="2011-NEV-1", text="kept")
        service.close()
    source = tmp_path / "in.json"
    source.write_bytes(payload)
    before = (data / DB_NAME).read_bytes()
    capsys.readouterr()
    code = main(["--data-dir", str(data), "notes", "import", str(source)])
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1, err
    if code != 0:
        assert code == 2 and "nothing was imported" in err, err
        assert (data / DB_NAME).read_bytes() == before


@SETTINGS
@given(payload=st.binary(max_size=300))
def test_any_bytes(tmp_path: Path, capsys, payload: bytes) -> None:
    _check(tmp_path, capsys, payload)


@SETTINGS
@given(document=st.one_of(values, near_valid))
def test_any_json(tmp_path: Path, capsys, document: object) -> None:
    _check(tmp_path, capsys, json.dumps(document).encode())
