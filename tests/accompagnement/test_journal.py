"""The journal on the person page: the author's unit by default, filters, long entries collapsed (issue 17 item 4)."""

import datetime

import pytest
from django.urls import reverse

from accompagnement import enums
from accompagnement.models import EntreeJournal
from comptes.permissions import Role
from tests.accompagnement.factories import PersonneFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("role", "pole"),
    [
        (Role.ACCUEIL, "accueil"),
        (Role.PSYCHOSOCIAL, "psychosocial"),
        (Role.JURIDIQUE, "juridique"),
        (Role.PSYCHOLOGUE, "psy"),
        (Role.DIRECTION, None),
    ],
)
def test_a_new_entry_is_filed_under_the_authors_unit_by_default(client_for, role, pole):
    personne = PersonneFactory()
    reponse = client_for(role).get(reverse("accompagnement:journal_ajouter", args=[personne.pk]))
    if reponse.status_code == 403:
        assert pole is None
        return
    assert reponse.context["form"]["pole"].value() == pole


def _entree(personne, pole, texte, auteur, jour=1, type="note"):
    return EntreeJournal.objects.create(
        personne=personne, date=D(2024, 3, jour), pole=pole, type=type, texte=texte, auteur=auteur
    )


def test_the_journal_filters_by_unit_author_and_kind_and_keeps_them_across_pages(client_for):
    client = client_for(Role.DIRECTION)
    personne = PersonneFactory()
    alice, bruno = UserFactory(first_name="Alice"), UserFactory(first_name="Bruno")
    _entree(personne, "accueil", "Appel du frère", alice)
    _entree(personne, "psychosocial", "Rdv CAF", bruno, jour=2)
    _entree(personne, "psychosocial", "Visite à domicile", alice, jour=3, type=enums.TypeEntreeJournal.values[-1])
    url = reverse("accompagnement:personne", args=[personne.pk])

    def textes(**filtres):
        reponse = client.get(url, {f"journal-{k}": v for k, v in filtres.items()})
        assert reponse.status_code == 200
        return sorted(e.texte for e in reponse.context["page_journal"])

    assert textes() == ["Appel du frère", "Rdv CAF", "Visite à domicile"]
    assert textes(pole="psychosocial") == ["Rdv CAF", "Visite à domicile"]
    assert textes(auteur=alice.pk) == ["Appel du frère", "Visite à domicile"]
    assert textes(pole="psychosocial", auteur=alice.pk) == ["Visite à domicile"]
    if enums.TypeEntreeJournal.values[-1] != "note":
        assert textes(type=enums.TypeEntreeJournal.values[-1]) == ["Visite à domicile"]
    # A malformed filter is a message next to the field, never a server error nor a silent empty list.
    reponse = client.get(url, {"journal-auteur": "99999999999999999999", "journal-pole": "<script>"})
    assert reponse.status_code == 200 and reponse.context["filtre_journal"].form.errors
    # The authors offered are those of entries the viewer may read, not the staff directory.
    choix = {int(v.value) for v, _l in reponse.context["filtre_journal"].form.fields["auteur"].choices if v}
    assert choix == {alice.pk, bruno.pk}


def test_the_pages_of_a_filtered_journal_keep_the_filter(client_for):
    client = client_for(Role.DIRECTION)
    personne = PersonneFactory()
    auteur = UserFactory()
    for i in range(31):
        _entree(personne, "psychosocial", f"Note {i}", auteur, jour=1 + i % 28)
    page = client.get(reverse("accompagnement:personne", args=[personne.pk]), {"journal-pole": "psychosocial"})
    assert "journal-pole=psychosocial&amp;journal=2#journal" in page.content.decode()


def test_a_long_entry_is_collapsed_and_a_short_one_is_not(client_for):
    client = client_for(Role.DIRECTION)
    personne = PersonneFactory()
    auteur = UserFactory()
    _entree(personne, "accueil", "Court", auteur)
    _entree(personne, "accueil", "Début " + "x" * 10_000, auteur, jour=2)
    page = client.get(reverse("accompagnement:personne", args=[personne.pk])).content.decode()
    assert page.count('<details class="journal-texte">') == 1
    assert '<div class="journal-texte">Court</div>' in page
    assert "10006" in page.replace("\u202f", "").replace(" ", "").replace(",", "")  # the length is said
