"""Pinned query counts: lists and details load their rows in a fixed number of queries.

Each page is measured with three rows, then with six: the count must not move (no query per
row) and must equal the pinned figure.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comptes.permissions import Role
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory
from tests.factories import UserFactory
from tests.psychosocial import factories as f

pytestmark = pytest.mark.django_db


def _jour(delta):
    return timezone.localdate() + datetime.timedelta(days=delta)


class Donnees:
    """Adds three rows of every kind around one person, one activity and one consultation."""

    def __init__(self):
        self.auteur = UserFactory(role="Psycho-social")
        self.psy = UserFactory(role="Psychologue")
        self.personne = AccompagnementFactory(date_debut=datetime.date(2023, 1, 1)).personne
        self.activite = f.ActiviteFactory(auteur=self.auteur, date=_jour(3))
        self.consultation = f.ConsultationFactory(personne=self.personne, auteur=self.psy)
        f.ParticipationFactory(activite=self.activite, personne=self.personne)
        self.rang = 0

    def trois_de_plus(self):
        for _ in range(3):
            self.rang += 1
            autre = AccompagnementFactory().personne
            a = self.auteur
            for p in (self.personne, autre):
                f.HebergementFactory(personne=p, auteur=a, date_entree=datetime.date(2020, 1, 1) + datetime.timedelta(
                    days=40 * self.rang), dispositif="appartement_femmes")  # fmt: skip
                f.DemarcheFactory(personne=p, auteur=a)
                f.AideFactory(personne=p, auteur=a, date=_jour(-self.rang))
                f.DomiciliationFactory(
                    personne=p, auteur=a, date_debut=_jour(-400 * self.rang), date_fin=_jour(-400 * self.rang + 300)
                )
                f.PassageCourrierFactory(personne=p, auteur=a, date=timezone.localdate())
                f.ConsultationFactory(personne=p, auteur=self.psy, date=_jour(-self.rang))
                f.OrientationFactory(personne=p, auteur=self.psy, date=_jour(-self.rang))
                f.ParticipationFactory(activite=f.ActiviteFactory(auteur=a, date=_jour(self.rang)), personne=p)
            f.ParticipationFactory(activite=self.activite, personne=autre)
            f.HebergementFactory(personne=autre, auteur=a, dispositif="appartement_hommes", date_entree=_jour(-2),
                                 en_cours=True)  # fmt: skip


PAGES = {
    # name: (role, url builder, pinned count)
    "index": (Role.PSYCHOSOCIAL, lambda d: reverse("psychosocial:index"), 14),
    "personne": (Role.PSYCHOSOCIAL, lambda d: reverse("psychosocial:personne", args=[d.personne.pk]), 19),
    "personne_psy": (Role.PSYCHOLOGUE, lambda d: reverse("psychosocial:personne", args=[d.personne.pk]), 20),
    "recherche": (Role.PSYCHOSOCIAL, lambda d: reverse("psychosocial:recherche_personnes") + "?q=D-T", 9),
    "hebergements": (Role.PSYCHOSOCIAL, lambda d: reverse("psychosocial:hebergement_liste"), 10),
    "occupation": (Role.PSYCHOSOCIAL, lambda d: reverse("psychosocial:occupation"), 11),
    "demarches": (Role.PSYCHOSOCIAL, lambda d: reverse("psychosocial:demarche_liste"), 10),
    "aides": (Role.PSYCHOSOCIAL, lambda d: reverse("psychosocial:aide_liste"), 12),
    "domiciliations": (Role.PSYCHOSOCIAL, lambda d: reverse("psychosocial:domiciliation_liste"), 10),
    "passages": (Role.PSYCHOSOCIAL, lambda d: reverse("psychosocial:passage_liste"), 11),
    "guichet": (Role.PSYCHOSOCIAL, lambda d: reverse("psychosocial:guichet"), 10),
    "consultations": (Role.PSYCHOLOGUE, lambda d: reverse("psychosocial:consultation_liste"), 10),
    "consultation": (Role.PSYCHOLOGUE, lambda d: reverse("psychosocial:consultation", args=[d.consultation.pk]), 9),
    "orientations": (Role.PSYCHOLOGUE, lambda d: reverse("psychosocial:orientation_liste"), 10),
    "activites": (Role.PSYCHOSOCIAL, lambda d: reverse("psychosocial:activite_liste"), 10),
    "activite": (Role.PSYCHOSOCIAL, lambda d: reverse("psychosocial:activite", args=[d.activite.pk]), 10),
    "activite_modifier": (
        Role.PSYCHOSOCIAL,
        lambda d: reverse("psychosocial:activite_modifier", args=[d.activite.pk]),
        11,
    ),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_pages_load_their_rows_in_a_fixed_number_of_queries(client, make_user, django_assert_num_queries, page):
    role, url, attendu = PAGES[page]
    donnees = Donnees()
    donnees.trois_de_plus()
    client.force_login(make_user(role))
    adresse = url(donnees)
    client.get(adresse)  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as trois:
        assert client.get(adresse).status_code == 200
    donnees.trois_de_plus()
    with django_assert_num_queries(attendu):
        reponse = client.get(adresse)
    assert reponse.status_code == 200
    assert len(trois) == attendu
    assert "INVALID_TEMPLATE_VARIABLE" not in reponse.content.decode()


def test_person_search_with_many_persons_stays_small(client_for, django_assert_num_queries):
    client = client_for(Role.PSYCHOSOCIAL)
    for _ in range(6):
        PersonneFactory(nom="Rakoto")
    client.get(reverse("psychosocial:recherche_personnes"), {"q": "rako"})
    with django_assert_num_queries(9):
        assert len(client.get(reverse("psychosocial:recherche_personnes"), {"q": "rako"}).json()["resultats"]) == 6
