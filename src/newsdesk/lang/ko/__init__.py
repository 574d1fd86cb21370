"""Korean: Kiwi (kiwipiepy) proper nouns, typed by rules; readings with ko-pron.

Kiwi tags proper nouns (NNP) without a type. A name in the alias table takes its type;
a country, region or city of the CLDR gazetteer is a place (파키스탄 총리: Pakistan's
prime minister, not a surname and a given name); one followed by a person's title
(대통령, 총리 …) is a person, as is a three-syllable name that begins with a common
surname and goes on with a Sino-Korean given name (not 유튜브, 민주당); place and
organisation endings type the rest; a run of proper nouns not in the table (다카이치 사나에)
is one person, ending before a known place or body, before the name of whom it speaks for
(빌 버튼 오바마 측) and before a particle Kiwi left on a word (클레망과), and none said to be
where something happens (괌에서); a single proper noun of no known type is left out unless
the text names it a person elsewhere (나달은 after 라파엘 나달). Readings: Revised
Romanisation (ko-pron), and the customary English spelling of a leading surname (이 ->
Lee, 박 -> Park) from ``surnames.tsv``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsdesk.lang.gazetteer import countries_of, place_of
from newsdesk.lang.pack import pack_for
from newsdesk.lang.pieces import pieces

__all__ = ["entities", "han_readings", "load", "readings"]

_ENDING_TYPES = ("EVENT", "GPE", "ORG")  # types.json's name endings, in the order tried
_BY_ENDING = frozenset({"MISC", "GPE"})  # types a person's mentions elsewhere overrule


@cache
def load() -> Any:
    """The Kiwi analyser (its model ships in kiwipiepy-model), loaded once per process.

    One thread: a pool worker has one core, not all of them. Without the typo dictionary
    (common misspellings and chat-style endings): 0.4 of the 2.2 CPU s a load and first
    call cost, and the same tokens on every Korean news report of the crosslingual dev set
    (127 reports, 29,688 tokens compared).
    """
    from kiwipiepy import Kiwi

    return Kiwi(num_workers=1, load_typo_dict=False)


@cache
def _tables() -> tuple[dict[str, tuple[str, str]], frozenset[str], dict[str, list[str]], Any]:
    pack = pack_for("ko")
    assert pack is not None
    surnames: dict[str, list[str]] = {}
    for row in pack.words("surnames.tsv"):
        hangul, *spellings = row.split("\t")
        surnames[hangul] = spellings
    return pack.aliases(), frozenset(pack.words("titles.txt")), surnames, pack.data("types.json")


def _type(name: str, following: str) -> str:
    aliases, titles, surnames, types = _tables()
    if name in aliases:
        return aliases[name][1]
    if name.endswith(tuple(types["forces_ends"])) and _country(name[:-1].rstrip()):
        return "ORG"  # a country's armed forces (폴란드군), not a county
    if name.endswith(tuple(f" {word}" for word in types["NORP"])):
        return "NORP"  # a faith's or a people's members (이슬람 교도), not a province by 도
    known = place_of(name, "ko")
    if known is not None:  # before a title, the title's country (파키스탄 총리)
        return known[1]
    if len(name) > 3 and name.endswith(tuple(types["state_ends"])):
        return "GPE"  # a state's name before its office holder's title (조지아주 전 하원의원)
    if following in titles:  # not a body's spokesman (뉴욕타임즈 대변인): a long body ending
        body = following in types["body_titles"] and name.endswith(_long_ends(types["ORG"]))
        return "ORG" if body else "PERSON"
    place = any(name.endswith(e) for e in types["GPE"])
    if len(name) == 3 and name[0] in surnames and not place and _given_name(name[1:]):
        return "MISC" if _common_noun(name) else "PERSON"  # not 정보통, 안내견
    for kind in _ENDING_TYPES:
        if name.endswith(tuple(types[kind])) and name not in types[kind]:
            return kind
    return "MISC"


def _country(name: str) -> bool:
    """Whether ``name`` is a country's, by the gazetteer (폴란드) or the alias table (미국)."""
    known = _tables()[0].get(name) or place_of(name, "ko")
    return known is not None and known[0] in countries_of(known[0])


def _long_ends(ends: list[str]) -> tuple[str, ...]:
    """The endings of two syllables or more: no person's name ends so (은행, 타임즈, 구조대;
    원 or 부 may end a Korean given name)."""
    return tuple(e for e in ends if len(e) > 1)


def _given_name(given: str) -> bool:
    """Whether two syllables can be a Korean given name: each read from a Han character
    (a given name is Sino-Korean: 유튜브, 이브닝, 나스닥 are no surname and name), the last
    no syllable a body's name ends in (민주당, 성공회, 백악관: ``types.json``'s
    ``body_finals``)."""
    readings = _sino_syllables()
    return all(s in readings for s in given) and given[-1] not in _tables()[3]["body_finals"]


@cache
def _common_noun(word: str) -> bool:
    """Whether a word of three syllables that reads as a surname and a given name is a
    common noun of a role, a source or a kind of being: Kiwi reads its first two syllables
    as a common noun, and its last is one no given name ends in (정보통 an informed
    source, 안내견 a guide dog: ``types.json``'s ``noun_ends``), or one that ends common
    nouns of roles and given names alike (관계자, 연구원, 외교관; 이민자 beside 박지원,
    이동관: ``role_ends``), where Kiwi reads the whole word as common nouns."""
    types = _tables()[3]
    if word[-1] not in (*types["noun_ends"], *types["role_ends"]):
        return False
    head = load().tokenize(word[:-1])
    if [t.tag for t in head] != ["NNG"]:
        return False
    if word[-1] in types["noun_ends"]:
        return True
    return [t.tag for t in load().tokenize(word)] in (["NNG"], ["NNG", "XSN"], ["NNG", "NNG"])


@cache
def _role_noun(word: str) -> bool:
    """Whether a proper noun after another is the title of an office Kiwi read as part of
    the name (칼 윌리엄 검시관: the coroner Carl William): a common noun Kiwi knows before
    the ending of an official's title (``types.json``'s ``title_ends``: 관; not 인, 자,
    which end foreign names too: 존 매케인)."""
    if len(word) < 3 or not word.endswith(tuple(_tables()[3]["title_ends"])):
        return False
    return [t.tag for t in load().tokenize(word[:-1])] == ["NNG"]


@cache
def _sino_syllables() -> frozenset[str]:
    return frozenset(r for found in _hanja().values() for r in found)


def _known(word: str) -> bool:
    """Whether a proper noun is a name of its own: in the alias table (a US state too:
    텍사스 휴스턴 is Houston, Texas) or a place of the gazetteer."""
    return word in _tables()[0] or place_of(word, "ko") is not None


def _place_before_noun(tokens: Any, i: int) -> bool:
    """Whether token ``i`` is a known name or place that a common noun follows: the country
    or city written between a person's name and the title it holds ("알바로 우리베 콜롬비아
    대통령": Colombia's president Álvaro Uribe; "베를린 경찰": Berlin's police), no part of
    the name. One that a particle follows ends the name: a surname that is also a city's
    name ("존 다윈은": John Darwin)."""
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if following is not None and following.tag == "NNP" and _known(following.form):
        return _known(tokens[i].form)  # 이라크 미국 대사관: the US embassy in Iraq
    return _known(tokens[i].form) and following is not None and following.tag == "NNG"


@dataclass(slots=True)
class _Run:
    """A run of proper nouns read as one name: its offsets, its words, its type (``MISC``
    while none is known), whether a title only a person holds follows it, and how its
    type was read: by the words around it (``said``: 록그룹 롤링 스톤즈) or only because
    it is a run of two words or more (``guessed``)."""

    start: int
    end: int
    words: tuple[str, ...]
    kind: str
    titled: bool
    said: bool = False
    guessed: bool = False


def entities(text: str, doc: Any = None) -> list[tuple[int, int, str]]:
    """``(start, end, TYPE)`` of each proper noun in ``text``."""
    del doc
    parts = pieces(text, MAX_PIECE)
    read = list(zip(parts, load().tokenize(p for _, p in parts), strict=True))
    alone = frozenset(w for _, tokens in read for w in _alone(tokens))
    places = frozenset(w for _, tokens in read for w in _at_place(tokens))
    runs: list[_Run] = []
    for (offset, piece), tokens in read:
        for run in _runs(piece, tokens, alone):
            run.start, run.end = run.start + offset, run.end + offset
            runs.append(run)
    return _voted(runs, places=places)


def _alone(tokens: Any) -> list[str]:
    """The proper nouns of ``tokens`` that stand as a name of their own somewhere: no other
    proper noun right before or after."""
    found = []
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.tag == "NNP" and not any(
            t is not None and t.tag == "NNP" and _adjacent(*pair)
            for t, pair in ((before, (before, token)), (after, (token, after)))
        ):
            found.append(token.form)
    return found


def _at_place(tokens: Any) -> list[str]:
    """The proper nouns of ``tokens`` that a particle saying where follows (괌에서): a
    place's name or a body's, never a person's (``types.json``'s ``at_place``)."""
    at = tuple(_tables()[3]["at_place"])
    return [t.form for t, n in itertools.pairwise(tokens) if t.tag == "NNP" and n.form in at]


def _adjacent(first: Any, second: Any) -> bool:
    return bool(second.start - (first.start + first.len) <= 1)


def _voted(runs: list[_Run], *, places: frozenset[str]) -> list[tuple[int, int, str]]:
    """Each run's type, a single proper noun of no type of its own taking a person's by
    the text's other mentions (나달은 after 라파엘 나달, 오바마는 after 오바마 의원): one that
    ends a person's name of several words or that a title only a person holds follows
    (not 대변인: 에어트란 대변인 is the airline's), and that the text never writes as a
    place (``places``: 에어쇼에서); a run of words typed a person only for being one takes
    the type the words around the same run say elsewhere in the text."""
    said = {r.words: r.kind for r in runs if r.said}
    for run in runs:  # 롤링 스톤즈 after 록그룹 롤링 스톤즈: a band in every mention
        if run.guessed and run.words in said:
            run.kind = said[run.words]
    people = {r.words[-1] for r in runs if r.kind == "PERSON" and len(r.words) > 1}
    people |= {r.words[0] for r in runs if r.kind == "PERSON" and r.titled}
    people -= places
    found = []
    for run in runs:
        kind = run.kind
        word = run.words[0]
        if kind in _BY_ENDING and len(run.words) == 1 and word in people and not _known(word):
            kind = "PERSON"  # 부시는 after 부시 대통령: 시 ends a city's name too
        if kind != "MISC":  # an untyped single proper noun is too often a common word
            found.append((run.start, run.end, kind))
    return found


def _runs(text: str, tokens: Any, alone: frozenset[str]) -> list[_Run]:
    aliases, _, _, types = _tables()
    found: list[_Run] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.tag != "NNP":
            i += 1
            continue
        start, end, j = token.start, token.start + token.len, i
        while (  # a run of proper nouns, none a known name or a place's before a noun
            j + 1 < len(tokens)
            and tokens[j + 1].tag == "NNP"
            and _adjacent(tokens[j], tokens[j + 1])
            and text[start:end] not in aliases
            and not _leads_alone(tokens[j].form, first=j == i, run=_text(text, tokens, i, j + 1))
            and not _place_before_noun(tokens, j + 1)
            and not _speaks_for(tokens, j + 1, length=j + 1 - i, alone=alone)
            and not _glued(tokens[j].form, first=j == i)
            and not _role_noun(tokens[j + 1].form)
        ):
            j += 1
            end = tokens[j].start + tokens[j].len
        words = tuple(t.form for t in tokens[i : j + 1])
        if _glued(words[-1], first=j == i):
            end, words = end - 1, (*words[:-1], words[-1][:-1])
        elif _forces(text, tokens, j + 1, start=start, end=end):
            j += 1  # 이스라엘 군: a country's armed forces, the word written apart
            end, words = tokens[j].start + tokens[j].len, (*words, tokens[j].form)
        following = _following(tokens, j + 1)
        kind = _type(text[start:end], following)
        at = tokens[j + 1].form if j + 1 < len(tokens) else ""
        said = None
        if kind in ("MISC", "PERSON") and text[start:end] not in aliases:
            said = _said_to_be(tokens, i, j + 1, person=kind == "PERSON" or j > i)
        if _valued(tokens, j + 1) or _counted(tokens, j + 1):
            said = "MISC"  # a scale's value (진도 6.0의) or a count of animals follows
        kind = said or kind
        if j > i and kind in ("MISC", "PERSON") and words[0] in types["place_leads"]:
            kind = said = types["place_leads"][words[0]]  # 서 수마트라, 마운트 버넌: places
        quoted = text[start - 1 : start] in types["work_marks"]  # ‘스티키 앤 스윗’ 투어
        guessed = kind == "MISC" and j > i and at not in types["at_place"] and not quoted
        guessed = guessed and said is None  # not a scale's name (리히터 규모: MISC)
        if guessed:
            kind = "PERSON"  # a foreign name written in two words (다카이치 사나에)
        titled = following in _tables()[1] and following not in types["body_titles"]
        found.append(_Run(start, end, words, kind, titled, said is not None, guessed))
        i = j + 1
    return found


def _forces(text: str, tokens: Any, k: int, *, start: int, end: int) -> bool:
    """Whether token ``k`` is the word for armed forces written one space after a
    country's name (``types.json``'s ``forces_ends``: 이스라엘 군 당국, 콜롬비아 군 정보요원:
    the country's army), as 폴란드군 is glued on."""
    if k >= len(tokens) or tokens[k].tag != "NNG" or tokens[k].start != end + 1:
        return False
    return tokens[k].form in _tables()[3]["forces_ends"] and _country(text[start:end])


def _counted(tokens: Any, k: int) -> bool:
    """Whether a number and a counter of living things follow token ``k - 1`` (살무사 42마리:
    ``types.json``'s ``counters``, 마리 for animals): a species, no person's name."""
    if k + 1 >= len(tokens) or tokens[k].tag != "SN":
        return False
    return bool(tokens[k + 1].form in _tables()[3]["counters"] and tokens[k + 1].tag == "NNB")


def _valued(tokens: Any, k: int) -> bool:
    """Whether token ``k`` is a bare number, no counter after it (진도 6.0의 지진: a
    scale's reading; not 니콜라이 2세, 윔블던 16강전, 워싱턴 8일): a proper noun a value
    follows names a scale or a measure."""
    if k + 1 >= len(tokens) or tokens[k].tag != "SN" or not _adjacent(tokens[k - 1], tokens[k]):
        return False
    return bool(tokens[k + 1].tag.startswith("J") and _adjacent(tokens[k], tokens[k + 1]))


def _following(tokens: Any, k: int) -> str:
    """The word after a run of proper nouns that ends before token ``k``, read for a title:
    past a known place (the title after a person's country: 우리베 콜롬비아 대통령) or a
    common noun that a title only a person holds follows (쿠레시 외무 장관, 마잉주 신임
    총통: the office or 'new' before it), and a body a person leads is named for (부시
    행정부: ``types.json``'s ``led_bodies``), read as that person's title."""
    following = tokens[k].form if k < len(tokens) else ""
    _, titles, _, types = _tables()
    if k + 1 < len(tokens) and following not in titles:
        after = tokens[k + 1].form
        if _known(following):
            return str(after)
        person_title = after in titles and after not in types["body_titles"]
        if tokens[k].tag == "NNG" and tokens[k + 1].tag == "NNG" and person_title:
            return str(after)
    return _PERSON_TITLE if following in types["led_bodies"] else following


_PERSON_TITLE = "씨"  # a title only a person holds (Mr, Ms), in titles.txt


def _said_to_be(tokens: Any, i: int, k: int, *, person: bool) -> str | None:
    """The type the common nouns around a run of proper nouns (tokens ``i`` to ``k``,
    ``k`` out) give it: the kind of body it is said to be before it (록 그룹 롤링 스톤즈,
    제조업체인 해밀턴 선스트랜드: ``types.json``'s ``body_kinds``), or, for a run read as a
    person's name (``person``), the kind of place it names after it (광저우 바이윈 공항,
    프레아 비헤아르 사원, 마이애미 데이드 카운티: ``heads``); a person's name is followed by
    a title and said to be a person."""
    types = _tables()[3]
    after = tokens[k] if k < len(tokens) else None
    if person and after is not None and after.tag == "NNG" and after.form in types["heads"]:
        return str(types["heads"][after.form])
    at = i - 1
    if at >= 2 and tokens[at].tag == "ETM" and tokens[at - 1].tag == "VCP":
        at -= 2  # 업체인: "that is a company"
    whole = after is None or not (_adjacent(tokens[k - 1], after) and after.tag.startswith("V"))
    if at >= 0 and tokens[at].tag == "NNG" and tokens[at].form in types["body_kinds"] and whole:
        return "ORG"  # not a word Kiwi cut in two (항공사 에어|트란: a verb glued on)
    if at >= 0 and tokens[at].tag == "NNG" and tokens[at].form in types["species_kinds"]:
        return "MISC"  # a kind of living thing before it (박테리아인 살모넬라 …): a species
    return None


def _text(text: str, tokens: Any, i: int, j: int) -> str:
    """The text of tokens ``i`` to ``j``, both in."""
    return text[tokens[i].start : tokens[j].start + tokens[j].len]


def _glued(word: str, *, first: bool) -> bool:
    """Whether a proper noun is a name with a particle Kiwi left on it (아르노 클레망과 스위스의
    …: Arnaud Clément and Switzerland's …): a name's last word ending in one of
    ``types.json``'s ``particles``, which ends the name; a run's first word only when
    what is left is a known name (스위스의; never 김정은)."""
    if len(word) < 3 or not word.endswith(tuple(_tables()[3]["particles"])):
        return False
    return not first or _known(word[:-1])


def _leads_alone(word: str, *, first: bool, run: str) -> bool:
    """Whether a proper noun is a name of its own that ends a run, unless the run with the
    next word is a known name (멕시코 시티): a known name or place (베네수엘라 다야나 멘도사:
    Venezuela's Dayana Mendoza), or, leading the run, a body's, a river's, an island's, a
    state's or a province's name by its ending (민주당 버락 오바마: the Democrats' Barack
    Obama; 요르단강 서안, 텍사스주 휴스턴, 산시성 시안: ``types.json``'s ``lead_ends``)."""
    types = _tables()[3]
    ends = (*types["ORG"], *types["lead_ends"])
    alone = _known(word) or (first and len(word) > 2 and word.endswith(ends))
    return alone and not _known(run)


def _speaks_for(tokens: Any, k: int, *, length: int, alone: frozenset[str]) -> bool:
    """Whether token ``k``, after a full name of ``length`` words, is the name of the body,
    place or person that name speaks or works for (빌 버튼 오바마 측 대변인: Bill Burton,
    Obama's spokesman; 스티브 잡스 애플 최고 경영자): a noun follows it, and the text names
    it on its own elsewhere or it ends as a body's name does (캐서린 마키스 뉴욕타임즈 대변인:
    ``types.json``'s ``ORG`` endings of two syllables or more)."""
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    body = tokens[k].form.endswith(_long_ends(_tables()[3]["ORG"]))
    return (
        length >= 2
        and (tokens[k].form in alone or body)
        and following is not None
        and following.tag in ("NNG", "NNB")
    )


@cache
def _hanja() -> dict[str, list[str]]:
    """Sino-Korean readings of Han characters (``hanja.tsv``, from Unicode's Unihan)."""
    pack = pack_for("ko")
    assert pack is not None
    return {row[0]: row.split("\t")[1].split() for row in pack.words("hanja.tsv")}


MAX_PIECE = 2000  # characters Kiwi reads at once (one long text is much slower)
MAX_HANJA_FORMS = 8  # hangul spellings tried for one name in Han characters


def han_readings(name: str) -> list[str]:
    """How Korean reads a name in Han characters (文在寅 -> 문재인 -> Moon Jae-in)."""
    table = _hanja()
    options = [table.get(c) for c in name]
    if not name or any(o is None for o in options):
        return []
    found: list[str] = []
    for spelling in itertools.islice(itertools.product(*options), MAX_HANJA_FORMS):  # type: ignore[arg-type]
        found += readings("".join(spelling))
    return found


@cache
def readings(name: str) -> list[str]:
    """Revised Romanisation of a Korean name; with a known surname, its English spellings."""
    from ko_pron import romanise

    surnames = _tables()[2]
    found = [str(romanise(name, "rr"))]
    if len(name) in (2, 3, 4) and name[0] in surnames and " " not in name:
        given = str(romanise(name[1:], "rr"))
        found += [f"{spelling} {given}" for spelling in surnames[name[0]]]
    return [r for r in dict.fromkeys(found) if r.strip()]
