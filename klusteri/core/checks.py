"""System checks of the project's own (``klusteri check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def cache_is_shared(app_configs, **kwargs) -> list[Warning]:
    """Production runs several processes. A cache in each process's memory would
    keep its own cached pages and cards, so that a change showed late on the pages
    the other processes serve, and its own log-in rate-limit counts."""
    if "LocMemCache" not in settings.CACHES["default"]["BACKEND"]:
        return []
    return [
        Warning(
            "The cache lives in each process's memory.",
            hint=(
                "Set KLUSTERI_REDIS_URL: with more than one process, each would show "
                "its own cached pages after a change and count log-in attempts apart."
            ),
            id="klusteri.W001",
        )
    ]
