"""Docket numbers (ingest/nlp/docket_numbers.py, forms in ingest/nlp/patterns/dockets.jsonl). Every form's own
"examples" and "not" lines are run here, so a new form is one pattern line with its examples."""
import re

import pytest

from ingest.nlp import captions, docket_numbers, rules

FORMS = [e for e in rules.load("dockets") if "gate" in e]
EXAMPLES = [(e["id"], text, number) for e in FORMS for text, number in e.get("examples", [])]
NOTS = [(e["id"], text) for e in FORMS for text in e.get("not", [])]


def numbers(text):
    return [d for d, _, _ in docket_numbers.find(text)]


def test_every_form_has_an_example_and_a_known_role_shape():
    assert FORMS
    for e in FORMS:
        assert e.get("examples"), e["id"]
        assert e["gate"] in docket_numbers.GATES, e["id"]
        re.compile(e["regex"])
    assert len({e["id"] for e in FORMS}) == len(FORMS), "form ids are unique"
    for role in ("cue", "reject_cue", "court_context", "caption_context"):
        assert rules.entries("dockets", role), role


@pytest.mark.parametrize("form_id,text,number", EXAMPLES)
def test_form_examples(form_id, text, number):
    assert number in numbers(text), (form_id, numbers(text))


@pytest.mark.parametrize("form_id,text", NOTS)
def test_form_counterexamples(form_id, text):
    assert numbers(text) == [], form_id


@pytest.mark.parametrize("role", ["cue", "reject_cue"])
def test_cue_examples(role):
    pattern = docket_numbers._joined(role)
    for e in rules.entries("dockets", role):
        for example in e.get("examples", []):
            assert pattern.search(example), (role, example)


def test_offsets_point_at_the_number():
    text = "Filed in the Ninth Circuit, No. 24-1963 (9th Cir.), and Case No. 3:24-cv-05417-WHA (N.D. Cal.)."
    for number, start, end in docket_numbers.find(text):
        assert text[start:end] == number


def test_a_number_broken_across_a_line_is_one_number_with_offsets_in_the_text():
    text = "UNITED STATES DISTRICT COURT\nCase No. 3:23-cv-\n   03417-VC\nORDER"
    [(number, start, end)] = docket_numbers.find(text)
    assert number == "3:23-cv-03417-VC"
    assert text[start:end] == "3:23-cv-\n   03417-VC"
    assert text[end:] == "\nORDER"


def test_prefixes_and_initials_are_dropped():
    text = ("C.A. No. 23-135 (GBW); Case No. 23-cv-03417-VC (TSH); Civil Action No. 1:25-cv-1258 (CMH/IDD); "
            "JCCP No. 5431; MDL No. 3047")
    assert numbers(text) == ["23-135", "23-cv-03417-VC", "1:25-cv-1258", "JCCP 5431", "MDL 3047"]


def test_short_numbers_need_a_cue_or_a_caption_line():
    assert numbers("The vote was 24-1963 in the end.") == []
    assert numbers("the Ninth Circuit heard No. 24-1963 today") == ["24-1963"]
    caption = "UNITED STATES COURT OF APPEALS FOR THE NINTH CIRCUIT\n\n24-1963\n\nOPENAI, INC., Plaintiff-Appellee,"
    assert numbers(caption) == ["24-1963"]
    assert numbers("Page 3 of 12\n\n24-1963\n\nMinutes of the meeting") == [], "alone on a line but no court"


def test_entries_exhibits_statutes_and_pages_are_not_dockets():
    text = ("See ECF No. 176-3 at 12-1234; Dkt. No. 362-3; Exhibit No. 24-1963; Pub. L. No. 105-304; "
            "U.S. Patent No. 10,123,456; 17 U.S.C. § 1202; Tel. (415) 268-7000; dated 01-15-2021 and 2022-02-14; "
            "Interrogatory No. 11-1234; pp. 1234-1250.")
    assert numbers(text) == []


def test_a_list_after_one_cue():
    assert numbers("Thaler v. Perlmutter, Nos. 23-5233, 23-5234 & 23-5235 (D.C. Cir.)") == [
        "23-5233", "23-5234", "23-5235"]
    assert numbers("Case Nos. 23-cv-03223-AMO, 23-cv-03416-AMO") == ["23-cv-03223-AMO", "23-cv-03416-AMO"]


def test_each_number_once_compared_without_case_or_spaces():
    text = "Case No. 3:22-CV-01462-VC ... Case No. 3:22-cv-01462-VC ... 23-cv-3223 and 23-cv-03223"
    assert numbers(text) == ["3:22-CV-01462-VC", "23-cv-3223", "23-cv-03223"]


def test_captions_dockets_delegates():
    text = "Case No. 2:14-cv-646-FtM-29CM; Gwinnett County, State of Georgia, No. 23-A-04860-2."
    assert captions.dockets(text) == docket_numbers.find(text)
    assert [d for d, _, _ in captions.dockets(text)] == ["2:14-cv-646-FtM-29CM", "23-A-04860-2"]
