"""``make client`` (and ``make run``): build the web export of ``client/`` when it changed.

Two stamps, both content hashes (a checkout that only touches mtimes rebuilds nothing):

- the lockfile's: ``npm ci`` runs only when ``package-lock.json`` differs from the one
  recorded in ``node_modules/.runcoach-lock`` (or ``node_modules`` is gone);
- the sources': a hash of every file of ``client/`` that goes into the bundle
  (``package.json``, the lockfile, ``app.json``/``app.config.*``, ``tsconfig``, babel and
  metro configs, ``app/``, ``src/``, ``assets/``, ... but not ``node_modules``, ``dist``,
  hidden folders, tests or ``e2e/``), recorded in the export itself (``.source-hash``,
  never served: ``runcoach.webapp`` refuses dotfiles). The export is rebuilt when they
  differ.

A build runs ``npm run export:web`` offline (``CI=1 EXPO_OFFLINE=1 EXPO_NO_TELEMETRY=1``)
into a temporary folder beside the export, precompresses the text files (``.gz``, gzip -9;
``.br`` too when the ``brotli`` package happens to be installed), then takes the place of
the export by renames: a failed build leaves the previous good export served, and the
command fails with npm's output.

``--check`` (``make client-check``) runs the client's checks after ``npm ci``.

Node 20 or later is required; ``--optional`` (``make run``) turns its absence into one
warning line and exit 0, so the API starts anyway.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENT = ROOT / "client"
NODE_MAJOR = 20
OFFLINE_ENV = {"CI": "1", "EXPO_OFFLINE": "1", "EXPO_NO_TELEMETRY": "1"}
LOCK_STAMP = ".runcoach-lock"
# the client's own checks (its package.json): tsc strict, eslint and jest; the API types
CHECKS = ("check", "api:check")
SOURCE_STAMP = ".source-hash"

# folders of client/ that do not go into the web bundle (nor do hidden ones, nor the
# exports: dist, dist-android, dist-ios)
SKIPPED_DIRS = {"node_modules", "dist", "e2e", "coverage", "__tests__", "__mocks__",
                "android", "ios"}  # fmt: skip
SKIPPED_SUFFIXES = (".test.ts", ".test.tsx", ".test.js", ".spec.ts", ".spec.tsx", ".md")
SKIPPED_PREFIXES = ("jest.", "eslint.", ".eslintrc")
# text files worth compressing, and the size under which a twin is not worth a file
COMPRESSIBLE = {".js", ".mjs", ".css", ".html", ".json", ".map", ".svg", ".txt", ".ico",
                ".ttf", ".otf", ".wasm", ".webmanifest"}  # fmt: skip
MIN_COMPRESS_SIZE = 256


class BuildError(Exception):
    """The client could not be built (the message says why and what to do)."""


def say(line: str) -> None:
    print(f"client | {line}", flush=True)


def node_problem() -> str | None:
    """Why Node cannot build the client here, or None when Node >= 20 and npm are on PATH."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        return "Node.js is not installed"
    try:
        version = subprocess.run(  # noqa: S603
            [node, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
        major = int(version.lstrip("v").split(".")[0])
    except (subprocess.SubprocessError, OSError, ValueError):
        return "`node --version` failed"
    if major < NODE_MAJOR:
        return f"Node.js {version} is too old"
    return None


def _bundle_files(client: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(client):
        dirs[:] = sorted(
            d for d in dirs if d not in SKIPPED_DIRS and not d.startswith((".", "dist"))
        )
        for name in sorted(files):
            if name.startswith(".") or name.endswith(SKIPPED_SUFFIXES):
                continue
            if name.startswith(SKIPPED_PREFIXES):
                continue
            yield Path(folder) / name


def source_hash(client: Path = CLIENT) -> str:
    """The hash of what goes into the web bundle: every such file's name and content."""
    digest = hashlib.sha256()
    for path in _bundle_files(client):
        digest.update(path.relative_to(client).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def _run(argv: list[str], client: Path) -> None:
    say("$ " + " ".join(argv))
    env = {**os.environ, **OFFLINE_ENV}
    result = subprocess.run(argv, cwd=client, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BuildError(f"`{' '.join(argv)}` failed with exit code {result.returncode}")


def install(client: Path = CLIENT) -> bool:
    """``npm ci`` when the lockfile changed since the last one; True when it ran."""
    lock = client / "package-lock.json"
    if not lock.is_file():
        raise BuildError(f"{lock} is missing: the client's lockfile is committed with it")
    stamp = client / "node_modules" / LOCK_STAMP
    wanted = _file_hash(lock)
    if stamp.is_file() and stamp.read_text().strip() == wanted:
        return False
    _run(["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"], client)
    stamp.write_text(wanted + "\n")
    return True


def precompress(folder: Path) -> int:
    """Write a ``.gz`` (and ``.br`` if ``brotli`` is importable) beside each text file of
    ``folder`` that compresses; the number of files written."""
    try:
        import brotli  # optional: not a dependency
    except ImportError:
        brotli = None
    written = 0
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in COMPRESSIBLE:
            continue
        data = path.read_bytes()
        if len(data) < MIN_COMPRESS_SIZE:
            continue
        twins = [(".gz", gzip.compress(data, compresslevel=9, mtime=0))]
        if brotli is not None:
            twins.append((".br", brotli.compress(data, quality=11)))
        for suffix, packed in twins:
            if len(packed) < len(data):
                path.with_name(path.name + suffix).write_bytes(packed)
                written += 1
    return written


def _swap(built: Path, dist: Path) -> None:
    """Put ``built`` where ``dist`` is, by renames (the old export is removed after)."""
    old = dist.with_name(f".{dist.name}-old-{os.getpid()}")
    if dist.exists() or dist.is_symlink():
        dist.rename(old)
    built.rename(dist)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def build(client: Path, dist: Path, *, force: bool = False) -> bool:
    """Build the web export into ``dist`` if the sources changed (or ``force``); True when
    it built."""
    if not (client / "package.json").is_file():
        say(f"no {client / 'package.json'}: no client to build")
        return False
    install(client)
    wanted = source_hash(client)
    stamp = dist / SOURCE_STAMP
    if not force and (dist / "index.html").is_file() and _read(stamp) == wanted:
        say(f"web export up to date ({dist})")
        return False
    building = dist.with_name(f".{dist.name}-build-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    try:
        _run(["npm", "run", "export:web", "--", "--output-dir", str(building)], client)
        if not (building / "index.html").is_file():
            raise BuildError(f"the export wrote no index.html in {building}")
        written = precompress(building)
        (building / SOURCE_STAMP).write_text(wanted + "\n")
        _swap(building, dist)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    say(f"web export built in {dist} ({written} precompressed files)")
    return True


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m runcoach.clientbuild", description=__doc__)
    parser.add_argument("--optional", action="store_true", help="no Node: warn, exit 0")
    parser.add_argument("--deps", action="store_true", help="only npm ci (when the lock changed)")
    parser.add_argument("--check", action="store_true", help="npm ci, then the client's checks")
    parser.add_argument("--force", action="store_true", help="build even if nothing changed")
    args = parser.parse_args(argv)
    problem = node_problem()
    if problem is not None:
        advice = f"install Node.js {NODE_MAJOR} or later from https://nodejs.org/"
        if args.optional:
            say(f"WARNING: {problem}: the web app is not built, the API runs alone ({advice})")
            return 0
        say(f"ERROR: {problem}: {advice}")
        return 2
    from runcoach.config import from_env

    if not (CLIENT / "package.json").is_file():
        say(f"no {CLIENT / 'package.json'}: no client to build or check")
        return 0
    try:
        if args.deps or args.check:
            install(CLIENT)
        if args.check:
            for script in CHECKS:
                _run(["npm", "run", script], CLIENT)
        elif not args.deps:
            build(CLIENT, from_env().client_dist, force=args.force)
    except (BuildError, OSError) as exc:
        say(f"ERROR: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
