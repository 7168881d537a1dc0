"""Loaded before Django's settings (pytest.ini: -p tests.pytest_env): the suite runs with DEBUG unset, i.e. off,
as production does, and DEBUG off needs a SECRET_KEY. A real SECRET_KEY in the environment wins."""
import os

os.environ.setdefault("SECRET_KEY", "test-suite-only-not-a-secret-" + "k" * 40)
