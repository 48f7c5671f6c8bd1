from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional demo data: loaded by ``klusteri seed_demo``, never by migrations."""

    name = "klusteri.demo"
