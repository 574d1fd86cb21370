"""The "not news" gate: pages that are not reports are dropped before stories, with a reason.

In the spirit of the Gopher and C4 quality filters (datatrove's ``GopherQualityFilter`` and
``C4QualityFilter``), but sized for news, where a wire flash of one sentence is real news:

- too little prose: fewer than a sentence's worth of words in sentences (or, in Chinese,
  Japanese or Korean, of characters; in Thai, Lao, Khmer or Burmese, of characters in
  sentence-long lines; a sentence may end with any script's full stop: । ۔ ። ။; a long
  line without one is prose unless one pair of words fills a fifth of it, Gopher's
  repetition measure: a menu or an archive list flattened into one line), or
  Gopher's word shape (mean word length outside 3-10 letters, a symbol per ten words,
  most "words" without a letter);
- boilerplate: a page of many short lines (menus, lists of links, tables) where prose is a
  small share of the text, or mostly web addresses;
- spam and adult vocabulary (gambling, lottery tips, pornography, pills) in the title and text;
- mojibake: text that was decoded with the wrong codec (UTF-8 read as GBK or cp1252: its
  characters re-encode to valid UTF-8);
- notice pages: a social network's location notice, a web archive's crawl note, an error
  page, rather than a report;
- adverts: a sponsored-post disclosure at the top of the page (flagged, not dropped).

Drops need strong evidence. A page with no sentence is dropped only when what it holds is
not readable either: menu items, tags, a catalogue or job board of short repeated entries.
A page of headline-length lines (a brief, a list of linked headlines) or of table rows (a
standings table) with no sentence is kept and flagged ``little_prose``; a sponsored post is
kept and flagged ``sponsored``. A sentence is counted by its letters as well as its words,
so a short sentence in a language of long words ("Ennakkoäänestysaika päättyy tiistaina.")
is one; table rows are content, never Gopher's non-words nor boilerplate, so a report with a
results table stays news.

:func:`assess` returns a :class:`Verdict`: ``reason`` is None for news, else the reason the
ingest report counts under ``dropped`` ("not news: too little prose"); ``flags`` are raised
on a kept page where the evidence against it is weak.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from newsdesk.clean.furniture import is_disclosure
from newsdesk.clean.lines import ends_sentence, is_cjk, split_lines, words

__all__ = ["QUALITY_FLAGS", "REASONS", "Verdict", "assess"]

REASONS = (
    "too little prose",
    "boilerplate",
    "spam",
    "adult",
    "mojibake",
    "notice page",
)
QUALITY_FLAGS = (
    "little_prose",  # no sentence, but headlines or table rows: a brief, a link list, a table
    "sponsored",  # a sponsored-post disclosure at the top: kept, marked
)

MIN_PROSE_WORDS = 5  # one short sentence: a wire flash is news
# a sentence of few long words ("Landesverfassungsgericht bestätigt Landtagswahlergebnis.")
# counts by its letters: about six letters make a word
SENTENCE_MIN_LETTERS = 30
LETTERS_PER_WORD = 6
# a page with no sentence is kept (flagged) when readable lines are this share of its text:
# lines of headline length, table rows; menus, tags and catalogue entries are not
READABLE_MIN_SHARE = 0.4
HEADLINE_MIN_WORDS = 4
HEADLINE_MIN_SCRIPT_CHARS = 10  # the same in CJK or an unspaced script, in characters
ROW_MIN_NUMBERS = 2  # "Harbour Rovers 12 9 1 2 28": a table row holds numbers and a name
ROW_MAX_TOKENS = 20
# a headline and two paragraphs of prose are a report, whatever debris the page kept beside
# them: its shape (Gopher, boilerplate) is not asked
REPORT_MIN_PARAGRAPHS = 2
REPORT_MIN_WORDS = 30
MIN_PROSE_CJK_CHARS = 24
FLASH_MAX_LINES = 3  # a flash may be a headline or two with no full stop
LONG_LINE_WORDS = 20  # a line this long reads as prose even without a full stop
# ... unless one pair of words takes this share of its letters: a menu or an archive list
# flattened into one line ("Archive 2006 Archive 2007 …"; Gopher's top-2-gram share)
MENU_TOP_BIGRAM_SHARE = 0.2
BROKEN_LINE_WORDS = 8  # prose broken across lines: longer than any menu item
GOPHER_MIN_WORDS = 50  # below this, word-shape ratios say little
MEAN_WORD_LENGTH = (3.0, 10.0)
MAX_SYMBOL_RATIO = 0.1
MIN_ALPHA_WORD_SHARE = 0.8
BOILERPLATE_MIN_LINES = 12
BOILERPLATE_MAX_PROSE_SHARE = 0.3
MAX_URL_SHARE = 0.3
MOJIBAKE_MIN_CHARS = 8
MOJIBAKE_SHARE = 0.2
MOJIBAKE_BROKEN = 0.25  # share of a run's re-decoded characters that may stay broken
NOTICE_MAX_PROSE_WORDS = 150
NOTICE_LINE_WORDS = 25  # a notice is a line of its own, not a phrase inside a report
ADVERT_HEAD_LINES = 3
ADVERT_LINE_WORDS = 40

_SYMBOLS = re.compile(r"#|…|\.\.\.")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|net|org|cn|info|ru)(?:/\S*)?\b", re.I)
_SENTENCE_CJK = re.compile(r"[^。！？!?.]{6,}[。！？!?.]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s\u3000-\u303f\uff01-\uff0f\ufffd]+")
_LEGACY_CODECS = ("gb18030", "cp1252", "shift_jis", "euc-kr", "big5")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# scripts written without spaces between words (Thai, Lao, Myanmar, Khmer): a sentence is a
# long run of letters, often with no mark at its end; like CJK, counted in characters
_UNSPACED_CHAR = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
_SCRIPT_CHAR = re.compile(
    r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)
_NUMBER = re.compile(r"[(\[]?[-+]?\d[\d.,:%/'’-]*[)\]]?")
UNSPACED_SENTENCE_CHARS = 40  # a line this long in such a script reads as a sentence

# vocabulary of pages that sell bets, pills or sex; news about them rarely piles up the
# terms, so a page needs three different ones (or a term no headline uses in its title)
_SPAM = re.compile(
    r"\b(?:online casino|casino bonus|free spins|sports ?betting tips|betting odds today|"
    r"lottery (?:results|numbers) today|winning numbers prediction|payday loans?|"
    r"viagra|cialis|levitra|replica (?:watches|handbags)|weight loss pills|"
    r"buy followers|crypto signals|forex signals|make money online|work from home jobs)\b|"
    r"六合彩|开奖|彩票|博彩|赌场|娱乐城|百家乐|特马|跑狗|心水|马经|报码|平肖|真人娱乐|时时彩|"
    r"代开发票|刷单|网上开户|管家婆|藏宝图|赔付|计划员|包赔",
    re.IGNORECASE,
)
_ADULT = re.compile(
    r"\b(?:porn\w*|xxx|nsfw|camgirls?|milf|hentai|escort service|sex videos?|"
    r"nude (?:pics|photos|videos)|hot singles|adult dating)\b|"
    r"色情|成人小说|无码|偷拍|乱伦|性爱|自拍|情色|av在线|色图|色视频|亚洲色|人妻|熟女|番号|"
    r"아동포르노|야동|성인방송|エロ|アダルト|無修正",
    re.IGNORECASE,
)
# terms no news headline uses: one in the title is enough
_ADULT_STRONG = re.compile(
    r"无码|乱伦|番号|色图|色视频|偷拍|成人小说|av在线|\bxxx\b|\bporn(?:hub|o)\b", re.I
)
_SPAM_STRONG = re.compile(
    r"特马|跑狗|心水|马经|报码|平肖|管家婆|藏宝图|开奖现场|网上开户|时时彩|娱乐城"
)
_NOTICE = re.compile(
    r"\b(?:add (?:your )?location information to your tweets|tweet with a location|"
    r"this (?:page|site|snapshot) (?:was|has been|is) (?:archived|captured|crawled)|"
    r"wayback machine|archive-it|crawl(?:ed)? (?:by|on|date)|"
    r"(?:404|page|file) not found|the page you (?:requested|are looking for)|"
    r"access denied|verify (?:that )?you are (?:a )?human|captcha|"
    r"table '[^']+' doesn't exist|sql syntax|fatal error:|parse error:|"
    r"domain (?:is )?for sale|this domain may be for sale|account (?:has been )?suspended)\b|"
    r"页面(?:地址)?不存在|页面未找到|找不到页面",
    re.IGNORECASE,
)


# a list item's number or bullet is a marker, not a word ("01. Robert Plant" in a top-100
# list), and an embedded post's closing hashtags are tags, not symbols in its sentence
_LIST_MARKER = re.compile(r"^(?:\(?\d{1,3}[.)]|#\d{1,3}\b)\s+")
_TRAILING_TAGS = re.compile(r"(?:\s+#[^\W\d_][\w-]*)+\s*$")


def _bare(line: str) -> str:
    """The line without a list number in front or a run of hashtags at its end."""
    return _TRAILING_TAGS.sub("", _LIST_MARKER.sub("", line)).strip()


@dataclass(slots=True)
class Verdict:
    """Whether a page reads as news; when not, why, and the measures behind it."""

    reason: str | None = None
    measures: dict[str, float] = field(default_factory=dict)
    flags: tuple[str, ...] = ()  # weak evidence: the page is kept, marked (QUALITY_FLAGS)

    @property
    def is_news(self) -> bool:
        return self.reason is None


def _is_unspaced(line: str) -> bool:
    return len(_UNSPACED_CHAR.findall(line)) * 2 > len(line)


def _prose_amount(lines: list[str]) -> tuple[int, int, int]:
    """Words in sentences (spaced scripts), characters in sentences (CJK), and the number
    of lines that hold prose (paragraphs)."""
    prose_words = cjk_chars = paragraphs = 0
    for line in lines:
        before = prose_words + cjk_chars
        prose_words, cjk_chars = _line_prose(line, prose_words, cjk_chars)
        paragraphs += prose_words + cjk_chars > before
    return prose_words, cjk_chars, paragraphs


def _line_prose(line: str, prose_words: int, cjk_chars: int) -> tuple[int, int]:
    """The running counts of :func:`_prose_amount` with ``line`` added."""
    if _is_unspaced(line):
        if len(line) >= UNSPACED_SENTENCE_CHARS:
            cjk_chars += len(line)
        return prose_words, cjk_chars
    if is_cjk(line):
        cjk_chars += sum(len(m.group()) for m in _SENTENCE_CJK.finditer(line))
        return prose_words, cjk_chars
    found = words(line)
    letters = sum(len(word) for word in found)
    count = max(len(found), letters // LETTERS_PER_WORD)
    sentence = len(found) >= 5 or (len(found) >= 2 and letters >= SENTENCE_MIN_LETTERS)
    if (ends_sentence(line) and sentence) or (
        count >= LONG_LINE_WORDS and not _repeats_items(found)
    ):
        prose_words += count
    return prose_words, cjk_chars


def _repeats_items(found: list[str]) -> bool:
    """Whether one pair of words takes ``MENU_TOP_BIGRAM_SHARE`` of the letters of a line
    of ``found`` words: the items of a menu or an archive list, not a sentence (prose
    repeats "of the", but not for a fifth of a line)."""
    letters = sum(len(word) for word in found)
    pairs = Counter(pairwise(found))
    if not pairs or not letters:
        return False
    (first, second), times = pairs.most_common(1)[0]
    return times > 1 and times * (len(first) + len(second)) >= MENU_TOP_BIGRAM_SHARE * letters


def _is_row(line: str) -> bool:
    """A table row: a few cells, two or more of them numbers, and a name."""
    tokens = [t for t in line.replace("|", " ").split() if not _URL.fullmatch(t)]
    numbers = sum(1 for t in tokens if _NUMBER.fullmatch(t))
    return numbers >= ROW_MIN_NUMBERS and len(tokens) <= ROW_MAX_TOKENS and bool(words(line))


def _is_readable(line: str) -> bool:
    """A line a reader reads without a sentence in it: a headline's length, or a table row
    (not a menu item, a tag or a catalogue entry)."""
    if _is_row(line):
        return True
    if is_cjk(line) or _is_unspaced(line):
        return len(_SCRIPT_CHAR.findall(line)) >= HEADLINE_MIN_SCRIPT_CHARS
    found = words(_URL.sub(" ", line))
    return len(found) >= HEADLINE_MIN_WORDS and not (
        len(found) >= LONG_LINE_WORDS and _repeats_items(found)
    )


def _readable_share(lines: list[str]) -> float:
    """The share of the text in readable lines, each distinct line counted once (a job
    board or catalogue repeats its entries)."""
    total = sum(len(line) for line in lines)
    readable = sum(len(line) for line in dict.fromkeys(lines) if _is_readable(line))
    return readable / total if total else 0.0


def _round_trips(run: str) -> bool:
    """Whether ``run`` reads as UTF-8 bytes shown through a legacy codec (a stray byte the
    codec could not show, "?" or U+FFFD, breaks a character or two, not the run)."""
    for codec in _LEGACY_CODECS:
        try:  # a run the codec cannot show was not shown through it
            raw = run.encode(codec)
        except UnicodeEncodeError:
            continue
        decoded = raw.decode("utf-8", errors="replace")
        broken = decoded.count("\ufffd")
        # UTF-8's multi-byte characters read as two or three legacy ones: the repair is
        # shorter; a real word in another script that happens to decode is not
        shrinks = len(decoded) < len(run) and broken <= MOJIBAKE_BROKEN * len(decoded)
        if shrinks and _plausible(decoded):
            return True
    return False


def _plausible(repaired: str) -> bool:
    """Whether a repair reads as text: letters, digits, punctuation, spaces; not phonetic
    letters, modifiers or combining marks, which is what a brand in capitals with an
    accent and a mark after it decodes to ("NESTLÉ®" → "NESTLɮ", "CAFÉ™" → "CAFə")."""
    for char in repaired:
        if char == "\ufffd":
            continue
        category = unicodedata.category(char)
        if category == "Lm" or 0x0250 <= ord(char) <= 0x02FF:
            return False
        if category[0] not in "LNPZ":
            return False
    return True


def _mojibake(text: str) -> bool:
    """A fifth or more of the non-ASCII characters in runs that re-decode as UTF-8."""
    runs = _NON_ASCII_RUN.findall(text[:4000])
    total = sum(len(run) for run in runs)
    if total < MOJIBAKE_MIN_CHARS:
        return False
    bad = sum(len(run) for run in runs if len(run) >= 2 and _round_trips(run))
    return bad >= MOJIBAKE_MIN_CHARS // 2 and bad >= MOJIBAKE_SHARE * total


def _hits(pattern: re.Pattern[str], text: str) -> set[str]:
    return {m.group().casefold() for m in pattern.finditer(text)}


def _head(lines: list[str]) -> list[str]:
    """The first lines of the page, short enough to be a disclosure, not a report on one."""
    return [line for line in lines[:ADVERT_HEAD_LINES] if len(line.split()) <= ADVERT_LINE_WORDS]


def _notice(title: str, lines: list[str]) -> bool:
    short = [line for line in lines if len(line.split()) <= NOTICE_LINE_WORDS]
    return any(_NOTICE.search(line) for line in [title, *short])


def _vocabulary(title: str, text: str) -> str | None:
    for reason, pattern, strong in (
        ("adult", _ADULT, _ADULT_STRONG),
        ("spam", _SPAM, _SPAM_STRONG),
    ):
        in_title = _hits(pattern, title)
        in_text = _hits(pattern, text[:20000])
        if len(in_title | in_text) >= 3 or strong.search(title):
            return reason
    return None


def _gopher(text: str, prose: int) -> str | None:
    """Gopher's word shape, asked only of a page that is mostly not sentences (table rows
    are left out before: their numbers are cells, not non-words)."""
    tokens = [w for w in text.split() if any(ch.isalnum() for ch in w)]
    letters = [w for w in tokens if any(ch.isalpha() for ch in w)]
    spaced = not _CJK_CHAR.search(text) and not _UNSPACED_CHAR.search(text)
    if len(tokens) < GOPHER_MIN_WORDS or prose >= len(letters) / 2 or not spaced:
        return None
    lengths = [len(w) for w in words(text)]
    mean = sum(lengths) / max(1, len(lengths))
    symbols = len(_SYMBOLS.findall(text)) / len(tokens)
    if not MEAN_WORD_LENGTH[0] <= mean <= MEAN_WORD_LENGTH[1] or symbols > MAX_SYMBOL_RATIO:
        return "too little prose"
    if len(letters) / len(tokens) < MIN_ALPHA_WORD_SHARE:
        return "too little prose"
    return None


def _boilerplate(text: str, lines: list[str], content: int) -> bool:
    """Mostly web addresses, or many short lines where prose and ``content`` (numbered
    items, table rows) are a small share."""
    tokens = [w for w in text.split() if any(ch.isalnum() for ch in w)]
    if len(_URL.findall(text)) > MAX_URL_SHARE * max(1, len(tokens)):
        return True
    if len(lines) < BOILERPLATE_MIN_LINES:
        return False
    total = sum(len(line) for line in lines)
    in_prose = sum(
        len(line)
        for line in lines
        if (is_cjk(line) and _SENTENCE_CJK.search(line))
        or (_is_unspaced(line) and len(line) >= UNSPACED_SENTENCE_CHARS)
        or (ends_sentence(line) and len(line.split()) >= 5)
        or len(line.split()) >= BROKEN_LINE_WORDS
    )
    return in_prose + content < BOILERPLATE_MAX_PROSE_SHARE * total


def _shape(
    lines: list[str], prose: int, cjk: int, numbered: int = 0, paragraphs: int = 0
) -> tuple[str | None, str]:
    """The reason a page's shape says it is not news (or None), and a flag to raise when
    it is kept on weak evidence ("" for none). ``numbered``: characters in numbered list
    items (a ranking, a top-10), content that a menu does not have."""
    flash = len(lines) <= FLASH_MAX_LINES and all(len(line.split()) >= 5 for line in lines)
    if cjk < MIN_PROSE_CJK_CHARS and prose < MIN_PROSE_WORDS and not flash:
        # no sentence: a menu or a catalogue is dropped; headlines or a table are kept
        if _readable_share(lines) < READABLE_MIN_SHARE:
            return "too little prose", ""
        return None, "little_prose"
    report = prose + cjk // 2 >= REPORT_MIN_WORDS  # two CJK characters read as a word
    if report and paragraphs >= REPORT_MIN_PARAGRAPHS:
        return None, ""
    rows = [line for line in lines if _is_row(line)]
    text = "\n".join(line for line in lines if not _is_row(line))
    reason = _gopher(text, prose)
    if reason is None and _boilerplate(text, lines, numbered + sum(map(len, rows))):
        reason = "boilerplate"
    return reason, ""


def assess(text: str, title: str | None = None, *, partial: bool = False) -> Verdict:
    """Whether the cleaned ``text`` (and its title) read as a news report.

    ``partial``: the text is a feed item's summary, all its source gave (flag ``partial``);
    it is short by nature, so only what it says (mojibake, spam, adult, notice) is judged,
    not how much prose it has. ``Verdict.flags`` marks a kept page on weak evidence
    (``little_prose``, ``sponsored``).
    """
    title = title or ""
    raw_lines = [line.norm for line in split_lines(text)]
    numbered = sum(len(line) for line in raw_lines if _LIST_MARKER.match(line))
    lines = [line for line in map(_bare, raw_lines) if line]
    prose, cjk, paragraphs = _prose_amount(lines)
    measures = {"prose_words": float(prose), "prose_cjk_chars": float(cjk)}
    if _mojibake(title) or _mojibake(text):
        return Verdict("mojibake", measures)
    reason = _vocabulary(title, text)
    if reason is None and prose < NOTICE_MAX_PROSE_WORDS and _notice(title, lines):
        reason = "notice page"
    flags: list[str] = []
    if reason is None and not partial:
        reason, flag = _shape(lines, prose, cjk, numbered, paragraphs)  # markers, tags out
        flags += [flag] if flag else []
    if reason is None and any(is_disclosure(line) for line in _head(lines)):
        flags.append("sponsored")  # a disclosure says who paid, not that it is no report
    return Verdict(reason, measures, tuple(flags))
