"""The learned party / party_role decisions: candidates and features on hand-built Docs, labelers on gold lines."""
from spacy.tokens import Doc

from ingest.nlp import learn, parties
from ingest.nlp.lawsuits import Roles
from ingest.nlp.mentions import Mention, MentionList


def test_labelers_read_the_gold_as_the_scorer_matches():
    gold = {"parties": [{"name": "OpenAI, Inc.", "role": "defendant"}, {"name": "Elon Musk", "role": "plaintiff"},
                        {"name": "Microsoft", "role": "other"}]}
    assert learn.LABELERS["party"]({"name": "OpenAI"}, gold) is True
    assert learn.LABELERS["party"]({"name": "Susman Godfrey LLP"}, gold) is False
    assert learn.LABELERS["party_role"]({"name": "Musk"}, gold) == "plaintiff"
    assert learn.LABELERS["party_role"]({"name": "Microsoft Corp."}, gold) == "other"
    assert learn.LABELERS["party_role"]({"name": "Google"}, gold) is None


def _hand_built(blank_nlp):
    words = ["OpenAI", "sued", "Musk", ".", "Microsoft", "said", "nothing", "."]
    doc = Doc(blank_nlp.vocab, words=words, spaces=[True, True, False, True, True, True, False, False],
              heads=[1, 1, 1, 1, 5, 5, 5, 5], deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "dobj", "punct"],
              pos=["PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "PRON", "PUNCT"],
              lemmas=["OpenAI", "sue", "Musk", ".", "Microsoft", "say", "nothing", "."],
              sent_starts=[True, False, False, False, True, False, False, False])
    starts = [t.idx for t in doc]

    def m(i, name, kind):
        return Mention(start=starts[i], end=starts[i] + len(doc[i].text), tok=i, sent_start=0, sent_end=len(doc.text),
                       name=name, kind=kind, text=doc[i].text, tok_start=i, tok_end=i + 1)
    return doc, MentionList([m(0, "OpenAI", "company"), m(2, "Elon Musk", "person"), m(4, "Microsoft", "company")])


def test_every_proposal_and_every_unproposed_name_is_a_candidate(blank_nlp):
    doc, ms = _hand_built(blank_nlp)
    roles = Roles()
    roles.propose("OpenAI", "plaintiff", "described")
    roles.propose("Elon Musk", "defendant", "described")
    roles.propose("Company", "plaintiff", "role_list")  # no name: dropped before any decision
    recorded: list = []
    with learn.disabled(), learn.recording(recorded):
        parties.decide(doc, ms, roles)
    party = {r["meta"]["name"]: r for r in recorded if r["decision"] == "party"}
    assert set(party) == {"OpenAI", "Elon Musk", "Microsoft"}
    assert party["OpenAI"]["default"] == 1.0 and party["Microsoft"]["default"] == 0.0
    assert party["OpenAI"]["features"]["src=described"] == 1.0
    assert "verb=subj_of:sue" in party["OpenAI"]["features"]
    assert not any("OpenAI" in k or "Musk" in k for r in recorded for k in r["features"])  # never a name
    assert dict(roles) == {"OpenAI": "plaintiff", "Elon Musk": "defendant"}  # the rules' answers stand


def test_a_variant_of_a_proposed_name_is_no_new_candidate(blank_nlp):
    doc, ms = _hand_built(blank_nlp)
    roles = Roles()
    roles.propose("OpenAI, Inc.", "plaintiff", "caption_block")
    roles.propose("Elon Musk", "defendant", "caption_block")
    recorded: list = []
    with learn.disabled(), learn.recording(recorded):
        parties.decide(doc, ms, roles)
    assert {r["meta"]["name"] for r in recorded if r["decision"] == "party"} == {"OpenAI, Inc.", "Elon Musk",
                                                                                  "Microsoft"}
