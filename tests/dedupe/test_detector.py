from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.article import Article, article_id
from newsdesk.dedupe import CopyDetector, CopyLink, also_published_by, link_copies
from newsdesk.pipeline import Drops

from .texts import ORIGINAL, SAME_EVENT, syndicated_copy, truncated_copy, whitespace_case_copy

DAY = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def art(key: str | None, text: str, published: datetime | None = None) -> Article:
    return Article(
        source=f"{key}.txt", format="text", raw=text, text=text, id=key, published=published
    )


def test_detector_links_copies_to_the_earliest_published() -> None:
    articles = [
        art("syndicated", syndicated_copy(), DAY + timedelta(hours=3)),
        art("original", ORIGINAL, DAY),
        art("shouting", whitespace_case_copy(), DAY + timedelta(hours=1)),
        art("truncated", truncated_copy(0.6), None),
        art("other-outlet", SAME_EVENT, DAY),
    ]
    links = {link.copy_id: link for link in link_copies(articles)}
    assert set(links) == {"syndicated", "shouting", "truncated"}
    assert {link.original_id for link in links.values()} == {"original"}
    assert links["shouting"].kind == "exact" and links["shouting"].similarity == 1.0
    assert links["syndicated"].kind == "near" and links["truncated"].kind == "near"
    assert also_published_by(links.values()) == {
        "original": ["shouting", "syndicated", "truncated"]
    }


def test_detector_same_event_in_other_words_is_not_a_copy() -> None:
    assert link_copies([art("a", ORIGINAL, DAY), art("b", SAME_EVENT, DAY)]) == []


def test_detector_stage_marks_extras_and_never_drops() -> None:
    detector = CopyDetector()
    stream = [art("a", ORIGINAL, DAY), art(None, syndicated_copy(), DAY), art("c", "", DAY)]
    drops = Drops()
    out = list(detector.run(stream, drops))
    assert [a.source for a in out] == [a.source for a in stream] and not drops.reasons
    assert "copy_of" not in out[0].extras and "copy_of" not in out[2].extras
    assert out[1].extras["copy_of"] == "a"
    assert out[1].extras["copy_kind"] == "near" and out[1].extras["copy_similarity"] >= 0.5
    assert out[1].id is None  # the store sets ids; the stage only keys by article_id
    assert detector.signature_bytes(out[1]) is not None
    assert detector.index.group(article_id(out[1])) == sorted(["a", article_id(out[1])])


def test_detector_reports_relinks_when_an_earlier_original_arrives() -> None:
    detector = CopyDetector()
    first = list(detector.run([art("late", ORIGINAL, DAY + timedelta(days=1))], Drops()))
    assert "copy_of" not in first[0].extras
    second = list(detector.run([art("early", syndicated_copy(), DAY)], Drops()))
    assert "copy_of" not in second[0].extras
    assert detector.relinks() == [
        CopyLink(
            copy_id="late",
            original_id="early",
            kind="near",
            similarity=detector.index.link("late").similarity,
        )  # type: ignore[union-attr]
    ]
    assert detector.relinks() == []


def test_detector_seeded_signature_is_used() -> None:
    producer = CopyDetector()
    list(producer.run([art("a", ORIGINAL, DAY)], Drops()))
    stored = producer.signature_bytes(art("a", ORIGINAL, DAY))
    consumer = CopyDetector()
    consumer.seed(art("a", ORIGINAL, DAY), signature=stored)
    out = list(consumer.run([art("b", truncated_copy(0.6), DAY)], Drops()))
    assert out[0].extras["copy_of"] == "a"


def test_detector_uses_the_signatures_it_is_given(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The copy index only consumes what the per-article signatures stage made: it computes
    none itself, and it links and stores exactly what it would have computed."""
    from newsdesk.dedupe.minhash import MinhashDeduper
    from newsdesk.dedupe.signing import signature_bytes

    texts = {"a": ORIGINAL, "b": syndicated_copy(), "c": SAME_EVENT, "d": truncated_copy(0.6)}
    computing = CopyDetector()
    expected = [computing.run([art(k, t, DAY)], Drops()) for k, t in texts.items()]
    expected_marks = [next(iter(found)).extras for found in expected]

    def refuse(self: MinhashDeduper, text: str) -> None:
        raise AssertionError("the copy index computed a signature")

    monkeypatch.setattr(MinhashDeduper, "signature", refuse)
    given = {key: signature_bytes(text) for key, text in texts.items()}
    detector = CopyDetector()
    marks = [
        next(iter(detector.run([art(k, t, DAY)], Drops(), signatures=given))).extras
        for k, t in texts.items()
    ]
    assert marks == expected_marks and marks[1]["copy_of"] == "a"
    for key, text in texts.items():
        assert detector.signature_bytes(art(key, text, DAY)) == given[key]
        assert computing.signature_bytes(art(key, text, DAY)) == given[key]


def test_detector_stage_requires_text_and_published() -> None:
    import pytest

    from newsdesk.errors import UsageError
    from newsdesk.pipeline import StageList
    from newsdesk.stages import STAGES

    copies = next(s for s in STAGES if s.name == "copies")
    with pytest.raises(UsageError, match="stage copies needs"):
        StageList([copies], given=frozenset({"id", "text"}))


# -- properties ------------------------------------------------------------------------------
VARIANTS = [
    lambda: ORIGINAL,
    whitespace_case_copy,
    syndicated_copy,
    lambda: truncated_copy(0.6),
    lambda: truncated_copy(0.8),
    lambda: SAME_EVENT,
    lambda: SAME_EVENT.replace("Tuesday", "Wednesday"),
    lambda: "A short unrelated note about the weather.",
]
dates = st.one_of(st.none(), st.integers(0, 3).map(lambda d: DAY + timedelta(days=d)))
corpora = st.lists(
    st.tuples(st.sampled_from(range(len(VARIANTS))), dates), min_size=1, max_size=8
).map(lambda items: [art(f"id{i}", VARIANTS[v](), when) for i, (v, when) in enumerate(items)])


def as_tuples(links: list[CopyLink]) -> list[tuple[str, str, str, float]]:
    return [(x.copy_id, x.original_id, x.kind, x.similarity) for x in links]


@settings(max_examples=60, deadline=None)
@given(articles=corpora, data=st.data())
def test_detector_link_copies_is_order_independent(
    articles: list[Article], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(articles))
    assert as_tuples(link_copies(shuffled)) == as_tuples(link_copies(articles))


@settings(max_examples=40, deadline=None)
@given(articles=corpora)
def test_detector_link_copies_is_idempotent(articles: list[Article]) -> None:
    once = link_copies(articles)
    assert as_tuples(link_copies(articles + articles)) == as_tuples(once)
    detector = CopyDetector()
    marked = list(detector.run(articles, Drops()))
    again = list(CopyDetector().run(marked, Drops()))
    assert [a.extras for a in again] == [a.extras for a in marked]


@settings(max_examples=60, deadline=None)
@given(articles=corpora)
def test_detector_original_is_always_the_earliest_published(articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    links = link_copies(articles)
    copies = {link.copy_id for link in links}
    for link in links:
        original = by_id[link.original_id]
        assert link.original_id not in copies
        group = [link.copy_id] + [x.copy_id for x in links if x.original_id == link.original_id]
        for member in (by_id[key] for key in group):
            if member.published is not None:
                assert original.published is not None and original.published <= member.published
            if member.published == original.published:
                assert str(original.id) <= str(member.id)
