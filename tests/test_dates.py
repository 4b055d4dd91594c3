from datetime import date

import pytest

from newsreport.dates import date_line, find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03 December 2015", date(2015, 12, 3)),
        ("13 Octobre 2020", date(2020, 10, 13)),
        ("September 20, 2019", date(2019, 9, 20)),
        ("١٢ ديسمبر، ٢٠١٨", date(2018, 12, 12)),
        ("1er janvier 2020", date(2020, 1, 1)),
        ("2019-09-20", date(2019, 9, 20)),
    ],
)
def test_full_dates_in_three_languages(text, expected):
    assert parse_date(text) == expected
    assert date_line(text) == expected


@pytest.mark.parametrize("text", ["25 and 26 November", "September 28th", "July to September this year"])
def test_partial_dates_are_not_dates(text):
    assert date_line(text) is None
    assert find_dates(text) == []


def test_date_line_accepts_a_published_prefix_but_not_a_sentence():
    assert date_line("Published: Monday, 2 March 2020") == date(2020, 3, 2)
    assert date_line("The meeting on 2 March 2020 was long.") is None


def test_find_dates_in_running_text():
    assert find_dates("Adopted on 26 November 2018, revised on 4 October 2011.") == [
        date(2018, 11, 26), date(2011, 10, 4)]
