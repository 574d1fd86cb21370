"""The outlet stage's language re-check in the parent decides from what the clean stage's
worker read of the text (Work.language_evidence): the same language as reading the text
with py3langid's model here, and the parent of a pooled ingest never loads the model."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.lang import detect as module
from newsdesk.lang.detect import evidence, with_outlet_prior

TESTS = Path(__file__).resolve().parents[1]

TEXTS = [
    "The harbour board of Castlemere voted on Tuesday to close the eastern ferry pier.",
    "日韓首脳会談奈良開催経済安保連携確認中国情勢協議",
    "高市早苗首相は13日、奈良市で李在明大統領と会談したと発表した。",
    "日本首相高市早苗13日在奈良与韩国总统李在明举行会谈。",
    "이재명 대통령은 13일 나라에서 다카이치 사나에 총리와 회담했다.",
    "Le conseil du port a vote mardi la fermeture du quai est des ferries.",
    "Der Hafenrat hat am Dienstag die Schliessung des Faehranlegers beschlossen.",
    "Портовый совет во вторник проголосовал за закрытие паромного причала.",
    "The mayor 市長 said 말했다 that 渡し船 costs 20 euros.",
    "Ferry pier shut",
    "1234 5678 !!! ???",
    "   ",
    "The pier. " * 400,
]
DETECTED = ["en", "ja", "zh", "ko", "fr", None]
OUTLETS = [("ja",), ("zh",), ("ko",), ("en",), ("ja", "en"), ("zh", "ko"), ("fr",)]


def _refuse_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(languages: object) -> None:
        raise AssertionError("the model was asked")

    module._reading.cache_clear()
    monkeypatch.setattr(module, "_identifier", refuse)


def test_language_evidence_decides_as_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Over texts in several languages and outlets publishing in others, the carried
    evidence (pickled, as a worker sends it) gives the language the model gives, and
    reading it asks no model."""
    carried = {text: pickle.loads(pickle.dumps(evidence(text))) for text in TEXTS}
    expected = {}
    for text in TEXTS:
        for detected in DETECTED:
            for stated in OUTLETS:
                module._reading.cache_clear()
                expected[text, detected, stated] = with_outlet_prior(text, detected, stated)
    assert {v for v in expected.values()} >= {"ja", "zh", "en", "fr", None}
    _refuse_model(monkeypatch)
    for (text, detected, stated), language in expected.items():
        assert with_outlet_prior(text, detected, stated, carried[text]) == language


def test_language_evidence_of_another_text_is_not_used() -> None:
    """Evidence read of one text never decides another's language: that one is read here."""
    kanji, english = TEXTS[1], TEXTS[0]
    assert with_outlet_prior(kanji, "zh", ("ja",), evidence(english)) == "ja"
    assert with_outlet_prior(english, "en", ("ja",), evidence(kanji)) == "en"


SCRIPT = """
import sys
from pathlib import Path

from helpers import pipeline_models
from newsdesk.executors.local import LocalExecutor
from newsdesk.ingestion import ingest
from newsdesk.outlets.model import Outlet
from newsdesk.settings import Settings
from newsdesk.stages import Models
from newsdesk.store import SqliteStore

root = Path(sys.argv[1])
folder = root / "in"
folder.mkdir()
for n in range(4):
    text = f"Report {n}: the harbour board of Castlemere voted on Tuesday to close the pier. "
    (folder / f"{n}.txt").write_text(text * 20, encoding="utf-8")
settings = Settings(db=root / "db.sqlite", workers=2)
models = Models(featurize=pipeline_models.featurize, annotate=pipeline_models.annotate)
with LocalExecutor(workers=2) as pool, SqliteStore(settings.db) as store:
    store.outlets.save_outlet(Outlet(name="Nara Harbour News", languages=("ja",), origin="user"))
    report = ingest([str(folder)], store, settings=settings, outlet="Nara Harbour News",
                    executor=pool, models=models)
    languages = sorted({str(a.language) for a in store.articles.articles()})
print(report.ingested, languages, "py3langid" in sys.modules)
"""


def test_language_evidence_pooled_ingest_parent_never_loads_the_model(tmp_path: Path) -> None:
    """An outlet publishing in Japanese, English articles: each is weighed again with the
    outlet's language in the parent, from the workers' evidence (py3langid not imported)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), *sys.path]))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[-2] == "4 ['en'] False"
