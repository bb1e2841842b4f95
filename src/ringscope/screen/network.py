"""Recruiter networks: ads linked by a shared handle, phone number or email, as FtM entities.

Each distinct contact becomes a FollowTheMoney ``UserAccount``; each screened ad with a contact
becomes a ``Document``; a ``Documentation`` link ties the ad to each account it names. Ads that
share an account fall into one network (connected components over ads and accounts).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from ringscope.fuse.unionfind import UnionFind
from ringscope.model import make_id

LINKING_KINDS = ("handle", "phone", "email")


@dataclass(frozen=True, slots=True)
class Network:
    """Ads linked through shared contacts."""

    id: str
    ads: tuple[str, ...]
    contacts: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "ads": list(self.ads), "contacts": list(self.contacts)}


def _keys(result: Mapping[str, Any]) -> list[str]:
    keys = [f"{c['kind']}:{c['value']}" for c in result.get("contacts", []) if c["kind"] in LINKING_KINDS]
    return list(dict.fromkeys(keys))


def networks(results: Iterable[Mapping[str, Any]]) -> list[Network]:
    """Groups of two or more ads that share at least one contact, largest first."""
    uf: UnionFind[str] = UnionFind()
    ad_keys: dict[str, list[str]] = {}
    for result in results:
        if "error" in result:
            continue
        ad = f"ad:{result['id']}"
        keys = _keys(result)
        ad_keys[ad] = keys
        uf.add(ad)
        for key in keys:
            uf.union(ad, key)
    out = []
    for group in uf.groups():
        ads = sorted(g[3:] for g in group if g.startswith("ad:"))
        if len(ads) < 2:
            continue
        contacts = sorted(g for g in group if not g.startswith("ad:"))
        out.append(Network(make_id("screen-network", *contacts)[:16], tuple(ads), tuple(contacts)))
    out.sort(key=lambda n: (-len(n.ads), n.id))
    return out


def account_id(key: str) -> str:
    return make_id("screen-account", key)


def account_proxy(contact: Mapping[str, Any]) -> EntityProxy:
    """A ``UserAccount`` for one normalised contact."""
    key = f"{contact['kind']}:{contact['value']}"
    proxy = model.make_entity("UserAccount")
    proxy.id = account_id(key)
    value = str(contact["value"])
    proxy.add("name", value)
    if contact["kind"] == "handle":
        proxy.add("username", value)
    elif contact["kind"] == "phone":
        proxy.add("phone", value)
    elif contact["kind"] == "email":
        proxy.add("email", value)
    proxy.add("service", contact.get("service"))
    proxy.add("summary", "Contact named in a screened job ad")
    return proxy


def ad_proxy(result: Mapping[str, Any], title: str | None = None, key_field: str = "id") -> EntityProxy:
    """A ``Document`` for a screened ad, with its level and score (entity id from ``key_field``)."""
    proxy = model.make_entity("Document")
    proxy.id = make_id("screen-ad", result[key_field])
    proxy.add("title", title or f"Job ad {result['id']}")
    proxy.add("fileName", str(result["id"]))
    proxy.add("summary", f"Recruitment screening: {result['level']} (score {result['score']})")
    proxy.add("keywords", [i["code"] for i in result.get("indicators", [])])
    proxy.add("language", result.get("language"))
    proxy.add("detectedCountry", result.get("destinations", []))
    return proxy


def to_ftm(
    results: Iterable[Mapping[str, Any]], titles: Mapping[str, str] | None = None, key_field: str = "id"
) -> Iterator[EntityProxy]:
    """Ads and their links as they stream, then the accounts (merged across ads) at the end.

    ``key_field`` names the result field the ad entity's id is made from (``content_hash`` for
    stored ads, whose ids given by users need not be unique).
    """
    accounts: dict[str, EntityProxy] = {}
    for result in results:
        if "error" in result:
            continue
        contacts = [c for c in result.get("contacts", []) if c["kind"] in LINKING_KINDS]
        if not contacts:
            continue
        ad = ad_proxy(result, (titles or {}).get(str(result["id"])), key_field)
        yield ad
        seen: set[str] = set()
        for contact in contacts:
            account = account_proxy(contact)
            assert account.id is not None
            if account.id in accounts:
                accounts[account.id].merge(account)
            else:
                accounts[account.id] = account
            if account.id in seen:
                continue
            seen.add(account.id)
            link = model.make_entity("Documentation")
            link.id = make_id("screen-link", ad.id, account.id)
            link.add("document", ad.id)
            link.add("entity", account.id)
            link.add("role", "contact in job ad")
            link.add("summary", contact["quote"])
            yield link
    yield from accounts.values()


def write_ftm(results: Iterable[Mapping[str, Any]], fh: IO[str]) -> int:
    """Write the network entities as FtM JSON lines; returns how many were written."""
    count = 0
    for proxy in to_ftm(results):
        fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
