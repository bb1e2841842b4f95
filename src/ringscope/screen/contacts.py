"""Contact points in a job ad (messaging handles, phone numbers, emails, URLs), normalised."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ringscope.screen.fastre import BoundaryPattern
from ringscope.screen.text import lower

SERVICES: dict[str, str] = {
    "telegram": "telegram", "tg": "telegram", "whatsapp": "whatsapp", "whats app": "whatsapp",
    "wechat": "wechat", "we chat": "wechat", "line": "line", "line id": "line", "viber": "viber",
    "signal": "signal", "skype": "skype", "kakaotalk": "kakaotalk", "kakao talk": "kakaotalk",
    "kakao": "kakaotalk", "instagram": "instagram", "ig": "instagram", "tiktok": "tiktok",
}
PHONE_SERVICES = {"whatsapp", "viber", "signal"}


@dataclass(frozen=True, slots=True)
class Contact:
    """One contact point: its kind, normalised value, service (for handles) and the exact span."""

    kind: str  # handle | phone | email | url
    value: str
    service: str | None
    start: int
    end: int
    quote: str

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind, "value": self.value, "quote": self.quote}
        if self.service:
            out["service"] = self.service
        return out

    @property
    def key(self) -> str:
        """The key that links ads sharing this contact (handles link across services by name)."""
        return f"{self.kind}:{self.value}"


# All patterns run on the lower-cased text (same length, so spans index the original).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\b")
_TME = BoundaryPattern(r"\b(?:https?://)?(?:t\.me|telegram\.me)/(?P<name>[a-z0-9_]{3,32})\b")
_WAME = BoundaryPattern(r"\b(?:https?://)?wa\.me/\+?(?P<num>\d{7,15})\b")
_URL = BoundaryPattern(r"\b(?:https?://|www\.)[^\s<>\"'()\[\]]+")
_LABELLED = BoundaryPattern(
    r"\b(?P<svc>telegram|tg|whats\s?app|we\s?chat|line(?:\s+id)?|viber|signal|skype|kakao\s?talk|kakao|"
    r"instagram|ig|tiktok)(?P<lab>\s*(?:id|username|handle|no\.?|number|account))?\s*(?P<sep>[:：=])?\s*"
    r"(?P<val>@[a-z0-9_.]{2,31}[a-z0-9_]|\+?\d[\d\s().-]{6,18}\d|[a-z][a-z0-9_.-]{2,30}[a-z0-9_])"
)
_AT_HANDLE = re.compile(r"(?<![\w@.])@(?P<name>[a-z][a-z0-9_]{3,31})\b")
# The look-behind comes after the leading "+" or "00" so that the engine can skip to those at once.
_PHONE = re.compile(r"(?:\+(?<![\w+]\+)|00(?<![\w+]00))"
                    r"\d{1,3}[\s.-]?(?:\(?\d{1,4}\)?[\s.-]?){2,5}\d{2,4}(?!\w)")
_LOCAL_PHONE = BoundaryPattern(r"\b(?:phone|tel|mobile|call|sms|hotline)\s*(?:no\.?|number)?\s*[:：]?\s*"
                               r"(?P<num>\(?\d[\d\s().-]{6,16}\d)")
_STOP_VALUES = {"app", "only", "group", "channel", "chat", "account", "number", "contact", "with", "and",
                "the", "for", "from", "message", "messages", "me", "us"}


def normalise_phone(raw: str) -> str | None:
    """Digits with a leading + for international numbers (00 prefix becomes +); None if too short/long."""
    digits = re.sub(r"\D", "", raw)
    international = raw.strip().startswith("+") or raw.strip().startswith("00")
    if raw.strip().startswith("00"):
        digits = digits[2:]
    if not 7 <= len(digits) <= 15:
        return None
    return f"+{digits}" if international else digits


def normalise_url(raw: str) -> str:
    """Host and path, lower-cased host, no scheme, no www., no trailing slash or punctuation."""
    url = raw.rstrip(".,;:!?")
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE)
    host, _, path = url.partition("/")
    out = host.lower() + ("/" + path if path else "")
    return out.rstrip("/")


def find_contacts(text: str, lowered: str | None = None) -> list[Contact]:
    """Contacts in order of appearance; each span is reported once, as its most specific kind."""
    found: list[Contact] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(kind: str, value: str, service: str | None, start: int, end: int) -> None:
        if free(start, end):
            taken.append((start, end))
            found.append(Contact(kind, value, service, start, end, text[start:end]))

    low = lowered if lowered is not None else lower(text)
    at_sign = "@" in low
    if ".me/" in low:
        for m in _TME.finditer(low):
            add("handle", m.group("name"), "telegram", m.start(), m.end())
        for m in _WAME.finditer(low):
            add("phone", "+" + m.group("num"), "whatsapp", m.start(), m.end())
    if at_sign:
        for m in _EMAIL.finditer(low):
            add("email", m.group(0), None, m.start(), m.end())
    if "http" in low or "www." in low:
        for m in _URL.finditer(low):
            raw = text[m.start():m.end()]
            end = m.start() + len(raw.rstrip(".,;:!?"))
            add("url", normalise_url(raw), None, m.start(), end)
    for m in _LABELLED.finditer(low):
        service = SERVICES.get(re.sub(r"\s+", " ", m.group("svc").lower()))
        val = m.group("val")
        if service is None or val.lower() in _STOP_VALUES:
            continue
        if re.fullmatch(r"\+?\d[\d\s().-]+", val):
            phone = normalise_phone(val)
            if phone:
                add("phone", phone, service if service in PHONE_SERVICES | {"telegram", "line", "wechat"}
                    else None, m.start("val"), m.end("val"))
        elif not val.startswith("@") and not (m.group("sep") or m.group("lab")):
            continue  # a bare word after a service name is a handle only when labelled ("ID", ":")
        elif service == "line" and not val.startswith("@") and not m.group("lab"):
            continue  # the bare word "line" is too common; needs "line id" or an @handle
        else:
            add("handle", val.lstrip("@").lower(), service, m.start("val"), m.end("val"))
    if at_sign:
        for m in _AT_HANDLE.finditer(low):
            add("handle", m.group("name"), None, m.start(), m.end())
    if "+" in low or "00" in low:
        for m in _PHONE.finditer(low):
            phone = normalise_phone(m.group(0))
            if phone:
                add("phone", phone, None, m.start(), m.end())
    for m in _LOCAL_PHONE.finditer(low):
        phone = normalise_phone(m.group("num"))
        if phone:
            add("phone", phone, None, m.start("num"), m.end("num"))
    found.sort(key=lambda c: c.start)
    return found
