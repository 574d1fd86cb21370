"""The "not news" gate: pages that are not reports are dropped with a reason; news is kept.

Every page here is composed for the test (fictional outlets, places and people).
"""

from __future__ import annotations

from newsdesk.article import Article
from newsdesk.clean import TextCleaner
from newsdesk.clean.quality import assess
from newsdesk.pipeline import Drops
from newsdesk.settings import Settings

REPORT = (
    "Valleyton council approves flood barrier\n\n"
    "The regional council approved a new flood barrier for the Valleyton river front on "
    "Thursday after two years of debate, its chair said.\n\n"
    "Work is due to start in the summer. The barrier will cost 12 million and protect "
    "about 900 homes, the council's engineer said.\n"
)
FLASH = "BREAKING: A 5.8-magnitude earthquake struck off the coast of Northland on Tuesday."
HEADLINE_ONLY = "Ferry operator Northpoint Lines names new chief executive"
CJK_REPORT = (
    "港口城市今天宣布新的防洪计划。市政府表示，工程将于夏季开始，预计耗时十八个月。\n"
    "负责人说，新堤坝将保护沿河约九百户居民。"
)
KOREAN_REPORT = (
    "항구 도시 당국은 14일 새로운 홍수 방벽 계획을 발표했다.\n"
    "공사는 여름에 시작돼 18개월이 걸릴 예정이라고 관계자가 밝혔다."
)
MENU = "Home News Sport Weather Login Register Forum Archive Contact Imprint Jobs Shop"
MENU_PAGE = "\n".join(MENU.split())
NOTICE_PAGE = (
    "Tweet with a location\n"
    "You can add location information to your Tweets, such as your city or precise "
    "location, from the web and via third-party applications."
)
CRAWL_NOTE = (
    "This page was captured by the Wayback Machine\nThe capture has 3 frames.\n"
    "Collection: periodic crawl"
)
SPAM_PAGE = (
    "Lottery results today and winning numbers prediction\n"
    "Our experts post the winning numbers prediction before every draw. Join the online "
    "casino with free spins for new members and claim the casino bonus now.\n"
)
ADVERT = (
    "This post is sponsored by Brightwater Springs. All opinions are my own. #ad\n"
    "When the trail gets steep, a good bottle of water is all you need, and the new "
    "Brightwater bottle keeps it cold for twelve hours on the hottest hike."
)


def _mojibake() -> str:
    """Chinese UTF-8 bytes shown through the GBK codec, as a mis-decoded page reads."""
    text = "港口城市今天宣布新的防洪计划。市政府表示，工程将于夏季开始。"
    return text.encode("utf-8").decode("gbk", errors="replace")


def test_quality_keeps_news_reports_flashes_and_cjk() -> None:
    for text in (REPORT, FLASH, HEADLINE_ONLY, CJK_REPORT, KOREAN_REPORT):
        verdict = assess(text)
        assert verdict.is_news, (text[:40], verdict)


def test_quality_keeps_reports_that_mention_spam_words_once() -> None:
    text = (
        "Casino plan rejected\n\nThe council rejected a plan for a casino on the pier on "
        "Monday, saying the town's lottery fund would be better spent on the harbour."
    )
    assert assess(text, "Casino plan rejected").is_news


def test_quality_drops_each_class_with_its_reason() -> None:
    cases = {
        "too little prose": (MENU_PAGE, "Sports Forum"),
        "notice page": (NOTICE_PAGE, None),
        "spam": (SPAM_PAGE, "Winning numbers prediction"),
        "mojibake": (_mojibake(), None),
    }
    for reason, (text, title) in cases.items():
        assert assess(text, title).reason == reason, reason
    assert assess(CRAWL_NOTE).reason in {"notice page", "too little prose"}


def test_quality_keeps_a_sponsored_post_flagged() -> None:
    # a disclosure says who paid for the post, not that it is no report: kept, marked
    verdict = assess(ADVERT, "Hiking with Brightwater")
    assert verdict.is_news and verdict.flags == ("sponsored",)


def test_quality_gate_drops_before_stories_counted_as_not_news() -> None:
    cleaner = TextCleaner()
    drops = Drops()
    articles = [
        Article(source=name, format="text", raw=text, text=text)
        for name, text in (("report", REPORT), ("notice", NOTICE_PAGE), ("menu", MENU_PAGE))
    ]
    kept = list(cleaner.run(articles, drops))
    assert [a.source for a in kept] == ["report"]
    assert drops.reasons["not news: notice page"] == 1
    assert drops.reasons["not news: too little prose"] == 1


def test_quality_gate_can_be_switched_off() -> None:
    cleaner = TextCleaner(settings=Settings(keep_not_news=True))
    drops = Drops()
    article = Article(source="notice", format="text", raw=NOTICE_PAGE, text=NOTICE_PAGE)
    assert len(list(cleaner.run([article], drops))) == 1
    assert not drops.reasons


def test_quality_judges_a_feed_summary_by_what_it_says_not_its_length() -> None:
    teaser = "Ferries resume today."
    assert assess(teaser, "Ferries back").reason == "too little prose"
    assert assess(teaser, "Ferries back", partial=True).is_news
    assert assess(SPAM_PAGE, "Winning numbers prediction", partial=True).reason == "spam"


FIRST_NAMES = ("Ann", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal")
LAST_NAMES = ("Marsh", "Reed", "Stone", "Vale", "Wick")
RANKING = (
    "The magazine's readers voted for the best singers of the decade, and the list holds "
    "a few surprises.\nHere is the full list as the magazine published it.\n"
    + "\n".join(f"{i + 1:02d}. {FIRST_NAMES[i % 8]} {LAST_NAMES[i % 5]}" for i in range(40))
)
PHOTO_ESSAY = (
    "Living with plants\n"
    "Two years ago the old green fridge moved into my kitchen and I still love its colour. "
    "#kitchen #vintage #retro #fridge\n"
    "Seventy plants are spread around the flat, and green is simply my favourite colour. #plants\n"
    "How much space is there?\n"
    "68 square metres\n"
    "Autumn decoration can be so simple when you trim the hedge first. #autumn #decor #kitchen\n"
    "The bar cabinet from the fifties is the highlight of the living room. "
    "#vintage #livingroom #fifties #bar\n"
    "Favourite spot in the flat\n"
    "At the old kitchen table with its coffee-house chairs."
)
NAV_LIST = "\n".join(f"- {word}" for word in (MENU + " Travel Cars Homes Money Puzzles").split())


def test_quality_keeps_a_ranked_list_and_a_photo_essay_with_hashtags() -> None:
    # a numbered list's numbers are markers, not non-words; an embedded post's closing
    # hashtags are tags, not symbols in its sentence
    assert assess(RANKING, "The best singers of the decade").is_news
    assert assess(PHOTO_ESSAY, "Living with plants").is_news


def test_quality_still_drops_a_bulleted_menu_and_a_page_of_hashtags() -> None:
    assert assess(NAV_LIST, "Sections").reason is not None
    tags = "\n".join(f"#{w} #{w}news #{w}today" for w in MENU.split())
    assert assess(tags, "Trending").reason is not None


# briefs of a headline and two short paragraphs, in scripts whose sentences end with
# another full stop (Urdu ۔, Amharic ።, Hindi ।) or whose words are not spaced (Thai)
BRIEFS = {
    "th": "ฝนตกหนักในเมืองท่า\n\n"
    "เมืองท่าเกิดฝนตกหนักเมื่อวันอังคาร ทำให้ถนนหลายสายมีน้ำท่วมขังและการจราจรติดขัด\n\n"
    "เจ้าหน้าที่ขอให้ประชาชนหลีกเลี่ยงการเดินทางในช่วงเย็นและติดตามประกาศจากทางการ",
    "ur": "بندرگاہ شہر میں شدید بارش\n\n"
    "بندرگاہ شہر میں منگل کو شدید بارش کے باعث کئی علاقوں میں پانی جمع ہو گیا۔\n\n"
    "حکام نے شہریوں سے گھروں میں رہنے کی اپیل کی ہے۔",
    "am": "በወደብ ከተማ ከባድ ዝናብ\n\n"
    "በወደብ ከተማ ማክሰኞ ከባድ ዝናብ በመዝነቡ በርካታ መንገዶች በውሃ ተጥለቀለቁ።\n\n"
    "ባለስልጣናት ነዋሪዎች ከቤት እንዳይወጡ አሳስበዋል።",
    "hi": "बंदरगाह शहर में भारी बारिश\n\n"
    "बंदरगाह शहर में मंगलवार को भारी बारिश से कई सड़कें डूब गईं।\n\n"
    "अधिकारियों ने लोगों से घर पर रहने को कहा।",
}


def test_quality_keeps_a_short_brief_in_any_script() -> None:
    for language, text in BRIEFS.items():
        verdict = assess(text, text.split("\n")[0])
        assert verdict.is_news, (language, verdict)


def test_quality_still_drops_a_menu_in_an_unspaced_script() -> None:
    menu = "\n".join(["หน้าแรก", "ข่าว", "กีฬา", "บันเทิง", "ติดต่อเรา", "เข้าสู่ระบบ"])
    assert assess(menu).reason == "too little prose"
