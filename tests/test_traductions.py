"""The French catalogue is complete: every msgid of every catalogue has a French translation."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(p for p in ROOT.glob("**/locale/fr/LC_MESSAGES/*.po") if ".venv" not in p.parts)


def test_there_are_french_catalogues():
    assert any(p.parent.parent.parent.parent == ROOT for p in CATALOGUES)
    assert len(CATALOGUES) >= 2


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext is not installed")
@pytest.mark.parametrize("po", CATALOGUES, ids=[str(p.relative_to(ROOT)) for p in CATALOGUES])
def test_french_catalogue_is_complete(po):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert not re.search(r"\d+ (fuzzy|untranslated)", result.stderr), f"{po.relative_to(ROOT)}: {result.stderr.strip()}"


def _msgids(po: Path) -> set[str]:
    """msgids of a catalogue (joined continuation lines), the header excluded."""
    ids, current, in_id = set(), [], False
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            current, in_id = [line[6:]], True
        elif in_id and line.startswith('"'):
            current.append(line)
        elif in_id:
            text = "".join(part.strip()[1:-1] for part in current)
            if text:
                ids.add(text)
            in_id = False
    return ids


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext is not installed")
def test_catalogues_are_up_to_date_with_the_code(tmp_path):
    """Every string marked for translation in the code is in a catalogue (run `make messages` if not)."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "staticfiles", "media", ".git", "*.sqlite3"))
    python = ROOT / ".venv" / "bin" / "python"
    cmd = [str(python), "manage.py", "makemessages", "-l", "fr", "--no-location", "--ignore=staticfiles"]
    subprocess.run(cmd, cwd=copy, check=True, capture_output=True)
    stale = {}
    for po in CATALOGUES:
        missing = _msgids(copy / po.relative_to(ROOT)) - _msgids(po)
        if missing:
            stale[str(po.relative_to(ROOT))] = sorted(missing)[:5]
    assert not stale, f"strings missing from the catalogues (run `make messages`): {stale}"


def test_translation_functions_keep_names_makemessages_knows():
    """`gettext_lazy as _lazy` hid "Year of birth" from makemessages: only `_` may rename them."""
    import ast

    renommes = []
    for chemin in ROOT.glob("**/*.py"):
        if {".venv", "staticfiles", "node_modules"} & set(chemin.parts):
            continue
        for noeud in ast.walk(ast.parse(chemin.read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.ImportFrom) and noeud.module == "django.utils.translation":
                noms = [a for a in noeud.names if a.asname not in (None, "_")]
                renommes += [f"{chemin.relative_to(ROOT)}: {a.name} as {a.asname}" for a in noms]
    assert renommes == []
