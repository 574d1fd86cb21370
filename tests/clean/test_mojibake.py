"""Text a source already saved as mojibake (UTF-8 read as cp1252, saved again) is repaired;
clean text in any script is left alone. All text composed for the test."""

from __future__ import annotations

import pytest

from newsdesk.article import Article
from newsdesk.clean import TextCleaner
from newsdesk.clean.extract import extract_html
from newsdesk.clean.mojibake import repair_mojibake
from newsdesk.clean.quality import assess

GERMAN = (
    "Der Stadtrat hat am Dienstag für die neue Fähre gestimmt. Die Überfahrt soll "
    "künftig nur noch zwölf Minuten dauern, sagte die Bürgermeisterin."
)
ENGLISH = "The mayor said it’s “too early” to tell — the ferry’s engines need work."


def _saved_as_mojibake(text: str) -> str:
    """Each UTF-8 byte shown as cp1252 shows it (bytes cp1252 leaves undefined, as latin-1)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(bytes([byte]).decode("latin-1"))
    return "".join(out)


@pytest.mark.parametrize("text", [GERMAN, ENGLISH])
def test_mojibake_saved_by_the_source_is_repaired(text: str) -> None:
    damaged = _saved_as_mojibake(text)
    assert damaged != text
    assert repair_mojibake(damaged) == text


@pytest.mark.parametrize("text", [GERMAN, ENGLISH + " Le président François a écrit son résumé."])
def test_mojibake_stored_decomposed_is_repaired(text: str) -> None:
    """An archive that stored its text decomposed (NFD) keeps mojibake's "Ã" as "A" and a
    combining tilde: composed, it is mojibake like any other, and repaired."""
    import unicodedata

    damaged = unicodedata.normalize("NFD", _saved_as_mojibake(text))
    assert "Ã" not in damaged
    assert repair_mojibake(damaged) == text


def test_mojibake_stored_compatibility_decomposed_is_repaired() -> None:
    """NFKD also turns the spacing accent a byte showed as ("Ã¯" of "naïve") into a space
    and a combining mark."""
    import unicodedata

    text = "The plan was naïve, the crème of the côte, said Søren Løkke of the Fährbüro, and Güner."
    damaged = unicodedata.normalize("NFKD", _saved_as_mojibake(text))
    assert repair_mojibake(damaged) == text


def test_clean_decomposed_text_is_composed() -> None:
    import unicodedata

    text = "José Núñez said the ferry to Åre would sail on Tuesday."
    assert repair_mojibake(unicodedata.normalize("NFD", text)) == text


@pytest.mark.parametrize(
    "text",
    [
        GERMAN,
        ENGLISH,
        "São Paulo: NÃO ao aumento, disseram os manifestantes © Folha",
        "Ørsted og Ærø: «Det er for tidlig», sa ordføreren.",
        "港口城市今天宣布新的防洪计划。",
        "Городской совет объявил, что терминал откроется весной.",
    ],
)
def test_mojibake_clean_text_is_left_alone(text: str) -> None:
    assert repair_mojibake(text) == text


def test_mojibake_page_is_read_and_kept_as_news() -> None:
    body = "".join(f"<p>{GERMAN} Absatz {i}.</p>" for i in range(5))
    page = f"<html><head><title>Neue Fähre für die Stadt</title></head><body><article>{body}"
    page += "</article></body></html>"
    got = extract_html(_saved_as_mojibake(page))
    assert got.title == "Neue Fähre für die Stadt"
    assert GERMAN in got.text
    assert assess(got.text, got.title).is_news


def test_mojibake_text_record_is_repaired_by_the_cleaner() -> None:
    damaged = _saved_as_mojibake(f"Neue Fähre für die Stadt\n\n{GERMAN}")
    article = Article(source="t", format="text", raw=damaged, text=damaged)
    TextCleaner().clean(article)
    assert GERMAN in article.text


@pytest.mark.parametrize(
    ("damaged", "text"),
    [
        (
            "The mayor met President Pe\u00c3\u00b1a Nieto on Tuesday.",
            "The mayor met President Peña Nieto on Tuesday.",
        ),
        (
            "Detainees were moved from Guant\u00c3\u00a1namo Bay in May.",
            "Detainees were moved from Guantánamo Bay in May.",
        ),
        ("Photo: Harbour Gazette \u00c2\u00a9 2016", "Photo: Harbour Gazette © 2016"),
    ],
)
def test_mojibake_one_damaged_name_in_clean_text_is_repaired(damaged: str, text: str) -> None:
    """A report whose only non-ASCII word was saved as mojibake shows one pair, not two:
    the name is still repaired (ftfy judges the pair; clean text in any script has none)."""
    assert repair_mojibake(damaged) == text
