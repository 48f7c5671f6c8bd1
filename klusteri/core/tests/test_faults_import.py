"""Faults: ``klusteri import_clusters`` killed halfway through its writes leaves
nothing behind, and running it again gives the same database as one clean run.

The command runs as a real process on a database of its own. A brake installed
only in that process (``faults_pause``) holds it right after half of its cluster
rows were written, inside the import's transaction; the test kills it there with
SIGKILL, which no code can catch or clean up after.
"""

import csv
import json
import os
import signal
import subprocess
from pathlib import Path

from klusteri.core.tests.faults_support import (
    PROJECT_DIR,
    in_processes,
    klusteri_command,
    wait_for,
)

pytest_plugins = ["klusteri.core.tests.faults_support"]

ROWS = 120


def cluster_row(number: int, *, revision: str = "") -> dict[str, str]:
    return {
        "slug": f"kokeiluklusteri-{number:04d}",
        "name_fi": f"Kokeiluklusteri {number}",
        "name_en": f"Trial cluster {number}{revision}",
        "kind": "cluster",
        "country": "FI",
        "region": "MK01",
        "ecosystems": "renewable-energy",
        "tags": f"kokeilu-{number % 5}|vetytalous",
        "funding_membership": "50",
        "funding_public": "50",
        "funding_project": "0",
        "funding_other": "0",
        "description_fi": f"Kokeiluklusteri numero {number} vauhdittaa vetytaloutta.",
    }


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@in_processes
def test_an_import_killed_halfway_leaves_nothing_and_a_rerun_equals_one_clean_run(
    scratch_databases, tmp_path
):
    # Two clusters exist before; the file updates them and creates the rest.
    existing = write_csv(
        tmp_path / "existing.csv", [cluster_row(1, revision=" (old)"), cluster_row(2)]
    )
    upload = write_csv(
        tmp_path / "upload.csv",
        [cluster_row(1), cluster_row(2, revision=" (new)")]
        + [cluster_row(number) for number in range(3, ROWS + 1)],
    )
    clean = scratch_databases.new("import_clean")
    before = clean.script("import", str(existing))
    killed = scratch_databases.new("import_killed", like=clean)

    marker = tmp_path / "paused.json"
    importer = subprocess.Popen(
        klusteri_command("import_clusters", "--create-tags", str(upload)),
        cwd=PROJECT_DIR,
        env=killed.env(
            FAULTS_PAUSE_AFTER=f"clusters_cluster {ROWS // 2}", FAULTS_PAUSE_MARKER=str(marker)
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(
            lambda: marker.exists() or importer.poll() is not None,
            seconds=120,
            what="the import to write half of its clusters",
        )
        assert marker.exists(), f"the import ended first:\n{importer.stderr.read().decode()}"
        paused = json.loads(marker.read_text())
        assert paused == {"pid": importer.pid, "in_transaction": True}
        os.kill(importer.pid, signal.SIGKILL)
    finally:
        importer.kill()
        importer.wait(timeout=30)
        importer.stderr.close()
    assert importer.returncode == -signal.SIGKILL

    rerun = killed.script("snapshot-import", str(upload))
    assert rerun["before"] == before

    after_rerun = rerun["after"]
    after = clean.script("import", str(upload))
    assert after_rerun == after
    assert len(after["clusters"]) == ROWS
    assert [cluster["name_en"] for cluster in after["clusters"][:2]] == [
        "Trial cluster 1",
        "Trial cluster 2 (new)",
    ]
    assert len(after["search"]) == ROWS
