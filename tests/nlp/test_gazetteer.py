from ingest.nlp import gazetteer


def test_every_entry_is_well_formed():
    entries = gazetteer.load()
    assert len(entries) > 200
    names = {e.name for e in entries.values()}
    for e in entries.values():
        assert e.kind in gazetteer.KINDS
        assert e.sources, e.id
        if e.kind == "model":
            assert e.owner in names, f"{e.id}: owner {e.owner} is not an entry"
        if e.role in ("judge", "lawyer", "outlet") or e.kind == "court":
            assert not e.litigant


def test_aliases_point_to_one_entity():
    seen = {}
    for e in gazetteer.load().values():
        for a in (e.name, *e.aliases):
            assert seen.setdefault(a, e.id) == e.id, f"{a!r} is an alias of {seen[a]} and {e.id}"


def test_models_and_owners():
    assert gazetteer.lookup("Grok").owner == "xAI"
    assert gazetteer.lookup("ChatGPT").owner == "OpenAI"
    assert gazetteer.lookup("Claude").owner == "Anthropic"
    assert gazetteer.lookup("Kimi").owner == "Moonshot"
    assert gazetteer.lookup("the ChatGPT maker").name == "OpenAI"
    assert gazetteer.lookup("Mr. Musk").name == "Elon Musk"


def test_ruler_finds_what_the_bare_model_misses(blank_nlp):
    doc = blank_nlp("Musk said xAI trained Grok; Moonshot AI and the ChatGPT maker disagreed.")
    found = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("xAI", "ORG", "xai") in found
    assert ("Grok", "PRODUCT", "grok") in found
    assert ("Moonshot AI", "ORG", "moonshot") in found
    assert ("the ChatGPT maker", "ORG", "openai") in found
    assert ("Musk", "PERSON", "elon-musk") in found


def test_capitalised_names_of_court_captions(blank_nlp):
    doc = blank_nlp("PAUL TREMBLAY, et al., Plaintiffs, v. OPENAI, INC., et al., Defendants.")
    assert any(e.ent_id_ == "openai" for e in doc.ents)
