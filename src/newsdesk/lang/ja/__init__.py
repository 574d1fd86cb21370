"""Japanese: GiNZA (spaCy + Sudachi) for names, Sudachi readings -> romaji (jaconv).

Readings come from Sudachi's tokenizer alone (split mode C, the one GiNZA's tokenizer
uses), read the way GiNZA's tokenizer reads a name: loading Sudachi costs about 0.05 CPU
seconds against GiNZA's 1.4-2.2, and the process that joins names across scripts (the
parent of a run) needs only the readings.

GiNZA's extended labels are mapped to ours (``labels.json``). Rules fix what it gets
wrong: a name with its title tagged as a position (李在明大統領) keeps the name as a
person; Sudachi's person-name words not inside any entity become a person; a place in the
alias table (台湾) is a place whatever the model says.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from newsdesk.lang.gazetteer import cities_named, place_of
from newsdesk.lang.pack import pack_for
from newsdesk.lang.pieces import pieces

__all__ = ["entities", "han_readings", "load", "readings"]

MODEL = "ja_ginza"
_PERSON_TAG = "人名"


@cache
def load() -> Any:
    """The GiNZA pipeline, loaded once per process (from site-packages, offline), its
    layers multiplying with numpy and its entity recognizer stepped with the GIL held, as
    the English pipeline's (newsdesk.annotate.nlp, newsdesk.annotate.fast_pipes)."""
    from newsdesk.annotate.fast_pipes import speed_up
    from newsdesk.annotate.nlp import load_spacy

    # names need the tokenizer (Sudachi's tags and readings) and NER: not the parser, nor
    # the UD part-of-speech tagger (Sudachi's own tags are used). Nor the vocabulary's
    # string table (strings.json, about 600,000 strings: three quarters of the load): the
    # pipeline works on hashes (the word vectors are keyed by them) and adds each string it
    # shows (a word, a tag, an entity label) as it makes it, so every doc is the same
    skip = ["parser", "compound_splitter", "bunsetu_recognizer", "morphologizer"]
    nlp = load_spacy(MODEL, exclude=[*skip, "strings"])
    speed_up(nlp)  # its entity recognizer stepped as the English one is: the same names
    return nlp


@cache
def _tables() -> tuple[dict[str, str], frozenset[str], dict[str, tuple[str, str]]]:
    pack = pack_for("ja")
    assert pack is not None
    labels = pack.data("labels.json")
    return dict(labels["map"]), frozenset(pack.words("titles.txt")), pack.aliases()


def _person_run(tokens: list[Any]) -> tuple[int, int] | None:
    """Offsets of the leading person-name words of ``tokens``, if they start with one."""
    run = []
    for token in tokens:
        if _PERSON_TAG not in token.tag_:
            break
        run.append(token)
    if not run:
        return None
    return run[0].idx, run[-1].idx + len(run[-1].text)


def _past_role(tokens: list[Any], start: int) -> int:
    """Where a person's name begins that GiNZA read with the common nouns of a role
    before it (司会者ミカ, 記者ジル: a host, a reporter): at its first person-name word,
    where every word before that is a common noun in Han characters (not katakana: フィッシュ
    begins the place フィッシュウィック); else ``start``."""
    for i, token in enumerate(tokens):
        if _PERSON_TAG in token.tag_:
            return int(token.idx) if i else start
        if not token.tag_.startswith(_COMMON_NOUN) or not _HAN.fullmatch(token.text):
            return start
    return start


MAX_PIECE = 12_000  # characters per parse: Sudachi refuses more than 49,149 bytes at once


def entities(text: str, doc: Any = None) -> list[tuple[int, int, str]]:
    """``(start, end, TYPE)`` of each name in ``text`` (offsets into ``text``), parsed in
    pieces of at most ``MAX_PIECE`` characters."""
    if doc is not None:
        return _entities(text, doc)
    found: list[tuple[int, int, str]] = []
    parts = pieces(text, MAX_PIECE)
    for (offset, piece), parsed in zip(parts, load().pipe(p for _, p in parts), strict=True):
        found += [(s + offset, e + offset, k) for s, e, k in _entities(piece, parsed)]
    return found


def _entities(text: str, doc: Any) -> list[tuple[int, int, str]]:
    labels, titles, aliases = _tables()
    found: list[tuple[int, int, str]] = []
    covered: set[int] = set()
    for ent in doc.ents:
        kind = labels.get(ent.label_)
        tokens = list(ent)
        run = _person_run(tokens)
        if ent.label_ == "Position_Vocation" and run is not None:
            found.append((*run, "PERSON"))
        elif kind is not None:
            start, end = ent.start_char, ent.end_char
            if kind == "PERSON" and run is not None and tokens[-1].text in titles:
                start, end = run
            elif kind == "PERSON" and run is None:
                start = _past_role(tokens, start)  # 司会者|ミカ: a role before the name
            if kind != "PERSON" and _honoured(text, start, end):
                kind = "PERSON"
            elif kind != "PERSON" and (cut := _honorific_inside(ent.text)) is not None:
                end, kind = start + cut, "PERSON"  # 金氏 (GiNZA's Country): Kim, Mr
            elif kind != "PERSON" and ent.label_ not in _COMPANIES and _people_words(ent.text):
                kind = "PERSON"  # ダビド・シルバ, ウスマン・デンベレ: GiNZA's body or event
            if kind == "PERSON":
                end = _before_title(text, start, end, titles)
                kind = _ended(tokens, end, kind)
            alias = aliases.get(text[start:end])
            if alias is None and _no_name(text[start:end]):
                continue
            found.append((start, end, alias[1] if alias else kind))
        else:
            continue
        covered.update(range(ent.start, ent.end))
    tokens = [t for t in doc if t.i not in covered]
    i = 0
    while i < len(tokens):  # person-name words the model missed (姓 + 名)
        token = tokens[i]
        if _PERSON_TAG in token.tag_ and token.tag_.startswith("名詞"):
            j = i
            while j + 1 < len(tokens) and tokens[j + 1].i == tokens[j].i + 1:
                if _PERSON_TAG not in tokens[j + 1].tag_:
                    break
                j += 1
            last = tokens[j]
            end = _before_title(text, token.idx, last.idx + len(last.text), titles)
            found.append((token.idx, end, "PERSON"))  # one word with its title: トランプ大統領
            i = j + 1
        else:
            i += 1
    found = _no_vocabulary(doc.text, _places_by_word(doc, sorted(found)))
    return _by_context(doc.text, _whole_names(doc.text, found))


_PLACE_TAG = "固有名詞-地名"  # Sudachi's tag of a place's name (地名-一般, 地名-国)


def _places_by_word(doc: Any, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person that is one word Sudachi knows as a place's name (スコットランド, レスター,
    マドリード: GiNZA's Person) is that place, unless the text writes it as a person's: a
    longer person's name in the text begins or ends with it (高市 in 高市早苗, ワシントン
    in ジョージ・ワシントン), or a person's title follows it (高市首相) and no person's name
    comes right before it."""
    words = {t.idx: t for t in doc}
    people = {doc.text[s:e] for s, e, k in found if k == "PERSON"}
    titles = _tables()[1]
    # where a person's name ends, a place and a title after it are that person's
    # (ニコラ・スタージョン スコットランド首席大臣: Scotland's First Minister)
    after = {e + (doc.text[e : e + 1].isspace()) for s, e, k in found if k == "PERSON"}
    placed = []
    for start, end, kind in found:
        token = words.get(start)
        name = doc.text[start:end]
        if (
            kind == "PERSON"
            and token is not None
            and token.idx + len(token.text) == end
            and _PLACE_TAG in token.tag_
            and not any(p != name and (p.startswith(name) or p.endswith(name)) for p in people)
            and not (any(doc.text.startswith(t, end) for t in titles) and start not in after)
        ):
            kind = "GPE"
        placed.append((start, end, kind))
    return placed


_NAME_JOINS = "・＝="  # what joins the words of a foreign name written in katakana


def _no_vocabulary(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """No person that is a word of the language's vocabulary (ダウンタウン, クォーターバック,
    バトル, リカバリー, 蘭: GiNZA's Person), unless the text writes it as a person's name:
    a word of a longer name joined by ・ or ＝ (マーク・メドウズ, タイロッド・テイラー), a
    person's title or honorific after it (テイラー氏), or a longer person's name in the
    text that begins or ends with it (ウェスト after カニエ・ウェスト)."""
    people = {text[s:e] for s, e, k in found if k == "PERSON"}
    marks = (*_tables()[1], *_labels().get("person_honorifics", ()))
    kept = []
    for start, end, kind in found:
        name = text[start:end]
        if (
            kind == "PERSON"
            and _vocabulary(name)
            and text[start - 1 : start] not in tuple(_NAME_JOINS)
            and text[end : end + 1] not in tuple(_NAME_JOINS)
            and not text[end:].lstrip(" ").startswith(marks)
            and not any(p != name and (p.startswith(name) or p.endswith(name)) for p in people)
        ):
            continue
        kept.append((start, end, kind))
    return kept


def _by_context(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The type the words around a name give it where GiNZA typed it a person: a team a
    score or a transfer follows (ノリッジに5対0で, アーセナルへの移籍; ``labels.json``'s
    ``after``), a programme something is said in (…トゥナイトで述べた), a
    place where something is or happens (カンプ・ノウでの, …ポンドで金曜午後), in every
    mention of the name; a name whose first word is a place and whose other words are no
    person's (マンチェスター・シティ, パキスタン・タリバン) is a body. A person's title or
    honorific on a mention, or a longer person's name that begins or ends with it, keeps
    it a person; and a name GiNZA typed otherwise that a person's title follows and a
    longer person's name ends with (モディ首相 after ナレンドラ・モディ) is that person."""
    said = _said_after(text, found)
    people = {text[s:e] for s, e, k in found if k == "PERSON"}
    titles = _tables()[1]
    marks = (*titles, *_labels().get("person_honorifics", ()))
    marked = {
        text[s:e] for s, e, _ in found if text.startswith(marks, e + (text[e : e + 1] == " "))
    }
    others = {text[s:e]: k for s, e, k in found if k != "PERSON"}
    typed = []
    for start, end, kind in found:
        name = text[start:end]
        if kind == "PERSON" and (_listed_title(text, start, end) or _work_named(text, start)):
            continue  # a work's title, not a name we type (GiNZA's works are none)
        longer = any(p != name and (p.startswith(name) or p.endswith(name)) for p in people)
        if kind == "PERSON" and name not in marked and not longer:
            told = said.get(name) or ("ORG" if _place_led(name) else None)
            if told is None and _holds_place(name):
                told = "GPE"  # タミル・ナドゥ州ティルチラーパリ: a town in its state
            if told == "LOC" and others.get(name) in ("GPE", "LOC", "FAC"):
                told = others[name]  # ジュロッパバレー: GPE in its other mention
            kind = told or kind
        elif kind != "PERSON" and text.startswith(tuple(titles), end):
            ends = any(
                p != name and p.endswith(name) and p[-len(name) - 1] in _NAME_JOINS for p in people
            )
            kind = "PERSON" if ends else kind
        typed.append((start, end, kind))
    return typed


_KATAKANA = re.compile("[ァ-ヺー]+")
_HAN = re.compile("[\u4e00-\u9fff]+")
_TITLE_MARKS = ("「", "」")


def _holds_place(name: str) -> bool:
    """Whether a name holds a foreign place's name written with the word for what it is
    and goes on after it (ノーフォーク州クローマー: a town in its county), as no person's
    name does."""
    return any(
        "ァ" <= name[i - 1 : i] <= "ヿ" and "ァ" <= name[i + len(w) : i + len(w) + 1] <= "ヿ"
        for w in _place_ends()
        for i in (name.find(w, 1),)
        if i > 0
    )


_COMPANIES = frozenset({"Company", "Company_Group"})  # named for founders (ロールス・ロイス)


@lru_cache(maxsize=4096)  # bounded: a long-running desk reads new names
def _people_words(name: str) -> bool:
    """Whether a name is two katakana words or more joined by ・ or ＝, each one word
    Sudachi knows only as a person's name (人名) or does not know, one at least a
    person's: a foreign person's full name (ダビド・シルバ; ウスマン・デンベレ), whatever
    GiNZA labelled it; not マンチェスター・ユナイテッド (a place, a common noun),
    タッカー・カールソン・トゥナイト."""
    words = re.split(f"[{_NAME_JOINS}]", name)
    if len(words) < 2 or not all(_KATAKANA.fullmatch(w) for w in words):
        return False
    read = [list(_sudachi().tokenize(w)) for w in words]
    if any(len(ms) != 1 for ms in read):
        return False
    person = [ms[0].part_of_speech()[2] == "人名" for ms in read]
    return any(person) and all(p or ms[0].is_oov() for p, ms in zip(person, read, strict=True))


def _work_named(text: str, start: int) -> bool:
    """Whether a common noun of a work comes right before a name (``labels.json``'s
    ``work_kinds``: ラジオ演説マン・キ・バート, 映画…): the name is the work's title."""
    return text.endswith(tuple(_labels().get("work_kinds", ())), 0, start)


def _listed_title(text: str, start: int, end: int) -> bool:
    """Whether a name fills a pair of 「」 (with the words ・ joins to it and a closing
    ！ or ？) that another pair touches: one of a list of works' titles (（「…」「ハロー・
    ドリー！」）: a musical), not a person; a name alone in its marks may be a nickname."""
    opened, closed = _TITLE_MARKS
    while start > 1 and text[start - 1] in _NAME_JOINS and _KATAKANA.fullmatch(text[start - 2]):
        start -= 1
        while start > 0 and _KATAKANA.fullmatch(text[start - 1]):
            start -= 1
    while text[end : end + 1] in tuple(_NAME_JOINS) and (word := _KATAKANA.match(text, end + 1)):
        end = word.end()
    end += len(text[end : end + 2]) - len(text[end : end + 2].lstrip("！!？?"))
    if text[start - 1 : start] != opened or text[end : end + 1] != closed:
        return False
    return text[start - 2 : start - 1] == closed or text[end + 1 : end + 2] == opened


def _whole_names(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person's name GiNZA cut inside words joined by ・ or ＝ runs on over them, words of
    katakana that no other name holds, where the words after the whole say what it names
    (ジェシー・ワッターズ|・トゥナイトで述べた: a programme; マン・キ・|バートで: where it
    was said; ``labels.json``'s ``after``), or where the name cut is a given name alone
    (ミカ|・ブルゼジンスキー: the full name)."""
    after = {kind: re.compile(pattern) for kind, pattern in _labels()["after"].items()}
    taken = {i for s, e, _ in found for i in range(s, e)}
    whole = []
    for first, last, kind in found:
        start, end = first, last
        if kind == "PERSON":
            while text[end : end + 1] in tuple(_NAME_JOINS) and (
                word := _KATAKANA.match(text, end + 1)
            ):
                if any(i in taken for i in range(end, word.end())):
                    break
                end = word.end()
            while start > 1 and text[start - 1] in _NAME_JOINS:
                at = start - 1
                while at > 0 and _KATAKANA.fullmatch(text[at - 1]):
                    at -= 1
                if at == start - 1 or any(i in taken for i in range(at, start)):
                    break
                start = at
            told = _after(after, text, end) is not None
            if end != last and start == first and _given(text[first:last]):
                told = True  # a given name before its surname: ミカ|・ブルゼジンスキー
            if (start, end) != (first, last) and told:
                taken.update(range(start, end))
                first, last = start, end
        whole.append((first, last, kind))
    return whole


@lru_cache(maxsize=4096)  # bounded: a long-running desk reads new names
def _given(name: str) -> bool:
    """Whether ``name`` is one word Sudachi knows only as a given name (ミカ, ジョン: its
    人名-名): a foreign name begins with it, and the words ・ or ＝ joins after it are the
    rest of that name, not a list's next name (a list of surnames: トランプ・バイデン)."""
    words = [m for m in _sudachi().tokenize(name) if m.surface()]
    return len(words) == 1 and words[0].part_of_speech()[2:4] == _GIVEN


_GIVEN = ("人名", "名")


def _said_after(text: str, found: list[tuple[int, int, str]]) -> dict[str, str]:
    """Each name -> the type the words right after it give it, where the text writes it
    (``labels.json``'s ``after``, a team's first; a gloss in brackets), or the place it
    is written right after (a town in its county)."""
    after = {kind: re.compile(pattern) for kind, pattern in _labels()["after"].items()}
    gloss = re.compile(_labels()["gloss"])
    said: dict[str, str] = {}
    for name in {text[s:e] for s, e, k in found if k == "PERSON" and e - s > 2}:
        for at in _written(text, name):  # each place the text writes it, a mention or not
            end = at + len(name)
            told = "ORG" if gloss.match(text, end) else _after(after, text, end)
            if told is not None and said.get(name) != "ORG":
                said[name] = told
    for start, end, _ in found:
        told = _after(after, text, end)
        name = text[start:end]
        if told is None:
            if _in_place(text, start):
                said.setdefault(name, "GPE")  # ノーサンバーランド州ホーンクリフ
            continue
        if said.get(name) != "ORG":
            said[name] = told
    return said


def _after(after: dict[str, re.Pattern[str]], text: str, end: int) -> str | None:
    """The type the words at ``end`` give the name before them, if any."""
    return next((kind for kind, pattern in after.items() if pattern.match(text, end)), None)


def _written(text: str, name: str) -> list[int]:
    """Where ``text`` writes ``name`` as a word of its own: no katakana, ・ or ＝ before it
    (not inside a longer name)."""
    found, at = [], text.find(name)
    while at >= 0:
        before = text[at - 1 : at]
        if not (before in _NAME_JOINS and before) and not ("ァ" <= before <= "ヿ"):
            found.append(at)
        at = text.find(name, at + 1)
    return found


def _in_place(text: str, start: int) -> bool:
    """Whether a name at ``start`` comes right after a foreign place's name written with
    the word for what it is (ノーサンバーランド州, オーガスタ市: ``labels.json``'s ``ends``
    of a place), the town or the place named in it."""
    word = next((w for w in _place_ends() if text.endswith(w, 0, start)), None)
    return word is not None and "ァ" <= text[start - len(word) - 1 : start - len(word)] <= "ヿ"


@cache
def _place_ends() -> tuple[str, ...]:
    """The words a place's name ends in (州, 県, 市, 郡: ``labels.json``'s ``ends``)."""
    return tuple(word for word, kind in _ends().items() if kind == "GPE")


@cache
def _place_led(name: str) -> bool:
    """Whether a name of several words joined by ・ begins with a place's name (the
    gazetteer's, or a world city's) and goes on with words of Sudachi's dictionary, none a
    person's name (マンチェスター・シティ, パキスタン・タリバン; not アデン・アブディ)."""
    words = [w for w in re.split(f"[{_NAME_JOINS}]", name) if w]
    if len(words) < 2 or not (place_of(words[0], "ja") or cities_named(words[0])):
        return False
    rest = [m for w in words[1:] for m in _sudachi().tokenize(w)]
    return all(not m.is_oov() and m.part_of_speech()[2] != "人名" for m in rest)


@cache
def _vocabulary(name: str) -> bool:
    """Whether every word of ``name`` is a common noun of Sudachi's dictionary that its
    synonym dictionary groups with others (a word of the vocabulary: ダウンタウン, バトル,
    クーポン; a name written in katakana is in no group, or in no dictionary)."""
    words = [m for m in _sudachi().tokenize(name) if m.part_of_speech()[0] != _SYMBOL]
    return bool(words) and all(
        m.part_of_speech()[:2] == _COMMON and not m.is_oov() and m.synonym_group_ids()
        for m in words
    )


_SYMBOL = "補助記号"  # Sudachi's tag of punctuation (the ・ between a name's words)
_COMMON = ("名詞", "普通名詞")


def _honoured(text: str, start: int, end: int) -> bool:
    """Whether an honorific only a person takes follows a name GiNZA labels a place or a
    body (``labels.json``'s ``person_honorifics``: ラーフル・ガンディー氏, マーティン・ランドレー
    教授), right after it or past one space, and no place the gazetteer knows is named."""
    after = text[end + 1 if text[end : end + 1].isspace() else end :]
    if not after.startswith(tuple(_labels().get("person_honorifics", ()))):
        return False
    return place_of(text[start:end], "ja") is None and not cities_named(text[start:end])


def _honorific_inside(name: str) -> int | None:
    """Where the name ends in what GiNZA labelled a place or a body that ends in an
    honorific only a person's name takes (``labels.json``'s ``name_honorifics``: 金氏, Mr
    Kim, GiNZA's Country; not a role's, 代表選手): the length of the name before it,
    where that is no place the gazetteer knows nor 'the same' (同氏)."""
    honorific = next((h for h in _labels().get("name_honorifics", ()) if name.endswith(h)), None)
    if honorific is None or len(name) == len(honorific):
        return None
    rest = name[: -len(honorific)]
    if rest == _labels().get("anaphor_lead") or place_of(rest, "ja") or cities_named(rest):
        return None
    return len(rest)


def _no_name(name: str) -> bool:
    """Whether what GiNZA labelled a name ends in a word no name ends in (``labels.json``'s
    ``no_name_ends``: コロナウイルス, 新型コロナウイルス感染症 are a virus and a disease), or
    is a word for 'the same' before a title or an honorific (``anaphor_lead``: 同氏, 同首相,
    同容疑者: the person named before)."""
    if name.endswith(tuple(_labels().get("no_name_ends", ()))):
        return True
    lead, marks = _labels().get("anaphor_lead", ""), _labels().get("person_honorifics", ())
    return bool(lead) and name.startswith(lead) and name[len(lead) :] in (*_tables()[1], *marks)


def _ended(tokens: list[Any], end: int, kind: str) -> str:
    """The type a name's last word gives it where that word is a common noun a person's
    name never ends in (``labels.json``'s ``ends``: ラジャスタン州, ビスラク村 are places,
    プリンセス・アン郡裁判所 a body, ワシントン・ポスト a newspaper), or its first word
    where that is a word only a place's name begins with (``place_leads``: グレーター),
    else ``kind``."""
    last = next((t for t in tokens if t.idx + len(t.text) == end), None)
    if len(tokens) > 1 and tokens[0].text in _labels().get("place_leads", ()):
        return "GPE"  # a place's word before a name: グレーター・マンチェスター (Greater …)
    if last is None or not last.tag_.startswith(_COMMON_NOUN):
        return kind
    return str(_ends().get(last.text, kind))


_COMMON_NOUN = "名詞-普通名詞"


@cache
def _ends() -> dict[str, str]:
    return dict(_labels()["ends"])


def _labels() -> Any:
    pack = pack_for("ja")
    assert pack is not None
    return pack.data("labels.json")


def _before_title(text: str, start: int, end: int, titles: frozenset[str]) -> int:
    """A person's name without the title or honorific glued to its end in one token
    (金正恩氏, 岸田首相): the longest title it ends with, when two characters are left."""
    name = text[start:end]
    for title in sorted(titles, key=len, reverse=True):
        if name.endswith(title) and len(name) - len(title) >= 2:
            return end - len(title)
    return end


def _romaji(kana: str) -> str:
    import jaconv

    return str(jaconv.kana2alphabet(jaconv.kata2hira(kana)))


@cache
def _sudachi() -> Any:
    """Sudachi's tokenizer in split mode C with its default dictionary, as GiNZA's
    tokenizer (spaCy's ``JapaneseTokenizer``, ``split_mode = "C"``) creates it."""
    from sudachipy import dictionary, tokenizer

    return dictionary.Dictionary().create(mode=tokenizer.Tokenizer.SplitMode.C)


_GAP = "空白"  # Sudachi's tag of a whitespace word


def _word_readings(text: str) -> list[str]:
    """The reading of each token GiNZA's tokenizer makes of ``text`` (its text where
    Sudachi has no reading), without GiNZA: Sudachi's words with an empty surface
    dropped, a run of whitespace words kept as its first, a single space after a word
    no token, any other whitespace between words a token of its own (spaCy's
    ``JapaneseTokenizer`` and ``get_dtokens_and_spaces``); ``bench/pipeline_ja_readings.py`` checks
    it against GiNZA on every Japanese and Chinese name of crosslingual_dev."""
    words: list[tuple[str, bool, str]] = []  # (surface, whitespace word, reading)
    for m in _sudachi().tokenize(text):
        surface = m.surface()
        if not surface:
            continue
        gap = surface.isspace() and "-".join(x for x in m.part_of_speech()[:4] if x != "*") == _GAP
        if gap and words and words[-1][1]:
            continue
        words.append((surface, gap, re.sub("[=|]", "_", m.reading_form())))
    if not words:
        return []
    if all(surface.isspace() for surface, _, _ in words):
        return [text]
    parts: list[str] = []
    at = 0
    for i, (surface, _, reading) in enumerate(words):
        if surface.isspace():
            continue
        start = text.index(surface, at)
        if start > at:
            parts.append(text[at:start])  # whitespace between words: a token, read as written
        # a reading with a comma (Sudachi reads "," and "，" as ",") was split into values
        # by spaCy's morphology, whose first is empty for them: read as nothing
        parts.append("" if "," in reading else reading or surface)
        at = start + len(surface)
        if i + 1 < len(words) and words[i + 1][0] == " ":
            at += 1  # one space after a word belongs to the word
    if at < len(text):
        parts.append(text[at:])
    return parts


@cache
def readings(name: str) -> list[str]:
    """Romanised reading of a Japanese name: Sudachi's reading (its words apart) in romaji."""
    found = _romaji(" ".join(_word_readings(name[:MAX_PIECE])))
    return [found] if found.strip() else []


def han_readings(name: str) -> list[str]:
    """How Japanese reads a name written in Han characters (高市早苗 in Chinese text)."""
    return readings(name)
