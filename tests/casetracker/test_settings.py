import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    # the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (Playwright) must not leak into a deployment check
    full = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | env
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=full, capture_output=True, text=True,
                          timeout=120)


def test_check_deploy_is_clean_with_debug_off_and_a_secret():
    r = _manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="false", SECRET_KEY="x" * 64 + "-Yz9!q")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout


def test_debug_off_without_a_secret_refuses_to_start():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    r = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env={**env, "DEBUG": "false"},
                       capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "SECRET_KEY must be set" in r.stderr


@pytest.mark.parametrize("value,expected", [("1", True), ("true", True), ("off", False), ("", True)])
def test_env_bool(monkeypatch, value, expected):
    from casetracker.settings import env_bool

    monkeypatch.setenv("X_FLAG", value)
    assert env_bool("X_FLAG", True) is expected
