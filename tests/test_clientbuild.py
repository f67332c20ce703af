"""``make client`` (runcoach.clientbuild): the stamps, the offline build into a temporary
folder swapped in by renames, the precompressed twins, and Node missing or too old.

``node`` and ``npm`` are small shell scripts on ``PATH`` that log their arguments and
environment and write what ``expo export`` would (or fail when told to)."""

from __future__ import annotations

import gzip
import os
import stat
from pathlib import Path

import pytest

from runcoach import clientbuild

FAKE_NPM = """#!/bin/sh
echo "$* CI=$CI EXPO_OFFLINE=$EXPO_OFFLINE EXPO_NO_TELEMETRY=$EXPO_NO_TELEMETRY" >> "$NPM_LOG"
case "$1" in
  ci) mkdir -p node_modules ;;
  run)
    if [ -n "$NPM_FAIL" ]; then echo "metro: SyntaxError in app/index.tsx" >&2; exit 1; fi
    if [ "$2" = export:web ]; then
      out="$5"
      mkdir -p "$out/_expo/static/js/web"
      printf '<!doctype html><script src="/_expo/static/js/web/entry-1.js"></script>%0300d' 0 \
        > "$out/index.html"
      yes "console.log(1);" | head -n 200 > "$out/_expo/static/js/web/entry-1.js"
      printf 'tiny' > "$out/_expo/static/js/web/tiny.js"
      printf 'PNG' > "$out/logo.png"
    fi ;;
esac
"""


def _script(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Fake ``node`` (v20) and ``npm`` first on PATH; returns npm's log."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _script(bin_dir, "node", "#!/bin/sh\necho v20.11.1\n")
    _script(bin_dir, "npm", FAKE_NPM)
    log = tmp_path / "npm.log"
    log.touch()
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setenv("NPM_LOG", str(log))
    return log


@pytest.fixture
def client(tmp_path: Path) -> Path:
    root = tmp_path / "client"
    (root / "app").mkdir(parents=True)
    (root / "package.json").write_text('{"name": "c"}')
    (root / "package-lock.json").write_text('{"lockfileVersion": 3}')
    (root / "app" / "index.tsx").write_text("export default function Home() {}")
    return root


def test_a_build_is_offline_swapped_in_and_precompressed(
    tools: Path, client: Path, tmp_path: Path
) -> None:
    dist = client / "dist"
    assert clientbuild.build(client, dist)
    log = tools.read_text().splitlines()
    assert log[0].startswith("ci ")
    assert log[1].startswith("run export:web -- --output-dir ")
    assert all(line.endswith("CI=1 EXPO_OFFLINE=1 EXPO_NO_TELEMETRY=1") for line in log)
    assert (dist / "index.html").is_file()
    bundle = dist / "_expo/static/js/web/entry-1.js"
    assert gzip.decompress((bundle.parent / "entry-1.js.gz").read_bytes()) == bundle.read_bytes()
    assert (dist / "index.html.gz").is_file()
    assert not (bundle.parent / "tiny.js.gz").exists()  # too small to be worth it
    assert not (dist / "logo.png.gz").exists()  # not text
    assert (dist / ".source-hash").read_text().strip() == clientbuild.source_hash(client)
    assert sorted(p.name for p in client.iterdir()) == [
        "app",
        "dist",
        "node_modules",
        "package-lock.json",
        "package.json",
    ]


def test_nothing_is_done_when_nothing_changed(tools: Path, client: Path) -> None:
    dist = client / "dist"
    assert clientbuild.build(client, dist)
    assert not clientbuild.build(client, dist)
    assert len(tools.read_text().splitlines()) == 2  # one npm ci, one export


def test_a_source_change_rebuilds_without_npm_ci(tools: Path, client: Path) -> None:
    dist = client / "dist"
    clientbuild.build(client, dist)
    (client / "app" / "index.tsx").write_text("export default function Home() { return 1 }")
    assert clientbuild.build(client, dist)
    commands = [line.split()[0] for line in tools.read_text().splitlines()]
    assert commands == ["ci", "run", "run"]


def test_a_lockfile_change_runs_npm_ci_again(tools: Path, client: Path) -> None:
    dist = client / "dist"
    clientbuild.build(client, dist)
    (client / "package-lock.json").write_text('{"lockfileVersion": 3, "x": 1}')
    assert clientbuild.build(client, dist)
    commands = [line.split()[0] for line in tools.read_text().splitlines()]
    assert commands == ["ci", "run", "ci", "run"]


def test_what_does_not_go_into_the_bundle_does_not_count(client: Path) -> None:
    before = clientbuild.source_hash(client)
    for name in ("node_modules/x/index.js", "dist/index.html", "e2e/screenshots/a.png",
                 "dist-android/metadata.json", "dist-ios/_expo/x.hbc",
                 ".expo/state.json", "app/__tests__/home.test.tsx", "app/home.test.tsx",
                 "jest.config.js", "README.md"):  # fmt: skip
        path = client / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    assert clientbuild.source_hash(client) == before
    for name in ("app.json", "tsconfig.json", "src/api.ts", "assets/icon.png"):
        path = client / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
        after = clientbuild.source_hash(client)
        assert after != before, name
        before = after


def test_a_failed_build_keeps_the_previous_export(
    tools: Path, client: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dist = client / "dist"
    clientbuild.build(client, dist)
    good = (dist / "index.html").read_bytes()
    (client / "app" / "index.tsx").write_text("export default function (")
    monkeypatch.setenv("NPM_FAIL", "1")
    with pytest.raises(clientbuild.BuildError, match="export:web"):
        clientbuild.build(client, dist)
    assert (dist / "index.html").read_bytes() == good
    assert not [p for p in client.iterdir() if p.name.startswith(".dist")]
    monkeypatch.delenv("NPM_FAIL")
    assert clientbuild.build(client, dist)  # and the next run tries again


def test_a_missing_lockfile_is_an_error(tools: Path, client: Path) -> None:
    (client / "package-lock.json").unlink()
    with pytest.raises(clientbuild.BuildError, match=r"package-lock\.json"):
        clientbuild.install(client)


@pytest.mark.parametrize(
    ("node", "problem"),
    [
        ("#!/bin/sh\necho v18.19.0\n", "Node.js v18.19.0 is too old"),
        ("#!/bin/sh\necho v20.0.0\n", None),
        ("#!/bin/sh\necho v22.3.0\n", None),
        ("#!/bin/sh\nexit 1\n", "`node --version` failed"),
        (None, "Node.js is not installed"),
    ],
)
def test_node_20_or_later_is_required(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, node: str | None, problem: str | None
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _script(bin_dir, "npm", "#!/bin/sh\n")
    if node is not None:
        _script(bin_dir, "node", node)
    monkeypatch.setenv("PATH", str(bin_dir))
    assert clientbuild.node_problem() == problem


def test_without_node_run_warns_and_goes_on_and_client_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert clientbuild.main(["--optional"]) == 0
    warning = capsys.readouterr().out.strip()
    assert warning.count("\n") == 0
    assert "WARNING: Node.js is not installed" in warning
    assert "nodejs.org" in warning
    assert clientbuild.main([]) == 2
    assert clientbuild.main(["--check"]) == 2
    assert "ERROR: Node.js is not installed" in capsys.readouterr().out
