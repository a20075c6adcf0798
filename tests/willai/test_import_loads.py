"""`willai data import` of a bundle loads only what an import needs.

The matcher, the web client and the PostgreSQL listener cost a tenth of a second or more to
import each, and an import of a bundle into SQLite uses none of them. Run in a fresh interpreter:
in the test process they are long loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.bundle_factory import write_bundle
from tests.conftest import REPO

#: Loaded by other commands or sources (`ask`, `match`, a URL, `esco-api`, PostgreSQL), never
#: by the import of a bundle directory. The import lays out the match index (matching.build),
#: but never loads the ranker that searches it (matching.matcher, rapidfuzz).
NOT_NEEDED = ("matching.matcher", "rapidfuzz", "aiohttp", "psycopg", "discord", "esco_api.client")

PROBE = f"""
import json, sys
from typer.testing import CliRunner
from willai.cli import app

result = CliRunner().invoke(app, sys.argv[1:])
loaded = [name for name in {NOT_NEEDED!r} if name in sys.modules]
print(json.dumps({{"exit": result.exit_code, "loaded": loaded, "output": result.output}}))
"""


def test_importing_a_bundle_loads_no_matcher_web_client_or_listener(tmp_path: Path) -> None:
    source = write_bundle(tmp_path)
    env = os.environ | {
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}",
        "CACHE_DIR": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "data", "import", str(source)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    answer = json.loads(done.stdout)
    assert answer["exit"] == 0, answer["output"]
    assert "imported" in answer["output"]
    assert answer["loaded"] == []
