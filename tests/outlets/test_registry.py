"""The bundled registry and its vocabularies."""

from __future__ import annotations

from collections import Counter

import pytest

from newsdesk.outlets.csvio import read_outlets_csv, write_outlets_csv
from newsdesk.outlets.model import (
    KINDS,
    OutletInputError,
    check_country,
    check_kind,
    check_language,
    group_label,
)
from newsdesk.outlets.registry import OutletRegistry, bundled_outlets, bundled_text


def test_registry_bundled_file_is_a_few_hundred_checked_outlets_each_with_a_source() -> None:
    outlets = bundled_outlets()
    assert len(outlets) >= 300
    assert all(o.source for o in outlets), [o.name for o in outlets if not o.source]
    assert all(o.kind in KINDS for o in outlets)
    hosts = Counter(h for o in outlets for h in o.hosts)
    assert [h for h, n in hosts.items() if n > 1] == []
    names = Counter(o.name.casefold() for o in outlets)
    assert [n for n, c in names.items() if c > 1] == []


def test_registry_covers_the_g20_east_asia_wires_and_qoshe() -> None:
    registry = OutletRegistry.bundled()
    countries = {o.country for o in registry}
    g20 = {"AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "MX", "RU", "SA",
           "ZA", "KR", "TR", "GB", "US"}  # fmt: skip
    assert g20 | {"TW", "HK", "KP", "MN"} <= countries
    assert {o.name for o in registry if o.kind == "wire"} >= {"Reuters", "Associated Press"}
    qoshe = registry.by_name("QOSHE")
    assert qoshe is not None and qoshe.kind == "aggregator"
    xinhua = registry.by_name("Xinhua")
    assert xinhua is not None and (xinhua.country, xinhua.kind) == ("CN", "state")


def test_registry_host_lookup_prefers_the_most_specific_host() -> None:
    registry = OutletRegistry.bundled()
    assert registry.by_host("sports.espn.go.com").name == "ESPN"  # type: ignore[union-attr]
    assert registry.by_host("abcnews.go.com").name == "ABC News"  # type: ignore[union-attr]
    assert registry.by_host("profootballtalk.nbcsports.com").name == "ProFootballTalk"  # type: ignore[union-attr]
    assert registry.by_host("www.bbc.co.uk").name == "BBC News"  # type: ignore[union-attr]
    assert registry.by_host("go.com") is None


def test_registry_names_match_loosely() -> None:
    registry = OutletRegistry.bundled()
    assert registry.by_name("asahi shimbun").name == "The Asahi Shimbun"  # type: ignore[union-attr]
    assert registry.by_name("Le Monde") is registry.by_name("le monde")
    assert registry.by_name("Libération") is registry.by_name("Liberation")


def test_registry_refuses_unknown_codes_listing_the_valid_values() -> None:
    with pytest.raises(OutletInputError, match="JP"):
        check_country("XX")
    with pytest.raises(OutletInputError, match="ja"):
        check_language("jp")
    with pytest.raises(OutletInputError, match="public_broadcaster"):
        check_kind("tabloid")
    assert check_country(" jp ") == "JP"
    assert check_kind("public broadcaster") == "public_broadcaster"


def test_registry_group_labels_read_as_a_reader_says_them() -> None:
    assert group_label("country", "JP") == "Japanese outlets"
    assert group_label("country_kind", "CN/state") == "Chinese state media"
    assert group_label("kind", "state") == "state media"
    assert group_label("country", "BT") == "outlets from Bhutan"


def test_registry_csv_round_trip_keeps_every_fact() -> None:
    outlets = bundled_outlets()
    again = read_outlets_csv(write_outlets_csv(outlets), origin="seed")
    assert again.errors == []
    assert again.outlets == outlets
    assert bundled_text().startswith("name,hosts,country")


def test_registry_csv_reports_bad_rows_by_line_and_keeps_the_rest() -> None:
    text = (
        "name,hosts,country,languages,kind\nGood,good.example,JP,ja,private\nBad,,XX,en,private\n"
    )
    read = read_outlets_csv(text)
    assert [o.name for o in read.outlets] == ["Good"]
    assert read.errors[0]["line"] == 3 and "XX" in str(read.errors[0]["error"])
