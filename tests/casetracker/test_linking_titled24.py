"""A caption side that names an office in full beats the tagger's shorter cut of it (linking._party_for)."""
from casetracker import linking
from ingest.nlp import types as nlp


def _px(name, kind="company"):
    return nlp.PartyX(name=name, kind=kind, surface_forms=[name])


def test_a_side_naming_an_office_in_full_is_the_party_not_the_taggers_cut():
    x = nlp.Extraction(parties=[_px("UK Information"), _px("Clearview AI")])
    px = linking._party_for("UK Information Commissioner", x)
    assert px is not None and px.name == "UK Information Commissioner" and px.gazetteer_id is None


def test_a_longer_headline_side_still_takes_the_party_it_holds():
    x = nlp.Extraction(parties=[_px("Palantir")])
    assert linking._party_for("Palantir Gets Partial Win", x).name == "Palantir"
