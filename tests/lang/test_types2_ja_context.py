"""What the words around a Japanese name say it is, whatever GiNZA's label: a team that a
score or a transfer follows; a place where something happens (…での, …で金曜朝), a town
written right after its county's name or with it, a programme something is said in, a
body glossed in brackets; a name that begins with a place's name and goes on with no person's word;
a name GiNZA typed a place that a person's title follows and a full name ends with is
that person; a person's name inside one of several titles in a row (（「…」「…」）) is a
work's title, no name, and so is one right after a noun of a work (ラジオ演説…). A
person's name stays a person's after the copula (…で、), with a title, alone in its
marks, and after a role that begins with a work's noun (映画監督). The texts are composed
for the test."""

from __future__ import annotations

from datetime import datetime

import pytest

from helpers.lang import typed as _typed
from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("エバートンは、降格が決まったノリッジに4対0で勝った。", "ノリッジ", "ORG"),
        ("昇格組はブレントフォードを2対0で破った。", "ブレントフォード", "ORG"),
        ("試合はバーンリーとの1対1の引き分けに終わった。", "バーンリー", "ORG"),
        (
            "ブラッドリーは先週、アーセナルへの移籍が決まった。ブラッドリーは喜んだ。",
            "アーセナル",
            "ORG",
        ),
        ("遺体はマーシャル・ポンドで金曜朝に見つかった。", "マーシャル・ポンド", "LOC"),
        ("道はノーサンバーランド州アニックまで続く。", "アニック", "GPE"),
        ("川はノーフォーク州クローマーまで流れる。", "ノーフォーク州クローマー", "GPE"),
        (
            "記者は政策を追っていない、と今週のFOXのジェシー・ワッターズ・トゥナイトで述べた。",
            "ジェシー・ワッターズ・トゥナイト",
            "ORG",
        ),
        (
            "ラシュトリヤ・スワヤムセワク・サング（民族奉仕団体）は声明を出した。",
            "ラシュトリヤ・スワヤムセワク・サング",
            "ORG",
        ),
        (
            "声明によると、パキスタン・タリバン運動（TTP）の幹部が死亡した。",
            "パキスタン・タリバン",
            "ORG",
        ),
    ],
)
def test_types2_ja_context_types_a_name_no_person(
    text: str, name: str, kind: str, ja: LanguagePack, reader: PackAnnotator
) -> None:
    typed = _typed(text, ja, reader)
    assert (name, kind) in typed
    assert (name, "PERSON") not in typed


def test_types2_ja_titled_place_ending_a_full_name_is_the_person(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    text = (
        "インドのナレンドラ・モディ首相は演説した。"
        "ラジオ番組ディル・キ・バートでモディ首相は「団結せよ」と述べた。"
    )
    found = reader.annotate(text, ja, published=WHEN)
    assert ("モディ", "PERSON") in {(m.text, m.type) for m in found.entities}
    assert [q.speaker for q in found.quotes] == ["ナレンドラ・モディ"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("監督はジョン・スミスで、選手は若い。", "ジョン・スミス"),
        (
            "ブラッドリーは先週、アーセナルへの移籍が決まった。ブラッドリーは喜んだ。",
            "ブラッドリー",
        ),
        ("錦織圭選手はジョコビッチ選手に3対2で勝った。", "ジョコビッチ"),
    ],
)
def test_types2_ja_context_keeps_a_person(
    text: str, name: str, ja: LanguagePack, reader: PackAnnotator
) -> None:
    assert (name, "PERSON") in _typed(text, ja, reader)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("歌手のエマ・ストーン（「ハロー・ベティ！」「ジプシー」）が舞台に立つ。", "ベティ"),
        ("俳優のトム・ベイカー（「シンデレラ」「ピーター・パン」）が出演する。", "ピーター・パン"),
        ("女優のアン・リー（「オリバー！」「アニー」）は歌った。", "オリバー"),
    ],
)
def test_types2_ja_listed_works_titles_are_no_people(
    text: str, gone: str, ja: LanguagePack, reader: PackAnnotator
) -> None:
    typed = _typed(text, ja, reader)
    assert (gone, "PERSON") not in typed
    assert any(kind == "PERSON" for _, kind in typed)  # the actor stays


def test_types2_ja_a_name_alone_in_its_marks_stays(ja: LanguagePack, reader: PackAnnotator) -> None:
    assert ("ジョンウン", "PERSON") in _typed(
        "彼女は「クリス・ジョンウン」と呼ばれている。", ja, reader
    )


def test_types2_ja_a_work_named_after_its_kind_is_no_person(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    typed = _typed("首相は月例のラジオ演説ディル・キ・バートで国民に語りかけた。", ja, reader)
    assert not any(name.endswith("バート") for name, _ in typed)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("映画監督スティーブン・スピルバーグは語った。", "スティーブン・スピルバーグ"),
        ("番組司会者ジミー・キンメルは笑った。", "ジミー・キンメル"),
    ],
)
def test_types2_ja_a_role_after_a_works_kind_keeps_the_person(
    text: str, name: str, ja: LanguagePack, reader: PackAnnotator
) -> None:
    assert (name, "PERSON") in _typed(text, ja, reader)
