"""The ETag a 200 carries is the store's state after the route ran: a first use that writes
(the outlet registry seeds and resolves itself on a desk's first brief) must not hand out
a validator that can never match again."""

import shutil
from pathlib import Path

from starlette.testclient import TestClient

from newsdesk.settings import Settings
from newsdesk.store.sqlite import SqliteStore


def test_validators_first_use_that_writes_still_answers_304(web_db: Path, tmp_path: Path) -> None:
    from newsdesk.web.app import create_app

    db = tmp_path / "fresh.db"
    shutil.copy(web_db, db)
    # as a store written by an older newsdesk: its outlets never resolved
    with SqliteStore(db) as store, store.db.transaction() as conn:
        conn.execute("DELETE FROM outlet_state")
    app = create_app(Settings(db=db, base_url="http://desk.test"))
    with TestClient(app, base_url="http://desk.test") as client:
        first = client.get("/feeds/brief.atom")
        assert first.status_code == 200
        again = client.get("/feeds/brief.atom", headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
