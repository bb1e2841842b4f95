"""The one reader of the YAML data files shipped with the package (rules, vocabularies, tables).

Safe loading only, in C where libyaml is there. A key given twice in one mapping is an error that
names the file and the line: YAML would otherwise keep the second and silently drop the first, and
a rule or indicator would vanish without a trace.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(ValueError):
    """A shipped data file that cannot be used: names the file and the line."""


class _Strict(_BASE):  # type: ignore[misc]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is given twice in one mapping", key_node.start_mark)
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def parse_yaml(text: str, name: str) -> Any:
    """The data of YAML ``text`` (``name``: the file it came from, for errors)."""
    try:
        return yaml.load(text, Loader=_Strict)  # noqa: S506  (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(f"{name}{where}: {problem}") from exc


def read_yaml(package: str, *path: str) -> Any:
    """The data of the YAML file at ``path`` inside ``package``."""
    resource = resources.files(package).joinpath(*path)
    return parse_yaml(resource.read_text(encoding="utf-8"), "/".join((package, *path)))
