"""Linking on real documents: samples/ and the dev set through the real pipeline (issue 5)."""
from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from casetracker import provenance, selectors, services
from casetracker.models import Allegation, Case, Party

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("ingest", str(ROOT / "samples"), str(ROOT / "tests" / "data" / "dev"), "--no-progress")
        yield
        call_command("flush", interactive=False)
        services._Parties.forget()


@pytest.fixture
def data(corpus, db):
    return None


def _case(*names) -> Case:
    qs = Case.objects.all()
    for name in names:
        qs = qs.filter(case_parties__party__name=name)
    cases = sorted(qs.distinct(), key=lambda c: -c.case_documents.count())
    assert cases, f"no case with {names}: {[c.case_name for c in Case.objects.all()]}"
    return cases[0]


def test_three_cases_each_with_several_sources(data):
    musk = _case("Elon Musk", "OpenAI")
    assert musk.case_documents.count() >= 5
    assert _case("The New York Times", "OpenAI").case_documents.count() >= 2
    assert max(_case("Concord", "Anthropic").case_documents.count(),
               _case("Andrea Bartz", "Anthropic").case_documents.count()) >= 2


def test_the_testimony_is_one_event_with_its_sources_and_undated_events_stay_apart(data):
    musk = _case("Elon Musk", "OpenAI")
    testimony = [e for g in selectors.timeline(musk) for e in g.events if e.kind == "testimony"]
    assert len({s.document_id for e in testimony for s in e.sources.all()}) >= 5
    groups = selectors.timeline(musk)
    assert groups[-1].label == "Undated" or all(g.precision for g in groups)
    dated = [g for g in groups if g.precision]
    assert [g.events[0].date for g in dated] == sorted(g.events[0].date for g in dated)


def test_allegations_have_corroboration_counted_by_story(data):
    groups = provenance.allegation_groups(selectors.allegation_list().filter(accused__name="xAI"))
    assert groups and groups[0].source_count >= 3
    assert groups[0].independent <= groups[0].source_count


def test_distillation_news_without_a_lawsuit_is_not_linked_to_a_case(data):
    from casetracker.models import Document

    doc = Document.objects.get(title__startswith="Anthropic says DeepSeek, Moonshot and MiniMax used 24,000")
    assert not doc.case_links.exists()
    assert Allegation.objects.filter(document=doc, accused__name="DeepSeek").exists()


def test_a_merge_holds_across_reextraction(data):
    from casetracker.models import Document

    openai = Party.objects.get(name="OpenAI")
    stray = services.party_get_or_create(name="OAI Holdings Group", kind="company")
    services.party_merge(source=stray, target=openai)
    doc = Document.objects.filter(mentions__party=openai).first()
    call_command("reextract", str(doc.pk))
    assert services.party_find(name="OAI Holdings Group") == openai
    assert not Party.objects.filter(name="OpenAI").exclude(pk=openai.pk).exists()


def test_seed_004_who_sued_whom_is_shown_as_a_conflict(data):
    """Seed 004 says the lawsuit was filed by OpenAI against Musk; the other seeds say Musk sued OpenAI.
    Both accounts land on one case, which shows the disagreement with each side's sources."""
    musk = _case("Elon Musk", "OpenAI")
    seed_004 = musk.case_documents.filter(document__text__contains="The lawsuit, filed by OpenAI")
    assert seed_004.exists(), "seed 004 is linked to the Musk v. OpenAI case"
    conflicts = [c for c in provenance.case_conflicts(musk) if c.kind == "role"]
    subjects = {c.subject for c in conflicts}
    assert {"Is Elon Musk plaintiff or defendant?", "Is OpenAI plaintiff or defendant?"} <= subjects
    for c in conflicts:
        plaintiff, defendant = c.sides
        assert plaintiff.sources and defendant.sources
        docs = {s.document.pk for side in c.sides for s in side.sources}
        assert len(docs) >= 2
    openai = next(c for c in conflicts if c.subject.startswith("Is OpenAI"))
    said_plaintiff = {s.document.pk for s in openai.sides[0].sources}
    assert seed_004.first().document_id in said_plaintiff


def test_a_party_on_both_sides_does_not_pull_other_suits_into_the_case(data):
    """Once seed 004 puts OpenAI on both sides of Musk v. OpenAI, an article about the authors' suit against
    OpenAI (dev 015) must not join that case just because it names OpenAI."""
    musk = _case("Elon Musk", "OpenAI")
    titles = set(musk.case_documents.values_list("document__title", flat=True))
    assert not any(t.startswith("Grisham, Martin, Picoult") for t in titles)
    assert not musk.case_parties.filter(party__name="John Grisham").exists()


def test_an_article_on_two_cases_gives_each_only_its_own_parties_and_docket(data):
    """Dev 007 discusses Kadrey v. Meta and Bartz v. Anthropic: Bartz's parties and docket number must not
    land on Kadrey v. Meta (which would then pull every Bartz filing into it)."""
    kadrey = _case("Richard Kadrey", "Meta")
    names = set(kadrey.case_parties.values_list("party__name", flat=True))
    assert "Anthropic" not in names and "Andrea Bartz" not in names
    assert "05417" not in kadrey.docket_number
    bartz = _case("Andrea Bartz", "Anthropic")
    titles = list(bartz.case_documents.values_list("document__title", flat=True))
    assert any(t.startswith("Bartz v. Anthropic PBC — Memorandum Opinion") for t in titles)
    assert len(titles) >= 3
