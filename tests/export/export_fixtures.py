"""Hand-written reports and extractions (invented names, places and figures) for export tests."""

from __future__ import annotations

from ringscope.model import Claim, Entity, Extraction, Mention, Report, Route

TEXT_A = (
    "Police Colonel Arvid Nettle said on Monday that 140 people were freed from the Silver Fern compound "
    "in Myanmar during Operation Tin Lantern. Among them were 32 Kenyans. The Harbour Police Agency (HPA) "
    "seized US$2.5 million. A victim, Tomas Reed, described beatings."
)
TEXT_B = (
    "Colonel Arvid Nettlé told reporters that between 1,200 and 1,500 people are still held in Myanmar, "
    "and the HPA estimates the compounds earn about $3 billion a year."
)


def _mention(text: str, surface: str) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), surface)


def _entity(text: str, type_: str, name: str, *surfaces: str, **fields: object) -> Entity:
    mentions = [_mention(text, s) for s in (surfaces or (name,))]
    return Entity(type=type_, name=name, mentions=mentions, **fields)  # type: ignore[arg-type]


def _claim(text: str, quote: str, measure: str, value: float | None, **fields: object) -> Claim:
    start = text.index(quote)
    low = fields.pop("low", value)
    high = fields.pop("high", value)
    return Claim(
        measure=measure,
        value=value,
        low=low,  # type: ignore[arg-type]
        high=high,  # type: ignore[arg-type]
        quote=quote,
        start=start,
        end=start + len(quote),
        **fields,  # type: ignore[arg-type]
    )


def report_a() -> tuple[Report, Extraction]:
    report = Report(
        text=TEXT_A,
        source="Lantern Gazette",
        url="https://example.org/lantern-gazette/silver-fern",
        published="2026-02-10",
        title="140 freed from Silver Fern compound",
    )
    extraction = Extraction(
        entities=[
            _entity(TEXT_A, "Person", "Arvid Nettle", roles=["Police Colonel"]),
            _entity(TEXT_A, "Compound", "Silver Fern compound", country="MM"),
            _entity(TEXT_A, "Location", "Myanmar", country="MM", lat=21.0, lon=96.0),
            _entity(TEXT_A, "Operation", "Operation Tin Lantern"),
            _entity(
                TEXT_A,
                "Organization",
                "Harbour Police Agency",
                "Harbour Police Agency",
                "HPA",
                aliases=["HPA"],
                country="MM",
            ),
            _entity(TEXT_A, "Person", "Tomas Reed", roles=["victim"]),
        ],
        claims=[
            _claim(
                TEXT_A,
                "140 people were freed",
                "victims_rescued",
                140.0,
                qualifier="exact",
                unit="people",
                location="MM",
                speaker="Arvid Nettle",
                date="2026-02-09",
            ),
            _claim(
                TEXT_A,
                "US$2.5 million",
                "seized",
                2_500_000.0,
                qualifier="exact",
                unit="currency",
                currency="USD",
                speaker="Tomas Reed",
            ),
        ],
        routes=[
            Route(
                origin="KE",
                destination="MM",
                quote="32 Kenyans",
                start=TEXT_A.index("32 Kenyans"),
                end=TEXT_A.index("32 Kenyans") + len("32 Kenyans"),
                count=32,
            )
        ],
    )
    return report, extraction


def report_b() -> tuple[Report, Extraction]:
    report = Report(text=TEXT_B, source="Delta Courier", url=None, published="2026-02-12", title=None)
    extraction = Extraction(
        entities=[
            _entity(TEXT_B, "Person", "Arvid Nettlé", roles=["Colonel"]),
            _entity(TEXT_B, "Location", "Myanmar", country="MM"),
            _entity(TEXT_B, "Organization", "HPA"),
        ],
        claims=[
            _claim(
                TEXT_B,
                "between 1,200 and 1,500 people are still held",
                "people_trafficked",
                None,
                low=1200.0,
                high=1500.0,
                qualifier="range",
                unit="people",
                location="MM",
            ),
            _claim(
                TEXT_B,
                "about $3 billion a year",
                "criminal_proceeds",
                3e9,
                qualifier="about",
                unit="currency",
                currency="USD",
                period="year",
            ),
        ],
    )
    return report, extraction


def items() -> list[tuple[Report, Extraction]]:
    return [report_a(), report_b()]
