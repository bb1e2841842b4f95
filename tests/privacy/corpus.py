"""Invented reports built from the phrasings: victims next to officials and suspects.

Victims are framed in one report and named again plainly in another (the decision must hold
across reports); some titles and addresses carry a victim's name; one report carries markup
that must never run.
"""

from __future__ import annotations

import json
from pathlib import Path

from .phrasings import PUBLIC_PHRASINGS, VICTIM_PHRASINGS, Phrasing

CONTEXT = (
    "The compound outside Varrowfield held hundreds of people forced to run online scams."
    " Guards confiscated passports and phones."
)
PER_REPORT = 4


def _sentence(p: Phrasing) -> str:
    return p.sentence.format(p.name)


def reports() -> list[dict[str, str]]:
    """JSON-lines records of the invented reports."""
    out: list[dict[str, str]] = []
    victims = VICTIM_PHRASINGS
    public = PUBLIC_PHRASINGS
    for n in range(0, len(victims), PER_REPORT):
        group = victims[n : n + PER_REPORT]
        official = public[(n // PER_REPORT) % len(public)]
        first = group[0].name
        slug = first.lower().replace(" ", "-")
        out.append(
            {
                "id": f"inv-{n // PER_REPORT:02d}",
                "source": "Invented Ledger",
                "url": f"https://example.org/ledger/{slug}-tells-her-story",
                "published": f"2026-01-{n // PER_REPORT + 1:02d}",
                "title": f"{first} tells of months inside a compound",
                "text": " ".join([CONTEXT, *(_sentence(p) for p in group), _sentence(official)]),
            }
        )
    # every victim named again, plainly, in a later report of another outlet
    for n in range(0, len(victims), 6):
        group = victims[n : n + 6]
        out.append(
            {
                "id": f"later-{n // 6:02d}",
                "source": "Invented Gazette",
                "url": "https://example.org/gazette/returnees",
                "published": f"2026-02-{n // 6 + 1:02d}",
                "title": "Returnees rebuild their lives",
                "text": " ".join(
                    [
                        "Several people who came back from the compounds near Varrowfield spoke to us.",
                        *(f"{p.name} attended a meeting near Dunmere." for p in group),
                        "Labour Minister Halvard Brennick said 120 people had been repatriated.",
                    ]
                ),
            }
        )
    # every public person in one report of their own, plus markup in the title and the text
    out.append(
        {
            "id": "officials",
            "source": "Invented Wire",
            "url": "https://example.org/wire/crackdown",
            "published": "2026-03-01",
            "title": 'Crackdown <script>window.__pwned = "title"</script>'
            '<img src=x onerror="window.__pwned=1">',
            "text": " ".join(
                [
                    CONTEXT,
                    *(_sentence(p) for p in public),
                    '<script>window.__pwned = "text"</script><img src=x onerror="window.__pwned=2">',
                ]
            ),
        }
    )
    return out


def write(path: Path) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in reports()), encoding="utf-8")
    return path
