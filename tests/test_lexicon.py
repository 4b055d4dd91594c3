"""The lexicon matcher against the counting rules, its loader, its tables, and the seed corpus."""

import dataclasses
import random
from pathlib import Path

import pandas as pd
import pytest
from conftest import match_documents

from newsreport.corpus import load_corpus
from newsreport.errors import InputError
from newsreport.lexicon import ALIAS_COLUMNS, load_lexicon, unmatched_aliases
from newsreport.matching import EVIDENCE_COLUMNS, Match, build_matcher, changed_keys, match_text
from newsreport.mentions import MENTION_COLUMNS, count_mentions
from newsreport.uncovered import uncovered_names

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
ENTITIES = ROOT / "data" / "lexicons" / "entities.yaml"


def table(*entries: tuple[str, str, list[str]]) -> pd.DataFrame:
    """An alias table from (entity, type, aliases); every alias filed under English."""
    return pd.DataFrame([(entity, kind, "en", alias) for entity, kind, aliases in entries for alias in aliases],
                        columns=ALIAS_COLUMNS)


ALIASES = table(
    ("United Nations", "organisation", ["United Nations", "UN", "Nations Unies", "ONU"]),
    ("INTERPOL", "organisation", ["INTERPOL", "الإنتربول"]),
    ("ISIS", "armed group", ["ISIS", "Daesh", "Da'esh", "داعش", "Etat islamique"]),
    ("Foreign terrorist fighters", "concept", ["foreign terrorist fighter", "FTF"]),
    ("Tunisia", "country", ["Tunisia", "Tunisian"]),
    ("Jürgen Stock", "person", ["Jürgen Stock"]),
    ("Senegal", "country", ["Senegal"]),
    ("Interior ministry", "concept", ["Interior Minister"]),
    ("Arab Interior Ministers' Council", "organisation", ["Arab Interior Ministers Council"]),
    ("Arab", "concept", ["Arab"]),
    ("Arabia", "region", ["Arabia"]),
    ("Saudi Arabia", "country", ["Saudi Arabia"]),
    ("United Arab Emirates", "country", ["United Arab Emirates"]),
    ("Gulf", "region", ["Gulf"]),
    ("GCCPOL", "organisation", ["GCCPOL", "Gulf Cooperation Council Police Organization"]),
)


def found(text: str, aliases: pd.DataFrame = ALIASES) -> list[tuple[str, str]]:
    """(entity, matched text) of every mention in ``text``."""
    return [(m.entity, text[m.start : m.end]) for m in match_text(text, aliases)]


# --- counting rules ---------------------------------------------------------------------------------


def test_short_capitals_match_case_sensitively_so_french_un_is_not_the_un():
    assert found("Un accord a été signé par un État et une organisation.") == []
    assert found("Le rapport de l'ONU, un texte. UN Security Council") == [
        ("United Nations", "ONU"), ("United Nations", "UN")]
    assert found("onu and Un and un") == []
    assert found("the Isis river") == []


def test_longer_aliases_match_in_any_case():
    assert found("Interpol and INTERPOL and interpol") == [("INTERPOL", "Interpol"), ("INTERPOL", "INTERPOL"),
                                                           ("INTERPOL", "interpol")]


def test_whole_words_only():
    assert found("UNESCO, FUNDS, Tunisiana, xINTERPOL, INTERPOLx") == []


def test_possessives_count_with_either_apostrophe():
    assert found("INTERPOL's databases and INTERPOL’s network; Tunisia’s police") == [
        ("INTERPOL", "INTERPOL's"), ("INTERPOL", "INTERPOL’s"), ("Tunisia", "Tunisia’s")]


def test_plurals_count():
    assert found("FTFs and Tunisians met foreign terrorist fighters") == [
        ("Foreign terrorist fighters", "FTFs"), ("Tunisia", "Tunisians"),
        ("Foreign terrorist fighters", "foreign terrorist fighters")]
    assert [m.alias for m in match_text("Tunisians", ALIASES)] == ["Tunisian"]


def test_french_elision_counts_and_the_span_is_the_alias():
    text = "le chef d'INTERPOL, la résolution de l’ONU, d’INTERPOL, qu'INTERPOL"
    assert found(text) == [("INTERPOL", "INTERPOL"), ("United Nations", "ONU"), ("INTERPOL", "INTERPOL"),
                           ("INTERPOL", "INTERPOL")]
    assert found("O'INTERPOL x'ONU") == []  # an apostrophe inside a word that is not an elision


def test_accents_are_optional_both_ways():
    assert found("Jurgen Stock met JÜRGEN STOCK") == [("Jürgen Stock", "Jurgen Stock"),
                                                     ("Jürgen Stock", "JÜRGEN STOCK")]
    assert found("le Sénégal et l'État islamique") == [("Senegal", "Sénégal"), ("ISIS", "État islamique")]


def test_the_longest_match_wins_and_overlaps_count_once():
    assert found("the Arab Interior Ministers Council and the Interior Minister") == [
        ("Arab Interior Ministers' Council", "Arab Interior Ministers Council"),
        ("Interior ministry", "Interior Minister")]
    assert found("United Arab Emirates, Saudi Arabia, Arab states, Arabia") == [
        ("United Arab Emirates", "United Arab Emirates"), ("Saudi Arabia", "Saudi Arabia"), ("Arab", "Arab"),
        ("Arabia", "Arabia")]
    assert found("the Gulf Cooperation Council Police Organization and the Gulf") == [
        ("GCCPOL", "Gulf Cooperation Council Police Organization"), ("Gulf", "Gulf")]


@pytest.mark.parametrize(
    ("text", "entity", "span"),
    [
        ("With ISIS/Daesh defeated", "ISIS", "ISIS/Daesh"),
        ("to defeat ISIS (Daesh) held", "ISIS", "ISIS (Daesh)"),
        ("arrest foreign terrorist fighters (FTFs) within", "Foreign terrorist fighters",
         "foreign terrorist fighters (FTFs)"),
        ("the Gulf Cooperation Council Police Organization (GCCPOL), and", "GCCPOL",
         "Gulf Cooperation Council Police Organization (GCCPOL)"),
    ],
)
def test_two_aliases_written_together_are_one_mention(text, entity, span):
    matches = match_text(text, ALIASES)
    assert len(matches) == 1
    assert matches[0].entity == entity
    assert text[matches[0].start : matches[0].end] == span


def test_aliases_of_two_entities_side_by_side_stay_two_mentions():
    assert found("Tunisia/ISIS and ISIS, Daesh") == [("Tunisia", "Tunisia"), ("ISIS", "ISIS"), ("ISIS", "ISIS"),
                                                      ("ISIS", "Daesh")]


def test_a_city_is_not_its_country_but_a_demonym_is():
    aliases = load_lexicon(ENTITIES)
    text = "TUNIS, Tunisia – in Tunis the Tunisian minister said"
    assert [(m.entity, text[m.start : m.end]) for m in match_text(text, aliases)] == [
        ("Tunisia", "Tunisia"), ("Tunisia", "Tunisian")]


def test_arabic_proclitics_diacritics_and_tatweel():
    text = "والإنتربول للإنتربول بالإنتربول الانتربول وداعش لداعش دَاعِشٌ داعـــش داعشي"
    matches = match_text(text, ALIASES)
    assert [(m.entity, text[m.start : m.end]) for m in matches] == [
        ("INTERPOL", "الإنتربول"), ("INTERPOL", "للإنتربول"), ("INTERPOL", "الإنتربول"), ("INTERPOL", "الانتربول"),
        ("ISIS", "داعش"), ("ISIS", "داعش"), ("ISIS", "دَاعِشٌ"), ("ISIS", "داعـــش")]
    assert match_text("المالي", table(("Mali", "country", ["مالي"]))) == [Match("Mali", "country", "مالي", 2, 6)]


def test_offsets_point_into_the_original_text():
    text = "Jürgen\n\nStock met  Jurgen Stock."
    assert [(m.start, m.end) for m in match_text(text, ALIASES)] == [(0, 13), (19, 31)]


# --- the counting rules on hard cases ---------------------------------------------------------------

HARD = pd.DataFrame([
    (entity, kind, language, alias)
    for entity, kind, language, aliases in [
        ("United Nations", "organisation", "en", ["United Nations", "UN"]),
        ("United Nations", "organisation", "fr", ["ONU", "Nations Unies", "UN"]),  # UN twice: one entry
        ("ISIS", "armed group", "en", ["ISIS", "Daesh", "Da'esh", "IS"]),
        ("ISIS", "armed group", "ar", ["داعش", "الدولة"]),
        ("INTERPOL", "organisation", "en", ["INTERPOL", "Interpol"]),
        ("INTERPOL", "organisation", "ar", ["الإنتربول"]),
        ("Fighters", "concept", "en", ["foreign terrorist fighters", "FTF", "FTFs", "terrorist fighter"]),
        ("Terrorism", "theme", "en", ["terrorist", "FTF"]),  # FTF of two entries: the first wins it
        ("Senegal", "country", "en", ["Senegal", "Sénégal", "Senegalese"]),
        ("Stock", "person", "en", ["Jürgen Stock", "Secretary-General Stock"]),
        ("Oeuvre", "concept", "fr", ["œuvre", "Straße"]),
    ]
    for alias in aliases
], columns=ALIAS_COLUMNS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("With ISIS/Daesh defeated, ISIS (Daesh) and ISIS / Da’esh and ISIS( Daesh ) held; ISIS (Daesh, no.",
         [("ISIS + Daesh", "ISIS/Daesh"), ("ISIS + Daesh", "ISIS (Daesh)"), ("ISIS + Da'esh", "ISIS / Da’esh"),
          ("ISIS + Daesh", "ISIS( Daesh )"), ("ISIS", "ISIS"), ("Daesh", "Daesh")]),
        ("arrest foreign terrorist fighters (FTFs) and FTFs' families; a terrorist fighter; an FTF; ftf",
         [("foreign terrorist fighters + FTF", "foreign terrorist fighters (FTFs)"), ("FTF", "FTFs'"),
          ("terrorist fighter", "terrorist fighter"), ("FTF", "FTF")]),
        ("l'ONU, l’ONU et d'INTERPOL; jusqu'à l'UN; xl'ONU",
         [("ONU", "ONU"), ("ONU", "ONU"), ("INTERPOL", "INTERPOL"), ("UN", "UN")]),
        ("INTERPOL's, INTERPOL’s, INTERPOLʼs, Interpol`s and INTERPOLs'",
         [("INTERPOL", "INTERPOL's"), ("INTERPOL", "INTERPOL’s"), ("INTERPOL", "INTERPOLʼs"),
          ("INTERPOL", "Interpol`s"), ("INTERPOL", "INTERPOLs'")]),
        ("Un accord de l'ONU: un État, UN Security Council, UN's, UNs, U.N.",
         [("ONU", "ONU"), ("UN", "UN"), ("UN", "UN's"), ("UN", "UNs")]),
        ("IS fighters, this is IS. Is it? IS's", [("IS", "IS"), ("IS", "IS"), ("IS", "IS's")]),
        ("والإنتربول للإنتربول بالإنتربول الإنتربولُ وداعش لداعش دَاعِشٌ داعـــش داعشي فالدولة للدولة",
         [("الإنتربول", "الإنتربول"), ("الإنتربول", "للإنتربول"), ("الإنتربول", "الإنتربول"),
          ("الإنتربول", "الإنتربولُ"), ("داعش", "داعش"), ("داعش", "داعش"), ("داعش", "دَاعِشٌ"),
          ("داعش", "داعـــش"), ("الدولة", "الدولة"), ("الدولة", "للدولة")]),
        ("le Sénégal, le Se\u0301ne\u0301gal, SENEGAL, les Sénégalais, the Senegalese",
         [("Sénégal", "Sénégal"), ("Senegal", "Se\u0301ne\u0301gal"), ("Senegal", "SENEGAL"),
          ("Senegalese", "Senegalese")]),
        ("Jürgen\n\n\tStock, Jurgen  Stock, Secretary General Stock, Secretary‑General\nStock, SECRETARY—GENERAL STOCK",
         [("Jürgen Stock", "Jürgen\n\n\tStock"), ("Jürgen Stock", "Jurgen  Stock")]
         + [("Secretary-General Stock", surface)
            for surface in ["Secretary General Stock", "Secretary‑General\nStock", "SECRETARY—GENERAL STOCK"]]),
        ("Cœur d’œuvre, les œuvres, OEUVRE, Strasse, STRASSE, Straße",
         [("œuvre", "œuvre"), ("œuvre", "œuvres"), ("œuvre", "OEUVRE"), ("Straße", "Strasse"),
          ("Straße", "STRASSE"), ("Straße", "Straße")]),
        ("İNTERPOL and ISİS", [("INTERPOL", "İNTERPOL"), ("ISIS", "ISİS")]),
        ("un terrorist; FTF", [("terrorist", "terrorist"), ("FTF", "FTF")]),
    ],
)
def test_hard_cases(text, expected):
    assert [(m.alias, text[m.start : m.end]) for m in match_text(text, HARD)] == expected


def test_hard_cases_name_the_entry():
    assert [(m.entity, m.entity_type) for m in match_text("FTF, ISIS (Daesh), داعش, un terrorist", HARD)] == [
        ("Fighters", "concept"), ("ISIS", "armed group"), ("ISIS", "armed group"), ("Terrorism", "theme")]


def test_offsets_around_characters_that_fold_to_two_or_none():
    text = "Œ œ INTERPOL, دَاعِشٌ داعش\u064b\u064b. Straße INTERPOL"
    assert [(m.alias, m.start, m.end) for m in match_text(text, HARD)] == [  # the marks after a word are in it
        ("INTERPOL", 4, 12), ("داعش", 14, 21), ("داعش", 22, 28), ("Straße", 30, 36), ("INTERPOL", 37, 45)]
    assert match_text("ﬁ UN ﬁ", HARD) == [Match("United Nations", "organisation", "UN", 2, 4)]
    # one character that folds to several words ("ﷺ", four): its mentions all at its offset, the longest first
    words = table(("Pray", "concept", ["صلي"]), ("God", "concept", ["الله"]))
    assert [(m.entity, m.start, m.end) for m in match_text("x ﷺ y", words)] == [("God", 2, 3), ("Pray", 2, 3)]


def test_random_texts_give_ordered_mentions_that_do_not_overlap():
    rng = random.Random(7)
    words = ["UN", "un", "ONU", "ISIS", "Daesh", "IS", "داعش", "و", "لل", "الإنتربول", "INTERPOL", "l'", "d’", "qu'",
             "FTF", "FTFs", "terrorist", "fighter", "foreign", "Sénégal", "Jürgen", "Stock", "Secretary", "General",
             "œuvre", "Œ", "e\u0301", "\u064e", "\u0640", "'s", "’s", "s'", "s", "es", "ﬁ", "İ", "ß"]
    glue = [" ", " ", "", "-", "/", " / ", "(", " (", ")", ") ", "\n\n", ", ", "'"]
    mentioned = 0
    for _ in range(2000):
        text = "".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(0, 30)))
        matches = match_text(text, HARD)
        assert all(0 <= m.start < m.end <= len(text) for m in matches), text
        assert all(a.end <= b.start for a, b in zip(matches, matches[1:], strict=False)), text
        mentioned += len(matches)
    assert mentioned > 5000


# --- the loader -------------------------------------------------------------------------------------



def test_documents_matched_together_give_the_rows_each_gives_alone():
    rng = random.Random(11)
    words = ["UN", "ISIS", "Daesh", "داعش", "الإنتربول", "للإنتربول", "INTERPOL", "l'", "FTFs", "Tunisia", "Œ", "'s",
             "s", "\u064e", "œuvre", "word"]
    glue = [" ", "", "/", " (", ") ", "\n\n", "  ", "'"]
    texts = ["".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(0, 12))) for _ in range(300)]
    texts += ["ISIS", "/Daesh", "s INTERPOL", "'s", ""]  # what one ends with never joins what the next begins with
    documents = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(len(texts))], "text": texts})
    together = match_documents(documents, HARD, window=12)
    alone = pd.concat([match_documents(documents.iloc[[i]], HARD, window=12) for i in range(len(texts))],
                      ignore_index=True)
    pd.testing.assert_frame_equal(together, alone)
    assert len(together) > 500 and set(together["doc_id"]) >= {"d300", "d301", "d302"}
    assert together.loc[together["doc_id"] == "d301", ["alias", "left", "match"]].values.tolist() == [
        ["Daesh", "/", "Daesh"]]  # no context from the document before

def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loader_gives_one_row_per_alias_and_adds_country_names(tmp_path):
    path = write(tmp_path, """
entities:
  - name: INTERPOL
    type: organisation
    aliases:
      en: [INTERPOL]
      fr: [INTERPOL, Organisation internationale de police criminelle]
      ar: [الإنتربول]
  - name: Syria
    type: country
    iso: SY
    aliases:
      en: [Syrian]
  - name: Iran
    type: country
    iso: IR
  - name: Mali
    type: country
    iso: ML
    exclude:
      ar: [مالي]
""")
    aliases = load_lexicon(path)
    assert list(aliases.columns) == ALIAS_COLUMNS
    assert aliases[aliases["entity"] == "INTERPOL"]["alias"].tolist() == [
        "INTERPOL", "INTERPOL", "Organisation internationale de police criminelle", "الإنتربول"]
    by = aliases.groupby(["entity", "language"])["alias"].agg(list)
    assert {"Syria", "Syrian", "Syrian Arab Republic"} <= set(by["Syria", "en"])
    assert "Syrie" in by["Syria", "fr"]
    assert by["Syria", "ar"]  # pycountry's Arabic translation
    assert set(aliases["entity"]) == {"INTERPOL", "Syria", "Iran", "Mali"}  # canonical names stay
    assert "Iran" in by["Iran", "en"] and "Iran" in by["Iran", "fr"]  # "Iran, Islamic Republic of" -> "Iran"
    assert not any("," in alias for alias in aliases["alias"])
    assert "مالي" not in by["Mali", "ar"] and "Mali" in by["Mali", "en"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entities:\n  - type: organisation\n    aliases: {en: [X]}\n", "entry 1: missing 'name:'"),
        ("entities:\n  - name: X\n    aliases: {en: [X]}\n", "entry 1 (X): missing 'type:'"),
        ("entities:\n  - name: X\n    type: concept\n    aliases: {de: [X]}\n", "entry 1 (X): unknown language 'de'"),
        ("entities:\n  - name: X\n    type: concept\n    aliases: {en: []}\n", "entry 1 (X): no aliases"),
        ("entities:\n  - name: X\n    type: concept\n", "entry 1 (X): no aliases"),
        ("entities:\n  - name: X\n    type: concept\n    aliases: {en: ['  ']}\n", "entry 1 (X): an empty alias"),
        ("entities:\n  - name: X\n    type: concept\n    aliases: {en: [NO]}\n", "entry 1 (X): alias False"),
        ("entities:\n  - name: X\n    type: country\n    iso: XX\n", "entry 1 (X): 'iso: XX' is not"),
        ("entities:\n  - name: X\n    type: concept\n    alias: {en: [X]}\n", "entry 1 (X): unknown key 'alias'"),
        ("entities:\n  - name: X\n    type: concept\n    aliases: {en: [X]}\n"
         "  - name: X\n    type: concept\n    aliases: {en: [Y]}\n", "entry 2 (X): the name 'X' is used"),
        ("entities: [name: X\n", "not valid YAML"),
        ("entities:\n\t- name: X\n", "line 2, column 1: not valid YAML (found character '\\t' that cannot start"),
        ("entities:\n  - name: X\n    type: concept\n    aliases: {en: [X]}\t\n", "line 4, column 23"),  # as PyYAML
        ("- name: X\n", "expected a list of entries under 'entities:'"),
    ],
)
def test_loader_errors_are_one_line_naming_the_file_and_entry(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as error:
        load_lexicon(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(InputError, match="lexicon file .* not found"):
        load_lexicon(tmp_path / "nope.yaml")


def test_project_lexicons_load():
    entities = load_lexicon(ENTITIES)
    names = set(entities["entity"])
    assert {"INTERPOL", "Europol", "United Nations", "Arab Interior Ministers' Council", "GCCPOL", "ISIS", "AQIM",
            "al-Qaeda", "Jürgen Stock", "Foreign terrorist fighters", "Middle East", "North Africa", "Maghreb",
            "Sahel", "Gulf", "Europe", "Asia"} <= names
    mena = {"Algeria", "Bahrain", "Egypt", "Iran", "Iraq", "Israel", "Jordan", "Kuwait", "Lebanon", "Libya",
            "Mauritania", "Morocco", "Oman", "Palestine", "Qatar", "Saudi Arabia", "Sudan", "Syria", "Tunisia",
            "Turkey", "United Arab Emirates", "Yemen", "Chad", "Mali", "Niger", "Senegal", "United States"}
    assert mena <= set(entities.loc[entities["entity_type"] == "country", "entity"])
    assert set(entities["language"]) == {"en", "fr", "ar"}
    assert not entities["alias"].str.fullmatch(r"(?i)tunis|baghdad|algiers|rabat|stock").any()
    assert not load_lexicon(ROOT / "data" / "lexicons" / "themes.yaml").empty  # the same format


def test_project_lexicon_covers_interpol_leaders_regional_bodies_and_operations():
    entities = load_lexicon(ENTITIES)
    people = set(entities.loc[entities["entity_type"] == "person", "entity"])
    assert {"Ronald K. Noble", "Jürgen Stock", "Valdecy Urquiza", "Khoo Boon Hui", "Mireille Ballestrazzi",
            "Meng Hongwei", "Kim Jong Yang", "Ahmed Naser Al-Raisi", "Lucas Philippe",
            "Mohammed bin Ali Koman"} <= people
    assert {"Arab League", "AFRIPOL", "Gulf Cooperation Council", "GCCPOL", "Arab Interior Ministers' Council"} <= set(
        entities.loc[entities["entity_type"] == "organisation", "entity"])
    assert {"Operation Neptune", "Operation Trigger", "Operation Epervier", "Operation Libertad",
            "Operation Sawiyan"} <= set(entities.loc[entities["entity_type"] == "operation", "entity"])
    for entity in people:  # every person can be found in each language
        assert set(entities.loc[entities["entity"] == entity, "language"]) == {"en", "fr", "ar"}, entity
    # surnames that are common words or shared names, and operation names that are common words, are not aliases
    assert not entities["alias"].str.fullmatch(r"(?i)noble|nobel|نوبل|meng|kim|khoo|al[- ]raisi|raisi|الريسي"
                                               r"|philippe|trigger|neptune|نبتون|epervier|épervier").any()


def entities_in(text: str) -> list[tuple[str, str]]:
    """(entity, matched text) of every mention in ``text`` with the project's entity lexicon."""
    return found(text, load_lexicon(ENTITIES))


NOBLE = "Ronald K. Noble"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # INTERPOL's releases and the press, as written
        ("INTERPOL Secretary General Ronald K. Noble said", [("INTERPOL", "INTERPOL"), (NOBLE, "Ronald K. Noble")]),
        ("Under Mr Noble’s leadership, INTERPOL developed the I-24/7 network. Mr. Noble, a fully tenured Professor",
         [(NOBLE, "Mr Noble’s"), ("INTERPOL", "INTERPOL"), (NOBLE, "Mr. Noble")]),
        ("Interpol chief Ron Noble on what keeps him going", [("INTERPOL", "Interpol"), (NOBLE, "Ron Noble")]),
        ("Le secrétaire général d'INTERPOL, Ronald K. Noble, a salué la nomination de la présidente Ballestrazzi.",
         [("INTERPOL", "INTERPOL"), (NOBLE, "Ronald K. Noble"), ("Mireille Ballestrazzi", "Ballestrazzi")]),
        ("M. Noble, 55 ans, qui a dirigé Interpol", [(NOBLE, "M. Noble"), ("INTERPOL", "Interpol")]),
        ("انتخبت الجمعية العامة للإنتربول اليوم رونالد ك. نوبل أمينا عاما",
         [("INTERPOL", "للإنتربول"), (NOBLE, "رونالد ك. نوبل")]),
        ("قال الامين العام للانتربول رونالد نوبل ورونالد نوبل والسيد نوبل",  # proclitics و and وال
         [("INTERPOL", "للانتربول"), (NOBLE, "رونالد نوبل"), (NOBLE, "رونالد نوبل"), (NOBLE, "السيد نوبل")]),
        # the adjective, Nobel and the Nobel prize are not him
        ("a noble cause, NOBLE aims, Alfred Nobel, جائزة نوبل للسلام", []),
        # Secretaries General and Presidents
        ("INTERPOL Secretary General Valdecy Urquiza said; Urquiza pledged", [
            ("INTERPOL", "INTERPOL"), ("Valdecy Urquiza", "Valdecy Urquiza"), ("Valdecy Urquiza", "Urquiza")]),
        ("M. Urquiza a déclaré", [("Valdecy Urquiza", "M. Urquiza")]),
        ("اقترحت اللجنة التنفيذية للإنتربول السيد فالديسي أوركيزا من البرازيل",
         [("INTERPOL", "للإنتربول"), ("Valdecy Urquiza", "فالديسي أوركيزا")]),
        ("The Secretary General, Jürgen Stock; خلفا للأمين العام السابق يورغن ستوك",
         [("Jürgen Stock", "Jürgen Stock"), ("Jürgen Stock", "يورغن ستوك")]),
        ("Le Président d'INTERPOL, M. Khoo Boon Hui, a salué la décision", [
            ("INTERPOL", "INTERPOL"), ("Khoo Boon Hui", "Khoo Boon Hui")]),  # the longest alias wins
        ("Une Française, Mireille Ballestrazzi, a été élue; Mme Ballestrazzi représentait l'Europe", [
            ("Mireille Ballestrazzi", "Mireille Ballestrazzi"), ("Mireille Ballestrazzi", "Mme Ballestrazzi"),
            ("Europe", "Europe")]),
        ("اختيار الفرنسية ميراي باليسترازي رئيسة للشرطة الدولية", [("Mireille Ballestrazzi", "ميراي باليسترازي")]),
        ("the disappearance of former president Meng Hongwei; the term of former president Meng", [
            ("Meng Hongwei", "president Meng Hongwei"), ("Meng Hongwei", "president Meng")]),
        ("بعد استقالة رئيس الإنتربول مينغ هونغوي", [("INTERPOL", "الإنتربول"), ("Meng Hongwei", "مينغ هونغوي")]),
        ("Le Sud-Coréen Kim Jong-yang a été élu; Kim Jong Yang of the Republic of Korea", [
            ("Kim Jong Yang", "Kim Jong-yang"), ("Kim Jong Yang", "Kim Jong Yang")]),
        ("انتخاب الكوري الجنوبي كيم جونغ يانغ", [("Kim Jong Yang", "كيم جونغ يانغ")]),
        ("The president of INTERPOL Ahmed Naser Al-Raisi, said; Major General Ahmed Nasser Al Raisi",
         [("INTERPOL", "INTERPOL"), ("Ahmed Naser Al-Raisi", "Ahmed Naser Al-Raisi"),
          ("Ahmed Naser Al-Raisi", "Ahmed Nasser Al Raisi")]),
        ("انتخب اللواء الإماراتي أحمد ناصر الريسي رئيسا للإنتربول", [
            ("United Arab Emirates", "إماراتي"), ("Ahmed Naser Al-Raisi", "أحمد ناصر الريسي"),
            ("INTERPOL", "للإنتربول")]),
        ("Iran's President Ebrahim Raisi; الرئيس الإيراني إبراهيم رئيسي", [("Iran", "Iran's"), ("Iran", "إيراني")]),
        ("delegates elected French candidate Lucas Philippe; انتخاب الفرنسي لوكاس فيليب", [
            ("Lucas Philippe", "Lucas Philippe"), ("Lucas Philippe", "لوكاس فيليب")]),
        # regional bodies
        ("Mohammad Ben Ali Koman, Secretary General of the Arab Interior Ministers’ Council underlined", [
            ("Mohammed bin Ali Koman", "Mohammad Ben Ali Koman"),
            ("Arab Interior Ministers' Council", "Arab Interior Ministers’ Council")]),
        ("le secrétaire général du Conseil des ministres de l'Intérieur arabes, Mohamed Ben Ali Koumen", [
            ("Arab Interior Ministers' Council", "Conseil des ministres de l'Intérieur arabes"),
            ("Mohammed bin Ali Koman", "Mohamed Ben Ali Koumen")]),
        ("الأمين العام لمجلس وزراء الداخلية العرب محمد بن علي كومان", [
            ("Arab Interior Ministers' Council", "مجلس وزراء الداخلية العرب"),
            ("Mohammed bin Ali Koman", "محمد بن علي كومان")]),
        ("the African Union Mechanism for Police Cooperation (AFRIPOL); la 3ème Assemblée générale de l'Afripol", [
            ("AFRIPOL", "African Union Mechanism for Police Cooperation (AFRIPOL)"), ("AFRIPOL", "Afripol")]),
        ("مسؤولو الهيئات الشرطية وتعد أفريبول منظمة", [("AFRIPOL", "أفريبول")]),
        ("des représentants de la Ligue arabe; the League of Arab States; الأمين العام لجامعة الدول العربية", [
            ("Arab League", "Ligue arabe"), ("Arab League", "League of Arab States"),
            ("Arab League", "جامعة الدول العربية")]),
        ("استضافة مقر جهاز الشرطة الخليجية في أبوظبي", [("GCCPOL", "جهاز الشرطة الخليجية")]),
        # operations
        ("Between July and September this year, Operation Neptune II, which focused on maritime border security",
         [("Operation Neptune", "Operation Neptune II")]),
        ("l'opération, dont le nom de code \"Opération Neptune\"; عملية نبتون السادس", [
            ("Operation Neptune", "Opération Neptune"), ("Operation Neptune", "عملية نبتون")]),
        ("types of transnational crime.Trigger IV, which targeted illicit arms", [("Operation Trigger", "Trigger IV")]),
        ("Operation Trigger IV took place across Iraq and Jordan; pull the trigger in time", [
            ("Operation Trigger", "Operation Trigger IV"), ("Iraq", "Iraq"), ("Jordan", "Jordan")]),
        ("les opérations Epervier (Tchad, Mali), Libertad (Caraïbes) et Sawiyan (Soudan)", [
            ("Operation Epervier", "opérations Epervier"), ("Chad", "Tchad"), ("Mali", "Mali"),
            ("Operation Libertad", "Libertad"), ("Operation Sawiyan", "Sawiyan"), ("Sudan", "Soudan")]),
        ("During Operation Epervier II, about 100 officers", [("Operation Epervier", "Operation Epervier II")]),
    ],
)
def test_project_lexicon_finds_leaders_bodies_and_operations_as_the_press_writes_them(text, expected):
    assert entities_in(text) == expected


# --- tables -------------------------------------------------------------------------------------------


DOCUMENTS = pd.DataFrame({
    "doc_id": ["a", "b"],
    "date": pd.to_datetime(["2018-01-02", None]),
    "text": ["INTERPOL and ISIS/Daesh. Evidence from Casablanca, said Ali Chennaoui in Casablanca.",
             "The evidence: l'ONU et INTERPOL. The Naif Arab University met in Casablanca."],
})


def test_evidence_rows_and_mention_counts_agree():
    evidence = match_documents(DOCUMENTS, ALIASES, window=20)
    assert list(evidence.columns) == EVIDENCE_COLUMNS
    assert evidence[["doc_id", "entity", "alias", "match"]].values.tolist() == [
        ["a", "INTERPOL", "INTERPOL", "INTERPOL"], ["a", "ISIS", "ISIS + Daesh", "ISIS/Daesh"],
        ["b", "United Nations", "ONU", "ONU"], ["b", "INTERPOL", "INTERPOL", "INTERPOL"],
        ["b", "Arab", "Arab", "Arab"]]
    row = evidence.iloc[1]
    assert row["left"] == "INTERPOL and " and row["right"].startswith(". Evidence")
    mentions = count_mentions(evidence, DOCUMENTS)
    assert list(mentions.columns) == MENTION_COLUMNS
    assert mentions[["doc_id", "entity", "mentions"]].values.tolist() == [
        ["a", "INTERPOL", 1], ["a", "ISIS", 1], ["b", "Arab", 1], ["b", "INTERPOL", 1], ["b", "United Nations", 1]]
    assert mentions["mentions"].sum() == len(evidence)
    assert mentions.loc[0, "date"] == pd.Timestamp("2018-01-02") and pd.isna(mentions.loc[2, "date"])


def test_no_match_gives_empty_tables_with_columns():
    evidence = match_documents(DOCUMENTS.assign(text="nothing here"), ALIASES)
    assert evidence.empty and list(evidence.columns) == EVIDENCE_COLUMNS
    assert list(count_mentions(evidence, DOCUMENTS).columns) == MENTION_COLUMNS


def test_unmatched_aliases_lists_what_never_matched():
    evidence = match_documents(DOCUMENTS, ALIASES)
    unmatched = unmatched_aliases(ALIASES, evidence)
    assert list(unmatched.columns) == ["entity", "language", "alias"]
    assert {"INTERPOL", "ISIS", "Daesh", "ONU", "Arab"}.isdisjoint(unmatched["alias"])  # "ISIS + Daesh" is both
    assert {"UN", "Da'esh", "Tunisia", "الإنتربول"} <= set(unmatched["alias"])


def test_uncovered_names_are_capitalised_runs_outside_matches():
    evidence = match_documents(DOCUMENTS, ALIASES)
    names = uncovered_names(DOCUMENTS, evidence)
    assert list(names.columns) == ["name", "count", "doc_count"]
    assert names.iloc[0].tolist() == ["Casablanca", 3, 2]
    listed = set(names["name"])
    assert {"Ali Chennaoui", "Naif", "University"} <= listed
    assert {"The", "Evidence", "INTERPOL", "ISIS", "ONU"}.isdisjoint(listed)  # function word, sentence opener, matched
    assert names["name"].tolist()[1:] == sorted(names["name"].tolist()[1:])  # ties by name
    assert uncovered_names(DOCUMENTS, evidence, min_count=2)["name"].tolist() == ["Casablanca"]


OPENERS = pd.DataFrame({
    "doc_id": ["a", "b", "c"],
    "language": ["en", "en", "fr"],
    "text": [
        "Speaking INTERPOL officials met in Amman. Bringing police together matters, said Ronald Noble. "
        "Created in 2005, the notice helps. “Speaking of Amman, it works,” he added.\n"
        "Ronald Noble spoke. Amman hosted the talks on Security and trade.",
        "Officials were speaking and bringing files; notices were created and security was tight. "
        "Jürgen Stock visited Amman with a new team. New York police met officials from New Delhi.",
        "New York – L'Assemblée a voté. Welcoming est un mot.",
    ],
})


def test_uncovered_names_leave_out_common_words_that_open_sentences():
    evidence = match_documents(OPENERS, table(("Nothing", "concept", ["zq"])))
    names = uncovered_names(OPENERS, evidence)
    listed = set(names["name"])
    # a lone word written in lower case elsewhere is not a name, at a sentence start or inside one ("Security")
    assert {"Speaking", "Bringing", "Created", "Security"}.isdisjoint(listed)
    # a sentence opener written in lower case elsewhere leaves the run: "Speaking INTERPOL" is INTERPOL
    assert not any(name.startswith(("Speaking", "Bringing", "Created")) for name in listed)
    assert {"INTERPOL", "Amman", "Ronald Noble", "Jürgen Stock", "New York", "New Delhi"} <= listed
    assert names.set_index("name").loc["Amman", "count"] == 4  # after "Speaking of", at a sentence start, inside
    # "New York" keeps its "New": English writes "New" inside a sentence, and "new" is not French
    assert "York" not in listed
    # a lone word only ever capitalised at a sentence start is not a name, even one never written in lower case
    assert "Welcoming" not in listed


def test_uncovered_names_of_the_seeds_leave_out_headline_and_opening_common_words(seeds, seed_evidence):
    names = set(uncovered_names(seeds.documents, seed_evidence)["name"])
    assert {"Security", "Conference", "Organisation", "Defeat"}.isdisjoint(names)  # "security", "conference"...
    assert {"New York", "Casablanca", "Ali Chennaoui", "Bardo Museum", "Sousse"} <= names
    assert {"Operation Neptune II", "Trigger IV", "Epervier", "Libertad", "Sawiyan"}.isdisjoint(names)  # covered


# --- cost: one automaton, one pass per batch of documents -------------------------------------------


class CountingAutomaton:
    """Stands in for the automaton and counts the passes over texts."""

    def __init__(self, automaton):
        self.automaton, self.passes = automaton, 0

    def iter(self, text):
        self.passes += 1
        return self.automaton.iter(text)


def test_one_automaton_pass_per_batch_of_documents_whatever_the_number_of_aliases(seeds):
    documents = seeds.documents
    small = load_lexicon(ENTITIES)
    noise = table(*[(f"Noise {i}", "concept", [f"zq{i}xv", f"zq{i}xv yy"]) for i in range(3000)])
    large = pd.concat([small, noise], ignore_index=True)
    results = []
    for aliases in (small, large):
        counting = CountingAutomaton(build_matcher(aliases).automaton)
        matcher = dataclasses.replace(build_matcher(aliases), automaton=counting)
        results.append(match_documents(documents, matcher))
        assert counting.passes == 1
    pd.testing.assert_frame_equal(results[0], results[1])


def test_the_matcher_is_built_once_per_alias_table():
    aliases = load_lexicon(ENTITIES)
    assert build_matcher(aliases) is build_matcher(aliases.copy())
    assert build_matcher(aliases) is not build_matcher(aliases.iloc[:-1])


# --- the seed corpus ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(RAW, metadata=RAW / "metadata.csv")


@pytest.fixture(scope="module")
def seed_evidence(seeds):
    return match_documents(seeds.documents, load_lexicon(ENTITIES))


@pytest.fixture(scope="module")
def seed_mentions(seeds, seed_evidence):
    counts = count_mentions(seed_evidence, seeds.documents)
    return {(doc[:3], entity): n for doc, entity, n in counts[["doc_id", "entity", "mentions"]].values}


SEED_COUNTS = {  # (document, entity): mentions, counted by reading the five texts
    ("000", "INTERPOL"): 10, ("001", "INTERPOL"): 8, ("002", "INTERPOL"): 11, ("003", "INTERPOL"): 6,
    ("004", "INTERPOL"): 5,
    ("000", "Tunisia"): 10, ("003", "Tunisia"): 1,  # "TUNIS" and "in Tunis" are the city
    ("000", "Jürgen Stock"): 6, ("001", "Jürgen Stock"): 3, ("002", "Jürgen Stock"): 3, ("003", "Jürgen Stock"): 1,
    ("000", "Foreign terrorist fighters"): 3, ("001", "Foreign terrorist fighters"): 3,
    ("002", "Foreign terrorist fighters"): 1,
    ("000", "ISIS"): 1, ("001", "ISIS"): 3,
    ("001", "Iraq"): 9, ("003", "Iraq"): 1,
    ("000", "United Nations"): 1, ("002", "United Nations"): 5,
    ("000", "Europol"): 1, ("000", "North Africa"): 1,
    ("001", "Gulf"): 1, ("001", "Kuwait"): 1, ("001", "Europe"): 1, ("001", "Asia"): 1,
    ("002", "Middle East"): 1, ("002", "North Africa"): 1, ("002", "Europe"): 1, ("002", "Asia"): 1,
    ("002", "Chad"): 1, ("002", "Mali"): 1, ("002", "Mauritania"): 1, ("002", "Niger"): 1, ("002", "Senegal"): 1,
    ("002", "Sudan"): 1,
    ("003", "Middle East"): 5, ("003", "North Africa"): 5, ("003", "Europe"): 2, ("003", "Morocco"): 2,
    ("003", "GCCPOL"): 1, ("003", "Arab Interior Ministers' Council"): 1,
    ("004", "AQIM"): 1, ("004", "Maghreb"): 2, ("004", "Sahel"): 2, ("004", "Middle East"): 3,
    ("004", "North Africa"): 3, ("004", "Libya"): 1, ("004", "Morocco"): 1,
    ("002", "Operation Epervier"): 1, ("002", "Operation Libertad"): 1, ("002", "Operation Sawiyan"): 1,
    ("003", "Operation Neptune"): 1, ("003", "Operation Trigger"): 1,
}
ABSENT = [("003", "Gulf"), ("004", "al-Qaeda"), ("000", "Europe"), ("001", "Tunisia"), ("002", "Tunisia")]


def test_seed_mention_counts(seed_mentions):
    assert {key: seed_mentions.get(key, 0) for key in SEED_COUNTS} == SEED_COUNTS
    assert all(key not in seed_mentions for key in ABSENT)


def test_seed_countries_listed_in_003_count_once_each(seed_mentions):
    listed = ["Algeria", "Bahrain", "Egypt", "Iraq", "Jordan", "Kuwait", "Libya", "Mauritania", "Oman", "Palestine",
              "Qatar", "Saudi Arabia", "Sudan", "Tunisia", "United Arab Emirates", "Yemen"]
    assert {country: seed_mentions.get(("003", country)) for country in listed} == dict.fromkeys(listed, 1)


def test_seed_isis_daesh_written_together_is_one_mention_each(seed_evidence):
    isis = seed_evidence[(seed_evidence["doc_id"] == "001_852c9d0595ba8673") & (seed_evidence["entity"] == "ISIS")]
    assert isis["match"].tolist() == ["ISIS/Daesh", "ISIS (Daesh)", "ISIS/Daesh"]


def test_seed_interpol_in_every_document_and_tunis_is_not_tunisia(seeds, seed_evidence):
    interpol = seed_evidence[seed_evidence["entity"] == "INTERPOL"]
    assert set(interpol["doc_id"]) == set(seeds.documents["doc_id"])
    in_000 = seed_evidence[seed_evidence["doc_id"] == "000_f2c0ef225ed3b2ad"]
    assert set(in_000.loc[in_000["entity"] == "Tunisia", "match"]) == {"Tunisia", "Tunisia’s", "Tunisian"}
    assert not in_000["match"].str.fullmatch("(?i)tunis").any()


def test_seed_evidence_offsets_give_the_matched_text(seeds, seed_evidence):
    texts = seeds.documents.set_index("doc_id")["text"]
    for row in seed_evidence.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.match


def test_changed_keys_name_the_folded_aliases_an_edit_touches():
    rows = [("INTERPOL", "organisation", "en", "INTERPOL"), ("UN", "organisation", "en", "UN"),
            ("INTERPOL", "organisation", "ar", "الإنتربول")]
    before = build_matcher(pd.DataFrame(rows, columns=ALIAS_COLUMNS))
    added = build_matcher(pd.DataFrame([*rows, ("Europol", "organisation", "en", "Europol")], columns=ALIAS_COLUMNS))
    assert changed_keys(before, added) == ("europol",) and changed_keys(added, before) == ("europol",)
    assert changed_keys(before, before) == ()
    retyped = build_matcher(pd.DataFrame([*rows[:2], ("INTERPOL", "agency", "ar", "الإنتربول")], columns=ALIAS_COLUMNS))
    assert changed_keys(before, retyped) == ("الانتربول", "للانتربول")  # folded, and its form after ل
    moved = build_matcher(pd.DataFrame([rows[1], rows[0], rows[2]], columns=ALIAS_COLUMNS))
    assert changed_keys(before, moved) is None  # entries ranked otherwise: ties may go another way anywhere
