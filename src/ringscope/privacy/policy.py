"""The victim policy: which resolved persons are protected private individuals.

A person is decided once, from every mention in every report of the fused picture:

- withheld when any victim cue (``cues.yaml``) or a victim role names them in any report;
- withheld when nothing in any report gives them a public role (official, police, judge,
  spokesperson, suspect, convicted boss ...): a private person named in a trafficking story is
  withheld by default. Honorifics ("Ms", "Dr") are not roles;
- names the extractor missed but a victim or private-person cue finds are withheld too;
- a name that is, as a whole, a country, a continent or a nationality word ("Kenyans",
  "Myanmar") is nobody's name: a cue that takes a group for a person, or an entity the
  extractor mistyped, does not hide the place or the nationality on every page.

Each withheld person gets a stable placeholder, ``[victim N]``, numbered in the order the
store first names them, so the same person has the same placeholder on every page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ringscope.extract.organisations import ORG_CONTEXT, ORG_HEADS, ORG_LIST
from ringscope.fuse import Picture, ResolvedEntity
from ringscope.privacy.cues import Cues, Hit, load
from ringscope.privacy.redact import Redacted, Redactor

__all__ = ["Policy", "Redacted", "Withheld", "decide"]


@dataclass(frozen=True, slots=True)
class Withheld:
    key: str
    """The resolved entity's id, or ``text:<folded name>`` for a name only a cue found."""
    label: str
    names: frozenset[str]
    reasons: tuple[str, ...]
    """Cue ids and roles that decided, or ``no_public_role``."""


@dataclass(slots=True)
class Policy:
    withheld: dict[str, Withheld] = field(default_factory=dict)
    visible_names: frozenset[str] = frozenset()
    redactor: Redactor = field(default_factory=Redactor)
    by_name: dict[str, str] = field(default_factory=dict)
    """Folded withheld name -> placeholder."""

    def label(self, entity_id: str) -> str | None:
        found = self.withheld.get(entity_id)
        return found.label if found else None

    def label_of(self, entity: ResolvedEntity) -> str | None:
        """The placeholder of a resolved person: by id, or by a withheld name among its aliases
        (a picture of part of the store resolves people with fewer aliases, so other ids)."""
        from ringscope.fuse.names import fold

        by_id = self.label(entity.id)
        if by_id is not None or entity.type not in ("Person", "Organization", "Operation"):
            return by_id
        return next((self.by_name[k] for k in (fold(a) for a in entity.aliases) if k in self.by_name), None)

    def redact(self, text: str) -> Redacted:
        return self.redactor.redact(text)

    def text(self, text: str | None) -> str | None:
        """``text`` with every withheld name replaced by its placeholder."""
        return None if text is None else self.redactor.redact(text).text

    def url(self, url: str | None) -> str | None:
        return None if url is None else self.redactor.url(url)

    def blocks_query(self, query: str) -> bool:
        """Whether a search names (or starts) a withheld name: such searches answer nothing."""
        return self.redactor.blocks(query)

    @property
    def labels(self) -> list[str]:
        return [w.label for w in self.withheld.values()]


PLACE_KINDS = frozenset({"country", "continent", "demonym"})
"""Gazetteer kinds whose names are never a person's name."""


def place_word(name: str) -> bool:
    """Whether ``name`` as a whole is a country, continent or nationality word (the gazetteer's)."""
    from ringscope.extract.gazetteer import gazetteer

    tokens = name.replace("’", "'").removesuffix("'s").split()
    while len(tokens) > 1 and _quantity_word(tokens[0]):
        tokens = tokens[1:]  # "Nineteen Kenyans", "300 Kenyans", "Young Kenyans"
    if not tokens or len(tokens) > 4:
        return False
    place = gazetteer().lookup(tokens)
    return place is not None and place.kind in PLACE_KINDS


def _quantity_word(token: str) -> bool:
    """A number, a number word or a group modifier (the claim rules' lexicons) before a group noun."""
    from ringscope.extract.measures import MODIFIERS
    from ringscope.extract.number_atoms import SCALES, TENS, UNITS

    word = token.casefold().strip(",")
    if word.replace(",", "").replace(".", "").isdigit():
        return True
    return word in UNITS or word in TENS or word in SCALES or word in MODIFIERS


def alias_keys(alias: str, cues: Cues) -> list[str]:
    """The folded names one alias answers to: the alias folded, and cleaned of titles and cue words
    then folded (sorted, without empty ones)."""
    from ringscope.fuse.names import fold

    keys = {fold(alias)}
    cleaned = cues.clean(alias)
    if cleaned and cleaned != alias:  # a name cleaning leaves as it is folds as it is
        keys.add(fold(cleaned))
    keys.discard("")
    return sorted(keys)


def entity_keys(entity: ResolvedEntity, cues: Cues) -> set[str]:
    """The folded names (and cleaned names) a resolved entity answers to."""
    return {key for alias in entity.aliases for key in alias_keys(alias, cues)}


def decide(
    picture: Picture,
    cues: Cues | None = None,
    labels: Mapping[str, tuple[str, int]] | None = None,
    hits: Mapping[str, list[Hit]] | None = None,
) -> Policy:
    """The policy for a fused picture (every report, every resolved person).

    ``labels`` are the placeholders given before (key -> (placeholder, number), as the store keeps
    them): a person keeps theirs, a new person gets the next number never given. ``hits`` are the
    cue hits of reports' texts found before (by report id; the others are found now).
    """
    from ringscope.fuse.names import fold

    cues = cues or load()
    order = {report_id: n for n, report_id in enumerate(picture.reports)}
    found_before = hits or {}
    hits_by_key: dict[str, list[tuple[Hit, str]]] = {}
    for report in picture.reports.values():
        known = found_before.get(report.id)
        for hit in known if known is not None else cues.find(report.text):
            hits_by_key.setdefault(fold(hit.name), []).append((hit, report.id))
    others: set[str] = set()
    for entity in picture.entities:
        for key in entity_keys(entity, cues):
            others.add(key)
    candidates: list[Candidate] = []
    visible: set[str] = set()
    for entity in picture.entities:
        found = [h for key in entity_keys(entity, cues) for h in hits_by_key.get(key, [])]
        shown, held = judge_entity(entity, found, cues)
        visible.update(shown)
        if held is not None:
            first = min(((order.get(o.report_id, 0), o.entity.start) for o in entity.occurrences),
                        default=(0, 0))
            candidates.append(((first[0], first[1], entity.id), entity.id, *held))
    for key, found in hits_by_key.items():
        if key in others:
            continue
        text = judge_text(found)
        if text is not None:
            first_hit, report_id = min(found, key=lambda f: (order.get(f[1], 0), f[0].start))
            candidates.append(((order.get(report_id, 0), first_hit.start, key), f"text:{key}", *text))
    return assemble(candidates, visible, labels, cues)


Candidate = tuple[tuple[int, int, str], str, set[str], tuple[str, ...]]
"""(place of first mention, key, names, reasons) of a person to withhold."""


def judge_entity(
    entity: ResolvedEntity, found: list[tuple[Hit, str]], cues: Cues
) -> tuple[set[str], tuple[set[str], tuple[str, ...]] | None]:
    """One resolved entity, given the cue hits on its names: the names it shows, and the names and
    reasons to withhold (None when it is shown)."""
    if entity.type != "Person" and not _person_like(entity, found):
        return set(entity.aliases), None
    reasons = _reasons(entity, found, cues)
    if reasons is None:
        return set(entity.aliases), None
    names = set(entity.aliases) | {cues.clean(a) for a in entity.aliases} | {h.name for h, _ in found}
    places = {n for n in names if place_word(n)}
    names -= places
    return places, ((names, reasons) if names else None)


def judge_text(found: list[tuple[Hit, str]]) -> tuple[set[str], tuple[str, ...]] | None:
    """A name only cues found (no resolved entity has it): its names and cue ids, or None."""
    if any(h.kind == "public" for h, _ in found) or all(place_word(h.name) for h, _ in found):
        return None
    return {h.name for h, _ in found}, tuple(sorted({h.cue for h, _ in found}))


def assemble(
    candidates: list[Candidate], visible: set[str], labels: Mapping[str, tuple[str, int]] | None, cues: Cues
) -> Policy:
    """The policy of the persons to withhold: placeholders kept, new ones numbered by first mention."""
    return finish(number(candidates, labels), visible, cues)


def number(
    candidates: list[Candidate], labels: Mapping[str, tuple[str, int]] | None, last: int | None = None
) -> dict[str, Withheld]:
    """The persons to withhold by key, with their placeholders: kept ones as given, new ones numbered
    by first mention after ``last`` (by default the highest number given)."""
    candidates.sort()
    given = dict(labels or {})
    if last is None:
        last = max((n for _, n in given.values()), default=0)
    withheld: dict[str, Withheld] = {}
    for _, key, names, reasons in candidates:
        if key in given:
            label = given[key][0]
        else:
            last += 1
            label = f"[victim {last}]"
        kept = frozenset(n for n in names if n.strip())
        withheld[key] = Withheld(key, label, kept, reasons)
    return withheld


def finish(withheld: dict[str, Withheld], visible: set[str] | frozenset[str], cues: Cues) -> Policy:
    """The policy withholding ``withheld`` (numbered), with what shows and redacts by it."""
    from ringscope.fuse.names import fold

    by_name = {fold(n): w.label for w in withheld.values() for n in w.names if fold(n)}
    return Policy(withheld, frozenset(visible), Redactor.build(withheld.values(), visible, cues), by_name)


def _person_like(entity: ResolvedEntity, found: list[tuple[Hit, str]]) -> bool:
    """An organisation or operation that a cue names as a victim or a private person (the extractor
    took a person for an organisation): withheld like a person, unless a public cue names it."""
    if entity.type not in ("Organization", "Operation") or any(h.kind == "public" for h, _ in found):
        return False
    words = entity.name.split()
    if ORG_HEADS & set(words):
        return False  # "the Ministry of X", "the X Herald": no person's name holds such a word
    if any(h.kind == "victim" for h, _ in found):
        return True
    private = {h.cue for h, _ in found if h.kind == "private"}
    if private and 2 <= len(words) <= 3:
        return True
    # a body's doings ("X worked with the police") fit a firm too; an age or a passport only a person
    return bool(private - {PRIVATE_LIFE}) and _loosely_typed(entity)


PRIVATE_LIFE = "F01_private_life"
"""The cue of a private person's doings ("X worked", "X paid"), which a firm's read the same."""
LOOSE_BODY_RULES = frozenset({ORG_CONTEXT, ORG_LIST})
"""Rules that type a one-word name as a body by its context alone ("X said", "on X and Y")."""


def _loosely_typed(entity: ResolvedEntity) -> bool:
    """One word that only its context made an organisation ("X said"): a person's first name reads the
    same, so a private cue naming it ("X, 19,") withholds it like a person."""
    return (
        len(entity.name.split()) == 1
        and bool(entity.occurrences)
        and all(o.entity.rule in LOOSE_BODY_RULES for o in entity.occurrences)
    )


def _reasons(entity: ResolvedEntity, found: Iterable[tuple[Hit, str]], cues: Cues) -> tuple[str, ...] | None:
    """Why a person is withheld, or None when the person may be shown."""
    victim = sorted({h.cue for h, _ in found if h.kind == "victim"})
    victim += sorted(f"role:{r}" for r in entity.roles if cues.is_victim_role(r))
    if victim:
        return tuple(victim)
    public = any(cues.is_public_role(r) for r in entity.roles) or any(h.kind == "public" for h, _ in found)
    return None if public else ("no_public_role",)
