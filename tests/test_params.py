from pathlib import Path

import pytest
import yaml

from newsreport.errors import InputError
from newsreport.params import load_params, parse_override, resolve_paths

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_come_from_config_file():
    params = load_params(ROOT)
    config = yaml.safe_load((ROOT / "config/params.yaml").read_text())
    assert params.model_dump(mode="json") == {
        key: (str(v) if key in {"corpus", "output_root"} else v) for key, v in config.items()
    }


def test_override_is_typed_from_yaml_syntax():
    name, value = parse_override("remove_boilerplate", "false")
    assert load_params(ROOT, overrides={name: value}).remove_boilerplate is False
    name, value = parse_override("languages", "[en, fr]")
    assert load_params(ROOT, overrides={name: value}).languages == ("en", "fr")
    assert parse_override("report_title", "INTERPOL: a review") == ("report_title", "INTERPOL: a review")
    assert parse_override("report_title", "2020") == ("report_title", "2020")  # a text parameter keeps its text
    assert parse_override("corpus", "2020") == ("corpus", "2020")  # and so does a path (a folder named 2020)
    assert parse_override("metadata", "2020") == ("metadata", "2020")  # an optional one too
    assert parse_override("metadata", "null") == ("metadata", None)


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"figur_dpi": 300}, "unknown parameter 'figur_dpi'"),
        ({"figure_dpi": "many"}, "parameter 'figure_dpi'"),
        ({"languages": ["en", "de"]}, "parameter 'languages'"),
        ({"extensions": ["txt"]}, "parameter 'extensions'"),
        ({"fallback_encoding": "klingon"}, "parameter 'fallback_encoding'"),
        ({"fallback_encoding": "rot13"}, "parameter 'fallback_encoding': Value error, 'rot13' is not a text encoding"),
        ({"figure_dpi": 100000}, "parameter 'figure_dpi': Value error, must be from 50 to 600"),
        ({"report_title": " "}, "parameter 'report_title': Value error, must not be empty"),
    ],
)
def test_bad_parameter_is_one_line_naming_it(overrides, named):
    with pytest.raises(InputError) as caught:
        load_params(ROOT, overrides=overrides)
    message = str(caught.value)
    assert named in message
    assert "\n" not in message


def test_params_file_with_unknown_key_is_rejected(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("top_nn: 3\n")
    with pytest.raises(InputError, match="unknown parameter 'top_nn' \\(from .*mine.yaml\\)"):
        load_params(ROOT, params_file=extra)


def test_params_file_overrides_defaults(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("figure_dpi: 90\nremove_boilerplate: false\n")
    params = load_params(ROOT, params_file=extra)
    assert (params.figure_dpi, params.remove_boilerplate) == (90, False)


def test_missing_corpus_folder_is_named_before_a_run(tmp_path):
    from newsreport.validation import validate

    params = load_params(ROOT, overrides={"corpus": str(tmp_path / "nowhere")})
    paths = resolve_paths(params, ROOT)  # a notebook that does not read the corpus still finds its paths
    with pytest.raises(InputError, match="parameter 'corpus': .*nowhere does not exist"):
        validate(params, paths, [], warn=print)


def test_metadata_defaults_to_the_corpus_folders_file(fixture_corpus):
    params = load_params(ROOT, overrides={"corpus": str(fixture_corpus)})
    assert resolve_paths(params, ROOT).metadata == fixture_corpus / "metadata.csv"
    (fixture_corpus / "metadata.csv").unlink()
    assert resolve_paths(params, ROOT).metadata is None


def test_outputs_follow_output_root(tmp_path):
    params = load_params(ROOT, overrides={"output_root": str(tmp_path)})
    paths = resolve_paths(params, ROOT)
    assert paths.tables == tmp_path / "report" / "tables"
    assert paths.processed == tmp_path / "data" / "processed"
    assert paths.corpus == ROOT / "data" / "raw"
