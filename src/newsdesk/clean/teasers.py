"""Teaser headlines: titles that withhold the news to lure a click.

Viral outlets print "Trump Just Revealed Who He Would Pick For VP – It Might Surprise You"
over a report that a wire heads "Trump names Pence as running mate". Both are real titles
(neither is debris, :mod:`newsdesk.clean.titles`), but a story's headline should be the one
that tells the news. :func:`teaser_marks` names the lures a title carries, the forward
references of click-bait studies (Blom & Hansen 2015): a pronoun or demonstrative pointing
ahead to what the text withholds ("Who He …", "Did Something SICK", "Here's Why"), the
reader addressed ("You'd Be Foolish To Ignore"), a promised reaction ("It Might Surprise
You"), counted words or lines ("A 5-Word Missile", "With One Brutal Line"), a shout label
("BOOM:", "WATCH"), a dangling end ("… And She'll Want To…"), and the viral "Just <verb>ed".

Words inside quotation marks are the quoted speaker's, not the outlet's lure: "Rubio: 'You
Don't Win The Nomination …'" carries none. The marks rank titles against each other; a
title with marks is still a title, and the only one a single-article story has.
"""

from __future__ import annotations

import re

__all__ = ["teaser_marks"]

# a quotation: an opening mark at a word's start, a closing mark not followed by a letter
# (so the apostrophe of "Don’t" does not close it)
_QUOTED = re.compile(r"(?:^|(?<=[\s:(—–-]))[\"“‘'][^\"“”]*?[\"”’'](?=[\s.,;:!?)…—–-]|$)")
_PAST = (
    r"(?:[A-Z][a-z]+ed|Got|Gave|Made|Said|Set|Let|Took|Did|Dropped|Hit|Sent|Told|Went|Won"
    r"|Lost|Became|Broke|Found|Had|Put|Shut|Came|Ran|Saw|Spoke|Wrote|Threw|Brought|Caught"
    r"|Left|Paid|Sold|Struck|Hid|Slammed|Unleashed|Fired)"
)
_MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("just", re.compile(rf"\bJust {_PAST}\b")),
    (
        "forward_reference",
        re.compile(
            r"\b(?:Who (?:He|She|They)|What (?:He|She|They|It)\b|Something (?:[A-Z]|$)"
            r"|(?:Doing|Do|Did|About) THIS\b|Here[’']s Why|Here Are\b|These \d"
            r"|This (?:[A-Z][a-z]+ )?(?:Shocking|Stunning|Big-Name)"
            r"|(?:Look|LOOK) (?:How|At|What)\b|WATCH What\b)"
        ),
    ),
    ("reader", re.compile(r"\bYou(?:[’'](?:d|ll|re|ve))?\b")),
    (
        "reaction",
        re.compile(
            r"\b(?:(?:Might|May|Could|Will) (?:Surprise|Infuriate|Shock|Stun)\b|By Surprise\b"
            r"|(?:Has|Have) Everyone\b|(?:Going To|Will|[’']ll) HATE\b|Never Saw Coming\b"
            r"|Raising Eyebrows\b|Nowhere Left To Hide\b)"
        ),
    ),
    (
        "counted_words",
        re.compile(
            r"\b(?:\d+-Word\b|(?:\d+|One) (?:[A-Z][a-z]+ )?"
            r"(?:Words?|Line|Question|Thing|Things|Sentence)\b)"
        ),
    ),
    ("shout_label", re.compile(r"^(?:BOOM|BUSTED|Wow|WOW|LOOK|Look|WATCH|Bombshell|Revealed):")),
)
# the title stops on what it withholds: an ellipsis, or a dash before the lure's second half
_DANGLING = re.compile(r"(?:…|\.\.\.)[.’'\"”]*$")
_DASHED_LURE = re.compile(r"[A-Za-z]{2,}(?:-| –| —) (?:It|And|But|Some|She|He|Here)\b")


def teaser_marks(title: str | None) -> tuple[str, ...]:
    """The lures ``title`` carries, by name; empty for a title that tells its news."""
    if not title:
        return ()
    line = " ".join(title.split())
    own = _QUOTED.sub(" ", line)
    marks = [name for name, pattern in _MARKS if pattern.search(own)]
    if _DANGLING.search(line) or _DASHED_LURE.search(own):
        marks.append("dangling")
    return tuple(marks)
