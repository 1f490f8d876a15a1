"""Settings read from the environment."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _settings(env: dict) -> str:
    code = "import django; django.setup(); from django.conf import settings; print(settings.CELERY_BEAT_SCHEDULE)"
    base = {"DJANGO_SETTINGS_MODULE": "ccem.settings", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base | env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_retention_is_scheduled_only_when_configured():
    sans = _settings({})
    assert "donnees.appliquer_retention" not in sans and "donnees.purger_fichiers" in sans
    scheduled = _settings({"RETENTION_ANNEES_APRES_CLOTURE": "10"})
    assert "donnees.appliquer_retention" in scheduled and "'annees': 10" in scheduled


def test_demo_totp_code_is_refused_without_debug():
    code = "import django; django.setup()"
    env = {"DJANGO_SETTINGS_MODULE": "ccem.settings", "DEBUG": "False", "SECRET_KEY": "x" * 50, "DEMO_TOTP_CODE": "0"}
    env["DOCUMENTS_KEYS"] = "k1:" + "A" * 43 + "="
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "DEMO_TOTP_CODE is refused when DEBUG is off" in result.stderr


def test_production_refuses_to_start_without_document_keys():
    """Like SECRET_KEY: the development key derived from it is for DEBUG runs only."""
    code = "import django; django.setup()"
    env = {"DJANGO_SETTINGS_MODULE": "ccem.settings", "DEBUG": "False", "SECRET_KEY": "x" * 50, "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "DOCUMENTS_KEYS" in result.stderr
    env["DOCUMENTS_KEYS"] = "k1:" + "A" * 43 + "="
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
