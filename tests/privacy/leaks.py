"""Looking for victims' names in answers, and counting what was checked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .phrasings import PUBLIC_PHRASINGS, VICTIM_PHRASINGS

VICTIM_NAMES = [p.name for p in VICTIM_PHRASINGS]
PUBLIC_NAMES = [p.name for p in PUBLIC_PHRASINGS]
_WORDS = sorted({w for n in VICTIM_NAMES for w in [n, *n.split()]}, key=len, reverse=True)
_LEAK = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(re.escape(w) for w in _WORDS) + r")(?![A-Za-z])", re.IGNORECASE
)


def leaks(text: str) -> list[str]:
    """Victims' names, or any single word of one, found in ``text``."""
    return sorted({m.group(0) for m in _LEAK.finditer(text)})


def slug_leaks(text: str) -> list[str]:
    """Victims' names written as an address slug ("tamsin-orvelle")."""
    return [n for n in VICTIM_NAMES if n.lower().replace(" ", "-") in text.lower()]


@dataclass
class Checked:
    """Every answer checked: the path template and the role that got it."""

    paths: set[str] = field(default_factory=set)
    answers: int = 0

    def clean(self, template: str, text: str) -> None:
        """Assert ``text`` (the answer of ``template``) names no victim."""
        found = leaks(text) + slug_leaks(text)
        assert not found, f"{template}: victims' names in the answer: {found}"
        self.paths.add(template)
        self.answers += 1
