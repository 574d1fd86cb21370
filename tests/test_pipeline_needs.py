"""What a batch of the embed+annotate pass says it needs loaded: the language packs of the
articles it annotates, so the local executor hands it to a worker that has them."""

from __future__ import annotations

from newsdesk.article import Article
from newsdesk.pipeline import Composed
from newsdesk.settings import Settings
from newsdesk.stages import SourceJob, Work
from newsdesk.stages.article import Annotate, Embed


def _job(index: int, *languages: str | None, known: bool = False) -> SourceJob:
    job = SourceJob(index=index, source=f"s{index}", read=True)
    for n, language in enumerate(languages):
        article = Article(f"s{index}", "text", "Text.", text="Text.", language=language)
        article.id = f"a{index}-{n}"
        job.works.append(Work(article, known=known))
    return job


def _annotate_pass() -> Composed:
    settings = Settings()
    return Composed([("embed", Embed(settings)), ("annotate", Annotate(settings))])


def test_pipeline_needs_packs_of_the_articles_to_annotate() -> None:
    batch = [_job(0, "en", "ja"), _job(1, "ko-KR", "fr", None)]
    assert _annotate_pass().needs(batch) == {"ja", "ko"}


def test_pipeline_needs_nothing_for_english_stored_or_dropped_articles() -> None:
    stored = _job(1, "zh", known=True)  # a duplicate: not annotated again
    dropped = _job(2, "ja")
    dropped.works[0].dropped = "not news: a list of links"
    assert _annotate_pass().needs([_job(0, "en", "de"), stored, dropped]) == set()
