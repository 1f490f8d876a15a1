"""The production image installs requirements.lock: it must hold the runtime tree only, and both lock
files must pin what pyproject.toml declares (a forgotten `make lock` fails here, not in production)."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
# Test, lint and tooling packages that must never reach production, whether or not pyproject lists them.
KNOWN_DEV = {
    "pytest",
    "pytest-django",
    "pytest-playwright",
    "pytest-xdist",
    "playwright",
    "factory-boy",
    "pypdf",
    "time-machine",
    "syrupy",
    "ruff",
    "djlint",
    "pre-commit",
    "pip-tools",
    "iniconfig",
    "pluggy",
}


def pins(name: str) -> dict[str, str]:
    """{canonical name: version} of a pip-compile lock file."""
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==(\S+)", line)
        if match:
            found[canonicalize_name(match[1])] = match[2]
    return found


def declared(requirements: list[str]) -> dict[str, str]:
    return {canonicalize_name(r.name): str(r.specifier).removeprefix("==") for r in map(Requirement, requirements)}


def test_runtime_lock_holds_no_development_package():
    dev_direct = set(declared(PYPROJECT["project"]["optional-dependencies"]["dev"]))
    assert dev_direct <= KNOWN_DEV, "list the new dev package in KNOWN_DEV too"
    assert not (set(pins("requirements.lock")) & KNOWN_DEV)


def test_lock_files_pin_what_pyproject_declares():
    runtime = declared(PYPROJECT["project"]["dependencies"])
    dev = declared(PYPROJECT["project"]["optional-dependencies"]["dev"])
    runtime_lock, dev_lock = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: runtime_lock.get(name) for name in runtime} == runtime
    assert {name: dev_lock.get(name) for name in runtime | dev} == runtime | dev
    # The development tree is the runtime tree plus the tools, at the same versions.
    assert {name: dev_lock.get(name) for name in runtime_lock} == runtime_lock


def test_image_installs_the_runtime_lock_only():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "requirements.lock" in dockerfile
    assert "requirements-dev" not in dockerfile


def test_image_compose_and_ci_smoke_run_the_same_production_commands():
    """deploy/run.sh holds the production commands; the image, compose and the CI smoke test
    (.ci/smoke.sh) call it rather than their own copies, so they cannot drift apart."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    compose = (ROOT / "docker-compose.yml").read_text()
    smoke = (ROOT / ".ci" / "smoke.sh").read_text()
    assert "deploy/run.sh build" in dockerfile
    assert 'CMD ["deploy/run.sh", "web"]' in dockerfile
    commands = re.findall(r"^\s+command: (.*)$", compose, flags=re.MULTILINE)
    app_commands = [c for c in commands if "redis-server" not in c]
    assert sorted(app_commands) == sorted(f'["deploy/run.sh", "{c}"]' for c in ("migrate", "web", "worker", "beat"))
    for command in ("build", "migrate", "web", "worker", "beat"):
        assert f"deploy/run.sh {command}" in smoke
    for text in (dockerfile, compose, smoke):
        assert "gunicorn ccem" not in text and "celery -A" not in text.replace("celery -A ccem inspect", "")
