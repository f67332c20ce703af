"""Print the service's exact OpenAPI 3.1 document (what /docs/openapi.json serves) as JSON.

Built in-process from ``create_app``: no server, database or Redis is needed. The
output is stable (sorted keys, two-space indent, trailing newline) so that the
committed ``client/openapi.json`` can be compared byte for byte.

Usage (from client/): ../.venv/bin/python scripts/dump_openapi.py > openapi.json
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def dump() -> str:
    """The document as the stable text committed in client/openapi.json."""
    sys.path.insert(0, str(ROOT))
    # create_app only records these addresses; building the document connects to nothing
    environ = {
        "RUNCOACH_ENV": "test",
        "SECRET_KEY": "openapi-dump-" + "k" * 40,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
        **os.environ,
    }
    from runcoach import openapi
    from runcoach.app import create_app
    from runcoach.config import from_env

    app = create_app(from_env(environ))
    # sanic-ext fills its specification in a before_server_start listener (build_spec);
    # run that one listener, not the app's others (they would open the database and Redis)
    app.router.finalize()
    listeners = [
        future.listener
        for future in app.blueprints["openapi"]._future_listeners
        if getattr(future.listener, "__name__", "") == "build_spec"
    ]
    if len(listeners) != 1:
        raise RuntimeError(f"expected sanic-ext's one build_spec listener, found {len(listeners)}")
    listeners[0](app)
    doc: dict[str, Any] = openapi.document(app)
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(dump())
