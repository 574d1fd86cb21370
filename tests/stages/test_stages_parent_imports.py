"""The parent of a pool reads and cleans nothing: its start-up imports (the CLI, the
ingest entry points, the global stages) leave the readers (lxml, feedparser, fastwarc) and
the cleaner to the processes that run the per-article stages, whose stages name them for
the fork server to import once (``preload()``)."""

from __future__ import annotations

import subprocess
import sys

READERS = ("lxml", "feedparser", "fastwarc", "newsdesk.ingest.reader", "newsdesk.clean.cleaner")


def _fresh_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_stages_parent_start_imports_no_reader_nor_cleaner() -> None:
    code = (
        "import sys\n"
        "import newsdesk.cli, newsdesk.cli_backfill, newsdesk.ingestion\n"
        "import newsdesk.stages.parent, newsdesk.outlets.stage, newsdesk.clean.titles\n"
        f"print(sorted(set({READERS!r}) & set(sys.modules)))\n"
    )
    assert _fresh_python(code) == "[]"


def test_stages_parent_article_stages_name_the_readers_for_the_fork_server() -> None:
    """What the fork server imports for the workers (the article stages' ``preload()``)
    still brings every reader and the cleaner."""
    code = (
        "import sys\n"
        "from newsdesk.pipeline import Composed\n"
        "from newsdesk.settings import Settings\n"
        "from newsdesk.stages import IngestRun, stage_list\n"
        "run = IngestRun(Settings(db=':memory:'))\n"
        "specs = [s for s in stage_list('ingest').stages if s.kind == 'article']\n"
        "composed = Composed([(s.name, s.make(run)) for s in specs])\n"
        "for name in composed.preload():\n"
        "    if name.startswith(('newsdesk.ingest', 'newsdesk.clean')):\n"
        "        __import__(name)\n"
        f"print(sorted(set({READERS!r}) - set(sys.modules)))\n"
    )
    assert _fresh_python(code) == "[]"
