"""A suit against a regulator's or an office's decision, told without a caption (rec24a, ingest/nlp/reviews.py)."""
import pytest


@pytest.mark.parametrize("text, caption", [
    # a court upholds the regulator's ruling on a company
    ("Acme Vision collected residents' photos from social media. Ontario's Superior Court has upheld a privacy "
     "commissioner's ruling that facial recognition firm Acme Vision must stop collecting images of residents.",
     "Acme Vision v. Privacy Commissioner"),
    # the party takes "this decision" to a court; the regulator is the one an earlier sentence tells acting
    ("In 2020, Jane Doerr applied for a patent naming her software as the inventor. The Austrian Patent Office "
     "rejected the application. Doerr submitted a complaint against this decision, which was sent to the Federal "
     "Patent Court for a ruling.",
     "Doerr v. Austrian Patent Office"),
    # the regulator appeals a tribunal's decision on the company: the regulator leads
    ("The Upper Tribunal has handed down its judgment in the Information Commissioner's appeal against the "
     "First-tier Tribunal decision on Acme Vision. The Commissioner fined Acme Vision in 2022.",
     "Information Commissioner v. Acme Vision"),
    # the text calls the party the plaintiff where the office acts on it, and a court ruled
    ("On March 3, 2025, the Korean Patent Court ruled that machines cannot be inventors. The plaintiff, Dr. Stephen "
     "Thaler, filed an application naming his AI system. The Korean Intellectual Property Office ordered the "
     "plaintiff to amend the application.",
     "Thaler v. Korean Intellectual Property Office"),
])
def test_a_suit_over_a_regulators_decision(extract, text, caption):
    x = extract(text, kind="news")
    assert caption in [c.caption for c in x.cases], [c.caption for c in x.cases]


@pytest.mark.parametrize("text", [
    # a regulator's decision with no court is no case
    "The privacy commissioner ordered Acme Vision to stop collecting images. Acme Vision said it would comply.",
    # a complaint to a regulator is no case
    "Privacy group noyb submitted a complaint against Acme Vision to the Austrian data protection authority.",
    # a suit the text already tells: no second case over the decision
    ("Thaler v. Perlmutter was decided by the D.C. Circuit. Thaler appealed the Copyright Office's refusal to the "
     "district court, which upheld the office's decision."),
])
def test_no_suit_without_a_court_review(extract, text):
    x = extract(text, kind="news")
    assert not any("Office" in c.caption or "Commissioner" in c.caption or "authority" in c.caption.lower()
                   for c in x.cases), [c.caption for c in x.cases]
