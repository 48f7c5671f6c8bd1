from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "klusteri.core"

    def ready(self) -> None:
        from klusteri.core import checks  # noqa: F401 - registers the system checks
