"""Page furniture by its shape: media notices, captions, credits, share bars, page stamps.

Real outlets print the same few kinds of furniture around a story, each in many wordings:
a media player's notice ("Media playback is unsupported on your device"), a caption block
("Image copyright <agency> Image caption <caption>"), a photo credit ("<agency> via Getty
Images", "Getty Images / <name> / Contributor"), a share bar ("Share on Facebook Share on
Twitter"), a page stamp ("23 July 2013 Last updated at 13 : 42 GMT"), a bare dateline
("CITY, Country |"). Each rule here is a class: a short line plus the class's vocabulary,
a credit separator, a line made only of date and time tokens, an info bar ("2023-02-11
13:09 [Source: Xinhua] [Editor: Li Wei] Font: [Large Medium Small]", "来源：新华社
责任编辑：李伟 字号：大 中 小"), a reporter's byline in Chinese or Korean ("本报记者 张伟",
"홍길동 기자"). None names a page.

:func:`furniture_reason` is the cleaner's line rule (strict: prose is never taken);
:func:`title_furniture` is the looser test a candidate title must pass.
"""

from __future__ import annotations

import re

from newsdesk.clean.lines import ends_sentence, words

__all__ = [
    "after_stamp",
    "cjk_byline_author",
    "furniture_reason",
    "is_disclosure",
    "is_info_bar",
    "title_furniture",
]

_SHORT_WORDS = 16  # furniture vocabulary only condemns a short line
_NOTICE_WORDS = 12  # a media notice kept in the text is shorter still

# what media players and image blocks print in place of what they could not show
_MEDIA_NOTICE = re.compile(
    r"\b(?:(?:enable|turn on|activate|upgrade) (?:your )?(?:javascript|browser|flash)|"
    r"javascript (?:is )?(?:required|disabled|enabled|must be)|"
    r"(?:playback|video|media|content) (?:is )?(?:not supported|unsupported|unavailable) on your|"
    r"your (?:browser|device) (?:does not|doesn't|cannot|can't|is not able to) (?:support|play)|"
    r"click (?:the )?(?:image|photo|picture|graphic)s? (?:above|below|to)|"
    r"click (?:here )?to (?:enlarge|view (?:the )?(?:graphic|image|photo|gallery|video))|"
    r"(?:watch|view|play) (?:this|the) (?:video|clip)|"
    r"(?:image|media|photo|video) (?:copyright|caption))\b",
    re.IGNORECASE,
)
# a title may not even mention the furniture
_TITLE_FURNITURE = re.compile(
    r"\b(?:javascript|playback|slideshow|"
    r"(?:image|media|photo|picture|video) (?:copyright|caption|credit|gallery)s?|"
    r"(?:view|see|open) (?:graphic|gallery|full image|larger image|image))\b",
    re.IGNORECASE,
)
_CAPTION_PREFIX = re.compile(
    r"^(?:(?:image|media|photo|picture|video) (?:caption|copyright|credit)s?\b|"
    r"(?:pictured|caption|file photo|photo|image|picture) ?:)",
    re.IGNORECASE,
)
# credits: agencies and photographers' roles, set off by a slash, a bar or "via"
_AGENCY = re.compile(
    r"\b(?:getty(?: images)?|shutterstock|afp|epa(?:-efe)?|ap photo|reuters pictures|"
    r"contributor|stringer|staff photographer|file (?:photo|picture|image)|"
    r"photo(?:graph)? (?:by|courtesy)|courtesy of)\b",
    re.IGNORECASE,
)
_CREDIT_WORDS = re.compile(
    r"\b(?:photos?|pictures?|images?|credit|photographer)\b|" + _AGENCY.pattern, re.IGNORECASE
)
_CREDIT_SEPARATOR = re.compile(r"\s[/|]\s|\w/\w|\bvia\b", re.IGNORECASE)
# share bars: nothing but networks and share verbs
_SHARE_WORDS = frozenset(
    [
        "share",
        "shares",
        "sharing",
        "on",
        "via",
        "to",
        "with",
        "tweet",
        "retweet",
        "email",
        "e-mail",
        "mail",
        "print",
        "save",
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "whatsapp",
        "pinterest",
        "reddit",
        "telegram",
        "tumblr",
        "bluesky",
        "threads",
        "messenger",
        "google",
        "google+",
        "copy",
        "link",
        "this",
        "article",
        "story",
        "page",
    ]
)
_SHARE_CORE = frozenset(
    [
        "share",
        "tweet",
        "email",
        "e-mail",
        "print",
        "facebook",
        "twitter",
        "linkedin",
        "whatsapp",
        "pinterest",
        "reddit",
        "telegram",
        "tumblr",
        "bluesky",
        "messenger",
    ]
)
# page stamps: dates, times, zones and the words printed around them
_STAMP_SPLIT = re.compile(r"[\s/|:,.@()\[\]\-–—+]+")
_STAMP_TOKEN = re.compile(
    r"\d{1,4}(?:st|nd|rd|th|am|pm|a|p|h|hrs?)?|"
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"am|pm|a|m|p|gmt|utc|"
    r"last|updated?|published|posted|modified|created|on|at|time|date|hrs?|hours?|"
    # the words a label puts before them: "First Published :", "Edited time :",
    # "Originally posted", "Page last updated at", "Released", "Release :"
    r"first|originally|edited|revised|reviewed|released?|issued|filed|uploaded|page|"
    r"mis|mise|jour|dernière|derniere|zuletzt|última|ultima|ultimo|actualización|"
    r"actualizacion|atualização|atualizacao|aggiornamento|"
    r"letzte|änderung|geändert|erstellt|aktualisierung|laatst|bijgewerkt|gewijzigd|"
    r"gepubliceerd|opublikowano|zaktualizowano|aktualizacja|publicerad|uppdaterad|"
    # the same stamp in other languages: weekdays, months, labels and the little words
    # between them ("sexta-feira, 22 de outubro de 2010 às 20:13", "Mi., 3. Mai 2023,
    # 14:05 Uhr", "기사입력 : 2018-09-28 17:32", "2018年9月28日 17:32 发布")
    r"(?:segunda|terça|terca|quarta|quinta|sexta)(?:-feira)?|sábado|sabado|domingo|"
    r"lunes|martes|miércoles|miercoles|jueves|viernes|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"mo|di|mi|do|fr|sa|so|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|"
    r"janeiro|fevereiro|março|marco|maio|junho|julho|agosto|setembro|outubro|novembro|"
    r"dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|setiembre|octubre|"
    r"noviembre|diciembre|januar|jänner|februar|märz|juni|juli|oktober|dezember|"
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    r"novembre|décembre|decembre|gennaio|febbraio|aprile|maggio|giugno|luglio|"
    r"settembre|ottobre|dicembre|"
    r"feira|de|del|el|las|às|as|a|à|le|um|uhr|h|min|hs|\d{1,2}h\d{2}|"
    r"atualizado|actualizado|publicado|aktualisiert|veröffentlicht|stand|publié|"
    r"modifié|aggiornato|pubblicato|"
    r"기사입력|입력|수정|승인|발행|등록|"
    r"(?:\d{1,4}[年月日时時分秒]\s*)+|发布(?:时间)?|更新(?:时间)?|时间|日期|投稿日|更新日|公開日|掲載日",
    re.IGNORECASE,
)
# a stamp names a date or a time: a month, a weekday or a label, or the shape of a date or
# a time ("14:05", "2018-09-28", "16.08.2019"); a row of bare numbers is a phone number,
# a score or a code, and "TERROR LEVEL 100" is a title in capitals
# (tokenised text spaces its separators: "8 / 2 / 13 at 1 : 30 PM")
_STAMP_SHAPE = re.compile(
    r"\d{1,2} ?[:.h] ?\d{2}\b|\d{1,4}[年月日]|\d ?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|"
    r"(?<![\d-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2} ?[./-] ?\d{1,2} ?[./-] ?\d{2,4})(?![\d-])",
    re.IGNORECASE,
)
_STAMP_FILLERS = frozenset(
    [
        "a",
        "m",
        "p",
        "am",
        "pm",
        "on",
        "at",
        "de",
        "del",
        "el",
        "las",
        "às",
        "as",
        "à",
        "le",
        "um",
        "h",
        "min",
        "hs",
        "feira",
        "time",
        "date",
        "hr",
        "hrs",
        "first",
        "originally",
        "edited",
        "revised",
        "reviewed",
        "release",
        "released",
        "issued",
        "filed",
        "uploaded",
        "page",
        "mis",
        "mise",
        "letzte",
        "änderung",
        "geändert",
        "erstellt",
        "aktualisierung",
        "laatst",
        "bijgewerkt",
        "gewijzigd",
        "gepubliceerd",
        "opublikowano",
        "zaktualizowano",
        "aktualizacja",
        "publicerad",
        "uppdaterad",
        "jour",
        "dernière",
        "derniere",
        "zuletzt",
        "última",
        "ultima",
        "ultimo",
        "mo",
        "di",
        "mi",
        "do",
        "fr",
        "sa",
        "so",
    ]
)
_ZONE = re.compile(r"[A-Z]{1,3}T|[A-Z]{2,6}")  # EST, HKT, IST; an agency or city in capitals
_HAS_DIGIT = re.compile(r"\d")
_STAMP_MAX_CHARS = 90
# a stamp behind a label of a few words, one of them a stamp's ("Stand des Artikels: 26.
# Februar 2020, 12:30 Uhr", "page revision: 8, last edited: 17 Jun 2018 15:15"): taken
# only when what follows names both a date and a time, so "Born: 12 March 1970" and
# "Kick-off: 19:45, 12 March" stay
_LABELLED = re.compile(r"(?P<label>[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){0,3}) ?: ?(?P<rest>.+)")
_LABEL_SMALL = frozenset(["on", "at", "a", "à", "de", "del", "el", "las", "às", "as", "le", "um"])
_TIME = re.compile(r"\d{1,2} ?[:h] ?\d{2}(?!\d)|\d ?(?:am|pm|a\.m\.|p\.m\.)(?!\w)", re.I)
_DATE = re.compile(
    r"(?<![\d-])(?:\d{4} ?- ?\d{1,2} ?- ?\d{1,2}|\d{1,2} ?[./-] ?\d{1,2} ?[./-] ?\d{2,4})(?![\d-])|"
    r"\d{1,4}[年月日]|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"janv|févr|fevr|avr|mai|juin|juil|août|aout|sept|déc|ene|abr|ago|dic|"
    r"gen|mag|giu|lug|ott|dez|okt|mär|märz|fev|out|set)[a-zäéèûôìíóúç]*\.?(?!\w)",
    re.I,
)
# "CHRISTCHURCH, New Zealand |": a place in capitals, a country, a separator, nothing else
_CAPS_PLACE = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,}\s*,\s*[\w .'’-]{2,40}?\s*[|:–—\-]*")
_PLACE_WORDS = 4  # "Bosnia and Herzegovina", "Democratic Republic of Congo"
_BARE_DATELINE = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,}(?:\s*,\s*[\w .'’-]{2,40}?)?\s*[|–—―]")
# "Mumbai , Nov 11 -", "PTI reports:": a short line left hanging on a separator
_DANGLING = re.compile(r"[|:–—―\-(,/]\s*$")


# an info bar: the fields a page prints under its headline ("[Source: Xinhua] [Editor: Li
# Wei]", "来源：新华社 责任编辑：李伟"), after a page stamp or not, and the font-size switch
_BAR_LABEL = (
    r"source|editors?(?: in charge)?|(?:responsible|executive|duty) editor|authors?|"
    r"reporters?|writers?|photographers?|photos?|translators?|translated by|posted by|"
    r"views|clicks|hits|quelle|autor(?:in)?|redaktion|auteur|rédaction|fuente|redacción|"
    r"来源|來源|稿源|出处|出處|作者|编辑|編輯|责编|責編|责任编辑|責任編輯|记者|記者|通讯员|"
    r"通訊員|摄影|攝影|浏览|瀏覽|点击|點擊|阅读|閱讀|发布时间|發布時間|出典|配信|提供|출처|입력|"
    r"수정|기자"
)
_BAR_FONT = r"font(?: size)?|text size|字体|字體|字号|字號|文字サイズ|글자\s?크기"
_BAR_FIELD = re.compile(
    rf"(?:^|(?<=[\s\[【(（|/]))(?P<label>{_BAR_LABEL}|(?P<font>{_BAR_FONT}))\s*[:：]\s*",
    re.IGNORECASE,
)
_BAR_FONT_SIZES = re.compile(
    r"[\[【(（]?\s*(?:(?:large|larger|big|medium|middle|small|smaller|大|中|小|큰|작은|[aA][+-]?|[+-])"
    r"\s*[|/、·]?\s*){2,4}[\]】)）]?",
    re.IGNORECASE,
)
_BAR_STAMP = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
_BAR_MAX_CHARS = 200
_BAR_VALUE_WORDS = 6  # a field holds a name or an outlet, never a sentence
_BRACKETS = "[]【】()（）|/ "
# "本报记者 张伟", "新华社记者 李伟 王芳", "(记者 孙杰)", "홍길동 기자 hong@example.kr"
_CJK_BYLINE = re.compile(
    r"[(（【]?\s*[\u4e00-\u9fff]{0,8}(?:记者|記者|通讯员|通訊員)\s*"
    r"(?P<zh>[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4}){0,3})\s*[)）】]?|"
    r"(?P<ko>[가-힣]{2,4})\s?기자(?:\s*[\w.+-]+@[\w.-]+)?"
)


def is_info_bar(text: str) -> bool:
    """Only labelled fields (source, editor, author …), after a page stamp or not: two
    fields, a stamp and one, or the font-size switch; no prose before the first label."""
    if len(text) > _BAR_MAX_CHARS:
        return False
    stamp = _BAR_STAMP.match(text.strip())
    rest = text.strip()[stamp.end() :] if stamp else text.strip()
    fields = list(_BAR_FIELD.finditer(rest))
    if not fields or rest[: fields[0].start()].strip(_BRACKETS):
        return False
    font = False
    for field, after in zip(fields, [*fields[1:], None], strict=True):
        value = rest[field.end() : after.start() if after else len(rest)].strip(_BRACKETS)
        if field.group("font"):
            if not _BAR_FONT_SIZES.fullmatch(value):
                return False
            font = True
        elif not value or len(value.split()) > _BAR_VALUE_WORDS or ends_sentence(value):
            return False
    return font or len(fields) >= 2 or (stamp is not None and len(fields) == 1)


def cjk_byline_author(text: str) -> str | None:
    """The reporter(s) of a line that is only a byline in Chinese or Korean, else None."""
    match = _CJK_BYLINE.fullmatch(text.strip())
    if match is None:
        return None
    return ", ".join((match.group("zh") or match.group("ko")).split())


def _short(text: str, limit: int = _SHORT_WORDS) -> bool:
    return len(text.split()) <= limit


# a sponsored-post disclosure: who paid for the post ("This post is sponsored by …", "#ad")
_DISCLOSURE = re.compile(
    r"(?:\bsponsored (?:post|content)\b|\bpaid (?:post|partnership|promotion)\b|"
    r"\b(?:has|have) been compensated by\b|#ad\b|#sponsored\b|\badvertorial\b|"
    r"\bthis (?:post|article) (?:is|was) sponsored\b|\bin partnership with our sponsor\b)",
    re.IGNORECASE,
)
_DISCLOSURE_WORDS = 40


def is_disclosure(text: str) -> bool:
    """A short line that says the post is sponsored (not a headline, not the lead)."""
    return _short(text, _DISCLOSURE_WORDS) and bool(_DISCLOSURE.search(text))


def is_share_bar(text: str) -> bool:
    tokens = [t.strip(".,:;|/·•-").casefold() for t in text.split()]
    tokens = [t for t in tokens if t]
    core = sum(1 for t in tokens if t in _SHARE_CORE)
    return core >= 2 and all(t in _SHARE_WORDS for t in tokens)


def is_credit(text: str, *, strict: bool = True) -> bool:
    """A photo credit: an agency or a credit word, set off by "/", "|" or "via"."""
    if not _short(text, 12) or (ends_sentence(text) and len(text.split()) > 8):
        return False
    vocabulary = _AGENCY if strict else _CREDIT_WORDS
    if not vocabulary.search(text):
        return False
    return bool(_CREDIT_SEPARATOR.search(text)) or (not strict and len(text.split()) <= 4)


def is_stamp(text: str) -> bool:
    """Nothing but a date, a time, a zone and the words around them (or behind a short
    label: see ``_LABELLED``)."""
    if _plain_stamp(text):
        return True
    labelled = _LABELLED.fullmatch(text)
    if labelled is None or len(text) > _STAMP_MAX_CHARS:
        return False
    label = [w for w in labelled.group("label").split() if w.casefold() not in _LABEL_SMALL]
    if not any(_STAMP_TOKEN.fullmatch(word) for word in label):
        return False
    rest = labelled.group("rest")
    return bool(_TIME.search(rest) and _DATE.search(rest)) and _plain_stamp(rest)


# "5:45 AM PST 11/19/2019 by Patrick Shanley": the word opening a byline after a stamp
_BY_AFTER_STAMP = re.compile(r"\s(?=(?:written by|by|par|von)\s)", re.IGNORECASE)


def after_stamp(text: str) -> str | None:
    """What follows a page stamp opening ``text`` when a byline's word follows it ("by …"):
    the byline a page printed beside its time; None when ``text`` opens with no stamp."""
    cut = _BY_AFTER_STAMP.search(text)
    if cut is None or not is_stamp(text[: cut.start()]):
        return None
    return text[cut.end() :]


def _plain_stamp(text: str) -> bool:
    if len(text) > _STAMP_MAX_CHARS or not _HAS_DIGIT.search(text):
        return False
    tokens = [t for t in _STAMP_SPLIT.split(text) if t]
    if not any(_HAS_DIGIT.search(t) for t in tokens):
        return False
    if not all(_STAMP_TOKEN.fullmatch(t) or _ZONE.fullmatch(t) for t in tokens):
        return False
    return bool(_STAMP_SHAPE.search(text)) or any(
        _STAMP_TOKEN.fullmatch(t) and not t.isdigit() and t.casefold() not in _STAMP_FILLERS
        for t in tokens
    )


def furniture_reason(line: str) -> str | None:
    """The cleaner's reason for taking out ``line`` (normalised), or None to keep it."""
    if _CAPTION_PREFIX.match(line) and _short(line, 60):
        return "caption"
    if _short(line, _NOTICE_WORDS) and _MEDIA_NOTICE.search(line):
        return "media_notice"
    if is_share_bar(line):
        return "share_buttons"
    if is_stamp(line):
        return "timestamp"
    if is_info_bar(line):
        return "info_bar"
    if cjk_byline_author(line):
        return "byline"
    if is_credit(line):
        return "credits"
    if _BARE_DATELINE.fullmatch(line):
        return "dateline"
    return None


def title_furniture(line: str) -> str | None:
    """Why ``line`` (normalised) is furniture rather than a headline, or None."""
    reason = furniture_reason(line)
    if reason is not None:
        return reason
    if _short(line) and _TITLE_FURNITURE.search(line):
        return "media_notice"
    if is_credit(line, strict=False):
        return "credits"
    if _CAPS_PLACE.fullmatch(line) and len(line.split(",", 1)[1].split()) <= _PLACE_WORDS:
        return "dateline"  # a headline in capitals runs on ("DEATH, LIES AND PANDERING ON …")
    if len(line.split()) <= 6 and _DANGLING.search(line):
        return "dateline"
    if not words(line):
        return "no_words"
    return None
