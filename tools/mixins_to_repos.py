"""Turn the store's table mixins into repositories over a Database (re-runnable).

Usage: python tools/mixins_to_repos.py src/newsdesk/store/<file>.py ...
Renames ``XTables``/``XQueries`` classes to ``XRepository(Repository)``, drops their
``reader``/``_transaction`` stubs and points ``self.reader()`` at ``self._reader()``.
"""

import ast
import re
import sys

RENAMES = {
    "StoryTables": "StoryRepository",
    "AnnotationTables": "AnnotationRepository",
    "SourceTables": "SourceRepository",
    "SubscriberTables": "SubscriberRepository",
    "MailTables": "MailRepository",
    "UserTables": "UserRepository",
    "SessionTables": "SessionRepository",
    "WatchTables": "WatchRepository",
    "TrendQueries": "TrendRepository",
    "RuleTables": "RuleRepository",
    "SourceListTables": "SourceListRepository",
    "FailureTables": "FailureRepository",
    "ExportQueries": "ExportRepository",
    "OutletTables": "OutletRepository",
    "EntityIndexTables": "EntityIndexRepository",
    "PipelineQueries": "PipelineRepository",
    "ShardTables": "ShardRepository",
    "SearchTables": "SearchRepository",
}


def convert(path: str) -> bool:
    with open(path) as f:
        text = f.read()
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    drop: list[tuple[int, int]] = []
    changed = False
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or node.name not in RENAMES:
            continue
        changed = True
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.name in ("reader", "_transaction"):
                start = item.lineno - 1 - len(item.decorator_list)
                drop.append((start, item.end_lineno))
            if isinstance(item, ast.AnnAssign) and ast.unparse(item.target) in ("_lock", "_writer"):
                drop.append((item.lineno - 1, item.end_lineno))
    if not changed:
        return False
    for start, end in sorted(drop, reverse=True):
        # and the blank line after a dropped method
        if end < len(lines) and not lines[end].strip():
            end += 1
        del lines[start:end]
    text = "".join(lines)
    for old, new in RENAMES.items():
        text = re.sub(rf"\bclass {old}:", f"class {new}(Repository):", text)
        text = re.sub(rf"\b{old}\b", new, text)
    text = text.replace("self.reader()", "self._reader()")
    text = text.replace("self._writer", "self.db.writer").replace("self._lock", "self.db.lock")
    text = re.sub(r"\{self\.path\}", "{self.db.path}", text)
    text = text.replace(
        "Mixed into :class:`~newsdesk.store.sqlite.SqliteStore`",
        "A repository of :class:`~newsdesk.store.sqlite.SqliteStore`",
    )
    if "from newsdesk.store.database import Repository" not in text:
        # after the last top-level import
        tree = ast.parse(text)
        last = max(n.end_lineno for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))
        lines = text.splitlines(keepends=True)
        lines.insert(last, "from newsdesk.store.database import Repository\n")
        text = "".join(lines)
    with open(path, "w") as f:
        f.write(text)
    return True


if __name__ == "__main__":
    for p in sys.argv[1:]:
        print(p, convert(p))
