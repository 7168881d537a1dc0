"""Roles and inferred captions from suits described in words (full model: the rules read the parse)."""
import pytest


@pytest.mark.parametrize("text, plaintiffs, defendants, caption", [
    ("Entertainment giants Disney and Universal have filed a lawsuit against AI image generator Midjourney.",
     {"Disney", "Universal"}, {"Midjourney"}, "Disney v. Midjourney"),
    ("Digital media publisher Ziff Davis sued OpenAI in Delaware federal court on Thursday.",
     {"Ziff Davis"}, {"OpenAI"}, "Ziff Davis v. OpenAI"),
    ("The NYT brought the case last year, along with the Daily News LP, targeting OpenAI and Microsoft.",
     {"The New York Times", "Daily News"}, {"OpenAI", "Microsoft"}, "The New York Times v. OpenAI"),
    ("Musk confirmed this at a hearing on his lawsuit against OpenAI.", {"Elon Musk"}, {"OpenAI"}, "Musk v. OpenAI"),
    ("The lawsuit, filed by Reddit in San Francisco Superior Court, accuses Anthropic of scraping.",
     {"Reddit"}, {"Anthropic"}, "Reddit v. Anthropic"),
])
def test_suits_in_words(extract, text, plaintiffs, defendants, caption):
    x = extract(text)
    roles = {p.name: p.role for p in x.parties if p.is_litigant}
    assert {n for n, r in roles.items() if r == "plaintiff"} >= plaintiffs
    assert {n for n, r in roles.items() if r == "defendant"} >= defendants
    assert caption in [c.caption for c in x.cases]


def test_uk_claimants_and_printed_caption(extract):
    x = extract("In Getty Images v. Stability AI, the claimants Getty Images lost most of their case at the High Court.")
    assert x.cases[0].caption == "Getty Images v. Stability AI" and not x.cases[0].inferred
    assert {p.name: p.role for p in x.parties}["Getty Images"] == "plaintiff"


def test_judges_and_outlets_are_not_parties(extract):
    x = extract("U.S. District Judge Sidney Stein refused to dismiss the New York Times lawsuit against OpenAI, "
                "Reuters reported.")
    litigants = {p.name for p in x.parties if p.is_litigant}
    assert "Sidney Stein" not in litigants and "Reuters" not in litigants
    assert {"The New York Times", "OpenAI"} <= litigants
