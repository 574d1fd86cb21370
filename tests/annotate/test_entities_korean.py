"""Korean names: a person's name never runs on into the country written after it."""

from __future__ import annotations

from datetime import datetime

from newsdesk.lang import pack_for
from newsdesk.lang.annotator import PackAnnotator


def test_entities_korean_country_after_a_name_is_a_place_of_its_own() -> None:
    # Korean writes a leader's country between the name and the title ("Chile's president
    # Carlos Mendes"); "미" is the United States written short, as before a ministry
    text = (
        "카를로스 멘데스 칠레 대통령은 산티아고에서 연설했다. "
        "마리아 로페스 미 국무장관은 회담 결과를 설명했다."
    )
    pack = pack_for("ko")
    assert pack is not None
    found = PackAnnotator().annotate(text, pack, published=datetime(2026, 1, 14))
    names = {(m.text, m.type) for m in found.entities}
    assert ("카를로스 멘데스", "PERSON") in names
    assert ("칠레", "GPE") in names
    assert ("마리아 로페스", "PERSON") in names
    assert ("미", "GPE") in names
    assert not any(m.text.endswith(("칠레", " 미")) and m.type == "PERSON" for m in found.entities)


def test_entities_korean_surname_that_names_a_city_stays_in_the_name() -> None:
    # "다윈" is also Darwin, the city: a particle after it, not a noun, so it ends the name
    text = "피터 다윈은 어제 런던에 도착했다."
    pack = pack_for("ko")
    assert pack is not None
    found = PackAnnotator().annotate(text, pack, published=datetime(2026, 1, 14))
    assert ("피터 다윈", "PERSON") in {(m.text, m.type) for m in found.entities}
