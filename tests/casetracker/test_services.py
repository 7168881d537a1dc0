from pathlib import Path

import pytest

from casetracker import services, writes
from casetracker.models import Alias, Allegation, Correction, Evidence, Mention, Party, Quote
from ingest.nlp import types as nlp
from tests.casetracker.factories import DocumentFactory, party, span

pytestmark = pytest.mark.django_db

TEXT = ("Elon Musk testified that xAI used OpenAI's models to train Grok. "
        "Musk said: “It is standard practice to use other AIs to validate your AI.” "
        "Anthropic accused DeepSeek of distilling Claude.")


def extraction(text=TEXT):
    return nlp.Extraction(
        parties=[party(text, "Elon Musk", "person", surface="Elon Musk", gid="elon-musk"),
                 party(text, "xAI", gid="xai"), party(text, "OpenAI", gid="openai"),
                 party(text, "Anthropic", gid="anthropic"), party(text, "DeepSeek", gid="deepseek"),
                 party(text, "Grok", "model", gid="grok", owner="xAI")],
        quotes=[nlp.QuoteX(text="It is standard practice to use other AIs to validate your AI.", speaker="Elon Musk",
                           cue="said", evidence=[span(text, "It is standard practice")])],
        allegations=[
            nlp.AllegationX(accused="xAI", teacher="OpenAI", student="Grok", status="admitted",
                            evidence=[span(text, "xAI used OpenAI's models to train Grok")]),
            nlp.AllegationX(accused="DeepSeek", accuser="Anthropic", teacher="Claude", status="alleged",
                            evidence=[span(text, "accused DeepSeek of distilling Claude")]),
        ],
        is_ai_litigation=True, extractor_version="test-1",
    )


def test_record_writes_every_fact_with_its_evidence():
    doc = DocumentFactory(text=TEXT)
    services.extraction_record(document=doc, extraction=extraction())

    quote = Quote.objects.get()
    assert quote.speaker.name == "Elon Musk"
    assert doc.text[quote.evidence.start:quote.evidence.end].startswith("It is standard practice")
    assert "Musk said" in quote.evidence.sentence
    admitted = Allegation.objects.get(status="admitted")
    assert (admitted.accused.name, admitted.teacher.name, admitted.student.name) == ("xAI", "OpenAI", "Grok")
    assert Allegation.objects.get(status="alleged").accuser.name == "Anthropic"
    assert Party.objects.get(name="Grok").owner.name == "xAI"
    assert Mention.objects.filter(document=doc).count() == 6
    assert not Quote.objects.filter(evidence__isnull=True).exists()
    assert all(e.sentence for e in Evidence.objects.all())
    doc.refresh_from_db()
    assert doc.is_ai_litigation and doc.extractor_version == "test-1"


def test_same_entity_across_documents_is_one_party():
    for text in (TEXT, TEXT + " More."):
        services.extraction_record(document=DocumentFactory(text=text), extraction=extraction(text))
    assert Party.objects.filter(name="Elon Musk").count() == 1
    assert Party.objects.filter(name="OpenAI").count() == 1


def test_aliases_resolve_to_the_party_and_generic_words_are_not_aliases():
    musk = services.party_get_or_create(name="Elon Musk", kind="person", aliases=["Musk", "the billionaire", "he"])
    assert set(Alias.objects.filter(party=musk).values_list("name", flat=True)) == {"Elon Musk", "Musk"}
    assert services.party_find(name="Musk") == musk
    assert services.party_find(name="MUSK") == musk


def test_merge_moves_facts_and_survives_new_extractions():
    doc = DocumentFactory(text=TEXT)
    services.extraction_record(document=doc, extraction=extraction())
    openai = Party.objects.get(name="OpenAI")
    dup = services.party_get_or_create(name="OAI Global LLC", kind="company")
    assert dup != openai
    services.party_merge(source=dup, target=openai)
    assert services.party_find(name="OAI Global LLC") == openai
    # a later extraction naming the merged name lands on the target
    assert services.party_get_or_create(name="OAI Global LLC") == openai


def test_rejected_fact_stays_rejected_after_reextraction():
    doc = DocumentFactory(text=TEXT)
    services.extraction_record(document=doc, extraction=extraction())
    wrong = Allegation.objects.get(accused__name="DeepSeek")
    services.fact_reject(fact=wrong, note="teacher not in text")
    assert Correction.objects.count() == 1

    services.document_clear_facts(document=doc)
    assert not Allegation.objects.exists()
    services.extraction_record(document=doc, extraction=extraction())
    assert Allegation.objects.get(accused__name="DeepSeek").rejected is True
    assert Allegation.objects.get(accused__name="xAI").rejected is False


def test_a_failure_inside_record_leaves_no_half_written_facts(monkeypatch):
    doc = DocumentFactory(text=TEXT)
    from casetracker import linking

    def boom(**kwargs):
        raise RuntimeError("linking failed")

    monkeypatch.setattr(linking, "link_document", boom)
    with pytest.raises(RuntimeError):
        services.extraction_record(document=doc, extraction=extraction())
    assert not Quote.objects.exists() and not Allegation.objects.exists() and not Evidence.objects.exists()


def test_fuzzy_names_join_organisations_but_never_people():
    openai = services.party_get_or_create(name="OpenAI", kind="company")
    assert services.party_get_or_create(name="Open AI", kind="company") == openai
    assert services.party_get_or_create(name="OpenAI Inc.", kind="company") == openai
    anthropic = services.party_get_or_create(name="Anthropic PBC", kind="company")
    assert services.party_get_or_create(name="Antropic", kind="company") == anthropic
    elon = services.party_get_or_create(name="Elon Musk", kind="person", aliases=["Musk"])
    kimbal = services.party_get_or_create(name="Kimbal Musk", kind="person")
    assert kimbal != elon
    assert services.party_get_or_create(name="Mr. Musk", kind="person") == elon
    assert services.party_get_or_create(name="Elon Musks", kind="person") != elon  # no fuzzy match for people


@pytest.mark.django_db(transaction=True)
def test_party_cache_never_remembers_a_rolled_back_party():
    from django.db import transaction

    doc = DocumentFactory(text=TEXT)
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            services.extraction_record(document=doc, extraction=extraction())
            raise RuntimeError("the outer ingest transaction fails after recording")
    assert not Party.objects.exists()
    services.extraction_record(document=doc, extraction=extraction())  # no dangling cached party id
    assert Party.objects.filter(name="OpenAI").count() == 1
    other = DocumentFactory(text=TEXT + " Again.")
    services.extraction_record(document=other, extraction=extraction(TEXT + " Again."))  # served from the cache
    assert Party.objects.filter(name="OpenAI").count() == 1
    assert Mention.objects.filter(document=other, party__name="OpenAI").exists()


# --------------------------------------------------------------------------- the transaction's collector
DOCKET = Path(__file__).resolve().parents[1] / "ingest" / "assets" / "courtlistener_docket_musk_v_openai.json"


def test_a_docket_json_leaves_its_case_and_parties_searchable(capsys):
    """Regression: dockets marked rows dirty in a module-global set that recording the extraction cleared,
    so the case and its parties kept NULL vectors and "Altman" found no "Musk v. Altman"."""
    from django.core.management import call_command

    from casetracker.models import Case, CaseParty
    from casetracker.search import search

    call_command("ingest", str(DOCKET), "--no-progress")
    case = Case.objects.get(case_name="Musk v. Altman")
    assert case.search_vector is not None
    parties = Party.objects.filter(pk__in=CaseParty.objects.filter(case=case).values("party_id"))
    assert parties.count() >= 4 and not parties.filter(search_vector__isnull=True).exists()
    found = search("Altman", types={"case", "party"}).hits
    assert case in [h.obj for h in found if h.type == "case"]
    altman = parties.get(aliases__name="Samuel Altman")  # the docket's name, the gazetteer's Sam Altman
    assert altman in [h.obj for h in found if h.type == "party"]


def test_writers_share_one_collector_and_refresh_once_when_the_outermost_ends():
    doc = DocumentFactory(text=TEXT)
    with writes.atomic() as outer:
        with writes.atomic() as inner:
            assert inner is outer is writes.pending()
        services.extraction_record(document=doc, extraction=extraction())  # a nested writer
        assert writes.pending() is outer
        assert set(outer.marked("parties")) == set(Party.objects.values_list("pk", flat=True))
        assert doc.pk in outer.marked("documents") and outer.marked("quotes") and outer.marked("allegations")
        assert not Party.objects.filter(search_vector__isnull=False).exists()  # nothing refreshed yet
        assert outer.flushes == 0
    assert outer.flushes == 1
    assert not Party.objects.filter(search_vector__isnull=True).exists()
    assert not Quote.objects.filter(search_vector__isnull=True).exists()
    doc.refresh_from_db()
    assert doc.search_vector is not None


def test_a_failed_writer_leaves_nothing_pending_for_the_next_one():
    doc = DocumentFactory(text=TEXT)
    with pytest.raises(RuntimeError):
        with writes.atomic() as failed:
            failed.mark("parties", 123456)
            services.extraction_record(document=doc, extraction=extraction())
            raise RuntimeError("the ingest transaction fails")
    assert not Party.objects.exists()
    with pytest.raises(RuntimeError, match="no writer is open"):
        writes.pending()
    with writes.atomic() as nxt:
        assert nxt is not failed and not any(nxt.marked(kind) for kind in writes.KINDS)


def test_a_nested_writer_that_fails_drops_only_its_own_marks():
    with writes.atomic() as outer:
        outer.mark("cases", 1)
        try:
            with writes.atomic() as inner:
                inner.mark("cases", [1, 2])
                inner.mark("parties", 3)
                raise ValueError("rolled back to its savepoint")
        except ValueError:
            pass
        assert (outer.marked("cases"), outer.marked("parties")) == ([1], [])


def test_marking_outside_a_writer_is_an_error():
    with pytest.raises(RuntimeError, match="no writer is open"):
        writes.pending().mark("parties", 1)


def test_merging_parties_refreshes_what_holds_the_old_name():
    doc = DocumentFactory(text=TEXT)
    services.extraction_record(document=doc, extraction=extraction())
    xai = Party.objects.get(name="xAI")
    dup = services.party_get_or_create(name="X.AI Holdings Corp", kind="company")
    services.party_merge(source=dup, target=xai)
    xai.refresh_from_db()
    from casetracker.search import search

    assert xai in [h.obj for h in search("Holdings", types={"party"}).hits]


def test_fuzzy_organisation_match_breaks_ties_by_the_older_party():
    # two organisations equally near the name: the one recorded first wins, whatever order the rows lie in
    # (the candidates were sorted by similarity alone, and a replay could name a plaintiff differently)
    for first, second, asked in (("Gadgetworks Holdings Northx", "Gadgetworks Holdings Northy", "Gadgetworks Holdings Northz"),
                                 ("Paperclip Media Groupsx", "Paperclip Media Groupsy", "Paperclip Media Groupsq")):
        later = Party.objects.create(id=9_000_000 + len(asked), name=second, kind="company", slug=second.lower())
        older = Party.objects.create(id=1_000_000 + len(asked), name=first, kind="company", slug=first.lower())
        for p in (later, older):
            Alias.objects.create(party=p, name=p.name, normalized=services._name_key(p.name))
        assert services.party_find(name=asked, kind="company") == older
