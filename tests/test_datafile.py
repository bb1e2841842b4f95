"""The one reader of the shipped YAML data files: safe, and strict about keys given twice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ringscope
from ringscope.datafile import DataFileError, parse_yaml, read_yaml

PACKAGE = Path(ringscope.__file__).parent


def test_a_key_given_twice_names_the_file_and_line() -> None:
    text = "rules:\n  - id: a.b\n    reason: first\n    reason: second\n"
    with pytest.raises(DataFileError, match=r"^rules\.yaml line 4: key 'reason' is given twice"):
        parse_yaml(text, "rules.yaml")


def test_the_same_key_in_two_mappings_is_fine() -> None:
    data = parse_yaml("- id: a\n  reason: x\n- id: b\n  reason: y\n", "list.yaml")
    assert [d["id"] for d in data] == ["a", "b"]


def test_broken_yaml_is_one_error_naming_the_file() -> None:
    with pytest.raises(DataFileError, match=r"^broken\.yaml line 2: "):
        parse_yaml("a: [1, 2\nb: 3\n", "broken.yaml")


def test_tags_that_build_objects_are_refused() -> None:
    with pytest.raises(DataFileError):
        parse_yaml("a: !!python/object/apply:os.system ['true']\n", "unsafe.yaml")


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.yaml")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_shipped_data_file_reads(path: Path) -> None:
    parts = path.relative_to(PACKAGE.parent).parts
    package = ".".join(parts[:-1])
    assert read_yaml(package, parts[-1]) is not None


def test_no_other_module_parses_yaml() -> None:
    calls = re.compile(r"\byaml\.(?:safe_load|load|full_load|unsafe_load)\(")
    readers = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if calls.search(p.read_text(encoding="utf-8"))
    ]
    assert readers == ["datafile.py"]
