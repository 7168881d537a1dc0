"""Editors merge and split parties and cases from the pages (the admin's actions, with a preview of what moves).

A party merge lasts: the merged party's names resolve to the one it joined from then on (services.party_find
follows ``merged_into``), so re-extraction and new documents keep it merged. A merged case's old address leads
to the case it joined (CaseRedirect). A case split moves the chosen documents, and what they state, to a new case;
their links are manual, so re-extraction keeps them there.
"""
from __future__ import annotations

from typing import Optional

from django.db.models import Q

from casetracker import history, merging, services, statements, writes
from casetracker.models import (
    Allegation, Case, CaseDocument, CaseFact, CaseParty, Claim, Counsel, Event, EventSource, Mention, Party, Quote,
)


def party_merge_preview(source: Party, target: Party) -> dict:
    """What moves when ``source`` is merged into ``target``: counts of each kind of row, and its cases."""
    return {
        "mentions": Mention.objects.filter(party=source).count(),
        "quotes": Quote.objects.filter(speaker=source).count(),
        "allegations": Allegation.objects.filter(Q(accuser=source) | Q(accused=source) | Q(teacher=source)
                                                 | Q(student=source)).count(),
        "claims": Claim.objects.filter(Q(subject=source) | Q(object=source)).count(),
        "roles": list(CaseParty.objects.filter(party=source).select_related("case").order_by("case__case_name")),
        "aliases": list(source.aliases.values_list("name", flat=True)),
        "products": Party.objects.filter(owner=source).count(),
    }


@writes.atomic
def party_merge(*, source: Party, target: Party, user=None, reason: str = "") -> Party:
    preview = party_merge_preview(source, target)
    services.party_merge(source=source, target=target)
    moved = ", ".join(f"{n} {k}" for k, n in preview.items() if isinstance(n, int) and n)
    for cp in preview["roles"]:
        history.record(case_id=cp.case_id, fact_type="party", fact_id=source.pk, key="", subject=source.name,
                       field="merged_into", before="", after=target.name, before_raw=None, after_raw=target.pk,
                       action="merge", user=user, reason=reason)
    if not preview["roles"]:
        history.record(case_id=None, fact_type="party", fact_id=source.pk, key="", subject=source.name,
                       field="merged_into", before="", after=f"{target.name} ({moved or 'nothing else moved'})",
                       before_raw=None, after_raw=target.pk, action="merge", user=user, reason=reason)
    return target


@writes.atomic
def party_split(*, party: Party, user=None, reason: str = "") -> Party:
    target = party.merged_into
    services.party_split(party=party)
    history.record(case_id=None, fact_type="party", fact_id=party.pk, key="", subject=party.name, field="merged_into",
                   before=getattr(target, "name", ""), after="", before_raw=getattr(target, "pk", None),
                   after_raw=None, action="split", user=user, reason=reason)
    return party


def case_merge_preview(source: Case, target: Case) -> dict:
    return {
        "source_name": source.case_name, "target_name": target.case_name,
        "documents": CaseDocument.objects.filter(case=source).exclude(
            document_id__in=CaseDocument.objects.filter(case=target).values("document_id")).count(),
        "parties": list(CaseParty.objects.filter(case=source).select_related("party").order_by("role", "party__name")),
        "events": Event.objects.filter(case=source).count(),
        "facts": CaseFact.objects.filter(case=source).count(),
        "allegations": Allegation.objects.filter(case=source).count(),
        "claims": Claim.objects.filter(case=source).count(),
        "counsel": Counsel.objects.filter(case=source).count(),
        "dockets": list(source.dockets.values_list("number", flat=True)),
    }


@writes.atomic
def case_merge(*, source: Case, target: Case, user=None, reason: str = "") -> Case:
    name, slug = source.case_name, source.slug
    with history.acting(source="editor", user=user, reason=reason, action="merge"):
        merged = merging.case_merge(source=source, target=target)
    history.record(case_id=merged.pk, fact_type="case", fact_id=merged.pk, key="", subject=merged.case_name,
                   field="merged", before=f"{name} ({slug})", after=merged.case_name, action="merge", user=user,
                   reason=reason)
    return merged


@writes.atomic
def case_split(*, case: Case, documents: list, caption: str, user=None, reason: str = "",
               new: Optional[Case] = None) -> Case:
    """The chosen documents (and what they state: fields, counsel, events' sources, allegations, claims) leave
    ``case`` for a new case of that caption; parties whose roles only they give go with them."""
    from casetracker.linking import _case_create, attach_event

    doc_ids = [d.pk for d in documents]
    new = new or _case_create(caption, inferred=False, plaintiff=None, defendant=None)
    for document in documents:  # a manual link: re-extraction keeps it (services.document_clear_facts)
        CaseDocument.objects.update_or_create(case=new, document=document, defaults={
            "reason": CaseDocument.Reason.MANUAL, "confidence": 1.0, "detail": f"split from {case.case_name}"[:500]})
    CaseDocument.objects.filter(case=case, document_id__in=doc_ids).delete()
    CaseFact.objects.filter(case=case, document_id__in=doc_ids).update(case=new)
    Counsel.objects.filter(case=case, document_id__in=doc_ids).update(case=new)
    Allegation.objects.filter(case=case, document_id__in=doc_ids).update(case=new)
    Claim.objects.filter(case=case, document_id__in=doc_ids).update(case=new)
    for source in EventSource.objects.filter(event__case=case, document_id__in=doc_ids).select_related("event"):
        event = source.event
        attach_event(new, event.kind, event.title, source.date, source.precision, source.document, source.evidence,
                     source.extractor_version, stage=event.stage, status=event.status)
        source.delete()
    Event.objects.filter(case=case, sources__isnull=True).delete()
    for cp in CaseParty.objects.filter(case=case).prefetch_related("evidence"):
        theirs = [ev for ev in cp.evidence.all() if ev.document_id in doc_ids]
        if not theirs:
            continue
        kept, _ = CaseParty.objects.get_or_create(case=new, party_id=cp.party_id, role=cp.role,
                                                  defaults={"named": cp.named})
        kept.evidence.add(*theirs)
        if len(theirs) == len(cp.evidence.all()) and not cp.named:
            cp.delete()
        else:
            cp.evidence.remove(*theirs)
    with history.acting(source="editor", user=user, reason=reason, action="split"):
        statements.case_resolve(case)
        statements.case_resolve(new)
    for c in (case, new):
        history.record(case_id=c.pk, fact_type="case", fact_id=c.pk, key="", subject=c.case_name, field="split",
                       before=case.case_name, after=f"{len(doc_ids)} document(s) to {new.case_name}"
                       if c is case else f"made from {len(doc_ids)} document(s) of {case.case_name}",
                       action="split", user=user, reason=reason)
    writes.pending().mark("documents", doc_ids)
    return new
