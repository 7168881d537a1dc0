"""Case families (ingest/nlp/families.py, patterns/relations.jsonl): a relation only to a case the text names."""
from ingest.nlp import captions


def _relations(x):
    return {(c.caption, r.kind, r.other) for c in x.cases for r in c.relations}


def test_consolidated_into_an_in_re_case_makes_a_member(extract):
    x = extract("Silverman v. OpenAI was consolidated into In re OpenAI ChatGPT Litigation, the judge said.")
    assert _relations(x) == {("Silverman v. OpenAI", "member_of", "In re OpenAI ChatGPT Litigation")}
    assert any(c.caption == "In re OpenAI ChatGPT Litigation" for c in x.cases)  # an In re caption is a case


def test_the_case_consolidated_is_the_documents_own(extract):
    x = extract("Paul Tremblay sued OpenAI in Tremblay v. OpenAI. The case was consolidated into In re OpenAI "
                "ChatGPT Litigation last year.")
    assert _relations(x) == {("Tremblay v. OpenAI", "member_of", "In re OpenAI ChatGPT Litigation")}


def test_consolidated_with_a_lead_case(extract):
    x = extract("Silverman v. OpenAI was consolidated with Tremblay v. OpenAI in San Francisco.")
    assert _relations(x) == {("Silverman v. OpenAI", "consolidated_into", "Tremblay v. OpenAI")}


def test_this_document_relates_to_lists_the_members_of_the_mdl(extract):
    x = extract("IN RE OPENAI, INC. COPYRIGHT INFRINGEMENT LITIGATION\n\nThis Document Relates To: Authors Guild v. "
                "OpenAI Inc., No. 1:23-cv-08292; Alter v. OpenAI Inc., No. 1:23-cv-10211\n\nOPINION AND ORDER. The "
                "Authors Guild and other authors sued OpenAI. Alter and the Authors Guild claim infringement.")
    mdl = "In re OpenAI, Inc. Copyright Infringement Litigation"
    assert _relations(x) == {("Authors Guild v. OpenAI Inc", "member_of", mdl), ("Alter v. OpenAI Inc", "member_of", mdl)}


def test_appeal_from_the_district_court_names_the_trial_docket(extract):
    # the appellate caption as printed (its roles "Plaintiffs-Appellants" are no part of a side)
    x = extract("RICHARD KADREY, et al., Plaintiffs-Appellants, v. META PLATFORMS, INC., Defendant-Appellee. No. "
                "25-1234. Appeal from the United States District Court for the Northern District of California, Vince "
                "Chhabria, District Judge, Presiding. D.C. No. 3:23-cv-03417-VC. Kadrey and other authors sued Meta.")
    assert _relations(x) == {("Richard Kadrey v. Meta Platforms", "appeal_of", "3:23-cv-03417-VC")}


def test_refiled_reads_earlier_refiled_as_later(extract):
    x = extract("Programmers sued GitHub in Doe v. GitHub. After Doe v. GitHub was dismissed, the programmers "
                "refiled their claims in state court as Doe v. Microsoft. Microsoft and GitHub deny the claims.")
    assert _relations(x) == {("Doe v. GitHub", "refiled_as", "Doe v. Microsoft")}


def test_a_new_lawsuit_after_the_first_was_dismissed(extract):
    x = extract("The authors filed a new lawsuit after the first was dismissed: Nazemian v. Nvidia was followed by "
                "Dubus v. Nvidia.")
    assert _relations(x) == {("Nazemian v. Nvidia", "refiled_as", "Dubus v. Nvidia")}


def test_a_similar_suit_the_same_day_is_a_companion(extract):
    x = extract("Concord v. Anthropic was filed in Tennessee. The publishers filed a similar lawsuit the same day, "
                "UMG v. Anthropic, in California.")
    assert [(r.kind, r.other) for c in x.cases for r in c.relations] == [("companion_of", "UMG v. Anthropic")]
    assert x.cases[0].caption == "Concord v. Anthropic"


def test_no_relation_to_a_case_the_text_does_not_name(extract):
    x = extract("Musk v. OpenAI was refiled in federal court after Musk dropped the state case. Musk sued OpenAI "
                "and Sam Altman. The case was consolidated with other suits.")
    assert _relations(x) == set()


def test_in_re_captions_are_read_in_capitals_over_lines_and_abbreviated():
    found = captions.explicit("`IN RE:\n`\n`OPENAI, INC.,\n`COPYRIGHT INFRINGEMENT LITIGATION,\n")
    assert [c[0] for c in found] == ["In re OpenAI, Inc., Copyright Infringement Litigation"]
    found = captions.explicit("In re Clearview AI, Inc. Consumer Privacy Litig. Plaintiffs sued Clearview.")
    assert [c[0] for c in found] == ["In re Clearview AI, Inc. Consumer Privacy Litigation"]


def test_an_in_re_precedent_cited_is_no_case():
    assert captions.explicit("as true. In re Elevator Antitrust Litig., 502 F.3d 47, 50 (2d Cir. 2007).") == []


def test_cases_a_sentence_lists_as_siblings_are_companions_each_of_each(extract):
    x = extract("The current cases — Cedric Lacey et al. v. OpenAI Inc., Karen Enneking et al. v. OpenAI Inc., and "
                "Jacob Lee Irwin v. OpenAI Inc. — are filed in the Superior Court of California.")
    def who(caption):
        return next(n for n in ("Lacey", "Enneking", "Irwin") if n in caption)

    rel = {(who(a), who(b)) for a, kind, b in _relations(x) if kind == "companion_of"}
    assert rel == {(a, b) for a in ("Lacey", "Enneking", "Irwin") for b in ("Lacey", "Enneking", "Irwin") if a != b}
    x = extract("Kadrey v. Meta was argued on Monday. Bartz v. Anthropic settled.")
    assert _relations(x) == set()
