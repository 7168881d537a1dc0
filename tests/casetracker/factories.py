"""factory_boy factories and helpers that build Extractions the way the NLP layer returns them."""
from __future__ import annotations

import hashlib

import factory

from casetracker.models import Document, Party
from ingest.nlp import types as nlp


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "The Verge"
    text = factory.Sequence(lambda n: f"Document number {n}. Elon Musk sued OpenAI in federal court.")
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    kind = "company"


def span(text: str, needle: str, occurrence: int = 0) -> nlp.Evidence:
    """Evidence for the n-th occurrence of needle in text, with its sentence bounds."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    sent_start = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
    sent_end = text.find(". ", end)
    sent_end = len(text) if sent_end < 0 else sent_end + 1
    return nlp.Evidence(start, end, sent_start, sent_end)


def party(text, name, kind="company", role="other", surface=None, gid=None, owner=None):
    surface = surface or name
    return nlp.PartyX(name=name, kind=kind, role=role, gazetteer_id=gid, owner=owner, surface_forms=[surface],
                      evidence=[span(text, surface)])


# ----------------------------------------------------------------------------------- case records (issue 14)
class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casetracker.Case"

    case_name = factory.Sequence(lambda n: f"Plaintiff{n} v. Defendant{n}")
    slug = factory.Sequence(lambda n: f"plaintiff{n}-v-defendant{n}")


class LawFirmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casetracker.LawFirm"

    name = factory.Sequence(lambda n: f"Firm {n} LLP")
    normalized = factory.LazyAttribute(lambda o: o.name.lower())
    slug = factory.Sequence(lambda n: f"firm-{n}")


def evidence(document, needle: str):
    """An Evidence row for the first occurrence of needle in a document's text, with its sentence."""
    from casetracker.models import Evidence

    s = span(document.text, needle)
    return Evidence.objects.create(document=document, start=s.start, end=s.end, sent_start=s.sent_start,
                                   sent_end=s.sent_end, sentence=document.text[s.sent_start:s.sent_end])


def case_record(*, caption: str = "Tremblay v. OpenAI", slug: str = "tremblay-v-openai"):
    """A case as the lead's services record one: fields with their sources (two disagreeing judges), two docket
    numbers, a stage history of three dated steps, a family (member of an "In re" case, with a companion) and
    counsel on both sides. Returns (case, {name: object})."""
    from datetime import date

    from casetracker.models import (
        CaseDocket, CaseDocument, CaseFact, CaseParty, CaseRelation, Counsel, Event, EventSource,
    )
    from casetracker.statements import docket_key

    text = ("Authors sued OpenAI in the Northern District of California, case No. 3:23-cv-03417-VC. "
            "Judge Araceli Martínez-Olguín presides over the class action. "
            "Judge Vince Chhabria presides, a second report says. "
            "The suit was filed on June 28, 2023, alleging copyright infringement. "
            "OpenAI moved to dismiss on August 28, 2023. "
            "The court certified the class on May 1, 2025. "
            "The case was consolidated into In re OpenAI ChatGPT Litigation. "
            "Joseph Saveri of Joseph Saveri Law Firm represents the authors. "
            "Latham & Watkins represents OpenAI.")
    doc = DocumentFactory(text=text, title="Authors v. OpenAI", publisher="Reuters", kind="news",
                          url="https://www.reuters.com/legal/authors")
    docket = DocumentFactory(text="Docket of Tremblay v. OpenAI, 3:23-cv-03417 (N.D. Cal.). Filed June 28, 2023.",
                             title="Docket", publisher="CourtListener", kind="docket")
    case = CaseFactory(case_name=caption, slug=slug, case_name_full="Paul Tremblay, et al. v. OpenAI, Inc., et al.",
                       court="cand", jurisdiction="us-federal", docket_number="3:23-cv-03417",
                       docket_number_core=docket_key("3:23-cv-03417-VC"), judge="Araceli Martínez-Olguín",
                       date_filed=date(2023, 6, 28), status="open", stage="class_certification", class_action=True,
                       causes=["copyright_infringement", "dmca_1202"], ai_areas=["text"],
                       last_activity=date(2025, 5, 1))
    lead = CaseFactory(case_name="In re OpenAI ChatGPT Litigation", slug="in-re-openai-chatgpt-litigation",
                       court="cand")
    companion = CaseFactory(case_name="Silverman v. OpenAI", slug="silverman-v-openai", court="cand")
    for d in (doc, docket):
        CaseDocument.objects.create(case=case, document=d, reason="docket")
    openai = Party.objects.filter(slug="openai").first() or PartyFactory(name="OpenAI", slug="openai")
    CaseParty.objects.create(case=case, party=PartyFactory(name="Paul Tremblay", slug="paul-tremblay",
                                                           kind="person"), role="plaintiff")
    CaseParty.objects.create(case=case, party=openai, role="defendant")
    CaseDocket.objects.create(case=case, number="3:23-cv-03417-VC", core=docket_key("3:23-cv-03417-VC"), court="cand")
    CaseDocket.objects.create(case=case, number="24-1234", core=docket_key("24-1234"), court="ca9")
    fact = lambda field, value, needle, **kw: CaseFact.objects.create(  # noqa: E731
        case=case, field=field, value=value, document=doc, evidence=evidence(doc, needle), **kw)
    facts = {
        "court": fact("court", "cand", "Northern District of California", confidence=0.95),
        "docket": fact("docket_number", "3:23-cv-03417-VC", "3:23-cv-03417-VC"),
        "judge": fact("judge", "Araceli Martínez-Olguín", "Araceli", confidence=0.9),
        "judge2": fact("judge", "Vince Chhabria", "Vince Chhabria", confidence=0.4),
        "class": fact("class_action", "true", "class action"),
        "cause": fact("cause_of_action", "copyright_infringement", "copyright infringement", confidence=0.8),
        "docket_fact": CaseFact.objects.create(case=case, field="court", value="cand", document=docket,
                                               origin="docket"),
    }
    steps = {}
    for stage, status, when, needle in (("filed", "", date(2023, 6, 28), "was filed"),
                                        ("motion_to_dismiss", "", date(2023, 8, 28), "moved to dismiss"),
                                        ("class_certification", "", date(2025, 5, 1), "certified the class")):
        e = Event.objects.create(case=case, kind="filing" if stage == "filed" else "ruling", stage=stage,
                                 status=status, title=f"Step: {stage.replace('_', ' ')}", date=when, precision="day",
                                 fingerprint=f"{slug}-{stage}")
        EventSource.objects.create(event=e, document=doc, evidence=evidence(doc, needle), date=when, precision="day")
        steps[stage] = e
    relations = [
        CaseRelation.objects.create(from_case=case, to_case=lead, kind="consolidated_into", document=doc,
                                    evidence=evidence(doc, "consolidated into")),
        CaseRelation.objects.create(from_case=companion, to_case=case, kind="companion_of", document=doc),
    ]
    saveri, latham = LawFirmFactory(name="Joseph Saveri Law Firm"), LawFirmFactory(name="Latham & Watkins")
    counsel = [
        Counsel.objects.create(case=case, side="plaintiff", firm=saveri, lawyer="Joseph Saveri", document=doc,
                               evidence=evidence(doc, "Joseph Saveri of")),
        Counsel.objects.create(case=case, side="defendant", firm=latham, document=doc,
                               evidence=evidence(doc, "Latham & Watkins")),
    ]
    return case, {"document": doc, "docket": docket, "lead": lead, "companion": companion, "facts": facts,
                  "steps": steps, "relations": relations, "counsel": counsel}
