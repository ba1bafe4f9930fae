"""The only network peer notice-tui ever contacts is the configured release server.

Every command (read commands from the CLI's own list, ``status``/``releases`` against the
server, ``import``) and an app session run as real subprocesses with two walls:

* **a fresh network namespace** (``unshare -rn``; the test server is started inside the
  same namespace, on 127.0.0.1): the kernel refuses every other destination, for Python
  and for any git child alike. Skipped, with the reason, where namespaces are unavailable.
* **an audit hook** (``sitecustomize`` on ``PYTHONPATH``): every ``socket.connect`` and
  ``getaddrinfo`` is logged, and any internet connection except to the test server is
  refused; every process started is logged too, so the test checks that each git command
  carried ``protocol.allow=never`` (git's transports switched off).

They all must still work, the server must have been asked, and the log must show no other
destination. A control connection to a public address shows that the walls are up.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT, GitRepo, git
from tests.security.test_security_helpers import command_plans

EXE = str(Path(sys.executable).parent / "notice-tui")
pytestmark = pytest.mark.slow

SITECUSTOMIZE = """
import json, os, socket, sys

_LOG = os.environ.get("NOTICE_TUI_NET_LOG")
_ALLOWED = os.environ.get("NOTICE_TUI_NET_ALLOWED", "")


def _write(record):
    with open(_LOG, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\\n")


def _hook(event, args):
    if event == "socket.connect":
        sock, address = args[0], args[1]
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            where = f"{address[0]}:{address[1]}"
            _write({"event": "connect", "to": where, "pid": os.getpid()})
            if where != _ALLOWED:
                raise ConnectionRefusedError(f"notice-tui test: {where} is not allowed")
    elif event == "socket.getaddrinfo":
        _write({"event": "getaddrinfo", "host": str(args[0])})
    elif event == "subprocess.Popen":
        argv = args[1]
        if isinstance(argv, (list, tuple)):
            _write({"event": "spawn", "argv": [str(a) for a in argv]})


if _LOG:
    sys.addaudithook(_hook)
"""

DRIVER = """
import json, os, subprocess, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

spec = json.loads(open(sys.argv[1], encoding="utf-8").read())
if spec["netns"]:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
hits = []


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        hits.append(self.path)
        body = json.dumps({"version": "8.6.1", "success": True}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_address[1]}"
env = {
    **os.environ,
    "PYTHONPATH": spec["site"],
    "NOTICE_TUI_NET_LOG": spec["log"],
    "NOTICE_TUI_NET_ALLOWED": f"127.0.0.1:{server.server_address[1]}",
}
results = []
runs = [(argv, argv[0]) for argv in spec["commands"]]
runs += [
    (["status", "--server", url, "--repo", spec["repo"], "--today", "2026-11-26"], "server"),
    (["status", "--server", url, "--json", "--repo", spec["repo"]], "server"),
    (["releases", "--repo", spec["repo"]], "releases"),
    (["import", spec["bundle"], "--repo", spec["new_box"]], "import"),
]
for argv, kind in runs:
    done = subprocess.run(
        [spec["exe"], *argv], capture_output=True, text=True, env=env, timeout=120
    )
    results.append({"argv": argv, "kind": kind, "code": done.returncode,
                    "out": done.stdout[-2000:], "err": done.stderr[-2000:]})
app = subprocess.run(
    [sys.executable, "-c", spec["app_code"], spec["repo"], url],
    capture_output=True, text=True, env=env, cwd=spec["root"], timeout=180,
)
results.append({"argv": ["app"], "kind": "app", "code": app.returncode,
                "out": app.stdout[-2000:], "err": app.stderr[-4000:]})
probe = (
    "import socket\\ns = socket.socket()\\ns.settimeout(3)\\n"
    "try:\\n    print(s.connect_ex(('1.1.1.1', 80)))\\n"
    "except OSError as exc:\\n    print('refused', exc)\\n"
)
control = subprocess.run(
    [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
)
results.append({"argv": ["control"], "kind": "control", "code": control.returncode,
                "out": control.stdout, "err": control.stderr[-2000:]})
bare = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
results.append({"argv": ["kernel"], "kind": "kernel", "code": bare.returncode,
                "out": bare.stdout, "err": bare.stderr[-2000:]})
json.dump({"results": results, "hits": hits}, open(spec["out"], "w", encoding="utf-8"))
"""

APP_CODE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tests.security.test_security_helpers import app_screen, svg_text
    screen = svg_text(app_screen(Path(sys.argv[1]), ["down", "enter", "tab", "r"],
                                 options=["--server", sys.argv[2]]))
    print("SCREEN-OK" if "notice" in screen.lower() else screen)
    """
)


def _netns_available() -> str | None:
    """None when ``unshare -rn`` and ``ip`` work here, else why not."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "unshare or ip is not installed"
    probe = subprocess.run(
        ["unshare", "-rn", "ip", "link", "set", "lo", "up"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    if probe.returncode != 0:
        return f"cannot create a network namespace here: {probe.stderr.strip()}"
    return None


@pytest.fixture
def world(git_repo: GitRepo, tmp_path: Path) -> dict[str, str]:
    git_repo.commit(
        {
            "privacy/notice.md": "# Privacy\n\nEffective Date: 1 May 2024\n\n* **Usage Data:** x\n",
            "releases.toml": '[[release]]\nversion = "8.6"\nreleased = 2026-07-03\n',
        },
        message="Notices",
    )
    # a remote that would reach the internet, and a promisor that would fetch from it
    git_repo.git("remote", "add", "origin", "https://example.com/notices.git")
    git_repo.git("config", "remote.origin.promisor", "true")
    bundle = tmp_path / "notices.bundle"
    git(git_repo.path, "bundle", "create", "-q", str(bundle), "--all")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return {
        "repo": str(git_repo.path),
        "bundle": str(bundle),
        "new_box": str(tmp_path / "new-box"),
        "site": str(site),
        "log": str(tmp_path / "net.log"),
        "out": str(tmp_path / "results.json"),
    }


def _run(world: dict[str, str], tmp_path: Path, netns: bool) -> dict:
    commands = [
        [*argv, "--repo", world["repo"], "--today", "2026-11-26"]
        for _name, argv in command_plans(notice="privacy/notice.md", word="Usage")
    ]
    spec = {
        **world,
        "netns": netns,
        "exe": EXE,
        "root": str(ROOT),
        "commands": commands,
        "app_code": APP_CODE,
    }
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    prefix = ["unshare", "-rn"] if netns else []
    done = subprocess.run(
        [*prefix, sys.executable, str(driver), str(spec_file)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(Path(world["out"]).read_text(encoding="utf-8"))


def _check(report: dict, world: dict[str, str], netns: bool) -> None:
    results = {r["kind"]: r for r in report["results"]}
    for result in report["results"]:
        assert "Traceback" not in result["err"], result
    for result in report["results"]:
        if result["kind"] in ("log", "show"):
            assert result["code"] == 0, result
    server_runs = [r for r in report["results"] if r["kind"] == "server"]
    assert all(r["code"] == 0 for r in server_runs), server_runs
    assert "8.6" in server_runs[0]["out"]
    assert report["hits"] and all(hit.startswith("/api/info") for hit in report["hits"])
    assert results["import"]["code"] == 0, results["import"]
    assert results["app"]["code"] == 0 and "SCREEN-OK" in results["app"]["out"], results["app"]
    assert results["control"]["out"].startswith("refused")  # the hook refused it
    if netns:
        assert results["kernel"]["out"].strip() not in ("0", "")  # the kernel refused it

    log = [json.loads(line) for line in Path(world["log"]).read_text().splitlines()]
    connects = {r["to"] for r in log if r["event"] == "connect"}
    allowed = {f"127.0.0.1:{port}" for port in {c.rpartition(":")[2] for c in connects}}
    assert connects - {"1.1.1.1:80"} <= allowed and len(connects - {"1.1.1.1:80"}) == 1, connects
    hosts = {r["host"] for r in log if r["event"] == "getaddrinfo"}
    assert hosts <= {"127.0.0.1", "localhost", "1.1.1.1"}, hosts
    gits = [r["argv"] for r in log if r["event"] == "spawn" and Path(r["argv"][0]).name == "git"]
    assert gits, "no git command was recorded"
    for argv in gits:
        if argv[1:2] in (["version"], ["--version"]):  # version probes: no repository
            continue
        assert "protocol.allow=never" in argv, argv
        assert not {"fetch", "clone", "ls-remote", "push", "pull"} & set(argv), argv


def test_only_the_release_server_is_contacted(world: dict[str, str], tmp_path: Path) -> None:
    """In a network namespace where one can be made (the hook runs there too); else, with
    the reason printed, with the audit hook alone."""
    reason = _netns_available()
    if reason:
        print(f"network namespace unavailable ({reason}): audit hook only")
    _check(_run(world, tmp_path, netns=reason is None), world, netns=reason is None)
