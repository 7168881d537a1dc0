import pytest

from casetracker import provenance, services
from casetracker.models import Allegation, Case, StoryCluster
from ingest.nlp import types as nlp
from tests.casetracker.factories import DocumentFactory, party, span

pytestmark = pytest.mark.django_db

NEWS = "Musk sued OpenAI in 2024. OpenAI says xAI distilled its models. Musk admitted xAI did it."
FILING = "OpenAI v. Musk. Defendant Musk denied that xAI distilled OpenAI models."


def record(text, kind="news", status="admitted", plaintiff="Elon Musk", defendant="OpenAI", story=None):
    doc = DocumentFactory(text=text, kind=kind, story=story)
    musk_role = "plaintiff" if plaintiff == "Elon Musk" else "defendant"
    openai_role = "defendant" if musk_role == "plaintiff" else "plaintiff"
    services.extraction_record(document=doc, extraction=nlp.Extraction(
        parties=[party(text, "Elon Musk", "person", role=musk_role, surface="Musk", gid="elon-musk"),
                 party(text, "OpenAI", role=openai_role, gid="openai"), party(text, "xAI", gid="xai")],
        cases=[nlp.CaseX(caption=f"{plaintiff.split()[-1]} v. {defendant.split()[-1]}", plaintiffs=[plaintiff],
                         defendants=[defendant], evidence=[span(text, "OpenAI")])],
        allegations=[nlp.AllegationX(accused="xAI", accuser="OpenAI", teacher="OpenAI", status=status,
                                     evidence=[span(text, "xAI")])],
        is_ai_litigation=True, extractor_version="t"))
    return doc


def test_syndicated_copies_count_once_as_corroboration():
    story = StoryCluster.objects.create(label="Verge story")
    record(NEWS, story=story)
    record(NEWS + " Copy one.", story=story)
    record(NEWS + " Independent.")
    (group,) = provenance.allegation_groups(Allegation.objects.all())
    assert group.source_count == 3 and group.independent == 2
    assert group.value == "admitted" and not group.conflicting


def test_sources_disagreeing_on_roles_and_status_show_both_sides_and_the_court_wins():
    record(NEWS)
    record(FILING, kind="filing", status="denied", plaintiff="OpenAI", defendant="Elon Musk")
    case = Case.objects.get()
    conflicts = {c.kind: c for c in provenance.case_conflicts(case)}
    assert set(conflicts) == {"role", "status"}
    role = conflicts["role"]
    assert {s.value for s in role.sides} == {"plaintiff", "defendant"}
    assert all(s.sources for s in role.sides)
    status = conflicts["status"]
    assert {s.value for s in status.sides} == {"admitted", "denied"}
    assert status.preferred.value == "denied"  # the filing outranks the news report
    (group,) = provenance.allegation_groups(Allegation.objects.all())
    assert group.conflicting and group.value == "denied"
