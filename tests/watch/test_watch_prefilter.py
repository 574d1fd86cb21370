"""The matching prefilter never loses a match: its words are a superset of what FTS5 indexes."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.store.watch_prefilter import batch_tokens, required_outlets, required_tokens

TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("abcdefghij   -_'.")),
        st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Z"]),
    ),
    max_size=60,
)


def _fts_terms(text: str) -> set[str]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
    db.execute("INSERT INTO t (x) VALUES (?)", (text,))
    return {row[0] for row in db.execute("SELECT term FROM v")}


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_watch_prefilter_tokens_cover_every_ascii_word_fts_indexes(text: str) -> None:
    ours = batch_tokens([text])
    missing = {t for t in _fts_terms(text) if t.isascii() and t.isalnum() and t not in ours}
    assert not missing


def test_watch_prefilter_reads_the_query_structure() -> None:
    assert required_tokens('"harbour strike" -rumour') == ((frozenset({"harbour", "strike"}),),)
    assert required_tokens("quake OR earthquake ferry") == (
        (frozenset({"quake"}), frozenset({"earthquake"})),
        (frozenset({"ferry"}),),
    )
    assert required_tokens("outlet:Wire") is None  # filters only: always asked of FTS5
    assert required_outlets('ferry outlet:"Northgate Wire"') == frozenset({"northgate wire"})
    assert required_tokens("Café") == ((frozenset({"cafe"}),),)
    assert required_tokens("東京") is None  # not plain ASCII: always asked of FTS5
