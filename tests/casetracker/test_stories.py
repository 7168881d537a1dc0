from pathlib import Path

import pytest

from casetracker import stories
from tests.casetracker.factories import DocumentFactory

pytestmark = pytest.mark.django_db
SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt"))


def test_rewrites_of_one_verge_story_form_one_cluster_and_other_articles_stay_apart():
    docs = [DocumentFactory(text=p.read_text(), title=p.stem) for p in SAMPLES]
    for doc in docs:
        stories.assign(doc)
    for doc in docs:
        doc.refresh_from_db()
    verge = {docs[0].story_id, docs[1].story_id, docs[2].story_id}
    assert len(verge) == 1 and None not in verge
    assert docs[3].story_id is None and docs[4].story_id is None


def test_a_syndicated_copy_joins_through_lsh_bands():
    text = SAMPLES[3].read_text()
    a = DocumentFactory(text=text)
    b = DocumentFactory(text="Republished with permission.\n" + text.replace("bombshell", "surprise"))
    stories.assign(a)
    assert stories.assign(b) is not None
    a.refresh_from_db()
    assert a.story_id == b.story_id


def test_same_credited_source_but_another_topic_is_not_the_same_story():
    a = DocumentFactory(text="Source: The Verge\nApple unveiled a new iPhone with a faster chip and a better camera.")
    b = DocumentFactory(text="Source: The Verge\nA court ruled on Thursday in a copyright case over song lyrics.")
    stories.assign(a)
    assert stories.assign(b) is None


def test_attribution():
    assert stories.attribution("AI-processed from The Verge; edited by Hamidun News") == "the verge"
    assert stories.attribution("xAI partly used OpenAI models via distillation") == ""


def test_the_database_scores_candidates_exactly_as_datasketch_does():
    from django.db.models.expressions import RawSQL

    from casetracker.models import Document

    texts = [p.read_text() for p in SAMPLES]
    docs = [DocumentFactory(text=t) for t in texts]
    for doc in docs:
        stories.assign(doc)
    probe = stories.signature(texts[0])
    scored = dict(Document.objects.annotate(sim=RawSQL(stories._JACCARD_SQL, ([int(v) for v in probe.hashvalues],)))
                  .values_list("pk", "sim"))
    for doc, text in zip(docs, texts):
        assert scored[doc.pk] == probe.jaccard(stories.signature(text))
    assert scored[docs[0].pk] == 1.0 and 0 < scored[docs[1].pk] < 1
