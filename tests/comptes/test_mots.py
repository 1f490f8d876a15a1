"""Words and colours staff stumbled on (issue 17): the login error, the English clock, the navigation contrast."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

pytestmark = pytest.mark.django_db


def test_the_french_login_error_names_the_field_as_the_form_does(client, make_user):
    user = make_user()
    donnees = {"login": user.username, "password": "faux"}
    reponse = client.post(reverse("account_login"), donnees, HTTP_ACCEPT_LANGUAGE="fr")
    texte = reponse.content.decode()
    assert "Le nom d’utilisateur ou le mot de passe est incorrect." in texte
    assert "pseudo" not in texte


def test_the_english_time_does_not_end_with_a_full_stop():
    heure = datetime.time(18, 47)
    with translation.override("en"):
        assert formats.time_format(heure) == "18:47"
        moment = datetime.datetime(2026, 12, 6, 18, 47, tzinfo=datetime.UTC)
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "12/06/2026 18:47"


def _luminance(rgb):
    def canal(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (canal(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_navigation_links_reach_wcag_aa_contrast_on_the_burgundy_bar():
    css = (Path(settings.BASE_DIR) / "static/css/ccem.css").read_text()
    hexa = re.search(r"\.bg-ccem \{ background-color: #(\w{6})", css).group(1)
    fond = tuple(int(hexa[i : i + 2], 16) for i in (0, 2, 4))
    alpha = float(re.search(r"--bs-navbar-color: rgba\(255, 255, 255, ([\d.]+)\)", css).group(1))
    lien = tuple(alpha * 255 + (1 - alpha) * c for c in fond)
    clair, sombre = sorted((_luminance(lien), _luminance(fond)), reverse=True)
    assert (clair + 0.05) / (sombre + 0.05) >= 4.5


@pytest.mark.parametrize("langue", ["fr", "en"])
def test_the_access_log_filter_names_record_types_as_staff_do(client_for, langue):
    from comptes.permissions import Role

    client = client_for(Role.DIRECTION)
    reponse = client.get(reverse("journal_acces"))
    with translation.override(langue):
        champ = reponse.context["filtre"].form.fields["content_type"]
        libelles = [str(libelle) for valeur, libelle in champ.choices if valeur]
    assert len(libelles) > 20
    assert [x for x in libelles if "istorical" in x or "_" in x or " — " not in x] == []
    attendu = {"fr": "Accueil — signalement", "en": "Reception — report"}[langue]
    assert attendu in libelles


def test_lists_number_their_pages_and_say_how_many_results(client_for):
    from comptes.models import JournalAcces
    from comptes.permissions import Role

    client = client_for(Role.DIRECTION)
    JournalAcces.objects.bulk_create(
        [
            JournalAcces(utilisateur=client.user, action=JournalAcces.Action.CONSULTATION, vue=f"x{i}")
            for i in range(1000)
        ]
    )
    total = JournalAcces.objects.filter(action=JournalAcces.Action.CONSULTATION).count()
    reponse = client.get(reverse("journal_acces"), {"page": 10, "action": JournalAcces.Action.CONSULTATION})
    page = reponse.content.decode()
    assert f"{total} résultats" in page.replace("\u202f", "").replace("\xa0", "")
    numeros = re.findall(r'<a class="page-link" href="\?([^"]*)" aria-label', page)
    action = f"action={JournalAcces.Action.CONSULTATION}"
    derniere = -(-total // 50)
    assert {f"page=1&amp;{action}", f"page={derniere}&amp;{action}"} <= set(numeros)  # the filter kept
    assert '<li class="page-item active" aria-current="page"><span class="page-link">10</span>' in page
    assert page.count('<span class="page-link">…</span>') == 2  # pages far from the current one are elided
    assert "INVALID_TEMPLATE_VARIABLE" not in page
