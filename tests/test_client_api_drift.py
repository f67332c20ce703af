"""The Expo client's committed OpenAPI document is the one the service generates now.

The document is dumped by the client's own script in a fresh interpreter (create_app
installs process-wide state such as the Dramatiq broker, which this process keeps).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "client" / "openapi.json"
DUMPER = ROOT / "client" / "scripts" / "dump_openapi.py"


def test_the_clients_openapi_document_matches_the_service() -> None:
    dumped = subprocess.run(
        [sys.executable, str(DUMPER)], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert dumped == COMMITTED.read_text(encoding="utf-8"), (
        "client/openapi.json differs from the service's OpenAPI document: "
        "run `npm --prefix client run api` and commit client/openapi.json and "
        "client/src/api/schema.d.ts"
    )
