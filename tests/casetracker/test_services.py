import pytest

from casetracker import services
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
