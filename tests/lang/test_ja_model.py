"""GiNZA loaded without its vocabulary's string table reads Japanese exactly as with it."""

from __future__ import annotations

import spacy

from newsdesk.annotate.fast_pipes import FastEntityRecognizer, OneThreadNumpyOps
from newsdesk.lang import LanguagePack
from newsdesk.lang import ja as ja_module

TEXT = (
    "高市早苗首相は火曜日、奈良市で韓国の李在明大統領と会談した。両首脳は来年の訪問について"
    "話し合い、台湾や北朝鮮の問題にも触れた。\n"
    "トヨタ自動車の佐藤恒治社長は東京都内で記者会見を開き、新しい工場を愛知県に建てると"
    "述べた。国連の関係者によると、会議は九月にニューヨークで開かれる。"
)


def _reading(nlp: spacy.language.Language) -> list[object]:
    doc = nlp(TEXT)
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    tokens = [(t.idx, t.text, t.tag_, t.norm_, t.lemma_, t.ent_iob_) for t in doc]
    return [ents, tokens]


def test_ja_model_without_strings_reads_as_the_full_load(ja: LanguagePack) -> None:
    full = spacy.load(
        ja_module.MODEL,
        exclude=["parser", "compound_splitter", "bunsetu_recognizer", "morphologizer"],
    )
    reading = _reading(ja_module.load())
    assert reading == _reading(full)
    assert reading[0], "the text names people and places"


def test_ja_model_shows_the_words_it_reads(ja: LanguagePack) -> None:
    doc = ja_module.load()(TEXT)
    assert doc.text == TEXT
    assert doc.ents
    assert all(e.text == TEXT[e.start_char : e.end_char] and e.label_ for e in doc.ents)


def test_ja_model_layers_multiply_with_numpy(ja: LanguagePack) -> None:
    ner = ja_module.load().get_pipe("ner").model
    layers = [node for node in ner.walk() if node.name in {"maxout", "precomputable_affine"}]
    assert layers
    assert all(isinstance(node.ops, OneThreadNumpyOps) for node in layers)


def test_ja_model_steps_its_entities_with_the_fast_recognizer(ja: LanguagePack) -> None:
    assert isinstance(ja_module.load().get_pipe("ner"), FastEntityRecognizer)
