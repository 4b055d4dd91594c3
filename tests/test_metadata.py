import pytest

from newsreport.errors import InputError
from newsreport.metadata import read_metadata

IDS = {"a", "b"}
LANGS = ("en", "fr", "ar")


def read(tmp_path, text):
    path = tmp_path / "metadata.csv"
    path.write_text(text, encoding="utf-8")
    return read_metadata(path, doc_ids=IDS, languages=LANGS)


def test_values_are_strings_or_none(tmp_path):
    meta = read(tmp_path, "doc_id,title,date\na,Un titre,2015-12-03\nb,,\n")
    assert meta == {"a": {"doc_id": "a", "title": "Un titre", "date": "2015-12-03"},
                    "b": {"doc_id": "b", "title": None, "date": None}}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("doc_id,date\nzzz,2015-12-03\n", "metadata.csv row 2, column 'doc_id': unknown document 'zzz'"),
        ("doc_id,date\na,2015-12-03\nb,03/12/2015\n", "metadata.csv row 3, column 'date': '03/12/2015' is not a date"),
        ("doc_id,title,language\na,x,en\nb,y\n", "metadata.csv row 3: missing column 'language'"),
        ("title,date\nx,2015-12-03\n", "metadata.csv row 1: missing column 'doc_id'"),
        ("doc_id,language\na,de\n", "metadata.csv row 2, column 'language': unknown language 'de' for document 'a'"),
        ("doc_id\na\na\n", "metadata.csv row 3, column 'doc_id': 'a' already described in row 2"),
        ('doc_id,date,title\na,2020-01-01,"open quote\nb,2020-02-02,x\n',
         "metadata.csv row 2: column 'title' runs over several lines, as when a quote is left open"),
    ],
)
def test_bad_metadata_is_one_line_naming_row_and_column(tmp_path, text, message):
    with pytest.raises(InputError) as caught:
        read(tmp_path, text)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
