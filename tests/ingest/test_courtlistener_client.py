"""The CourtListener client against a fake v4 server on 127.0.0.1: pages, errors, back-off and the rate limit
(no network, no real sleeping: the clock and the sleep are injected)."""
from __future__ import annotations

import pytest

from ingest.courtlistener.client import Client, CourtListenerError, check_base_url, docket_id, retry_after
from ingest.courtlistener.entries import classify
from ingest.courtlistener.ratelimit import MemoryStore, RateLimited, RateLimiter, parse_rate
from tests.ingest.fake_courtlistener import TOKEN, FakeCourtListener, musk_docket

CL_ID = 69013420


class FakeClock:
    """Time that passes only when someone sleeps."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now, self.slept = start, []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def fake(clock):
    server = FakeCourtListener(page_size=2, clock=clock).start()
    musk_docket(server, CL_ID)
    yield server
    server.stop()


def _client(fake, clock, token=TOKEN, rate="1000/min", **kw) -> Client:
    limiter = RateLimiter(parse_rate(rate), clock=clock, sleep=clock.sleep, store=MemoryStore(),
                          max_wait=kw.pop("max_wait", 120))
    return Client(fake.url, token, limiter=limiter, sleep=clock.sleep, clock=clock, timeout=kw.pop("timeout", 5), **kw)


def test_rates_docket_references_and_base_urls_are_read_or_refused_clearly():
    assert parse_rate("5/min, 50/hour, 125/day") == [(5, 60.0), (50, 3600.0), (125, 86400.0)]
    assert parse_rate("10/2min") == [(10, 120.0)]
    for bad in ("", "five/min", "5/fortnight", "0/min"):
        with pytest.raises(ValueError, match="rate"):
            parse_rate(bad)
    assert docket_id("69013420") == docket_id(" https://www.courtlistener.com/docket/69013420/musk-v-altman/ ") == CL_ID
    assert docket_id("https://www.courtlistener.com/api/rest/v4/dockets/69013420/") == CL_ID
    for bad in ("", "musk", "javascript:alert(1)//docket/1/", "ftp://x/docket/1/", "-3", "9" * 30):
        with pytest.raises(ValueError, match="not a CourtListener docket"):
            docket_id(bad)
    assert check_base_url("http://127.0.0.1:9/api/rest/v4") == "http://127.0.0.1:9/api/rest/v4/"
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "www.courtlistener.com/api"):
        with pytest.raises(ValueError, match="http"):
            check_base_url(bad)
    assert retry_after("7", 0) == 7 and retry_after("soon", 0) is None


def test_a_docket_its_entries_parties_and_attorneys_follow_the_cursor_pages(fake, clock):
    api = _client(fake, clock)
    docket = api.docket(CL_ID)
    assert docket["case_name"] == "Musk v. Altman" and docket["assigned_to_str"] == "Yvonne Gonzalez Rogers"
    entries = api.docket_entries(CL_ID)
    assert [e["entry_number"] for e in entries] == [1, 32, 46, 121]  # two pages of two
    assert len(fake.requests_to("docket-entries")) == 2
    assert fake.requests_to("docket-entries")[1]["query"]["cursor"]
    assert [p["name"] for p in api.parties(CL_ID)][:2] == ["Elon Musk", "Samuel Altman"]
    assert len(api.attorneys(CL_ID)) == 3
    assert all(r["authorization"] == f"Token {TOKEN}" for r in fake.log)
    since = api.docket_entries(CL_ID, "2025-01-01")
    assert [e["entry_number"] for e in since] == [121]
    assert fake.log[-1]["query"]["date_modified__gte"] == "2025-01-01"
    assert [h["docket_id"] for h in api.search("altman")] == [CL_ID]
    assert api.search("anthropic") == []
    assert api.requests == len(fake.log)


def test_a_bad_token_and_a_missing_docket_are_clear_errors_naming_the_docket(fake, clock):
    with pytest.raises(CourtListenerError) as e:
        _client(fake, clock, token="wrong").docket(CL_ID)
    assert e.value.kind == "auth" and "69013420" in str(e.value) and "COURTLISTENER_TOKEN" in str(e.value)
    with pytest.raises(CourtListenerError) as e:
        _client(fake, clock).docket(12345)
    assert e.value.kind == "not_found" and str(e.value) == "docket 12345: no such docket on CourtListener (HTTP 404)"


def test_429_waits_as_long_as_retry_after_says_and_5xx_backs_off(fake, clock):
    fake.fault("dockets/", status=429, headers={"Retry-After": "7"})
    fake.fault("dockets/", status=500)
    fake.fault("dockets/", status=503)
    api = _client(fake, clock, backoff=2.0)
    assert api.docket(CL_ID)["id"] == CL_ID
    assert clock.slept == [7.0, 4.0, 8.0]  # Retry-After, then 2 s doubled per attempt
    assert len(fake.requests_to("dockets/")) == 4


def test_a_server_that_keeps_failing_or_asks_too_long_a_wait_is_an_error_for_the_next_sync(fake, clock):
    for _ in range(4):
        fake.fault("dockets/", status=500)
    with pytest.raises(CourtListenerError) as e:
        _client(fake, clock, retries=3).docket(CL_ID)
    assert e.value.kind == "server" and e.value.retryable and "HTTP 500 (4 tries)" in str(e.value)
    fake.fault("dockets/", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(CourtListenerError) as e:
        _client(fake, clock, max_wait=120).docket(CL_ID)
    assert e.value.kind == "rate_limited" and "3600 s" in str(e.value)


def test_malformed_json_and_a_slow_answer_are_errors(fake, clock):
    fake.fault("dockets/", body=b"{not json")
    with pytest.raises(CourtListenerError) as e:
        _client(fake, clock).docket(CL_ID)
    assert e.value.kind == "malformed" and "docket 69013420: CourtListener sent malformed JSON" in str(e.value)
    fake.fault("docket-entries/", body=b'{"results": "nope"}')
    with pytest.raises(CourtListenerError, match="without results"):
        _client(fake, clock).docket_entries(CL_ID)
    fake.fault("dockets/", delay=1.5)
    with pytest.raises(CourtListenerError) as e:
        _client(fake, clock, timeout=0.3).docket(CL_ID)
    assert e.value.kind == "timeout" and "within 0.3 s" in str(e.value)


def test_a_next_link_off_the_api_never_gets_the_token(fake, clock):
    fake.fault("parties/", body=b'{"results": [], "next": "http://198.51.100.7/steal?cursor=x"}')
    with pytest.raises(CourtListenerError) as e:
        _client(fake, clock).parties(CL_ID)
    assert e.value.kind == "refused"
    assert all("steal" not in r["path"] for r in fake.log)


def test_requests_stay_within_every_limit(fake, clock):
    api = _client(fake, clock, rate="3/min, 5/hour", max_wait=4000)
    for _ in range(7):
        api.docket(CL_ID)
    times = [r["at"] for r in fake.log]
    assert len(times) == 7
    for start in times:  # counted in every window
        assert sum(start <= t < start + 60 for t in times) <= 3
        assert sum(start <= t < start + 3600 for t in times) <= 5
    assert times[5] - times[0] >= 3600  # the sixth waited for the hour


def test_a_wait_longer_than_allowed_is_rate_limited_not_a_sleep():
    clock = FakeClock()
    limiter = RateLimiter([(2, 60)], clock=clock, sleep=clock.sleep, max_wait=10)
    limiter.acquire()
    limiter.acquire()
    with pytest.raises(RateLimited) as e:
        limiter.acquire()
    assert e.value.wait == pytest.approx(60) and clock.slept == []


@pytest.mark.parametrize("description, kind, stage, status", [
    ("COMPLAINT against Samuel Altman. Filed by Elon Musk.", "filing", "filed", ""),
    ("FIRST AMENDED COMPLAINT against all defendants", "filing", "", ""),
    ("MOTION to Dismiss filed by Microsoft Corporation.", "filing", "motion_to_dismiss", ""),
    ("ORDER GRANTING MOTION TO DISMISS WITH PREJUDICE", "ruling", "motion_to_dismiss", "dismissed_with_prejudice"),
    ("ORDER granting motion to dismiss", "ruling", "motion_to_dismiss", "dismissed"),
    ("ORDER granting in part and denying in part motion to dismiss", "ruling", "motion_to_dismiss", ""),
    ("ORDER granting motion to dismiss with leave to amend", "ruling", "motion_to_dismiss", ""),
    ("ORDER DENYING MOTION TO DISMISS", "ruling", "motion_to_dismiss", "open"),
    ("ORDER DENYING MOTION FOR PRELIMINARY INJUNCTION", "ruling", "", ""),
    ("ORDER GRANTING Motion for Class Certification", "ruling", "class_certification", ""),
    ("Minute Entry for Jury Trial held before Judge Yvonne Gonzalez Rogers", "hearing", "trial", ""),
    ("JUDGMENT in favor of defendants", "ruling", "judgment", "judgment_defendant"),
    ("NOTICE OF APPEAL to the 9th Circuit", "filing", "appeal", ""),
    ("NOTICE of Voluntary Dismissal by Elon Musk", "filing", "", "voluntarily_dismissed"),
    ("Transcript of Proceedings", "testimony", "", ""),
    ("Clerk's notice", "filing", "", ""),
    ("", "other", "", ""),
])
def test_docket_entries_show_their_step(description, kind, stage, status):
    step = classify(description)
    assert (step.kind, step.stage, step.status) == (kind, stage, status)
