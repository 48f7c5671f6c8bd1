"""The suite's Redis cache under pytest-xdist (``klusteri/conftest.py``).

The workers run at once on one Redis database. Each keeps its keys under a prefix of
its own (``gw0``, ``gw1``, …), and clearing the cache, which every test does before
and after it, deletes that worker's keys only: Django's ``RedisCache.clear()``
empties the whole database, the other workers' rate-limit counts and cached pages
included.
"""

from django.core.cache.backends.redis import RedisCache


class WorkerRedisCache(RedisCache):
    def clear(self) -> bool:
        client = self._cache.get_client(write=True)
        prefix = "".join(f"\\{c}" if c in "*?[]\\" else c for c in self.key_prefix)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        return True
