"""YAML files as analysts write them: a syntax error is one line naming the file, the line and the column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from newsreport.errors import InputError


def read_yaml(path: Path, *, what: str = "file") -> Any:
    """The parsed content of a YAML file; a missing file or a syntax error is an ``InputError``."""
    if not path.is_file():
        raise InputError(f"{what} {path} not found; fix the path")
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{what} {path} is not UTF-8; save it as UTF-8") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{what} {path}{where(exc)}: not valid YAML ({reason(exc)}); fix it there") from None


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` by libyaml where PyYAML has it (ten times quicker: a lexicon is read by every step). A
    text libyaml refuses is read again by PyYAML itself, whose errors say where and why in its own words, and so
    is one with a tab or an inner byte-order mark, which libyaml reads where PyYAML refuses or reads otherwise."""
    if "\t" in text or "\ufeff" in text[1:]:
        return yaml.load(text, Loader=_SAFE_LOADER)
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.load(text, Loader=_SAFE_LOADER)


def _unique_keys(loader: type) -> type:
    """``loader`` refusing a key given twice in one mapping (YAML would keep the second in silence)."""
    class UniqueKeys(loader):
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if isinstance(key, str) and key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"'{key}' is given twice (the second would win in silence)", key_node.start_mark)
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return UniqueKeys


_SAFE_LOADER = _unique_keys(yaml.SafeLoader)
_FAST_LOADER = _unique_keys(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def parse_yaml(text: str) -> Any:
    """A YAML value written on the command line (``-p NAME VALUE``); plain text when it is not YAML."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def where(exc: yaml.YAMLError) -> str:
    """" line 12, column 5" for an error PyYAML could place, else ""."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return f" line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""


_OPENED = {"while parsing a flow sequence": "the [", "while parsing a flow mapping": "the {",
           "while scanning a quoted scalar": "the quote"}  # what PyYAML was reading, as an analyst wrote it


def reason(exc: yaml.YAMLError) -> str:
    """What PyYAML found, and where what it was reading was opened when that is on another line (an unclosed
    bracket or quote: "expected ',' or ']', but got ':'; the [ was opened on line 3, column 7")."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    opened, found = getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)
    if opened is not None and found is not None and opened.line != found.line:
        what = _OPENED.get(getattr(exc, "context", None) or "", "what it was reading")
        problem += f"; {what} was opened on line {opened.line + 1}, column {opened.column + 1}"
    return problem
