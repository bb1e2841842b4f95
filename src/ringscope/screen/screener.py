"""Screen one job ad: checks, indicators, pay, contacts, destinations, classifier, combined score."""

from __future__ import annotations

import gc
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ringscope import settings
from ringscope.screen.classifier import Classifier, load_classifier
from ringscope.screen.combine import classifier_weight, combine, evidence, level
from ringscope.screen.contacts import Contact, find_contacts
from ringscope.screen.destinations import find_places, location_field_country
from ringscope.screen.indicators import Hit, Table, load_table, make_hit, match_patterns
from ringscope.screen.language import detect_language
from ringscope.screen.pay import Pay, entry_level_multiple, find_pay, wage_floor_usd
from ringscope.screen.text import AD_FIELDS, join_fields, lower

MESSAGING = {"telegram", "whatsapp", "wechat", "line", "viber", "signal", "kakaotalk"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


class AdError(ValueError):
    """An ad that cannot be screened; the message says why."""


@dataclass(slots=True)
class Ad:
    """One job ad: plain text, or structured fields (title, description, ...)."""

    id: str
    text: str | None = None
    fields: dict[str, str] = field(default_factory=dict)

    def body(self) -> str:
        """The text screened: the plain text, or the structured fields joined in fixed order."""
        if self.text is not None:
            return self.text
        return join_fields(self.fields)


def check_text(text: str) -> None:
    """Refuse empty, huge or binary ads with a clear reason."""
    if not text.strip():
        raise AdError("empty ad (no text)")
    if len(text) > settings.SCREEN_MAX_AD_CHARS:
        raise AdError(f"ad too long ({len(text):,} characters; limit {settings.SCREEN_MAX_AD_CHARS:,}, "
                      "set RINGSCOPE_SCREEN_MAX_AD_CHARS to change)")
    head = text[:20000]
    if "\x00" in text or (_CONTROL.search(head) and len(_CONTROL.findall(head)) > 0.05 * len(head)):
        raise AdError("binary or corrupt content (control characters), not ad text")


def destinations(text: str, fields: Mapping[str, str]) -> tuple[list[str], list[Any]]:
    """ISO2 codes of places named in the ad (structured location first), and the place hits."""
    codes: list[str] = []
    loc = location_field_country(fields.get("location") or "")
    if loc:
        codes.append(loc)
    hits = find_places(text)
    for hit in hits:
        if hit.country not in codes:
            codes.append(hit.country)
    return codes, hits


def pay_hits(text: str, pays: list[Pay], dests: list[str], hits: list[Hit], table: Table) -> list[Hit]:
    """B1: entry-level work paying far above the destination's wage floor."""
    entry_level = any(h.group == "role" for h in hits) or any(h.code == "B2_easy_work_high_pay" for h in hits)
    floors = [f for f in (wage_floor_usd(c) for c in dests) if f is not None]
    if not entry_level or not floors:
        return []
    limit = entry_level_multiple() * min(floors)
    for pay in pays:
        if pay.monthly_usd is not None and pay.monthly_usd >= limit:
            return [make_hit("B1_pay_above_norm", pay.start, pay.end, text, table)]
    return []


def place_hits(text: str, places: list[Any], table: Table) -> list[Hit]:
    """C1: a workplace or transit point in a core or decoy destination country."""
    out: list[Hit] = []
    for code in ("C1_sea_workplace", "C1_decoy_destination"):
        countries = table.indicators[code].countries
        first = next((p for p in places if p.country in countries), None)
        if first is not None:
            out.append(make_hit(code, first.start, first.end, text, table))
    return out


def channel_hits(text: str, contacts: list[Contact], hits: list[Hit], table: Table) -> list[Hit]:
    """E1 from an extracted messaging contact, when no pattern fired it already."""
    if any(h.code == "E1_chat_app_contact" for h in hits):
        return []
    for c in contacts:
        if c.service in MESSAGING or (c.kind == "handle" and c.service is None):
            return [make_hit("E1_chat_app_contact", c.start, c.end, text, table)]
    return []


def screen_ad(ad: Ad, classifier: Classifier | None = None, table: Table | None = None) -> dict[str, Any]:
    """The screening result of one ad (raises :class:`AdError` for ads that cannot be screened)."""
    classifier = classifier or load_classifier()
    table = table or load_table()
    text = ad.body()
    check_text(text)
    language = detect_language(text)
    if language != "en":
        raise AdError(f"language not supported (detected: {language}); only English ads are screened")
    fields = {k: v for k, v in ad.fields.items() if k in AD_FIELDS}
    low = lower(text)
    hits = match_patterns(text, table, low)
    contacts = find_contacts(text, low)
    dests, places = destinations(text, fields)
    pays = find_pay(text, low)
    hits += place_hits(text, places, table)
    hits += channel_hits(text, contacts, hits, table)
    hits += pay_hits(text, pays, dests, hits, table)
    hits.sort(key=lambda h: (h.start, h.code))
    probability, words = classifier.score(text)
    params = classifier.meta.get("combination", {})
    weight = classifier_weight(words, float(params.get("full_weight_words", 0)))
    extra = evidence(hits, table)
    score = combine(probability, extra, weight, float(params.get("prior", 0.5)))
    levels = classifier.meta.get("levels", {"medium": 0.5, "high": 0.8})
    return {
        "id": ad.id,
        "score": round(score, 4),
        "level": level(score, float(levels["medium"]), float(levels["high"])),
        "indicators": [h.as_dict() for h in hits],
        "contacts": [c.as_dict() for c in contacts],
        "destinations": dests,
        "language": language,
        "classifier_probability": round(probability, 4),
        "classifier_weight": round(weight, 3),
        "evidence": round(extra, 3),
        "pay": [p.as_dict() for p in pays],
    }


def warm_up() -> None:
    """Load the classifier and all reference data, then exempt them from garbage collection.

    Screening many ads allocates many short-lived objects; without this, each full collection would
    walk the large, permanent tables (vocabulary, gazetteer, currency list) again.
    """
    screen_ad(Ad(id="warm-up", text="Customer service staff wanted in Bangkok, Thailand: THB 50,000 a month, "
                 "free flights. Apply by Telegram @example_hr or +66 2 123 4567."))
    gc.freeze()


def screen_or_error(
    ad: Ad, classifier: Classifier | None = None, table: Table | None = None
) -> dict[str, Any]:
    """The result, or ``{"id", "error"}`` for an ad that cannot be screened."""
    try:
        return screen_ad(ad, classifier, table)
    except AdError as exc:
        return {"id": ad.id, "error": str(exc)}
