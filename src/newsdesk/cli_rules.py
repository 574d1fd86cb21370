"""``newsdesk rules add|list|remove|apply``: mute and keep rules; importing registers them.

A rule mutes (hides) or keeps (shows only) articles whose title, text, outlet or
author matches plain words or a regular expression, for one followed source or
every source. Rules act on articles as they are ingested; ``rules apply``
re-applies them to everything stored. A hidden article is never deleted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsdesk.cli_common import _open_store, _stdout, app
from newsdesk.errors import UsageError

if TYPE_CHECKING:
    from newsdesk.store.rules import RuleRow

rules_app = typer.Typer(
    name="rules",
    help="Mute and keep rules: hide articles by title, text, outlet or author.",
    no_args_is_help=True,
)
app.add_typer(rules_app, name="rules")


def _rule_row(rule: Any, counts: dict[tuple[str, str | None], int]) -> dict[str, Any]:
    return {
        "name": rule.name,
        "action": rule.action,
        "field": rule.field,
        "match": rule.pattern if rule.kind == "words" else None,
        "regex": rule.pattern if rule.kind == "regex" else None,
        "source": rule.source,
        "created_at": rule.created_at,
        "muted": counts.get(("muted", rule.name), 0) if rule.action == "mute" else None,
    }


@rules_app.command("add")
def rules_add(
    name: Annotated[str, typer.Argument(help="A name for the rule (shown as the reason).")],
    mute: Annotated[bool, typer.Option("--mute", help="Hide the articles it matches.")] = False,
    keep: Annotated[
        bool, typer.Option("--keep", help="Show only the articles it matches (per source).")
    ] = False,
    field: Annotated[str, typer.Option("--field", help="title, text, outlet or author.")] = "title",
    match: Annotated[
        str | None,
        typer.Option("--match", metavar="WORDS", help="Words or phrases, comma-separated."),
    ] = None,
    pattern: Annotated[
        str | None, typer.Option("--regex", metavar="RX", help="A regular expression.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="URL", help="Only this followed source.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Save a rule; a regular expression that would take too long is refused here."""
    row = _new_rule(name, mute=mute, keep=keep, field=field, match=match, pattern=pattern,
                    source=source)  # fmt: skip
    with _open_store() as store:
        try:
            saved = store.rules.add_rule(row)
        except ValueError:
            raise UsageError(
                f"a rule named {row.name!r} exists; remove it first (`newsdesk rules remove`)"
            ) from None
        stored = store.articles.count()
        unknown = saved.source is not None and store.sources.followed_source(saved.source) is None
    if unknown:
        typer.echo(
            f"note: {saved.source} is not a followed source (see `newsdesk sources list`); the"
            " rule covers articles read from that URL all the same",
            err=True,
        )
    if as_json:
        _stdout(_rule_row(saved, {}))
        return
    scope = f"articles from {saved.source}" if saved.source else "articles from every source"
    verb = "mutes" if saved.action == "mute" else "keeps only"
    typer.echo(f"rule {saved.name!r} {verb} matching {scope} (on their {saved.field})")
    if stored:
        typer.echo(
            f"it applies to new articles; `newsdesk rules apply` re-applies to {stored:,} stored"
        )


def _new_rule(
    name: str,
    *,
    mute: bool,
    keep: bool,
    field: str,
    match: str | None,
    pattern: str | None,
    source: str | None,
) -> RuleRow:
    """The rule ``rules add`` was asked for, checked (a usage error says what is wrong)."""
    from newsdesk.rules import check_rule
    from newsdesk.store.rules import RuleRow

    if mute == keep:
        raise UsageError("say what the rule does: --mute (hide matches) or --keep (show only them)")
    if (match is None) == (pattern is None):
        raise UsageError("give exactly one of --match WORDS or --regex RX")
    row = RuleRow(
        name=name.strip(),
        action="mute" if mute else "keep",
        field=field.strip().lower(),
        kind="words" if match is not None else "regex",
        pattern=match if match is not None else (pattern or ""),
        source=source.strip() if source else None,
    )
    check_rule(row)
    return row


@rules_app.command("list")
def rules_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """The rules, and how many stored articles each hides."""
    with _open_store() as store:
        found = store.rules.rules()
        counts = store.rules.mark_counts()
    rows = [_rule_row(rule, counts) for rule in found]
    if as_json:
        _stdout(rows)
        return
    if not found:
        typer.echo("no rules; add one with `newsdesk rules add NAME --mute --match WORDS`")
    for row in rows:
        what = f"words {row['match']!r}" if row["match"] is not None else f"regex {row['regex']!r}"
        scope = row["source"] or "every source"
        hides = f", hides {row['muted']}" if row["muted"] is not None else ""
        typer.echo(f"{row['name']}: {row['action']} {row['field']} {what} ({scope}{hides})")
    not_kept = counts.get(("not_kept", None), 0)
    if not_kept:
        typer.echo(f"{not_kept} stored articles hidden: no keep rule of their source matched")


@rules_app.command("remove")
def rules_remove(
    name: Annotated[str, typer.Argument(help="A rule's name, as `rules list` shows it.")],
) -> None:
    """Forget a rule; what it hid is shown again after `newsdesk rules apply`."""
    with _open_store() as store:
        removed = store.rules.remove_rule(name.strip())
        hidden = store.rules.mark_counts().get(("muted", name.strip()), 0)
    if not removed:
        raise UsageError(f"no rule named {name!r}; see `newsdesk rules list`")
    typer.echo(f"removed rule {name.strip()!r}")
    if hidden:
        typer.echo(f"{hidden} articles it hid stay hidden until `newsdesk rules apply`")


@rules_app.command("apply")
def rules_apply(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Re-apply every rule to every stored article (hidden ones are kept, never deleted)."""
    from newsdesk.export.progress import counted_progress
    from newsdesk.rules import apply_rules

    with _open_store() as store:
        total = store.articles.count()
        with counted_progress("applying rules", total) as advance:
            report = apply_rules(store, progress=advance)
    if as_json:
        _stdout(report.as_json())
        return
    typer.echo(
        f"{report.articles} articles: {report.shown} shown, {report.hidden['muted']} muted,"
        f" {report.hidden['not_kept']} not kept"
    )
    for rule, n in sorted(report.by_rule.items()):
        typer.echo(f"    {rule}: {n}")
    if report.timeouts:
        typer.echo(f"{report.timeouts} matches ran out of time and counted as no match", err=True)
