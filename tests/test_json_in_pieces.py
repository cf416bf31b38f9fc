"""The notes file's JSON read in pieces (``exchange.load_json``, so a worker reading an archive
lets the window in between) is ``json.loads`` exactly: the same values, duplicate keys marked
the same way, and for a broken file the same error at the same place."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from jcct_desktop.core.annotations.exchange import load_json
from jcct_desktop.core.annotations.validate import json_object

SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.floats(
    allow_nan=False)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=4), inner, max_size=4), max_leaves=20)
SPACE = st.sampled_from(["", " ", "\n", "\t ", "\r\n  "])


def _outcome(read: Any, text: str) -> tuple[str, Any, str]:
    try:
        value = read(text)
    except json.JSONDecodeError as exc:
        return ("error", (exc.msg, exc.pos), "")
    return ("value", value, type(value).__name__)


def _reference(text: str) -> Any:
    return json.loads(text, object_pairs_hook=json_object)


@given(st.dictionaries(st.text(max_size=6), VALUES, max_size=5), SPACE)
def test_any_object_reads_as_json_loads_reads_it(document: dict[str, Any], space: str) -> None:
    text = json.dumps(document, indent=1 if space else None)
    assert _outcome(load_json, space + text + space) == _outcome(_reference, space + text + space)


@given(st.dictionaries(st.text(max_size=6), VALUES, min_size=1, max_size=4),
       st.integers(min_value=0), st.sampled_from(["", ",", "]", "}", "x", '"', ":"]))
def test_a_broken_file_fails_exactly_as_json_loads_fails(
        document: dict[str, Any], where: int, insert: str) -> None:
    text = json.dumps(document)
    cut = where % (len(text) + 1)
    broken = text[:cut] + insert if insert else text[:cut]  # truncated, or a stray character
    assert _outcome(load_json, broken) == _outcome(_reference, broken)


def test_duplicate_keys_are_marked_at_every_level() -> None:
    text = '{"annotations": [{"a": 1, "a": 2}], "format": "x", "format": "y"}'
    mine, theirs = load_json(text), _reference(text)
    assert (mine, type(mine), mine.duplicates) == (theirs, type(theirs), ["format"])
    inner = mine["annotations"][0]
    assert inner.duplicates == ["a"] == theirs["annotations"][0].duplicates


def test_trailing_commas_are_refused_as_json_refuses_them() -> None:
    for text in ('{"a": [1, 2,]}', '{"a": 1,}', '{"a": [],}'):
        assert _outcome(load_json, text) == _outcome(_reference, text)
        assert _outcome(load_json, text)[0] == "error"
