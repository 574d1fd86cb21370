"""Laws of cleaning, checked on generated pages that mix article prose and debris."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.clean import clean_text

OPENERS = [
    "The",
    "Officials",
    "By",
    "Share",
    "Read",
    "Sign",
    "Yesterday",
    "Copyright",
    "We",
    "Related",
    "Continue",
    "Subscribe",
    "Advertisement",
    "Menu",
    "Close",
    "Search",
    "Home",
    "Follow",
    "Privacy",
    "Japanese",
    "Lee",
    "Welcome",
]
WORDS = [
    "minister",
    "harbour",
    "council",
    "said",
    "on",
    "Tuesday",
    "the",
    "budget",
    "ferry",
    "prices",
    "rose",
    "percent",
    "talks",
    "with",
    "China",
    "Japan",
    "cookies",
    "email",
    "newsletter",
    "rights",
    "reserved",
    "more",
    "information",
    "news",
    "share",
    "up",
    "ago",
    "hours",
    "yesterday",
    "brief",
    "inbox",
    "weekday",
    "policy",
    "terms",
    "and",
    "a",
    "of",
    "in",
    "court",
    "fund",
    "Seoul",
    "summit",
    "leaders",
    "agreed",
]
DEBRIS = [
    "We use cookies to provide some features and experiences in QOSHE",
    "More information  .  Close",
    "menu_open Columnists",
    "6 11",
    "yesterday",
    "3 hours ago",
    "Sign up to receive World Brief in your inbox every weekday.",
    "By submitting your email, you agree to the Privacy Policy and Terms of Use.",
    "✓ Signed Up",
    "© Foreign Policy",
    "All rights reserved.",
    "Advertisement",
    "Share",
    "Facebook Twitter Email",
    "Related:",
    "Continue reading",
    "Subscribe to continue reading.",
    "Already a subscriber? Log in.",
    "By Jane Doe, Reuters",
    "Privacy Policy | Terms of Use | Contact Us",
    "Harbor Towns Brace For Record Spring Tides",
    "Why fares are rising",
    "January 13, 2026",
    "Reporting by Ana Petrov; Editing by Luis Marten",
]

sentences = st.builds(
    lambda opener, rest: f"{opener} {' '.join(rest)}.",
    st.sampled_from(OPENERS),
    st.lists(st.sampled_from(WORDS), min_size=5, max_size=16),
)
paragraphs = st.lists(sentences, min_size=1, max_size=3).map(" ".join)
items = st.one_of(
    paragraphs.map(lambda p: ("prose", p)), st.sampled_from(DEBRIS).map(lambda d: ("debris", d))
)
pages = st.tuples(st.lists(items, min_size=1, max_size=14), st.sampled_from(["\n", "\n\n"]))


def _page(parts: list[tuple[str, str]], separator: str) -> str:
    return separator.join(text for _, text in parts)


@settings(max_examples=100, deadline=None)
@given(pages)
def test_cleaner_idempotent_on_generated_pages(page: tuple[list[tuple[str, str]], str]) -> None:
    parts, separator = page
    first = clean_text(_page(parts, separator))
    second = clean_text(first.text)
    assert second.text == first.text
    assert second.removed == []


@settings(max_examples=100, deadline=None)
@given(pages)
def test_cleaner_never_loses_prose(page: tuple[list[tuple[str, str]], str]) -> None:
    parts, separator = page
    result = clean_text(_page(parts, separator))
    for kind, text in parts:
        if kind == "prose":
            assert text in result.text, f"lost {text!r}; removed {result.removed}"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_cleaner_idempotent_on_any_text(text: str) -> None:
    first = clean_text(text)
    assert clean_text(first.text).text == first.text
