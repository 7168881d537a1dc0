"""A suit a text sets beside the one its headline tells is another suit (st23)."""


def test_a_suit_set_beside_the_headlines_is_not_the_headlines(extract):
    text = ("MUNICH \u2014 Rights holders have won the first European ruling on AI and song lyrics. On Nov. 11, a Munich "
            "court ruled that OpenAI's chatbot infringed copyrights in lyrics that GEMA manages. The court ordered "
            "OpenAI to pay damages.\nThis is one of two lawsuits GEMA brought in 2024 and 2025 \u2013 the other being "
            "its case against Suno.")
    x = extract(text, kind="news", title="GEMA wins lyrics copyright case against OpenAI")
    other = [n for n, c in enumerate(x.cases) if "Suno" in c.defendants]
    assert other and not any("OpenAI" in x.cases[n].defendants for n in other), \
        [(c.caption, c.defendants) for c in x.cases]
    assert any("OpenAI" in c.defendants for c in x.cases)
    assert not any(e.status == "judgment_plaintiff" and (e.case or 0) in other for e in x.events), \
        [(e.case, e.stage, e.status) for e in x.events]
