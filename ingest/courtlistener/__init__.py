"""CourtListener's REST API v4: a client (no Django in its HTTP layer: client.py, ratelimit.py, entries.py) and
the sync that keeps followed dockets current (sync.py, which writes through casetracker)."""
