"""The search suite again, with an imported meeting present (issue 21).

Every search test that goes through the window, the filters or the combined search runs here
on the bundled 22nd JCCT *and* the 23rd JCCT fixture imported by the real CLI: the bug this
guards against (``CombinedSearch`` lacking ``doc_ids``) only showed once a meeting had been
imported, which no test of the bundled data alone could see. The tests are the same
functions, collected in this module, where ``reference`` and ``catalog`` are overridden.
"""

from __future__ import annotations

import pytest

from jcct_desktop.store.reference.imported_meetings import open_with_imports
from jcct_desktop.store.reference.search import CombinedSearch
from tests import (
    test_filtering,
    test_search,
    test_search_facts_synonyms,
    test_ui_search_typing,
)
from tests.imported_support import import_jcct_23

# These compare one database's FTS and LIKE paths (``reference.search._engine``): a property
# of each database, not of searching several; they run in their own modules.
_ONE_DATABASE_ONLY = {
    "test_hostile_queries_never_raise",
    "test_fts_and_like_paths_agree",
    "test_straight_apostrophe_finds_curly_source_text",
    "test_phrase_search_agrees_on_both_paths",
    "test_like_fallback_search_survives_a_huge_term",
}

for _module in (test_search, test_search_facts_synonyms, test_filtering, test_ui_search_typing):
    for _name, _test in vars(_module).items():
        if _name.startswith("test_") and callable(_test) and _name not in _ONE_DATABASE_ONLY:
            globals()[_name] = _test
    for _name in ("service",):  # module fixtures the tests need
        if hasattr(_module, _name):
            globals()[_name] = getattr(_module, _name)

pytestmark = test_ui_search_typing.pytestmark


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("with-import")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JCCT_DATA_DIR", str(work / "data"))  # the CLI exports --data-dir into it
        import_jcct_23(work / "data", work)
    ref = open_with_imports(work / "data")
    assert isinstance(ref.search, CombinedSearch)
    assert {m.id for m in ref.catalog.meetings} == {"jcct-22", "jcct-23"}
    return ref


@pytest.fixture(scope="module")
def catalog(reference):
    return reference.catalog
