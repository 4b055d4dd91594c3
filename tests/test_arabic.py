"""Arabic as written: a word counts as one term however its proclitics are attached, by the matcher's rule."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from conftest import corpus_of

from newsreport import index
from newsreport.arabic import base_forms
from newsreport.engine import EngineOptions
from newsreport.frequency import concordances, document_terms, term_frequency
from newsreport.lexicon import load_lexicon
from newsreport.matching import match_text
from newsreport.tokens import TermOptions

ARTICLES = {
    "ar1": "الإنتربول يعزز التعاون الأمني مع دول الشرق الأوسط\n\n"
           "أعلن الإنتربول اليوم عن برنامج جديد للتعاون مع أجهزة الأمن في الشرق الأوسط. "
           "وقال الأمين العام للإنتربول إن تبادل المعلومات ضروري لمكافحة الإرهاب والجريمة المنظمة.",
    "ar2": "وزير الداخلية يستقبل وفدا من الإنتربول\n\n"
           "استقبل وزير الداخلية وفدا من الإنتربول لبحث التعاون في مجال الأمن والحدود. "
           "وأكد الوزير أن بلاده ملتزمة بالتعاون مع الإنتربول وبتبادل المعلومات عبر قواعد بيانات الإنتربول.",
    "ar3": "اجتماع إقليمي حول الأمن في الشرق الأوسط وشمال أفريقيا\n\n"
           "ناقش قادة الشرطة في الشرق الأوسط والأمن الإقليمي سبل مواجهة الإرهاب. "
           "وشدد المشاركون على دور الإنتربول في دعم الأمن والاستقرار وللأمن أولوية في المنطقة.",
}


def arabic_terms(tmp_path):
    documents = pd.DataFrame({"doc_id": list(ARTICLES), "language": "ar", "text": list(ARTICLES.values())})
    documents["n_tokens"] = documents["text"].str.split().str.len()
    terms = index.term_counts(corpus_of(documents, tmp_path, partition_size=2), TermOptions(),
                              index=tmp_path / "index", engine=EngineOptions())
    return terms, documents


def test_a_word_counts_as_one_term_however_its_proclitics_are_written(tmp_path):
    terms, documents = arabic_terms(tmp_path)
    freq = term_frequency(terms, documents)[0].set_index("term")
    # الإنتربول 7 times as written, للإنتربول once: one term, shown as written most often
    assert freq.loc["الإنتربول", ["count", "doc_count"]].tolist() == [8, 3]
    assert "للإنتربول" not in freq.index
    # الأمن (4), والأمن (1), وللأمن (1): one term, written most often with the article; الأمني is another word
    assert freq.loc["الأمن", "count"] == 6 and not {"والأمن", "وللأمن"} & set(freq.index)
    assert freq.loc["الأمني", "count"] == 1
    # two-word terms fold word by word: الشرق الأوسط four times
    assert freq.loc["الشرق الأوسط", "count"] == 4
    # a word that only looks prefixed stays itself: وزير is not و + زير (and الوزير is ال + وزير)
    assert freq.loc["وزير", "count"] == 3


def test_a_documents_forms_of_one_term_count_together(tmp_path):
    terms, documents = arabic_terms(tmp_path)
    ar3 = document_terms(terms, documents[documents["doc_id"] == "ar3"]).set_index("term")["count"]
    assert ar3["الأمن"] == 4  # الأمن twice, والأمن and وللأمن: every form of the word in this document
    assert ar3.index.is_unique


def test_a_phrase_is_compounded_with_proclitics_on_its_first_word_as_the_matcher_counts_it(tmp_path):
    texts = ["اجتماع في الشرق الأوسط اليوم", "تعاون والشرق الأوسط غدا", "أمن بالشرق الأوسط وشمال أفريقيا",
             "شمال أفريقيا والشرق الأوسط"]
    documents = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "language": "ar", "text": texts})
    documents["n_tokens"] = documents["text"].str.split().str.len()
    terms = index.term_counts(corpus_of(documents, tmp_path), TermOptions(), index=tmp_path / "index",
                              phrases=(("ar", "الشرق الأوسط"), ("ar", "شمال أفريقيا")), engine=EngineOptions())
    freq = term_frequency(terms, documents)[0].set_index("term")["count"]
    # الشرق, والشرق (twice), بالشرق: one term, shown as written most often
    assert [(term, n) for term, n in freq.items() if "الأوسط" in term] == [("والشرق الأوسط", 4)]
    assert terms.written_forms()["والشرق الأوسط"] == ["الشرق الأوسط", "بالشرق الأوسط", "والشرق الأوسط"]
    assert freq["شمال أفريقيا"] == 2 and "أفريقيا" not in freq.index  # وشمال أفريقيا folds onto the form written
    aliases = pd.DataFrame({"entity": ["Middle East"], "entity_type": ["region"], "alias": ["الشرق الأوسط"]})
    assert sum(len(match_text(text, aliases)) for text in texts) == 4  # as many as the matcher finds


def test_a_terms_contexts_show_every_form_the_tables_count_as_it(tmp_path):
    terms, documents = arabic_terms(tmp_path)
    assert terms.written_forms()["الأمن"] == ["الأمن", "والأمن", "وللأمن"]
    top = pd.DataFrame({"term": ["الأمن"], "language": ["ar"]})
    contexts = concordances([documents], top, options=terms.options, per_term=10, written=terms.written_forms())
    counted = term_frequency(terms, documents)[0].set_index("term").loc["الأمن", "count"]
    assert len(contexts) == counted == 6 and set(contexts["match"]) == {"الأمن", "والأمن", "وللأمن"}
    texts = documents.set_index("doc_id")["text"]  # each context shows its form where the text has it
    assert [texts[doc][start:end] for doc, start, end in zip(contexts["doc_id"], contexts["start"], contexts["end"],
                                                             strict=True)] == contexts["match"].tolist()


def test_the_rule_is_the_matchers():
    aliases = load_lexicon(Path(__file__).resolve().parents[1] / "data" / "lexicons" / "entities.yaml")
    text = "الإنتربول وللإنتربول وبالإنتربول والإنتربول"
    assert [m.entity for m in match_text(text, aliases)] == ["INTERPOL"] * 4
    folded = base_forms(text.split())
    assert set(folded.values()) == {"الإنتربول"} and len(folded) == 3
    # a form folds onto a word the corpus writes: فرنسا (France) stays, as no رنسا is written
    assert base_forms(["فرنسا", "وفرنسا", "بفرنسا"]) == {"وفرنسا": "فرنسا", "بفرنسا": "فرنسا"}
    assert base_forms(["وطن", "طن"]) == {}  # a base of two letters is too often another word
    # proclitics in their order only: the naval forces (البحرية) are not freedom (حرية) with ال + ب
    assert base_forms(["البحرية", "بحرية", "الحرية", "حرية", "بالحرية"]) == {
        "البحرية": "بحرية", "بحرية": "حرية", "الحرية": "حرية", "بالحرية": "حرية"}
    assert set(base_forms(["الأمن", "للأمن", "وللأمن", "والأمن", "بالأمن"]).values()) == {"الأمن"}


def test_a_stop_word_with_a_proclitic_is_a_stop_word_and_joins_no_phrase():
    extract = TermOptions(ngram_range=(1, 2)).extractor()
    terms = extract("وإن التعاون الأمني مهم، فإن هذا واضح لهذا السبب", "ar")[1]
    assert not {"وإن", "فإن", "لهذا"} & set(terms) and not any(t.startswith(("وإن ", "فإن ")) for t in terms)
    assert "التعاون الأمني" in terms and "السبب" in terms  # the article before a word is no particle
