from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsdesk.ingest import read_sources
from newsdesk.ingest.encoding import (
    declared_charset,
    decode,
    decode_document,
    http_charset,
    mostly_utf8,
)
from newsdesk.settings import Settings

JAPANESE = (
    "東京都は火曜日、新しいフェリーターミナルが春に開業すると発表した。"
    "当初の計画より二年遅れ、予算も大幅に超過している。"
    "遅延の原因は鋼材の不足と元請け業者との紛争だったと担当者は説明した。"
    "地元の住民はこの知らせを歓迎したが、沿岸道路の交通量について懸念を示している。"
)
KOREAN = (
    "서울시는 화요일 새로운 여객선 터미널이 봄에 문을 열 것이라고 발표했다. "
    "당초 계획보다 이 년 늦어졌고 예산도 크게 초과했다. "
    "관계자는 지연의 원인이 철강 부족과 주요 시공사와의 분쟁이었다고 설명했다. "
    "지역 주민들은 이 소식을 반겼지만 해안 도로의 교통량에 대해 여전히 우려하고 있다."
)
CHINESE = (
    "港务局周二证实，新的渡轮码头将于春季开放，比原计划晚了两年，而且大大超出了最初的预算。"
    "官员表示，延误是由于钢材短缺以及与主要承包商的纠纷造成的，该纠纷经过数月谈判后已在庭外和解。"
    "当地居民对这一消息表示欢迎，但表示他们仍然担心沿海公路的交通状况。"
)
FRENCH = (
    "L’autorité portuaire a confirmé mardi que le nouveau terminal ouvrira au printemps, "
    "deux ans plus tard que prévu. « C’est une bonne nouvelle », a déclaré le maire, "
    "qui s’inquiète toutefois de la circulation sur la route côtière — déjà saturée l’été. "
    "Les riverains ont salué l’annonce, mais ils réclament des garanties écrites."
)

CASES = [
    (JAPANESE, "shift_jis"),
    (KOREAN, "euc-kr"),
    (CHINESE, "gb18030"),
    (FRENCH, "cp1252"),
]


@pytest.mark.parametrize(("text", "charset"), CASES)
def test_encoding_detects_without_declaration(text: str, charset: str) -> None:
    assert decode(text.encode(charset)) == text


@pytest.mark.parametrize(("text", "charset"), CASES)
def test_encoding_reads_meta_charset(text: str, charset: str) -> None:
    html = f'<html><head><meta charset="{charset}"></head><body><p>{text}</p></body></html>'
    assert text in decode(html.encode(charset))


@pytest.mark.parametrize(("text", "charset"), CASES)
def test_encoding_reads_http_charset(text: str, charset: str) -> None:
    assert decode(text.encode(charset), f"text/plain; charset={charset}") == text


def test_encoding_reads_http_equiv_and_xml_declaration() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
        f"</head><body>{JAPANESE}</body></html>"
    )
    assert JAPANESE in decode(html.encode("shift_jis"))
    xml = f'<?xml version="1.0" encoding="EUC-KR"?><rss><title>{KOREAN}</title></rss>'
    assert KOREAN in decode(xml.encode("euc-kr"))


def test_encoding_bom_wins_over_declaration() -> None:
    html = f'<meta charset="iso-8859-1"><p>{FRENCH}</p>'
    assert FRENCH in decode(codecs.BOM_UTF8 + html.encode("utf-8"))
    assert FRENCH in decode(html.encode("utf-16"))


def test_encoding_prefers_utf8_over_a_wrong_declaration() -> None:
    html = f'<meta charset="gb2312"><p>{JAPANESE}</p>'
    assert JAPANESE in decode(html.encode("utf-8"), "text/html; charset=iso-8859-1")


def test_encoding_latin1_label_reads_curly_quotes_as_cp1252() -> None:
    assert decode(FRENCH.encode("cp1252"), "text/html; charset=ISO-8859-1") == FRENCH


def test_encoding_utf8_cut_mid_character_stays_utf8() -> None:
    data = JAPANESE.encode("utf-8")[:-1]
    assert decode(data).startswith(JAPANESE[:-1])


def test_encoding_labels_are_normalised() -> None:
    assert http_charset('text/html; charset="Shift_JIS"') == "cp932"
    assert http_charset("text/html") is None
    assert declared_charset(b'<meta charset="no-such-charset">') is None


SPANISH = (
    "El presidente anunció el miércoles que la reforma entrará en vigor en otoño, a pesar "
    "de las huelgas. «Llegaremos hasta el final», añadió ante los diputados."
)
PORTUGUESE = (
    "O governo anunciou na quarta-feira que a reforma da previdência entrará em vigor no "
    "outono, apesar das greves. Não há acordo à vista."
)
POLISH = (
    "Rząd ogłosił w środę, że reforma emerytalna wejdzie w życie jesienią, mimo strajków. "
    "Związki zawodowe są rozczarowane i przygotowują dzień protestów w Łodzi."
)
CZECH = (
    "Vláda ve středu oznámila, že důchodová reforma vstoupí v platnost na podzim, navzdory "
    "stávkám. Odbory jsou zklamané a chystají den protestů v Brně."
)


@pytest.mark.parametrize(
    ("text", "charset"),
    [
        (SPANISH, "cp1252"),
        (PORTUGUESE, "cp1252"),
        (FRENCH[:120], "cp1252"),
        (POLISH, "cp1250"),
        (CZECH, "cp1250"),
    ],
)
def test_encoding_latin_code_page_chosen_by_language(text: str, charset: str) -> None:
    # charset-normalizer alone read these cp1252 texts as cp1250 ("à" became "ŕ")
    assert decode(text.encode(charset)) == text


def test_encoding_guess_is_recorded_on_the_article(tmp_path: Path) -> None:
    (tmp_path / "es.txt").write_bytes(SPANISH.encode("cp1252"))
    (tmp_path / "ja.txt").write_bytes(JAPANESE.encode("shift_jis"))
    (tmp_path / "ko.txt").write_bytes(KOREAN.encode("euc-kr"))
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + FRENCH.encode())
    (tmp_path / "plain.txt").write_bytes(FRENCH.encode())
    results = {
        Path(r.source).name: r.articles[0]
        for r in read_sources([str(tmp_path)], settings=Settings())
    }
    spanish = results["es.txt"]
    assert spanish.text == SPANISH
    assert spanish.extras["encoding"] == "cp1252"
    assert spanish.extras["encoding_source"] == "detected"
    assert 0 < spanish.extras["encoding_confidence"] <= 1
    assert results["ja.txt"].text == JAPANESE and results["ja.txt"].extras["encoding"] == "cp932"
    assert results["ko.txt"].text == KOREAN and results["ko.txt"].extras["encoding"] == "cp949"
    assert results["bom.txt"].text == FRENCH and results["bom.txt"].extras["encoding"] == "utf-8"
    assert results["plain.txt"].text == FRENCH and "encoding" not in results["plain.txt"].extras


POLISH = (
    "Rada miasta zdecydowała we wtorek, że nowy terminal promowy zostanie otwarty wiosną, "
    "dwa lata później niż planowano. Mieszkańcy przyjęli tę wiadomość z ulgą, ale martwią "
    "się o ruch na drodze nadbrzeżnej, która już latem jest zatłoczona. Żaden z urzędników "
    "nie chciał podać, ile będzie kosztować opóźnienie, ani kto za nie zapłaci."
)
RUSSIAN = (
    "Городской совет во вторник объявил, что новый паромный терминал откроется весной, "
    "на два года позже, чем планировалось. Жители приветствовали эту новость, но "
    "беспокоятся о движении на прибрежной дороге, которая летом уже перегружена."
)


@pytest.mark.parametrize(
    "declared", ["", '<meta charset="windows-1251">', '<meta charset="utf-8">']
)
def test_encoding_utf8_page_with_a_stray_byte_stays_utf8(declared: str) -> None:
    # a UTF-8 page with one pasted cp1252 byte (a curly quote) is not a cp1250/cp1251 page
    data = f"<html><head>{declared}</head><body><p>{POLISH}</p>".encode() + b"\x93</p>"
    data += f"<p>{RUSSIAN}</p></body></html>".encode()
    decoded = decode_document(data)
    assert POLISH in decoded.text and RUSSIAN in decoded.text
    assert decoded.encoding == "utf-8"


@pytest.mark.parametrize(
    ("text", "charset"),
    [
        (CHINESE, "gb18030"),
        (JAPANESE, "shift_jis"),
        (KOREAN, "euc-kr"),
        (RUSSIAN, "cp1251"),
        (POLISH, "cp1250"),
        (FRENCH, "cp1252"),
    ],
)
def test_encoding_legacy_pages_are_not_mistaken_for_utf8_with_stray_bytes(
    text: str, charset: str
) -> None:
    data = f'<meta charset="{charset}"><p>{text}</p>'.encode(charset)
    assert not mostly_utf8(data)
    assert text in decode(data)
