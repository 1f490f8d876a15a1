"""Every page of the permission matrix reads in one language (issue 17, item 6): rendered in French and
in English, a page shows no string of the other language's catalogue, no raw choice code, no model's
default verbose name, and follows the reader's typography (French spaces before : ; ? !, no "..")."""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from comptes.permissions import Role
from tests.permission_matrix import PREFERENCE, load_matrix

MATRIX = load_matrix()
ROOT = Path(settings.BASE_DIR)
PAGES = sorted(name for name, expect in MATRIX.items() if expect.method == "get")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>")
# Words the same in both languages, or names, that a catalogue entry may hold.
COMMUNS = {"CCEM"}


class _Texte(HTMLParser):
    """What a reader sees or hears: text nodes (inline tags glued, as the browser does), and the
    attributes shown or read aloud; scripts and styles left out."""

    BLOCS = {
        "p",
        "div",
        "li",
        "td",
        "th",
        "tr",
        "br",
        "option",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dt",
        "dd",
        "title",
        "button",
        "label",
        "section",
        "nav",
        "header",
        "footer",
        "main",
        "ul",
        "ol",
        "table",
        "form",
    }
    ATTRIBUTS = {"title", "placeholder", "aria-label", "alt"}

    def __init__(self, langue):
        super().__init__()
        self.langue, self.morceaux, self._cache, self._etranger = langue, [], 0, []

    def handle_starttag(self, tag, attrs):
        # Content marked as another language (the language buttons) is meant to be in it.
        if self._etranger or dict(attrs).get("lang", self.langue) != self.langue:
            self._etranger.append(tag)
            return
        self._cache += tag in ("script", "style", "code")  # code: identifiers shown as such
        self.morceaux += ["\n" + v + "\n" for k, v in attrs if k in self.ATTRIBUTS and v]
        if tag in self.BLOCS:
            self.morceaux.append("\n")

    def handle_endtag(self, tag):
        if self._etranger:
            if tag in self._etranger:
                del self._etranger[len(self._etranger) - 1 - self._etranger[::-1].index(tag) :]
            return
        self._cache -= tag in ("script", "style", "code")
        if tag in self.BLOCS:
            self.morceaux.append("\n")

    def handle_data(self, data):
        if not self._cache and not self._etranger:
            self.morceaux.append(data)


def texte_page(html: str, langue: str) -> str:
    parser = _Texte(langue)
    parser.feed(html)
    return re.sub(r"[ \t\r\n]*\n[ \t\r\n]*", "\n", "".join(parser.morceaux))


def _catalogue() -> dict[str, str]:
    """msgid → French msgstr of every catalogue of the project (singular forms, no context)."""
    entries = {}
    for mo in sorted(ROOT.glob("**/locale/fr/LC_MESSAGES/django.mo")):
        if ".venv" in mo.parts:
            continue
        with mo.open("rb") as f:
            for msgid, msgstr in gettext.GNUTranslations(f)._catalog.items():
                if isinstance(msgid, tuple):
                    msgid = msgid[0] if msgid[1] == 0 else ""
                if msgid and "\x04" not in msgid:
                    entries[msgid] = msgstr
    return entries


def _phrases(texte: str) -> set[str]:
    """The multi-word fragments of a catalogue string, placeholders and tags cut out."""
    morceaux = (" ".join(m.split()).strip(" .,:;!?()«»\"'") for m in PLACEHOLDER.split(texte))
    return {m for m in morceaux if len(m.split()) >= 3 and len(m) >= 15 and m not in COMMUNS}


def _distinctifs():
    """Phrases of each language that the other never shows: French translations differing from their
    English msgid, and the English msgids they replace."""
    francais, anglais = set(), set()
    for msgid, msgstr in _catalogue().items():
        if msgstr and msgstr != msgid:
            francais |= _phrases(msgstr)
            anglais |= _phrases(msgid)
    return francais - anglais, anglais - francais


FRANCAIS, ANGLAIS = _distinctifs()
MOTS = {"fr": set(_catalogue().values()), "en": set(_catalogue())}


def _codes_bruts():
    """Choice codes whose label differs in the language: value → label, per language."""
    codes = {"fr": {}, "en": {}}
    choix = [list(Role.choices)]  # roles are groups, not a field with choices
    for model in apps.get_models():
        if (
            not Path(model._meta.app_config.path).is_relative_to(ROOT)
            or ".venv" in Path(model._meta.app_config.path).parts
        ):
            continue
        choix += [champ.flatchoices for champ in model._meta.get_fields() if getattr(champ, "flatchoices", None)]
    for liste in choix:
        for valeur, libelle in liste:
            if not isinstance(valeur, str) or not valeur or isinstance(libelle, (list, tuple)):
                continue
            for langue in codes:
                with translation.override(langue):
                    texte = str(libelle)
                # Codes that read as a word of the language (e.g. "accueil") would match running text,
                # as would codes that are words the language shows anyway ("Juridique" in the French menu).
                if valeur in MOTS[langue]:
                    continue
                if texte != valeur and len(valeur) > 2 and ("_" in valeur or valeur[:1].isupper()):
                    codes[langue][valeur] = texte
    return codes


def _noms_par_defaut() -> set[str]:
    """Names Django makes up for a model whose verbose name nobody chose, and the class names."""
    noms = set()
    for model in apps.get_models():
        if "verbose_name" not in model._meta.original_attrs:
            noms.add(str(model._meta.verbose_name))
        if model.__name__.startswith("Historical"):
            noms.add(model.__name__)
    return {n for n in noms if " " in n or "_" in n or n.startswith("Historical")}


def _present(phrase: str, texte: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", texte) is not None


def _fautes(texte: str, langue: str, codes: dict, noms: set[str]) -> list[str]:
    autre = ANGLAIS if langue == "fr" else FRANCAIS
    fautes = [f"other language: {p!r}" for p in sorted(autre) if _present(p, texte)]
    fautes += [f"raw code {c!r} (label {lib!r})" for c, lib in sorted(codes[langue].items()) if _present(c, texte)]
    fautes += [f"default model name {n!r}" for n in sorted(noms) if _present(n, texte)]
    fautes += [f"historical name: {m!r}" for m in re.findall(r"\b[Hh]istorical \w+", texte)]
    fautes += [f"doubled full stop: {m!r}" for m in re.findall(r"\S{0,15}(?<!\.)\.\.(?!\.)", texte)]
    if langue == "fr":
        # A letter right before : ; ? ! (times 18:47 and links aside), or an ordinary space that may break.
        fautes += [f"no space before punctuation: {m!r}" for m in re.findall(r"\S{0,15}[^\W\d][;:!?](?=\s|$)", texte)]
        fautes += [f"breakable space before punctuation: {m!r}" for m in re.findall(r"\S{0,15}\w [;:!?]", texte)]
    return fautes


@pytest.fixture(scope="module")
def reperes():
    return _codes_bruts(), _noms_par_defaut()


def test_the_catalogues_give_phrases_to_look_for():
    assert len(FRANCAIS) > 200 and len(ANGLAIS) > 200
    assert "Aucun signalement" not in FRANCAIS  # two words: too short to be distinctive
    assert any(p.startswith("Choisir") or "signalement" in p for p in FRANCAIS)


def test_the_checks_catch_what_staff_saw(reperes):
    codes, noms = reperes
    assert _fautes("Accueil: Amina", "fr", codes, noms)
    assert not _fautes("Accueil\u202f: Amina à 18:47", "fr", codes, noms)
    assert _fautes("6:47 p.m..", "en", codes, noms)
    assert _fautes("historical période d’accompagnement", "fr", codes, noms)
    assert _fautes("HistoricalProcedure_avocats", "en", codes, noms)
    assert _fautes(f"Role: {Role.ACCUEIL.value}", "en", codes, noms)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", PAGES)
def test_every_page_reads_in_one_language(client, make_user, reperes, url_name):
    expect = MATRIX[url_name]
    url = reverse(url_name, kwargs=expect.args())
    role = next(r for r in PREFERENCE if r in expect.allowed) if expect.allowed else None
    if role is not None:
        client.force_login(make_user(role))
    fautes = {}
    for langue in ("fr", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = langue
        reponse = client.get(url)
        if reponse.status_code != 200 or not reponse.get("Content-Type", "").startswith("text/html"):
            continue
        fautes[langue] = _fautes(texte_page(reponse.content.decode(), langue), langue, *reperes)
    assert not any(fautes.values()), "\n".join(f"{langue}: {f}" for langue, liste in fautes.items() for f in liste)
