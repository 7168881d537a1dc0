"""A lead case a headline prints with its "In re" litigation is a member of that litigation (rc22)."""


def test_a_lead_case_a_headline_prints_with_its_in_re_litigation_is_its_member(extract):
    """"In re Mosaic LLM Litigation (O'Nan v. Databricks)" over a text that tells O'Nan v. Databricks: a member of
    the litigation (whose judge, named for the member, the litigation's record takes: test_case_records)."""
    body = ("A group of authors, including Stewart O\u2019Nan and Abdi Nazemian, sued Databricks, alleging the company "
            "used the Books3 dataset to train its models. Judge Breyer denied both motions to dismiss.")
    x = extract(body, title="In re Mosaic LLM Litigation (O'Nan v. Databricks): copyright and AI training",
                kind="blog")
    assert [(c.caption, c.judge) for c in x.cases] == [("O'Nan v. Databricks", "Breyer")]
    assert [(r.kind, r.other) for r in x.cases[0].relations] == [("member_of", "In re Mosaic LLM Litigation")]
    x = extract("IN RE: MOSAIC LLM LITIGATION\n\nThis Document Relates To: 3:23-cv-03417\n\n" + body,
                title="In re Mosaic LLM Litigation (O'Nan v. Databricks) — Order", kind="order")
    assert len(x.cases) == 2, "an order that prints the In re caption is the litigation's, for its member"
