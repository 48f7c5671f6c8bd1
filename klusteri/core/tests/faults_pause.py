"""A brake for the fault tests: stop a process right after a chosen write, while
its transaction is still open, so that the test can kill it exactly there.

Nothing in the project calls this; ``faults_settings`` installs it in the processes
a test starts, when the test sets ``FAULTS_PAUSE_AFTER="<table> <n>"`` and
``FAULTS_PAUSE_MARKER=<file>``. After the n-th INSERT or UPDATE of the table has
run, the process writes its pid and whether it is inside a transaction to the
marker file (as JSON), then waits to be killed. It pauses once: while the
marker exists, the processes that follow (a server's next worker) run freely.
"""

import json
import os
import re
import time
from pathlib import Path

from django.db.backends.signals import connection_created

# Long enough for any test to notice the marker and kill the process; short enough
# that a process whose test died does not linger for ever.
PAUSE_SECONDS = 120


def install() -> None:
    spec = os.environ.get("FAULTS_PAUSE_AFTER")
    if not spec:
        return
    table, count = spec.split()
    marker = Path(os.environ["FAULTS_PAUSE_MARKER"])
    write = re.compile(rf'\s*(INSERT INTO|UPDATE) "{re.escape(table)}"', re.IGNORECASE)
    writes = 0

    def pause_after_the_write(execute, sql, params, many, context):
        nonlocal writes
        result = execute(sql, params, many, context)
        if write.match(sql):
            writes += 1
            if writes == int(count) and not marker.exists():
                state = {
                    "pid": os.getpid(),
                    "in_transaction": context["connection"].in_atomic_block,
                }
                draft = marker.with_suffix(".draft")
                draft.write_text(json.dumps(state))
                draft.rename(marker)  # the test never reads a half-written file
                time.sleep(PAUSE_SECONDS)
        return result

    def add_to(sender, connection, **kwargs):
        if pause_after_the_write not in connection.execute_wrappers:
            connection.execute_wrappers.append(pause_after_the_write)

    connection_created.connect(add_to, weak=False)
