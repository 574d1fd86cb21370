"""``newsdesk articles --failed``: the articles a stage failed on, why, when, how often.

Each line names the article (its title when it is stored, else its source), the
stage (clean, copies, store, stories, annotate), the attempts and the error. Story
and annotation steps are tried again on later ingests, ``NEWSDESK_ENRICH_ATTEMPTS``
times in all; what is still listed after that is left as it is.
"""

from __future__ import annotations

import json
import sys

from newsdesk.settings import Settings

__all__ = ["show_failed"]


def show_failed(settings: Settings, *, as_json: bool) -> None:
    """Print every failure mark of the store at ``settings.db``, the latest first."""
    from newsdesk.store import SqliteStore
    from newsdesk.terminal import printable

    with SqliteStore(settings.db) as store:
        rows = store.failures.failures()
    if as_json:
        payload = [row.as_json() for row in rows]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    if not rows:
        sys.stdout.write("No article has failed a stage.\n")
        return
    for row in rows:
        name = row.title or row.source or row.article_id
        kept = "" if row.stored else ", not stored"
        plural = "s" if row.attempts != 1 else ""
        sys.stdout.write(
            printable(
                f"{row.article_id[:12]}  {row.stage}  {row.attempts} attempt{plural}{kept}  {name}",
                one_line=True,
            )
            + "\n"
            + printable(f"    {row.error}", one_line=True)
            + "\n"
        )
