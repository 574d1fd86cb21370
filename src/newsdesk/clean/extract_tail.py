"""The "About us" block at the foot of a press release or a post: not part of the report.

A press release ends with the issuer's boilerplate ("About Acme" / "Acme is a leading
provider of ...", its headquarters, its listing, its media contact), and a post may end
with its author's bio ("About the author" / "Jane Doe is a freelance writer ..."). Both
are kept by extractors as paragraphs like any other. The block is recognised by its shape:

- a heading line "About <Name>" (or "About the author", in a few languages), short and
  without a full stop, in the back half of the text: it and everything after it go;
- without a heading, a paragraph in the last lines that describes an organisation by its
  name as the subject: "<Name> is a/an/the [...] provider|company|leader|..." where the
  name already appeared earlier in the text (the issuer of the release): it and the lines
  after it go.

Either way the block must be the tail, and a small share of the text.
"""

from __future__ import annotations

import re

from newsdesk.clean.lines import ends_sentence, normalise

__all__ = ["trim_about"]

REASON = "about_block"
HEADING_MAX_WORDS = 8
TAIL_MAX_SHARE = 0.4  # the block is at most this share of the text's characters
DESCRIPTION_LAST_LINES = 3  # an unheaded description is among the last few lines

_ABOUT_HEADING = re.compile(
    r"^(?i:about|über|à propos (?:de|du|des)|acerca de|sobre|informazioni su|over)\s+"
    r"(?:(?i:the (?:author|writer|company|authors))|(?:[A-Z0-9][\w&.'’-]*\s*){1,6})\s*:?$",
)
_NAME = r"(?P<name>(?:[A-Z][\w&.'’-]*)(?:\s+(?:[A-Z0-9][\w&.'’-]*|&|of|de|and)){0,4})"
_ORG_NOUN = (
    r"provider|compan(?:y|ie)|leader|manufacturer|developer|firm|supplier|group|organi[sz]ation|"
    r"platform|specialist|network|agency|distributor|operator|producer|retailer|"
    r"publisher|brand|institution|non-?profit|association|foundation|charity|consultancy|"
    r"corporation|enterprise|pioneer|innovator"
)
_DESCRIPTION = re.compile(
    rf"^{_NAME}(?:,? (?:Inc|Ltd|LLC|plc|AG|SA|GmbH|Corp|Co)\.?)?(?: \([^)]{{1,40}}\))?"
    rf"(?:,? (?:headquartered|based|founded) in [^,]{{1,60}},)?"
    rf" (?:is|are) (?:a|an|the|one of the) (?:[\w'’]+ ){{0,5}}(?<![-\w])(?:{_ORG_NOUN})s?\b"
)


def _is_about_heading(line: str) -> bool:
    return (
        len(line.split()) <= HEADING_MAX_WORDS
        and not ends_sentence(line)
        and bool(_ABOUT_HEADING.match(line))
    )


def _issuer(line: str, before: str) -> bool:
    """The line describes an organisation the text already named."""
    match = _DESCRIPTION.match(line)
    if match is None:
        return False
    name = match.group("name")
    return bool(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", before))


def trim_about(lines: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The lines without the "About" block at their end, and the lines taken out."""
    norms = [normalise(line) for line in lines]
    total = sum(len(n) for n in norms)
    if not total:
        return lines, []
    filled = [i for i, n in enumerate(norms) if n]
    start = None
    for i in filled:
        if _is_about_heading(norms[i]):
            start = i
            break
    if start is None:
        for i in filled[-DESCRIPTION_LAST_LINES:]:
            before = " ".join(norms[:i])
            if _issuer(norms[i], before):
                start = i
                break
    if start is None:
        return lines, []
    tail = sum(len(n) for n in norms[start:])
    head = total - tail
    if tail > TAIL_MAX_SHARE * total or head < tail:
        return lines, []
    removed = [(norms[i], REASON) for i in range(start, len(lines)) if norms[i]]
    return lines[:start], removed
