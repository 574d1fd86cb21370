"""Features of one article: words, entities and the years they name (no model)."""

from __future__ import annotations

from newsdesk.cluster.features import (
    calendar_days,
    days_of,
    entity_terms,
    lead_places,
    word_terms,
    years_of,
)


def test_features_years_of_takes_years_from_entity_numbers() -> None:
    entities = entity_terms(
        "The flood of 2013 was worse than in 1998, when 1500 homes and 45 roads went."
    )
    assert years_of(entities) == ("1998", "2013")


def test_features_years_of_is_empty_without_years() -> None:
    assert years_of(entity_terms("Forty homes were lost near Dhaka on Monday.")) == ()
    assert years_of({"#2500": 1.0, "#12": 1.0, "dhaka": 1.0}) == ()


def test_features_word_terms_leave_out_stop_words_and_numbers() -> None:
    terms = word_terms("The storm hit the harbour in 2013 and the storm passed.")
    assert "storm" in terms and terms["storm"] > terms["harbour"]
    assert "the" not in terms and not any(t[0].isdigit() for t in terms)


def test_features_calendar_days_are_entity_keys() -> None:
    text = (
        "The vote was held on Dec. 14 and counted on 15th December; results are due "
        "March 3. Polls opened at 8:00; the May 2:30 slot was not a date."
    )
    assert days_of(entity_terms(text)) == {"@12-14", "@12-15", "@03-03"}
    assert calendar_days("Sales rose 12 percent in May.") == set()


def test_features_years_of_a_removed_page_stamp_still_count() -> None:
    import numpy as np

    from newsdesk.article import Article
    from newsdesk.cluster.features import features_for

    text = "The champion defended his title in Manila on Saturday, his promoter said."
    article = Article(source="a", format="text", raw=text, text=text, id="a")
    article.remove("Saturday, March 11, 2017 9:40pm EST", "timestamp")
    found = features_for(article, np.zeros(4, dtype=np.float32))
    assert years_of(found.entities) == ("2017",)
    assert "2017" not in word_terms(article.text)  # the text itself stays clean


def test_features_lead_places_are_where_the_lead_says_it_happened() -> None:
    from newsdesk.cluster.features import lead_places

    lead = (
        "Fire destroys Hartley's store in Leeds. Crews fought the blaze at Hartley's on "
        "Briggate, in the centre of Leeds, on Sunday; a second crew came in Broadmead, Bristol."
    )
    assert lead_places(lead) == {"leeds", "broadmead", "bristol"}
    # a weekday, a month or a shop after "at"/"near" is no place
    assert lead_places("Polls open in March, near Hartley's and at Kestrel, on Monday.") == set()


_MILL = (
    "Firefighters battled a blaze at the Ravenscourt paper mill in Dunmore on Tuesday night, "
    "the county fire service said. Two workers were treated for smoke, and the mill's owner, "
    "Harlow Fibre, said production would stop for a week."
)


def test_features_a_title_cut_from_the_lead_is_not_counted_twice() -> None:
    # a record without a title gets one cut from its lead (never debris): that is the
    # first sentence again, not a headline, so words, names and the embedded lead are
    # those of the untitled record
    import numpy as np

    from newsdesk.article import Article
    from newsdesk.clean.cleaner import TextCleaner
    from newsdesk.cluster.embed import lead_text
    from newsdesk.cluster.features import features_for, own_title

    vector = np.ones(4, dtype=np.float32)
    cleaned = TextCleaner().clean(Article(source="a", format="jsonl", raw=_MILL, text=_MILL))
    untitled = Article(source="b", format="jsonl", raw=cleaned.body, text=cleaned.body)
    by_shape = Article(source="c", format="jsonl", raw=cleaned.body, text=cleaned.body)
    by_shape.title = "Firefighters battled a blaze at the Ravenscourt paper mill in…"
    assert cleaned.title and own_title(cleaned) is None and own_title(by_shape) is None
    plain = features_for(untitled, vector)
    for article in (cleaned, by_shape):
        got = features_for(article, vector)
        assert (got.terms, got.entities) == (plain.terms, plain.entities)
        assert got.title == article.title  # still the story's fallback headline
        assert lead_text(own_title(article), article.body) == lead_text(None, article.body)
    titled = Article(source="d", format="jsonl", raw=_MILL, text=_MILL, title="Dunmore mill fire")
    assert own_title(titled) == "Dunmore mill fire"  # a real headline counts
    assert features_for(titled, vector).terms["fire"] > plain.terms.get("fire", 0.0)


def test_features_lead_places_a_thing_named_for_a_country_is_no_place() -> None:
    lead = (
        "Opposition leader Tendai Moyo took refuge in the Dutch embassy. The minister spoke "
        "in the Israeli parliament and later in London, in the centre of Leeds and in the "
        "Philippines."
    )
    assert lead_places(lead) == {"london", "leeds", "philippines"}


def test_features_lead_places_a_region_of_a_kind_is_where_without_in() -> None:
    # "a quake struck X province" names its where without "in": two quakes in two provinces
    # of one country differ only there
    lead = (
        "A strong quake struck Indonesia's Maluku province on Sunday. It shook the province "
        "of North Halmahera and Orange county; a state of emergency was declared."
    )
    assert lead_places(lead) == {"maluku", "north", "halmahera", "orange"}
    # the kind word in capitals is a title's, not a region's: "Quake Hits Province"
    assert lead_places("Quake Hits Province As Rescuers Search") == set()
