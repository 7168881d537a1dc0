"""A sentence that speaks of several suits at once gives its case-level facts to each suit it names (session 15;
patterns/case_fields.jsonl, several_suits_cue). Texts written for the tests."""


def _fields(x, caption, field):
    case = next(c for c in x.cases if c.caption == caption)
    return sorted(f.value for f in case.fields if f.field == field)


PAIR = ("A Texas photographer, Maria Okafor, has hit Meta and Midjourney with separate proposed class actions in "
        "federal court, accusing them of copyright infringement for training their image models on her photographs.\n\n"
        "Meta said the suit had no merit. Midjourney did not respond.")


def test_a_pair_of_class_actions_is_each_a_class_action_with_its_cause_and_court(extract):
    x = extract(PAIR, title="Photographer sues Meta and Midjourney", kind="news")
    captions = sorted(c.caption for c in x.cases)
    assert captions == ["Okafor v. Meta", "Okafor v. Midjourney"]
    for caption in captions:
        assert _fields(x, caption, "class_action") == ["true"]
        assert _fields(x, caption, "jurisdiction") == ["us-federal"]
        assert "copyright_infringement" in _fields(x, caption, "cause_of_action")


ONE_OF_TWO = ("Maria Okafor sued Meta in federal court in March, in a proposed class action over its training data. "
              "A month later she sued Midjourney in a Paris court.")


def test_a_sentence_of_one_suit_keeps_its_facts_to_that_suit(extract):
    x = extract(ONE_OF_TWO, title="Photographer sues Meta and Midjourney", kind="news")
    assert _fields(x, "Okafor v. Meta", "class_action") == ["true"]
    assert _fields(x, "Okafor v. Midjourney", "class_action") == []
    assert _fields(x, "Okafor v. Midjourney", "jurisdiction") != ["us-federal"]
