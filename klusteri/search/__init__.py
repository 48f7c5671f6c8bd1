"""Full-text search for every app: `from klusteri.search import index_documents, search`.

The interface is in services.py, how words are matched in text.py, the SQL of
each database in engines/.
"""

__all__ = ["clear", "delete_documents", "index_documents", "search"]


def __getattr__(name: str):
    # Imported on first use: this package is also the Django app, which is
    # imported before models may be, and services.py needs the models.
    if name in __all__:
        from klusteri.search import services

        return getattr(services, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
