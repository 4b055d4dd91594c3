from datetime import date

import pytest

from newsreport.article import collapse_spaces, normalise_text, parse_article, split_glued_sentences

BODY = "TUNIS, Tunisia – The chiefs met to talk about border security and terrorism in the region today."


def test_glued_sentences_are_split_but_abbreviations_and_numbers_are_not():
    assert split_glued_sentences("stronger cooperation.Whilst terrorism") == "stronger cooperation. Whilst terrorism"
    assert split_glued_sentences("12 terrorism suspects.INTERPOL said") == "12 terrorism suspects. INTERPOL said"
    assert split_glued_sentences("the landscape.“At the same time") == "the landscape. “At the same time"
    assert split_glued_sentences("the U.S.Army and e.g.The and 3.5 and site.com") == \
        "the U.S.Army and e.g.The and 3.5 and site.com"


def test_collapse_spaces_makes_any_run_of_whitespace_one_space():
    assert collapse_spaces(" border  security\tand\u2028the\x1cregion ") == "border security and the region"
    assert collapse_spaces("border security") == "border security"


def test_normalise_text_nfc_nbsp_and_newlines():
    decomposed = "Ju\u0308rgen\u00a0Stock\r\nnext\u200b"
    assert normalise_text(decomposed) == "Jürgen Stock\nnext"


def test_header_fields_come_out_of_the_body():
    article = parse_article(
        "Home\n03 December 2015\n\nChiefs meet in Tunis\n\nBy Jane Roe\n\n"
        "TUNIS, Tunisia – The chiefs met to talk about border security and terrorism in the region today."
    )
    assert article.title == "Chiefs meet in Tunis"
    assert article.date == date(2015, 12, 3)
    assert article.byline == "Jane Roe"
    assert article.dateline == "TUNIS, Tunisia"
    assert article.body.startswith("TUNIS, Tunisia – The chiefs")
    assert [r.rule for r in article.removed] == ["breadcrumb", "date line", "byline"]
    assert article.removed_chars == len("Home") + len("03 December 2015") + len("By Jane Roe")


def test_a_date_written_in_the_dateline_is_found():
    article = parse_article("Talks\n\nRABAT, 4 October 2011 – Officials met to talk about many things at length.")
    assert article.date == date(2011, 10, 4)


def test_no_date_is_invented():
    article = parse_article("Talks\n\nThe conference wrapped up on September 28th, with officials talking.")
    assert article.date is None


def test_without_boilerplate_removal_only_header_lines_go():
    text = "Title\n\nA long body sentence that talks about police cooperation in the region.\n\nWe use cookies."
    assert "cookies" in parse_article(text, remove_boilerplate=False).body
    assert "cookies" not in parse_article(text).body


@pytest.mark.parametrize(
    ("line", "label", "expected"),
    [
        ("18 March 2013 - Media release", "Media release", date(2013, 3, 18)),
        ("12 March 2019 | Updated 14:00", "Updated", date(2019, 3, 12)),  # a pipe, as in "Home | News"
        ("Publié le 13 octobre 2020 à 10h", "10h", date(2020, 10, 13)),
        ("١٢ ديسمبر ٢٠١٨ - بيان صحفي", "بيان صحفي", date(2018, 12, 12)),
        ("نشر في ١٣ أكتوبر ٢٠٢٠ الساعة ١٠:٠٠", "الساعة", date(2020, 10, 13)),
        ("Tuesday, 18 March 2013 — Press release", "Press release", date(2013, 3, 18)),
        ("Posted on 3 December 2015 by Staff", "Staff", date(2015, 12, 3)),
    ],
)
def test_a_date_line_with_a_label_gives_the_date_and_neither_title_nor_body(line, label, expected):
    article = parse_article(f"{line}\n\nChiefs meet in Tunis\n\n{BODY}")
    assert article.date == expected
    assert article.title == "Chiefs meet in Tunis"
    assert article.body == BODY
    assert label not in article.body
    assert [(r.line, r.rule, r.text) for r in article.removed] == [(1, "date line", line)]


def test_a_paragraph_that_starts_with_a_date_stays_in_the_body():
    paragraph = "18 March 2013 – The chiefs met to talk about border security and terrorism in the region."
    article = parse_article(f"Chiefs meet in Tunis\n\n{paragraph}")
    assert article.title == "Chiefs meet in Tunis"
    assert article.body == paragraph
    assert article.removed == []


def test_a_date_later_in_a_header_line_is_not_taken():
    article = parse_article(f"The meeting of 18 March 2013 agreed on a plan\n\n{BODY}")
    assert article.date is None
    assert article.title == "The meeting of 18 March 2013 agreed on a plan"
