"""Search in Japanese, Chinese and Korean: words inside unspaced text are found."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.article import Article
from newsdesk.errors import SearchSyntaxError
from newsdesk.store import SqliteStore
from newsdesk.store.search import parse_query

ROWS = [
    ("日韓首脳が奈良で会談", "高市首相と李在明大統領は奈良市で会談し、協力を確認した。", "ja"),
    ("中日关系紧张", "中国外交部表示，日本首相的言论严重损害两国关系。", "zh"),
    ("한일 정상, 나라에서 회담", "다카이치 총리와 이재명 대통령이 나라에서 만났다.", "ko"),
    ("Summit in Nara", "The leaders of Japan and South Korea met in Nara.", "en"),
]


@pytest.fixture
def cjk(store: SqliteStore) -> SqliteStore:
    store.articles.add_source(
        "s",
        [
            Article(
                source="s",
                format="text",
                raw=text,
                text=text,
                title=title,
                outlet=f"{lang} outlet",
                language=lang,
                published=datetime(2026, 1, 13),
            )
            for title, text, lang in ROWS
        ],
    )
    return store


def _titles(store: SqliteStore, query: str) -> set[str | None]:
    return {hit.title for hit in store.articles.search(query)}


def test_search_cjk_word_inside_unspaced_text_is_found(cjk: SqliteStore) -> None:
    assert _titles(cjk, "首脳") == {"日韓首脳が奈良で会談"}  # two characters: scanned
    assert _titles(cjk, "李在明大統領") == {"日韓首脳が奈良で会談"}  # trigram index
    assert _titles(cjk, "外交部") == {"中日关系紧张"}
    assert _titles(cjk, "이재명") == {"한일 정상, 나라에서 회담"}
    # a Korean word with its particle attached is still found by its stem
    assert _titles(cjk, "나라") == {"한일 정상, 나라에서 회담"}


def test_search_cjk_terms_combine_with_words_filters_and_exclusions(cjk: SqliteStore) -> None:
    assert _titles(cjk, "奈良 -首脳") == set()
    assert _titles(cjk, "奈良 lang:ja") == {"日韓首脳が奈良で会談"}
    assert _titles(cjk, "奈良 lang:zh") == set()
    assert _titles(cjk, "Nara") == {"Summit in Nara"}
    assert _titles(cjk, '"奈良市で会談"') == {"日韓首脳が奈良で会談"}


def test_search_cjk_terms_are_never_fts_syntax() -> None:
    parsed = parse_query('奈良 OR 首脳* NEAR("x")')
    assert parsed.cjk == ["奈良", "首脳"]
    with pytest.raises(SearchSyntaxError):
        parse_query("-奈良")


def test_search_cjk_index_follows_updates_and_deletes(cjk: SqliteStore) -> None:
    hit = next(iter(cjk.articles.search("外交部")))
    with cjk.db.transaction() as db:
        db.execute("UPDATE articles SET text = '国防部发言人回应。' WHERE id = ?", (hit.id,))
    assert _titles(cjk, "外交部") == set()
    assert _titles(cjk, "国防部") == {"中日关系紧张"}
