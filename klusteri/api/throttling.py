"""django-ninja's rate limits, safe for the threads of one worker.

ninja's throttles keep the request being checked on the throttle itself (``key``,
``history``, ``now``), and every operation shares one throttle: two threads of a
worker checking at once would count one client's request against another's. Here
those three live per thread."""

import threading

from ninja.throttling import AnonRateThrottle, AuthRateThrottle


def _per_thread(name: str) -> property:
    def get(self):
        return getattr(self._local, name)

    def set_(self, value) -> None:
        setattr(self._local, name, value)

    return property(get, set_)


class PerThreadState:
    key = _per_thread("key")
    history = _per_thread("history")
    now = _per_thread("now")

    def __init__(self, *args, **kwargs) -> None:
        self._local = threading.local()
        super().__init__(*args, **kwargs)


class AnonymousRate(PerThreadState, AnonRateThrottle):
    """Requests without a token, per client address."""


class TokenRate(PerThreadState, AuthRateThrottle):
    """Requests with a token, per token (and without one, per address)."""
