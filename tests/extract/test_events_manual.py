"""PLOVER types read from the modes and ambiguities of the manual's chapter 3 (events_en.yaml): concessions to
demands, reparations, cordons and withheld services, observers let in or withdrawn, talks broken off; and the
common news phrasings of each type."""

from __future__ import annotations

import pytest

import sitrep


@pytest.mark.parametrize(
    "text, type_, mode",
    [
        ("Pakistan finally acceded to the demands of the striking doctors on Tuesday.", "CONCEDE", None),
        ("Germany paid reparations to the families of the victims.", "AID", None),
        ("Kenyan police have cordoned off the city centre.", "COERCE", "restrict"),
        ("Israel cut off electricity to the Gaza Strip on Monday.", "COERCE", "withhold"),
        ("Iraq allowed UN weapons inspectors into the presidential sites.", "RETREAT", "access"),
        ("The European Union withdrew its election observers from Zimbabwe.", "SANCTION", "withdraw"),
        ("The rebels abandoned the negotiations with the government on Friday.", "SANCTION", "discontinue"),
    ],
)
def test_events_acts_of_the_manuals_modes(text: str, type_: str, mode: str | None) -> None:
    _assert_coded(text, type_, mode)


@pytest.mark.parametrize(
    "text, type_, mode",
    [
        ("Ghana and Togo restored their diplomatic ties on Monday.", "SUPPORT", None),
        ("Foreign Minister Lavrov reiterated his support for the peace plan.", "SUPPORT", None),
        ("Prime Minister Modi received a delegation from Japan on Tuesday.", "CONSULT", None),
        ("Venezuela quit the regional trade pact in March.", "SANCTION", "withdraw"),
        ("Governor Ryan commuted the death sentences of six prisoners.", "CONCEDE", None),
        ("Nepal's Maoists called a bandh in Kathmandu on Sunday.", "PROTEST", "strike"),
        ("Kenyan police harassed journalists in Nairobi on Monday.", "COERCE", "restrict"),
    ],
)
def test_events_words_the_manuals_definitions_name(text: str, type_: str, mode: str | None) -> None:
    _assert_coded(text, type_, mode)


@pytest.mark.parametrize(
    "text, type_, mode",
    [
        ("Opposition parties in Kenya rallied behind President Kibaki on Monday.", "SUPPORT", None),
        ("The European Union unfroze the assets of the former ministers.", "CONCEDE", None),
        ("The World Bank disbursed $200 million to Kenya last week.", "AID", None),
        ("Japan extended a $500 million loan to Indonesia.", "AID", None),
        ("King Gyanendra abdicated in favour of his son.", "RETREAT", None),
        ("Iraq returned the bodies of 20 Iranian soldiers.", "RETREAT", None),
        ("The Secretary-General encouraged both sides to return to the negotiating table.", "REQUEST", None),
        ("Prime Minister Sharif lambasted India for blocking the talks.", "ACCUSE", None),
        ("Iran brushed aside calls for an inquiry.", "REJECT", None),
        ("Russia blocked the resolution in the Security Council.", "REJECT", None),
        ("Hamas swore revenge for the death of its leader.", "THREATEN", "violence"),
        ("The Taliban vowed to crush the new government.", "THREATEN", "violence"),
        ("Ecuador and Peru settled their border dispute in 1998.", "AGREE", None),
        ("The United States curtailed its aid to Guatemala.", "SANCTION", "discontinue"),
        ("The Pentagon bolstered its forces in the Gulf.", "MOBILIZE", "troops"),
        ("North Korea tested a ballistic missile on Tuesday.", "MOBILIZE", "weapons"),
        ("Police searched the homes of three opposition activists.", "COERCE", "seize"),
        ("The Supreme Court dissolved the opposition party.", "COERCE", "restrict"),
        ("The OSCE sent 500 observers to Ukraine for the elections.", "AID", None),
        ("Pakistan closed its airspace to Indian flights.", "SANCTION", "discontinue"),
    ],
)
def test_events_common_news_phrasings_of_each_type(text: str, type_: str, mode: str | None) -> None:
    _assert_coded(text, type_, mode)


def _assert_coded(text: str, type_: str, mode: str | None) -> None:
    """An event of ``type_`` (and ``mode``, when given) is among those sitrep finds in ``text``."""
    doc = sitrep.analyze(text, published="2024-05-15")
    found = [(ev.type, ev.mode) for ev in doc.events]
    assert any(t == type_ and (mode is None or m == mode) for t, m in found), found
