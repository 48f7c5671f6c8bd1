"""What apps above core show on the home page (the next events, say), without core
importing them.

An app registers a block in its ``AppConfig.ready``::

    from klusteri.core import home
    home.register("events.upcoming", upcoming_events_block)

A block is a function ``(request) -> HTML | None``: the rendered block
(``render_to_string``, a ``<section>`` with its own ``<h2>``), or None to show
nothing. The home page renders the blocks in the order registered. Each block's
reads count against the home page's queries: keep them a constant few, or cache
the block (``core.pagecache.fragment_key``).
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

Block = Callable[[HttpRequest], SafeString | None]

_blocks: dict[str, Block] = {}


def register(name: str, block: Block) -> None:
    """Add ``block`` under ``name``; registering a name again replaces its block
    (``ready`` may run more than once)."""
    _blocks[name] = block


def unregister(name: str) -> None:
    _blocks.pop(name, None)


def render_blocks(request: HttpRequest) -> list[SafeString]:
    """The blocks in the order registered, the empty ones left out."""
    rendered = (block(request) for block in _blocks.values())
    return [html for html in rendered if html]
