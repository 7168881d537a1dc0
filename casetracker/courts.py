"""How a court id reads on a page: CourtListener's ids ("cand") as their citation string ("N.D. Cal."), ours
outside the US as the pattern file names them (ingest.nlp.courts, over Free Law Project's courts-db)."""
from __future__ import annotations

from ingest.nlp import courts


def court_display(court_id: str | None) -> str:
    """ "cand" -> "N.D. Cal."; "" -> ""; an id nobody knows -> itself."""
    return (courts.display(court_id) or court_id or "") if court_id else ""
