"""No server error on any input: malformed GET parameters on every page, generated POSTs on every form.

Pages and forms come from the permission matrix (every named URL), parameter names from what each
view actually reads (every lookup in request.GET is recorded), form fields from the forms the page
renders. A server error (an exception in the view, or a 500) fails the test.
"""

import random
import string
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.http import QueryDict
from django.urls import Resolver404, resolve, reverse
from django.utils.datastructures import MultiValueDict

from comptes.permissions import Role
from tests.permission_matrix import load_matrix

MATRIX = load_matrix()

MALFORMES = [
    "0", "-1", "10000", "20245", "99999", "99999999999999999999", "-99999999999999999999", "1e9", "1e400",
    "nan", "inf", "-inf", "1.5", "0x10", " ", "", "abc", "2024-13-45", "2024-02-30", "31/12/99999", "0001-01-01",
    "9999-12-31", "10000-01-01", "x" * 10_000, "' OR 1=1 --", "1; DROP TABLE auth_user", "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>', "\x00", "é☃\u202e", "[]", "{}", "null", "../../etc/passwd", "2024-W05",
    "2024-1", "-", "999-99", "%", "_", "\\", "٣",
]  # fmt: skip


assert len(set(MALFORMES)) >= 30  # issue 15: at least 30 malformed values per parameter

# The values most likely to break a parser, tried on each parameter alone.
SEULS = ["-1", "99999999999999999999", "1e9", "2024-13-45", "10000-01-01", "\x00"]


def _role(expect) -> str:
    """The role that sees the most of the page (Direction where allowed)."""
    for role in (Role.DIRECTION, Role.ADMINISTRATEUR, Role.JURIDIQUE, Role.PSYCHOSOCIAL):
        if role in expect.allowed:
            return role
    return sorted(expect.allowed)[0]


class Lectures:
    """Records every key a view looks up in a QueryDict (request.GET), whatever reads it."""

    def __init__(self, monkeypatch):
        self.cles = set()
        for methode in ("__getitem__", "get", "getlist", "__contains__"):
            origine = getattr(MultiValueDict, methode)
            monkeypatch.setattr(MultiValueDict, methode, self._espion(origine))

    def _espion(self, origine):
        def lire(dico, cle, *args, **kwargs):
            if isinstance(dico, QueryDict) and isinstance(cle, str):
                self.cles.add(cle)
            return origine(dico, cle, *args, **kwargs)

        return lire


def _appeler(client, methode, url, data, erreurs):
    try:
        reponse = getattr(client, methode)(url, data)
    except Exception as exc:  # the test client re-raises the view's exception
        erreurs.append(f"{methode.upper()} {url} {_court(data)}: {type(exc).__name__}: {str(exc)[:200]}")
        return None
    if reponse.status_code >= 500:
        erreurs.append(f"{methode.upper()} {url} {_court(data)}: HTTP {reponse.status_code}")
    return reponse


def _court(data) -> str:
    return repr({k: (v[:40] if isinstance(v, str) else v) for k, v in data.items()})[:300]


PAGES = sorted(n for n, e in MATRIX.items() if e.method == "get" and e.allowed and not e.public)


@pytest.mark.django_db
@pytest.mark.parametrize("nom", PAGES)
def test_malformed_get_parameters_never_cause_a_server_error(client, make_user, monkeypatch, nom):
    expect = MATRIX[nom]
    client.force_login(make_user(_role(expect)))
    url = reverse(nom, kwargs=expect.args())
    erreurs = []
    with monkeypatch.context() as m:
        lectures = Lectures(m)
        client.get(url)
        parametres = []
        # Every parameter malformed at once; a parameter read only once another is given (an export
        # format, a second filter) is found on the way and gets the whole list in its turn.
        for _tour in range(5):
            if lectures.cles | {"page", "annee"} <= set(parametres):
                break
            parametres = sorted(lectures.cles | {"page", "annee"})
            for valeur in MALFORMES:
                _appeler(client, "get", url, dict.fromkeys(parametres, valeur), erreurs)
    if len(parametres) > 1:  # alone, so that one parameter's error cannot hide another's
        for parametre in parametres:
            for valeur in SEULS:
                _appeler(client, "get", url, {parametre: valeur}, erreurs)
    assert not erreurs, f"{len(erreurs)} server errors:\n" + "\n".join(erreurs[:30])


# --- Generated POSTs on every form ----------------------------------------------------------------


class Formulaires(HTMLParser):
    """The POST forms of a page: action and fields (name, kind, rendered value, options)."""

    def __init__(self):
        super().__init__()
        self.formulaires, self._courant, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._courant = {"action": attrs.get("action") or "", "champs": []}
            self.formulaires.append(self._courant)
        elif self._courant is None or not attrs.get("name"):
            if tag == "option" and self._select is not None:
                self._select["options"].append(attrs.get("value", ""))
            return
        elif tag in ("input", "textarea"):
            genre = attrs.get("type", "text") if tag == "input" else "textarea"
            self._courant["champs"].append({"nom": attrs["name"], "genre": genre, "valeur": attrs.get("value", "")})
        elif tag == "select":
            self._select = {"nom": attrs["name"], "genre": "select", "valeur": "", "options": []}
            self._courant["champs"].append(self._select)

    def handle_endtag(self, tag):
        if tag == "form":
            self._courant = None
        elif tag == "select":
            self._select = None


VALEURS_PAR_GENRE = {
    "number": ["0", "1", "-1", "99999999999999999999", "1e400", "2147483648", "-2147483649", "3.5", "abc", ""],
    "date": ["2024-03-01", "0001-01-01", "9999-12-31", "10000-01-01", "2024-02-30", "31/12/2024", "", "1899-12-31"],
    "datetime-local": ["2024-03-01T10:00", "0001-01-01T00:00", "9999-12-31T23:59", "2024-13-01T25:00", ""],
    "time": ["12:00", "25:61", "", "abc", "23:59:59"],
}
TEXTES = ["", "x" * 10_000, "\x00", "=1+1", "<script>alert(1)</script>", "99999999999999999999", "2024-03-01",
          "' OR 1=1 --", "Amina Zorglubovic", "é☃\u202e"]  # fmt: skip
ESSAIS_PAR_FORMULAIRE = 12


def _genere(rng: random.Random, champ: dict):
    """A value for one field: often plausible, often absurd (None leaves the field out)."""
    genre = champ["genre"]
    if genre in ("submit", "button", "file", "reset", "image"):
        return None
    if genre == "checkbox":
        return rng.choice([champ["valeur"] or "on", None])
    if genre == "hidden" and rng.random() < 0.8:
        return champ["valeur"]  # formset management, expected version, next page
    if genre == "select":
        if champ["options"] and rng.random() < 0.7:
            return rng.choice(champ["options"])
        return rng.choice(MALFORMES)
    if genre in VALEURS_PAR_GENRE:
        return rng.choice(VALEURS_PAR_GENRE[genre] + MALFORMES[:8])
    if rng.random() < 0.3:
        return "".join(rng.choice(string.printable) for _ in range(rng.randint(1, 60)))
    return rng.choice(TEXTES + MALFORMES)


def _cible(url_page: str, action: str) -> str | None:
    """Where the form posts, if it is one of ours (not the login, logout or language forms)."""
    cible = urljoin(url_page, action) if action else url_page
    try:
        trouve = resolve(cible.split("?")[0])
    except Resolver404:
        return None
    if trouve.namespace in ("", "admin") or trouve.url_name in ("set_language",) or "account" in trouve.route:
        return None
    return cible


@pytest.mark.django_db
def test_generated_posts_on_every_form_never_cause_a_server_error(client, make_user):
    """At least 500 generated submissions across every POST form of every page."""
    rng = random.Random(13)
    erreurs, envois, cibles = [], 0, set()
    for nom in PAGES:
        expect = MATRIX[nom]
        client.force_login(make_user(_role(expect)))
        url = reverse(nom, kwargs=expect.args())
        reponse = client.get(url)
        if reponse.status_code != 200 or not reponse.get("Content-Type", "").startswith("text/html"):
            continue
        lecteur = Formulaires()
        lecteur.feed(reponse.content.decode())
        for formulaire in lecteur.formulaires:
            cible = _cible(url, formulaire["action"])
            if cible is None:
                continue
            cibles.add(cible)
            for _essai in range(ESSAIS_PAR_FORMULAIRE):
                data = {}
                for champ in formulaire["champs"]:
                    valeur = _genere(rng, champ)
                    if valeur is not None:
                        data[champ["nom"]] = valeur
                _appeler(client, "post", cible, data, erreurs)
                envois += 1
    assert envois >= 500, f"only {envois} submissions over {len(cibles)} forms: the discovery is broken"
    assert not erreurs, f"{len(erreurs)} server errors in {envois} submissions:\n" + "\n".join(erreurs[:40])


def test_every_form_and_filter_of_the_application_is_bounded():
    """Bounds hold by construction: every form and FilterSet class inherits them (comptes.forms)."""
    import inspect
    from importlib import import_module

    import django_filters
    from django.apps import apps
    from django.forms import BaseForm

    from comptes.filters import FilterSet
    from comptes.forms import BornesMixin

    nus = []
    for config in apps.get_app_configs():
        if config.name.startswith(("django", "allauth")) or "." in config.name:
            continue
        for module_nom in (f"{config.name}.forms", f"{config.name}.filters", f"{config.name}.concurrency"):
            try:
                module = import_module(module_nom)
            except ModuleNotFoundError:
                continue
            for nom, classe in inspect.getmembers(module, inspect.isclass):
                if classe.__module__ != module_nom:
                    continue
                if issubclass(classe, BaseForm) and not issubclass(classe, BornesMixin):
                    nus.append(f"{module_nom}.{nom}")
                if issubclass(classe, django_filters.FilterSet) and not issubclass(classe, FilterSet):
                    nus.append(f"{module_nom}.{nom}")
    assert not nus, f"forms without the bounds of comptes.forms.BornesMixin: {nus}"


@pytest.mark.django_db
def test_a_record_picker_refuses_a_key_too_large_for_the_database(client_for):
    """The issue's example: animateurs=99999999999999999999 on an intervention answered HTTP 500."""
    from sensibilisation.forms import InterventionForm

    client = client_for(Role.SENSIBILISATION)
    form = InterventionForm(data={"animateurs": ["99999999999999999999"]}, user=client.user)
    assert not form.is_valid()
    assert form.errors["animateurs"]
    response = client.post(reverse("sensibilisation:creer"), {"animateurs": "99999999999999999999", "titre": "x"})
    assert response.status_code == 200  # the form again, with its errors
