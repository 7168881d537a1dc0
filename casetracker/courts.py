"""How a court id reads on a page: CourtListener's ids ("cand") as their citation string ("N.D. Cal.") from
Free Law Project's courts-db, loaded once on first use; ids it does not know (ours outside the US) as given.

When ``ingest.nlp.courts.display`` exists (the NLP side's court names) it is the one used."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _citations() -> dict[str, str]:
    try:
        import courts_db
    except ImportError:  # pragma: no cover - courts-db is a pinned requirement
        return {}
    return {c["id"]: c.get("citation_string") or c.get("name") or c["id"] for c in courts_db.courts}


@lru_cache(maxsize=1)
def _nlp_display():
    try:
        from ingest.nlp.courts import display
    except ImportError:
        return None
    return display


def court_display(court_id: str | None) -> str:
    """ "cand" -> "N.D. Cal."; "" -> ""; an unknown id -> itself."""
    if not court_id:
        return ""
    display = _nlp_display()
    if display is not None:
        shown = display(court_id)
        if shown:
            return shown
    return _citations().get(court_id, court_id)
