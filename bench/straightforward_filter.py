"""The text filter as written before its per-catalog lookups and in-memory search.

Every term walks every sector, fact and commitment of the catalog and asks the search in
SQL alone (a ``ReferenceSearch`` never warmed). ``bench_search.py`` times it as the
baseline of the typed search, and the tests hold the fast path to its answers
(``tests/test_filter_fast_paths.py``).
"""

from __future__ import annotations

from typing import Any

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.filtering import AnnotationIndex
from jcct_desktop.core.search import parse_query


def straightforward(catalog: Catalog, search: Any, notes: AnnotationIndex | None,
                    text: str, memo: dict[str, tuple[set[str], set[str]]] | None = None,
                    ) -> tuple[set[str], tuple[str, ...]]:
    """(commitments of the catalog, facts in source order) that ``text`` finds; ``memo``
    keeps each term's reference hits, as the filter context's cache did."""
    commitments: set[str] | None = None
    facts: set[str] | None = None
    for term in parse_query(text).all_terms:
        forms = catalog.thesaurus.alternatives(term)
        key = "\x1f".join(forms).casefold()
        if memo is not None and key in memo:
            ids, fact_ids = (set(found) for found in memo[key])
        else:
            ids, fact_ids = _reference_hits(catalog, search, forms)
            if memo is not None:
                memo[key] = (set(ids), set(fact_ids))
        if notes is not None:
            for form in forms:
                ids |= notes.search_notes(form)
        commitments = ids if commitments is None else commitments & ids
        facts = fact_ids if facts is None else facts & fact_ids
    ordered = tuple(f.id for f in catalog.facts if f.id in (facts or ()))
    return (commitments or set()) & set(catalog.ids), ordered


def _reference_hits(catalog: Catalog, search: Any,
                    forms: tuple[str, ...]) -> tuple[set[str], set[str]]:
    ids, fact_ids = search.doc_ids(forms)
    folded = [f.casefold() for f in forms]
    wanted = [f.casefold() for f in forms if "-" in f and any(ch.isalpha() for ch in f)]

    def named(item_id: str) -> bool:
        return any(f"-{w}-" in f"-{item_id.casefold()}-" for w in wanted)

    ids |= {c.id for c in catalog.commitments if named(c.id)}
    fact_ids |= {f.id for f in catalog.facts if named(f.id)}
    ids |= {c.id for s in catalog.sectors if any(f in s.name.casefold() for f in folded)
            for c in catalog.commitments_under(s)}
    for fid in fact_ids:
        fact = catalog.fact(fid)
        if fact is not None:
            sector = catalog.sector(fact.meeting, fact.sector)
            ids |= {c.id for c in catalog.commitments_under(sector)}
    return ids, fact_ids
