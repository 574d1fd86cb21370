"""Readings of names and a rough sound-alike key, so one person or place merges across
scripts: 高市早苗, 다카이치 사나에, Sanae Takaichi.

Each pack's module gives the romanised readings of a name written in its language
(Sudachi readings for Japanese, ko-pron for Korean, pinyin for Chinese, the name itself for
English); :func:`sound_keys` folds them into keys where voiced and unvoiced consonants,
long vowels and romanisation habits (ou/oo/uu, eo, x/sh/s, l/r) coincide.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Collection
from difflib import SequenceMatcher
from functools import lru_cache

from newsdesk.lang.pack import pack_for, packs

__all__ = [
    "SHORT_KEY",
    "covers",
    "end_words",
    "joined",
    "keys_match",
    "one_word",
    "readings",
    "short_name",
    "skeleton",
    "sound_key",
    "sound_keys",
    "syllables",
    "word_fits",
    "word_skeleton",
    "words_match",
]

SHORT_KEY = 6  # keys shorter than this must match exactly: short names collide
THRESHOLD = 0.85
SKELETON_MIN = 5  # consonants two keys must share, in order, to match on the skeleton
SKELETON_FLOOR = 0.6  # and the least similarity they must still have
WORD_FLOOR = 0.85  # each word of a person's name against its counterpart, when both have words
WORD_SHORT = 4  # a word of a name this short differs from its counterpart in vowels only
WORD_BREAK = "|"

# applied in order to a lower-case ASCII reading
_FOLDS: tuple[tuple[str, str], ...] = (
    ("tch", "ch"),
    ("sch", "sh"),
    ("zh", "j"),
    ("ch", "j"),
    ("sh", "s"),
    ("ts", "s"),
    ("tz", "s"),
    ("x", "s"),
    ("q", "j"),
    ("c", "k"),
    ("ph", "p"),
    ("f", "h"),  # fu = hu (Fukuoka, 후쿠오카)
    ("v", "b"),
    ("w", ""),
    ("h", ""),
    ("y", ""),
    ("oe", "o"),  # Joe ~ ジョー
    ("ee", "i"),
    ("eo", "o"),
    ("eu", "u"),
    ("ou", "o"),
    ("oo", "o"),
    ("uu", "u"),
    ("ae", "e"),
    ("ai", "e"),
    ("ei", "e"),
    ("ie", "i"),
    ("r", "l"),
    ("g", "k"),
    ("d", "t"),
    ("b", "p"),
    ("z", "s"),
    ("j", "s"),
    ("u", "o"),  # u ~ o (노무현 nomuhyeon, Roh Moo-hyun)
)
_VOICE = re.compile(r"(.)\1+")
_CODA_L = re.compile(r"[lr](?=[^aeiouylr]|$)")  # an l or r spelled before a consonant
_KEPT_L = "L"  # kept as written: no fold reads upper case


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if c.isascii() and c.isalpha()).lower()


@lru_cache(maxsize=65536)
def sound_key(reading: str, *, sounded_l: bool = False) -> str:
    """The sound-alike key of one romanised reading (spaces and marks dropped).

    An r or l before a consonant is dropped (a non-rhotic r: Park ~ Bak, Carter ~ カーター
    kaatah; Hangul's final ㄹ: 도널드 doneoldeu); ``sounded_l`` keeps an l or r so spelled,
    which kana and Hangul may write with a vowel of their own (Donald ~ ドナルド donarudo,
    Merkel ~ 메르켈 mereukel)."""
    key = _ascii(reading)
    if sounded_l:
        key = _CODA_L.sub(_KEPT_L, key)  # out of the folds' and the drop's reach
    for old, new in _FOLDS:
        key = key.replace(old, new)
    key = re.sub(r"l(?=[^aeiou]|$)", "", key).replace(_KEPT_L, "l")
    key = re.sub(r"t(?=[kpst])", "", key)  # a closed syllable's t (홋카이도 hotkaido)
    key = re.sub(r"si(?=[aeou])", "s", key)  # palatals: qiang ~ 창 chang, sha ~ 샤 sya
    key = _VOICE.sub(r"\1", key)  # before -ng: 앙겔라 anggella is ankela, as Angela is
    key = key.replace("nk", "n").replace("mp", "np")  # -ng ~ -n (Hong Kong, ホンコン)
    return _VOICE.sub(r"\1", key)


def _han(name: str) -> bool:
    return bool(name) and all("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in name)


@lru_cache(maxsize=65536)
def _han_readings(name: str) -> tuple[str, ...]:
    """A name in Han characters read the way each pack that reads them does (Japanese,
    Mandarin, Sino-Korean), in its own and its traditional form."""
    zh = pack_for("zh")
    forms = [name]
    if zh is not None:
        forms.append(zh.module.traditional(name))
    found: list[str] = []
    for pack in packs().values():
        read = getattr(pack.module, "han_readings", None)
        if read is None:
            continue
        for form in dict.fromkeys(forms):
            found += read(form)
    return tuple(dict.fromkeys(found))


def _syllabic(c: str) -> bool:
    """A letter of a syllabic script: Han, Hangul, or kana (not their punctuation: ・)."""
    return unicodedata.category(c)[0] == "L" and (
        "\u3400" <= c <= "\u9fff"
        or "\uf900" <= c <= "\ufaff"
        or "\uac00" <= c <= "\ud7af"  # Hangul syllables
        or "\u1100" <= c <= "\u11ff"  # Hangul jamo
        or "\u3130" <= c <= "\u318f"
        or "\u3040" <= c <= "\u30ff"  # hiragana, katakana
        or "\uff66" <= c <= "\uff9f"  # half-width katakana
    )


# kana that add no vowel of their own: moraic n, the small tsu, small kana, the long mark
_NO_VOWEL = frozenset("んンっッゃゅょャュョぁぃぅぇぉァィゥェォゎヮーｰ・ｯｬｭｮｧｨｩｪｫﾝ゛゜")


def _syllables(name: str) -> int:
    """How many vowels a whole reading of ``name`` has at least: one per Han character,
    Hangul block and full kana (Latin letters are read as they are)."""
    return sum(_syllabic(c) and c not in _NO_VOWEL for c in name)


def syllables(name: str) -> int | None:
    """How many syllables ``name`` has at least, written in Han, Hangul or kana; None for
    a name in other letters."""
    return _syllables(name) if any(_syllabic(c) for c in name) else None


def covers(reading: str, name: str) -> bool:
    """``reading`` reads all of ``name``: no Han, Hangul or kana left as written in it
    (习近平 read "习近 taira": only 平 was read), and a vowel at least for each syllable of
    the name (a reader that dropped characters it could not read)."""
    if any(_syllabic(c) for c in reading):
        return False
    vowels = sum(c in "aeiou" for c in _ascii(reading))
    return vowels >= _syllables(name)


def readings(name: str, language: str) -> list[str]:
    """Romanised readings of ``name`` as written in ``language`` (the name itself without
    a pack); a name in Han characters also as the other languages that write them read it
    (習近平 in Japanese text, 高市早苗 in Chinese, 文在寅 in either).

    Only whole readings: one that leaves a character of the name unread, or reads only
    part of it, is no reading (it would match an unrelated name in another script); nor
    is the reading of a name of one syllable (an abbreviation or a bare surname)."""
    pack = pack_for(language)
    if pack is None:
        return [name]
    found: list[str] = list(pack.module.readings(name))
    if _han(name):
        found += _han_readings(name)
    if not any(_syllabic(c) for c in name):  # Latin and other letters: read as written
        return list(dict.fromkeys(found))
    if _syllables(name) < 2 and not any(c.isascii() and c.isalpha() for c in name):
        return []  # one syllable (英, 주, 灿) is part of a name at most: it names no one alone
    return [r for r in dict.fromkeys(found) if covers(r, name)]


def short_name(name: str, keys: Collection[str]) -> bool:
    """Two syllables or fewer (芬兰, 希腊, 부시), or, in Latin letters, only keys too short
    to match but exactly (Hubei, Nara): a sound-alike key of such a name meets unrelated
    names (希腊 xila ~ シエラ shiera)."""
    if any(_syllabic(c) for c in name):
        return _syllables(name) <= 2
    return all(len(joined(k)) < SHORT_KEY for k in keys)


def sound_keys(name: str, language: str, *, person: bool = False) -> frozenset[str]:
    """Every sound-alike key of ``name``; for a person written with spaces, each order of
    its words too (Sanae Takaichi ~ Takaichi Sanae). A person's name of two words or more
    in Latin letters is keyed with its spelled l and r sounded too (Donald tonat and
    tonalt): the spelling does not say whether they are (Donald, Walker, Carter), and kana
    write a sounded one with a vowel (ドナルド tonaloto), Hangul a final l without one
    (도널드 tonoto)."""
    keys: set[str] = set()
    found = readings(name, language)
    for reading in list(found):
        if "eo" in reading:  # Korean eo is written o and e alike (서울 Seoul, 선전 Shenzhen)
            found.append(reading.replace("eo", "e"))
    latin = not any(_syllabic(c) for c in name)
    for reading in found:
        words = [w for w in re.split(r"[\s·・]+", reading) if w]
        orders = [words]
        if person and 1 < len(words) <= 3:
            orders = [list(p) for p in itertools.permutations(words)]
        sounded = (False, True) if person and latin and len(words) > 1 else (False,)
        for order, l_sounded in itertools.product(orders, sounded):
            if person:
                parts = [sound_key(w, sounded_l=l_sounded) for w in order]
            else:
                parts = [sound_key("".join(order))]
            key = WORD_BREAK.join(p for p in parts if p)
            if key:
                keys.add(key)
    return frozenset(keys)


def joined(key: str) -> str:
    """A key without its word breaks."""
    return key.replace(WORD_BREAK, "")


def _words_agree(x: str, y: str) -> bool:
    """Keys of two names in words: when both have the same number of words, each word must
    be like its counterpart (Shinjiro Koizumi is not Junichiro Koizumi); names of two words
    and of three are no fuzzy match (Kris Jenner is not Kris Jong Un). A name written as
    one word (习近平 xijinping) and one in words agree only when the one word cuts, in
    order, into pieces each like a word of the other (xi|jinping); a likeness of the whole
    that no cut bears out is none (민주당 minjudang ~ Danny Ings, 林忆莲 ~ Kim Jong-un)."""
    xs, ys = x.split(WORD_BREAK), y.split(WORD_BREAK)
    if len(xs) < 2 and len(ys) < 2:
        return True
    if len(xs) < 2 or len(ys) < 2:
        whole, words = (xs[0], ys) if len(xs) < 2 else (ys[0], xs)
        return _cuts_into(whole, tuple(words))
    if len(xs) != len(ys):
        return False
    if _vowels_apart(x, y):
        return True
    apart = [(a, b) for a, b in zip(xs, ys, strict=True) if a != b]
    # kana and Hangul add and change vowels in every word (lam|nat ~ lamo|nato, bob ~ 밥
    # bap); a consonant more or less in two words, one of them short, is another name
    # (im|onon is not kim|sonon), though in one word it is a spelling (Johann, 요한)
    consonants = [(a, b) for a, b in apart if skeleton(a) != skeleton(b)]
    if len(consonants) > 1 and any(min(len(a), len(b)) < WORD_SHORT for a, b in consonants):
        return False
    return all(_word_like(a, b) for a, b in apart)


def _vowels_apart(x: str, y: str) -> bool:
    """Keys of two names in as many words (two or more), every word with the consonants
    of its counterpart and its vowels but for those kana and Hangul add (:func:`_added`),
    and enough consonants in all to tell names apart: kana and Hangul add and change vowels
    in every word of an English name (도널드 트럼프 tonoto|tolonpo ~ Donald Trump
    tonat|tlonp) and write a liquid it leaves out or leave out one it writes (ドナルド
    tonaloto, 도널드 tonoto; 메르켈, Merkel). Vowels apart otherwise are another name
    (Shinjiro sinsilo is not Junichiro sonisilo)."""
    xs, ys = x.split(WORD_BREAK), y.split(WORD_BREAK)
    if len(xs) < 2 or len(xs) != len(ys):
        return False
    if not all(a == b or _added(a, b) for a, b in zip(xs, ys, strict=True)):
        return False
    consonants = min(len(skeleton(joined(x))), len(skeleton(joined(y))))
    if consonants >= SKELETON_MIN:
        return True
    # fewer consonants tell fewer names apart: the vowels must agree too, but for those
    # kana and Hangul add after a bare consonant and each word's last (English spells
    # it as it likes: Jagger sake, ジャガー saka); Tim Nash is not トム・ネス (Tom Ness)
    return consonants >= SKELETON_MIN - 1 and all(
        _vowels_agree(a, b) for a, b in zip(xs, ys, strict=True)
    )


def _vowels_agree(a: str, b: str) -> bool:
    """Two words of keys with the same consonants (:func:`_added`) whose vowels agree
    before each word's last syllable (ミック miko ~ Mick mik; ジャガー saka ~ Jagger sake)."""
    sa, sb = _key_syllables(a), _key_syllables(b)
    return all(va == vb for (_, va), (_, vb) in list(zip(sa, sb, strict=True))[:-1])


_SYLLABLE = re.compile(r"([^aeiou]?)([aeiou]*)")


def _key_syllables(word: str) -> list[tuple[str, str]]:
    """A word of a key as (consonant, the vowels after it), the liquid left out; the
    first consonant is empty where the word starts with a vowel."""
    plain = _VOICE.sub(r"\1", word.replace("l", ""))
    return [(c, v) for c, v in _SYLLABLE.findall(plain) if c or v]


def _added(a: str, b: str) -> bool:
    """Two words of keys with the same consonants but the liquid, apart in vowels only,
    and never in a vowel after an n: kana and Hangul add vowels to consonants English
    writes bare (Trump tolanpo, 트럼프), but write a final n bare too (ン, ㄴ), so a vowel
    one has after an n and the other has not is another name's (Junichiro sonisilo,
    Shinjiro sinsilo). A word whose only consonant is the liquid agrees on it (Hillary
    ila, 힐러리 ileli); one with none tells nothing (Ai ~ Aoi)."""
    sa, sb = _key_syllables(a), _key_syllables(b)
    if not any(c for c, _ in sa + sb):
        return bool(skeleton(a)) and skeleton(a) == skeleton(b)
    if [c for c, _ in sa] != [c for c, _ in sb]:
        return False
    pairs = zip(sa, sb, strict=True)
    return not any(c == "n" and bool(va) != bool(vb) for (c, va), (_, vb) in pairs)


def _word_like(a: str, b: str) -> bool:
    """One word of a name like its counterpart: one letter apart, or alike enough."""
    return _one_edit(a, b) or SequenceMatcher(None, a, b, autojunk=False).ratio() >= WORD_FLOOR


def _cuts_into(whole: str, words: tuple[str, ...], slack: int = 1) -> bool:
    """``whole`` cut into ``len(words)`` pieces, in order, each its word, but for at most
    ``slack`` pieces only like it (mins|otan is two edits from ins|tan: no cut)."""
    if len(words) == 1:
        return whole == words[0] or (slack > 0 and _word_like(whole, words[0]))
    rest = len(words) - 1
    for end in range(1, len(whole) - rest + 1):
        piece = whole[:end]
        left = slack if piece == words[0] else slack - 1
        if (left == slack or (left >= 0 and _word_like(piece, words[0]))) and _cuts_into(
            whole[end:], words[1:], left
        ):
            return True
    return False


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` equal, or one letter changed, added or dropped."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def keys_match(a: Collection[str], b: Collection[str], *, threshold: float = THRESHOLD) -> float:
    """The best similarity of two key sets (0 when none reaches ``threshold``); keys
    shorter than ``SHORT_KEY`` count only when equal."""
    best = 0.0
    for wx in a:
        for wy in b:
            x, y = joined(wx), joined(wy)
            if x == y:
                return 1.0
            floor = min(threshold, SKELETON_FLOOR)
            if min(len(x), len(y)) < SHORT_KEY or 2 * min(len(x), len(y)) < floor * (
                len(x) + len(y)
            ):
                continue  # too short to be fuzzy, or too different in length to match
            if _part_of(wx, wy):
                continue  # one covers only part of the other (Jinping, Xi Jinping)
            matcher = SequenceMatcher(None, x, y, autojunk=False)  # cheap upper bounds first
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            if not _words_agree(wx, wy):
                continue
            score = matcher.ratio()
            alike = score >= SKELETON_FLOOR and (_same_skeleton(x, y) or _vowels_apart(wx, wy))
            if score < threshold and alike:
                score = threshold  # vowels apart only (epenthetic vowels of kana, 으)
            if score >= threshold and score > best:
                best = score
    return best


def words_match(a: Collection[str], b: Collection[str], *, threshold: float = THRESHOLD) -> float:
    """:func:`keys_match` over the keys in two words or more only: two names that agree
    word by word (ドナルド・トランプ, 도널드 트럼프), not as one run of sounds."""
    worded = [k for k in a if WORD_BREAK in k], [k for k in b if WORD_BREAK in k]
    return keys_match(*worded, threshold=threshold)


def _part_of(wx: str, wy: str) -> bool:
    """One key is the other less a piece at its start, end or middle: a whole word of it
    (Jinping, Xi Jinping), or three letters or more (a reader that read one character of
    three); a reading of part of a name, not of the whole. Two letters at the end are
    how kana end a foreign name (ミル miru, mir)."""
    (short, words), (long, long_words) = sorted(
        ((joined(wx), wx.split(WORD_BREAK)), (joined(wy), wy.split(WORD_BREAK))),
        key=lambda k: len(k[0]),
    )
    cut = len(long) - len(short)
    if cut < 2:
        return False
    for i in range(len(short) + 1):
        if long[:i] + long[i + cut :] == short:
            piece = long[i : i + cut]
            if cut >= 3 or (len(long_words) > len(words) and piece in long_words):
                return True
    return False


def skeleton(key: str) -> str:
    """A key's consonants, in order."""
    return _VOICE.sub(r"\1", re.sub(r"[aeiou]+", "", key))


def _same_skeleton(x: str, y: str) -> bool:
    """The same consonants in the same order, enough of them to tell names apart."""
    consonants = skeleton(x)
    return len(consonants) >= SKELETON_MIN and consonants == skeleton(y)


_WORD_SPLIT = re.compile(r"[\s·・]+")
# the vowels kana and Hangul add to a consonant English writes bare (u, o, eu folded to
# o; i after ch and j): ムケルジー mukeruji, Mukherjee
_ADDED_VOWELS = frozenset("oi")
MIN_FIT = 3  # consonants a short form and a word of a full name share, when not the same key


def _read_whole(word: str, language: str) -> list[str]:
    """The readings of one written word, each as one word (a reader may part a word it
    reads: モーシャル "mo- sharu")."""
    return [_WORD_SPLIT.sub("", r) for r in readings(word, language)]


def _spelled(name: str) -> bool:
    """Written in sounds (Latin letters, kana, Hangul): no Han character, whose readings
    are guesses between languages (小川 ogawa, xiaochuan)."""
    return not any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in name)


_CODA_R = re.compile(r"r(?=[^aeiouy]|$)")


def _word_keys(word: str) -> set[str]:
    """The keys of one word of a name: in Latin letters, with a spelled l sounded, an r
    before a consonant sounded or not (Colvin kolpin, コルビン, never kopin ~ コービン
    Corbyn; Carter kate, カーター; Mukherjee mokelsi, ムケルジー); in kana or Hangul, with
    a liquid kept and dropped."""
    if not any(_syllabic(c) for c in word):
        forms = (word, _CODA_R.sub("", word.lower()))
        return {k for k in (sound_key(f, sounded_l=True) for f in forms) if k}
    return {k for k in (sound_key(word), sound_key(word, sounded_l=True)) if k}


def one_word(name: str, language: str) -> frozenset[str]:
    """The sound-alike keys of a name of one word written in sounds (ボーエン, Bowen, 보엔):
    a short form of a person's name, its surname most often; empty for a name in words,
    one in Han characters, one no reading reads whole, and a key too short to tell (two
    letters, one consonant)."""
    plain = name.strip()
    if not _spelled(plain) or _WORD_SPLIT.search(plain):
        return frozenset()
    found = {
        key
        for read in _read_whole(plain, language)
        for reading in {read, read.replace("eo", "e")}  # Korean eo is written o and e alike
        for key in _word_keys(reading)
    }
    return frozenset(k for k in found if len(k) >= 3 and len(skeleton(k)) >= 2)


def end_words(name: str, language: str) -> frozenset[str]:
    """The sound-alike keys of the last word of a name of two words or more written in
    sounds (Mark Bowen, マーク・ボーエン, 마크 보엔): the surname a short form of it keeps
    (Bowen). Not the first: a given name alone names too many people (トーマス, a piece
    of ニック・トーマス・シモンズ, is not Thomas Kemmerich)."""
    plain = name.strip()
    if not _spelled(plain) or not _WORD_SPLIT.search(plain):
        return frozenset()
    last = _WORD_SPLIT.split(plain)[-1]
    found: set[str] = set()
    # each part of a double surname too (Thomas of Nick Thomas-Symonds): a short form
    # may keep it, and two names that may be meant are a guess between them
    for part in {last, *last.split("-")} - {""}:
        for read in _read_whole(part, language):
            found |= _word_keys(read) | _word_keys(read.replace("eo", "e"))  # Korean eo
    return frozenset(found)


def word_skeleton(key: str) -> str:
    """A word's key by its consonants but the liquid (an index for :func:`word_fits`)."""
    return skeleton(key.replace("l", ""))


def word_fits(short: str, word: str) -> bool:
    """A one-word name's key (:func:`one_word`) reads as a word of a full name
    (:func:`end_words`): the same key, or, with ``MIN_FIT`` consonants or more, the same
    consonants with the same vowels but those kana and Hangul add to a bare consonant
    (ムケルジー mokelosi, Mukherjee mokelsi) and the word's last, never a vowel after an n
    on one side only. Vowels apart otherwise are another name (デンベレ tenpele is not
    도널드 tonoto, nor クドロー kotolo Gehlot)."""
    if short == word:
        return True
    sa, sb = _liquid_syllables(short), _liquid_syllables(word)
    consonants = [c for c, _ in sa]
    if consonants != [c for c, _ in sb] or sum(map(bool, consonants)) < MIN_FIT:
        return False
    pairs = list(zip(sa, sb, strict=True))[:-1]  # the last: English spells it as it likes
    return all(
        va == vb or (c != "n" and not (va and vb) and (va or vb) in _ADDED_VOWELS)
        for (c, va), (_, vb) in pairs
    )  # a final n is written bare (ン, ㄴ): a vowel after it is another name's


def _liquid_syllables(key: str) -> list[tuple[str, str]]:
    """A word's key as (consonant, the vowels after it), the liquid kept."""
    return [(c, v) for c, v in _SYLLABLE.findall(_VOICE.sub(r"\1", key)) if c or v]
