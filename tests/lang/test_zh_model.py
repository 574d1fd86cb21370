"""The Chinese model: one thread per worker, and a text's names do not depend on what
was read before it."""

from __future__ import annotations

from newsdesk.lang import LanguagePack

NEWS = "日本首相高市早苗周二在东京会见了韩国总统李在明，双方讨论了与中国的关系。"
OTHERS = (
    "北京市政府周三宣布，将在上海和广州增设三个气象观测站。",
    "联合国秘书长古特雷斯在纽约总部发表讲话，呼吁各方保持克制。",
    "百度公司发布了新一代搜索引擎，阿里巴巴和腾讯随后也推出了类似产品。",
)


def test_zh_model_runs_its_session_on_one_thread(zh: LanguagePack) -> None:
    options = zh.module.load()._session.get_session_options()
    assert options.intra_op_num_threads == 1
    assert options.inter_op_num_threads == 1


def test_zh_entities_do_not_depend_on_the_texts_read_before(zh: LanguagePack) -> None:
    first = zh.module.entities(NEWS)
    for other in OTHERS + tuple(reversed(OTHERS)):
        zh.module.entities(other)
        assert zh.module.entities(NEWS) == first
    assert any(NEWS[start:end] == "东京" for start, end, _ in first)
