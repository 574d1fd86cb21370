"""Across stories a full name joins a longer one only when it is a shorter form of it: a
headline spaCy ran into one span ("Whitfield Money Sinks Dana", once) holds the words of
"Dana Whitfield" out of order, and never becomes the name of her many mentions. Names
composed."""

from __future__ import annotations

from newsdesk.annotate.names import NameIndex


def test_names_headline_span_never_absorbs_full_name_across_stories() -> None:
    index = NameIndex(across_stories=True)
    index.add("Dana Whitfield", "PERSON", count=40)
    index.add("Whitfield Money Sinks Dana", "PERSON")
    index.add("Ilse Maren Varga", "PERSON", count=3)
    index.add("Varga Maren", "PERSON")
    found = {e.name: e.mentions for e in index.entities()}
    assert found.get("Dana Whitfield") == 40, found
    assert index.resolve("Dana Whitfield") == "Dana Whitfield"
    assert index.resolve("Varga Maren") == "Ilse Maren Varga"  # a name written surname first
