import pytest

from casetracker import services
from ingest.nlp import types as nlp
from tests.casetracker.factories import DocumentFactory, party, span

HOSTILE = ('In a development for the <a href="https://example.com/x” title=”AI”>artificial intelligence industry, '
           "Elon Musk testified that xAI used OpenAI’s models to train Grok. <script>alert(1)</script> "
           "The lawsuit, filed by OpenAI, accuses Musk. Musk said: “Partly.”")


@pytest.fixture
def musk_case(db):
    """One case, two documents (one with raw markup), quotes, an allegation and an event."""
    docs = []
    for i, text in enumerate([HOSTILE, "Elon Musk sued OpenAI. Musk testified on Thursday that xAI used OpenAI "
                                       "models. Anthropic accused DeepSeek of distilling Claude."]):
        doc = DocumentFactory(text=text, title=f"Musk testimony {i}", publisher=["GeekWire", "The Verge"][i])
        extraction = nlp.Extraction(
            parties=[party(text, "Elon Musk", "person", role="plaintiff", surface="Elon Musk", gid="elon-musk"),
                     party(text, "OpenAI", role="defendant", gid="openai"), party(text, "xAI", gid="xai")],
            cases=[nlp.CaseX(caption="Musk v. OpenAI", inferred=True, plaintiffs=["Elon Musk"],
                             defendants=["OpenAI"], evidence=[span(text, "OpenAI")])],
            events=[nlp.EventX(kind="testimony", what="Musk testifies that xAI used OpenAI models",
                               evidence=[span(text, "testified")])],
            allegations=[nlp.AllegationX(accused="xAI", teacher="OpenAI", status="admitted",
                                         evidence=[span(text, "xAI used OpenAI")])],
            is_ai_litigation=True, extractor_version="t")
        if i == 0:
            extraction.quotes = [nlp.QuoteX(text="Partly.", speaker="Elon Musk", cue="said",
                                            evidence=[span(text, "Partly.")])]
        else:
            extraction.parties += [party(text, "Anthropic"), party(text, "DeepSeek")]
            extraction.allegations.append(nlp.AllegationX(accused="DeepSeek", accuser="Anthropic", teacher="Claude",
                                                          evidence=[span(text, "accused DeepSeek")]))
        services.extraction_record(document=doc, extraction=extraction)
        docs.append(doc)
    from casetracker.models import Case

    return Case.objects.get(), docs
