"""Case fields as a page shows them: ``{{ case.court|court }}`` ("cand" -> "N.D. Cal."),
``{{ case.status|choice:"status" }}`` ("dismissed_with_prejudice" -> "dismissed with prejudice")."""
from django import template

from casetracker import records
from casetracker.courts import court_display

register = template.Library()


@register.filter
def court(value) -> str:
    return court_display(value)


@register.filter
def choice(value, kind: str) -> str:
    """A stored choice's label ("dismissed_with_prejudice" -> "dismissed with prejudice")."""
    return records.label(kind, value)
