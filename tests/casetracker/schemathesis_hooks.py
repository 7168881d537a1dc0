"""Schemathesis hooks for casetracker's API: the strategy of the opaque ``cursor`` format.

A cursor is only valid when the API issued it (any other string is a 400), so its OpenAPI format is ``cursor``
and this strategy draws cursors the API issues: an offset and a direction (the position part comes from a
response's own rows). Used by tests/casetracker/test_schemathesis.py; for the CLI:
``SCHEMATHESIS_HOOKS=tests.casetracker.schemathesis_hooks st run http://127.0.0.1:8000/api/v1/schema/``.
"""
from base64 import b64encode

import schemathesis
from hypothesis import strategies as st

from casetracker.api.pagination import CURSOR_FORMAT

cursors = st.builds(lambda offset, reverse: b64encode(f"o={offset}&r={int(reverse)}".encode()).decode(),
                    st.integers(min_value=0, max_value=1000), st.booleans())

schemathesis.openapi.format(CURSOR_FORMAT, cursors)
