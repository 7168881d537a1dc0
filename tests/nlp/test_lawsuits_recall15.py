"""Suits the rules read wrong or not at all before (session 13, recall on the old corpus)."""
from ingest.nlp import pipeline


def _captions(x):
    return [c.caption for c in x.cases]


def test_a_suit_against_a_company_doing_business_under_a_trade_name_names_its_legal_name(extract):
    x = extract("On October 15, 2025, a group of musicians including David Woulard, Stan and James Burjek, Berk "
                "Ergoz, Hamza Jilani, Maatkara Wilson, Arjun Singh, Magnus Fiennes, and Michael Mell filed a class "
                "action in federal court against Uncharted Labs, Inc. (d/b/a Udio).")
    assert "Woulard v. Uncharted Labs" in _captions(x), _captions(x)
    y = extract("A group of musicians filed a class action against Udio in federal court. David Woulard sued Udio.")
    assert "Woulard v. Udio" in _captions(y), _captions(y)  # (the trade name alone: the case is named by it)


TRANSCRIPT = ("[00:00:00] Speaker 04: May it please the court, Jesse Pannuccio, for appellants. [00:00:09] Speaker 04: "
              "This interlocutory appeal presents the certified question of whether the DMCA imposes an identity "
              "requirement despite the statutory text having no such language. [00:00:21] Speaker 04: Defendants "
              "argued repeatedly below for a strict identity requirement. [00:00:26] Speaker 04: The district court "
              "agreed, but appellees now concede that was error.")


def test_an_appellate_transcript_that_names_no_court_is_the_appeal_and_the_case_below():
    x = pipeline.extract(TRANSCRIPT, kind="transcript",
                         title="Doe et al. v. GitHub, Inc. et al., No. 24-7700 — appellate oral argument transcript "
                               "(opening)")
    assert [(c.caption, c.docket_numbers) for c in x.cases] == [("Doe v. GitHub, Inc", ["24-7700"]),
                                                               ("Doe v. GitHub, Inc", [])], _captions(x)
    appeal, trial = x.cases
    assert [r.kind for r in appeal.relations] == ["appeal_of"]
    assert any(ev.case == 1 and ev.stage == "appeal" and ev.status == "on_appeal" for ev in x.events)


def test_a_paper_that_names_no_court_and_no_appeal_of_its_own_is_one_case():
    x = pipeline.extract("The district court granted the motion. Plaintiffs will appeal.", kind="filing",
                         title="Doe et al. v. GitHub, Inc. et al., No. 24-7700 — status report")
    assert len(x.cases) == 1, _captions(x)


def test_who_failed_to_prove_the_other_s_infringement_sued_it(extract):
    x = extract("A federal appeals court has rejected a copyright lawsuit that claimed Nickelback ripped off its 2006 "
                "hit. Upholding a judge’s decision last year that tossed the case, the U.S. Court of Appeals for the "
                "Fifth Circuit ruled Monday that Kirk Johnston had not even come close to proving that Nickelback "
                "infringed his earlier song when it released “Rockstar.”")
    assert "Johnston v. Nickelback" in _captions(x), _captions(x)
    y = extract("The lawsuit was filed in March. A study proved that the model copied songs, Kirk Johnston said.")
    assert not any("Johnston v." in c for c in _captions(y)), _captions(y)
