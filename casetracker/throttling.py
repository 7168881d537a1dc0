"""API throttles: anonymous clients by address, signed-in users by account (API_THROTTLE_RATES, read per request).

The history lives in the shared cache (Redis or the database cache, never per-process memory), so the limit
holds across gunicorn workers. Each throttle that applies leaves its state on the request; the
RateLimitHeaders middleware turns the tightest into X-RateLimit-Limit / -Remaining / -Reset headers, and DRF
answers 429 with Retry-After once a limit is reached."""
from __future__ import annotations

import math

from django.conf import settings
from rest_framework import throttling


class _Headers:
    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        if self.rate is not None and self.key is not None:
            remaining = max(0, self.num_requests - len(self.history))
            reset = math.ceil(self.duration - (self.now - self.history[-1])) if self.history else self.duration
            state = (self.num_requests, remaining, max(0, reset))
            django_request = getattr(request, "_request", request)
            current = getattr(django_request, "rate_limit", None)
            if current is None or state[1] < current[1]:
                django_request.rate_limit = state
        return allowed


class AnonThrottle(_Headers, throttling.AnonRateThrottle):
    scope = "anon"
    key = None


class UserThrottle(_Headers, throttling.UserRateThrottle):
    scope = "user"
    key = None

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # anonymous clients: AnonThrottle
        return super().get_cache_key(request, view)
