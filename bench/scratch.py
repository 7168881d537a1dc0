"""A scratch database for a bench: made fresh beside the configured one (never the configured one itself)."""
from __future__ import annotations

import os
import urllib.parse


def scratch_database(suffix: str) -> str:
    """Drop and create ``<database>_<suffix>`` on the server of DATABASE_URL; returns its URL."""
    import psycopg

    url = os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit(f"set DATABASE_URL (the bench makes <database>_{suffix} beside it)")
    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'casetracker'}_{suffix}"[:60]
    admin = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))
