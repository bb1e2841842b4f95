from ringscope.screen.contacts import find_contacts, normalise_phone, normalise_url


def test_handles_phones_emails_urls_normalised() -> None:
    text = ("Message HR on Telegram: @Sunny_Desk77 or t.me/sunny_backup. WhatsApp +855 12 345 678. "
            "Mail Careers@Example-Firm.org or see https://www.Example-Firm.org/jobs/. WeChat ID: lotus_hr88")
    got = {(c.kind, c.value, c.service) for c in find_contacts(text)}
    assert ("handle", "sunny_desk77", "telegram") in got
    assert ("handle", "sunny_backup", "telegram") in got
    assert ("phone", "+85512345678", "whatsapp") in got
    assert ("email", "careers@example-firm.org", None) in got
    assert ("url", "example-firm.org/jobs", None) in got
    assert ("handle", "lotus_hr88", "wechat") in got


def test_quotes_are_exact_spans() -> None:
    text = "Call +44 20 7946 0000 or write to a.b@example.net today"
    for c in find_contacts(text):
        assert text[c.start:c.end] == c.quote


def test_unlabelled_words_after_service_names_are_not_handles() -> None:
    assert find_contacts("Contact us on WhatsApp today, we reply fast.") == []
    assert find_contacts("Stand in line for the next bus.") == []


def test_wa_me_link_is_a_phone() -> None:
    (c,) = find_contacts("apply: wa.me/66812345678")
    assert (c.kind, c.value, c.service) == ("phone", "+66812345678", "whatsapp")


def test_normalisers() -> None:
    assert normalise_phone("0044 (20) 7946-0000") == "+442079460000"
    assert normalise_phone("12 34") is None
    assert normalise_url("HTTPS://WWW.Example.COM/Path/") == "example.com/Path"
