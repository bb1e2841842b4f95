from typing import Any

from followthemoney import model

from ringscope.screen import screen_text
from ringscope.screen.network import networks, to_ftm


def _results() -> list[dict[str, Any]]:
    ads = {
        "a1": "Customer service job in Bangkok. Telegram: @bluelotus_hr. Call +66 81 555 0101.",
        "a2": "Data entry staff needed, free flights. Contact @BlueLotus_HR on Telegram.",
        "a3": "Typists wanted. WhatsApp +66 81 555 0101 or mail jobs@lotus-example.com",
        "a4": "Gardener for a city park. Apply to parks@council-example.org",
    }
    return [screen_text(text, ad_id) for ad_id, text in ads.items()]


def test_ads_sharing_contacts_form_one_network() -> None:
    nets = networks(_results())
    assert len(nets) == 1
    assert nets[0].ads == ("a1", "a2", "a3")
    assert "handle:bluelotus_hr" in nets[0].contacts and "phone:+66815550101" in nets[0].contacts


def test_errors_are_ignored_by_networks() -> None:
    results = [*_results(), {"id": "bad", "error": "empty ad (no text)"}]
    assert networks(results)[0].ads == ("a1", "a2", "a3")


def test_ftm_user_accounts_and_links_are_valid() -> None:
    proxies = list(to_ftm(_results()))
    by_schema: dict[str, list[Any]] = {}
    for p in proxies:
        by_schema.setdefault(p.schema.name, []).append(p)
        model.get_proxy(p.to_dict())  # round-trips through the FtM model
    accounts = by_schema["UserAccount"]
    handles = [a for a in accounts if "bluelotus_hr" in a.get("username")]
    assert len(handles) == 1 and handles[0].get("service") == ["telegram"]
    phones = [a for a in accounts if a.get("phone")]
    assert len(phones) == 1
    assert len({a.id for a in accounts}) == len(accounts)
    links = by_schema["Documentation"]
    linked_docs = {link.get("document")[0] for link in links if link.get("entity")[0] == handles[0].id}
    assert len(linked_docs) == 2
    assert len(by_schema["Document"]) == 4
