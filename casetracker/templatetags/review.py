"""Review controls on the pages: ``{% review_controls "quote" q dom="quote-12" %}`` renders, for editors, the
confirm / reject buttons and the correction form of a fact (htmx swaps the fact's element ``dom`` in place; the
forms work without JavaScript), and for everyone the "checked" mark."""
from __future__ import annotations

from django import template

from casetracker import review

register = template.Library()


def fact_fields(kind: str, fact) -> list[tuple]:
    """[(field, label, value as an editor types it, "party" | "date" | choices)] of a fact."""
    spec = review.KINDS[kind].fields
    out = []
    for name, rule in spec.items():
        value = getattr(fact, name)
        if rule == review.PARTY:
            shown, kind_of = (value.name if value else ""), "party"
        elif rule == review.DATE:
            precision = getattr(fact, "precision", "") or "day"
            shown = value.isoformat()[:{"year": 4, "month": 7}.get(precision, 10)] if value else ""
            kind_of = "date"
        else:
            shown, kind_of = value or "", rule
        out.append((name, name.replace("_", " ").capitalize(), shown, kind_of))
    return out


@register.inclusion_tag("review/controls.html", takes_context=True)
def review_controls(context, kind, fact, dom="", url=""):
    request = context.get("request")
    dom = dom or f"{kind}-{fact.pk}"
    return {"kind": kind, "fact": fact, "dom": dom, "editor": context.get("is_editor"),
            "fields": fact_fields(kind, fact) if kind in review.KINDS else [],
            "url": url or f"/review/{kind}/{fact.pk}/", "next": request.get_full_path() if request else "",
            "review": getattr(fact, "review", ""), "reviewed_at": getattr(fact, "reviewed_at", None)}


@register.inclusion_tag("review/controls.html", takes_context=True)
def field_controls(context, case, row):
    """A case field's controls (rows of records.field_rows, with ``decision`` set by the view)."""
    request = context.get("request")
    decision = getattr(row, "decision", None)
    choices = review.CASE_FIELD_CHOICES.get(row.name)
    kind_of = "date" if row.name in ("date_filed", "date_terminated") else choices or "text"
    return {"kind": "casefield", "fact": row, "dom": f"field-{row.name}", "editor": context.get("is_editor"),
            "fields": [(row.name, row.label, review.case_field_value(case, row.name), kind_of)],
            "url": f"/review/case/{case.slug}/{row.name}/", "next": request.get_full_path() if request else "",
            "review": review.state_of(decision), "reviewed_at": getattr(decision, "updated_at", None),
            "withdraw": decision is not None}
