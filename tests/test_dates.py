from datetime import date

import pytest

from newsreport.dates import date_line, find_dates, iso_date, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03 December 2015", date(2015, 12, 3)),
        ("13 Octobre 2020", date(2020, 10, 13)),
        ("September 20, 2019", date(2019, 9, 20)),
        ("١٢ ديسمبر، ٢٠١٨", date(2018, 12, 12)),
        ("1er janvier 2020", date(2020, 1, 1)),
        ("2019-09-20", date(2019, 9, 20)),
        ("١٨ آذار ٢٠١٣", date(2013, 3, 18)),  # Levantine month names
        ("3 أيلول 2015", date(2015, 9, 3)),
        ("1 كانون الثاني 2016", date(2016, 1, 1)),
        ("5 تشرين الأول 2017", date(2017, 10, 5)),
    ],
)
def test_full_dates_in_three_languages(text, expected):
    assert parse_date(text) == expected
    assert date_line(text)[:2] == (expected, "")


@pytest.mark.parametrize("text", ["25 and 26 November", "September 28th", "July to September this year"])
def test_partial_dates_are_not_dates(text):
    assert date_line(text) is None
    assert find_dates(text) == []


def test_date_line_accepts_a_published_prefix_but_not_a_sentence():
    assert date_line("Published: Monday, 2 March 2020")[:2] == (date(2020, 3, 2), "")
    assert date_line("The meeting on 2 March 2020 was long.") is None


def test_find_dates_in_running_text():
    assert find_dates("Adopted on 26 November 2018, revised on 4 October 2011.") == [
        date(2018, 11, 26), date(2011, 10, 4)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("18 March 2013 - Media release", date(2013, 3, 18)),
        ("12 March 2019 | Updated 14:00", date(2019, 3, 12)),
        ("Publié le 13 octobre 2020 à 10h", date(2020, 10, 13)),
        ("Mis à jour le 4 février 2019 à 18h05", date(2019, 2, 4)),
        ("١٢ ديسمبر ٢٠١٨ - بيان صحفي", date(2018, 12, 12)),
        ("نشر في 13 أكتوبر 2020 الساعة 10:00", date(2020, 10, 13)),
        ("نشر في ١٣ أكتوبر ٢٠٢٠ الساعة ١٠:٠٠", date(2020, 10, 13)),
        ("Tuesday, 18 March 2013 — Press release", date(2013, 3, 18)),
        ("March 18, 2013 · 5 min read", date(2013, 3, 18)),
        ("Posted on 3 December 2015 by Staff", date(2015, 12, 3)),
        ("18 March 2013 at 10 a.m.", date(2013, 3, 18)),
        ("الثلاثاء ١٨ آذار ٢٠١٣ - بيان صحفي", date(2013, 3, 18)),
        ("12 March 2019 14:00", date(2019, 3, 12)),
        ("الأربعاء، ١٢ ديسمبر ٢٠١٨م", date(2018, 12, 12)),
        ("Updated 12 March 2019 | 12 March 2019 14:00 GMT", date(2019, 3, 12)),
        ("March 12, 2019 2:00 PM", date(2019, 3, 12)),
        ("Tuesday 12 March 2019 14:00 GMT", date(2019, 3, 12)),
        ("12 March 2019 | Last updated at 14:00 on Monday", date(2019, 3, 12)),
    ],
)
def test_a_date_line_may_go_on_with_a_time_an_author_or_a_short_label(line, expected):
    assert date_line(line).date == expected and date_line(line).headline is None


@pytest.mark.parametrize(
    "line",
    [
        "The meeting of 18 March 2013 agreed - Media release",  # the date is not at the start
        "18 March - Media release",  # partial dates
        "March 2013 - Media release",
        "18 March 2013 - The chiefs met to talk about border security and terrorism in the region",  # > 8 words
        "18 March 2013 - Talks end.",  # a sentence
        "18 March 2013 at 10 people died",  # a time must end the line or come before a separator
        "18 March 2013 the council met",  # no separator
        "18 March 2013-2014",  # a hyphen without spaces is no separator
    ],
)
def test_a_date_at_the_start_of_a_sentence_is_no_date_line(line):
    assert date_line(line) is None


def test_an_update_line_dates_no_publication():
    from newsreport.article import parse_article

    for line in ("Updated 14 March 2019", "Mis à jour le 13 octobre 2020 à 10h", "آخر تحديث ١٤ مارس ٢٠١٩"):
        assert date_line(line).updated
    assert not date_line("Published 14 March 2019").updated
    undated = parse_article("Updated 14 March 2019\n\nGulf states back fund\n\nThe ministers met on Monday.")
    assert (undated.date, undated.title) == (None, "Gulf states back fund")
    assert [(r.rule, r.text) for r in undated.removed] == [("update line", "Updated 14 March 2019")]
    dated = parse_article("Mis à jour le 13 octobre 2020 à 10h\nPublié le 12 octobre 2020\n\nLe texte est ici.")
    assert dated.date == date(2020, 10, 12)


def test_a_date_in_figures_is_set_aside_as_a_header_line_and_never_read():
    from newsreport.article import parse_article

    body = "\n\nChiefs meet in Tunis\n\nThe ministers met on Monday to talk about border security."
    for line, rule in [("13/10/2020", "date in figures"), ("12.03.2019 à 10h", "date in figures"),
                       ("Mis à jour le 13/10/2020", "update line"), ("Updated 12/03/2019 14:00", "update line"),
                       ("آخر تحديث ١٣/١٠/٢٠٢٠", "update line")]:
        article = parse_article(line + body)
        assert (article.date, article.title) == (None, "Chiefs meet in Tunis"), line  # the day first, or the month?
        assert [(r.rule, r.text) for r in article.removed] == [(rule, line)]
    headline = parse_article("12.03.2019 - Police chiefs meet in Tunis on border security\n\nThe chiefs met.")
    assert (headline.date, headline.title) == (None, "Police chiefs meet in Tunis on border security")
    later = parse_article("13/10/2020\n\n18 March 2013\n\nChiefs meet in Tunis\n\nThe chiefs met on Monday.")
    assert (later.date, later.title) == (date(2013, 3, 18), "Chiefs meet in Tunis")
    for text in ("2013-2014 budget talks", "Le 13/10/2020 les chefs se sont réunis à Tunis pour parler."):
        assert date_line(text) is None, text  # a range of years; a date inside a sentence


def test_a_date_line_may_carry_the_headline_which_stays_the_title():
    from newsreport.article import parse_article

    line = date_line("18 March 2013 - INTERPOL chief visits Cairo for talks on terrorism")
    assert line.date == date(2013, 3, 18) and line.headline == "INTERPOL chief visits Cairo for talks on terrorism"
    assert date_line("18 March 2013 - 12 people arrested in Cairo operation").headline == (
        "12 people arrested in Cairo operation")  # digits in a headline, not a time
    article = parse_article("18 March 2013 - INTERPOL chief visits Cairo for talks on terrorism\n\n"
                            "CAIRO - The Secretary General met the Minister of the Interior on Monday.")
    assert (article.date, article.title) == (date(2013, 3, 18), "INTERPOL chief visits Cairo for talks on terrorism")


def test_an_iso_date_is_written_in_full_with_or_without_a_time_of_day():
    assert iso_date("2015-12-03") == iso_date(" 2015-12-03T10:00:00+01:00") == iso_date("2015-12-03 10:00") == date(
        2015, 12, 3)
    for text in ("1449100800", "20151203", "2015-W49-4", "2015-12-03junk", "2015-02-30", "0001-01-01", "9999-12-31"):
        assert iso_date(text) is None, text


def test_an_update_line_may_still_carry_the_publication_date_and_is_no_headline():
    from newsreport.article import parse_article

    both = parse_article("Last updated: 14 March 2019 | Published: 12 March 2019\n\nChiefs meet\n\nThe body.")
    assert (both.date, both.title) == (date(2019, 3, 12), "Chiefs meet")
    first = parse_article("Updated 14 March 2019 | First published 12 March 2019\n\nChiefs meet\n\nThe body.")
    assert (first.date, first.title) == (date(2019, 3, 12), "Chiefs meet")
    byline = parse_article("Updated 14 March 2019 | Reporting by Reuters staff\n\nPolice meet in Lyon\n\n"
                           "12 March 2019\n\nLYON - The chiefs met.")
    assert (byline.date, byline.title) == (date(2019, 3, 12), "Police meet in Lyon")
    assert date_line("Updated: 14 March 2019 at 10:00 GMT").updated
