import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accompagnement import enums, services
from accompagnement.doublons import candidats
from comptes.concurrency import EditConflict
from comptes.permissions import Role
from tests.accompagnement.factories import AccompagnementFactory, AffaireFactory, ExploitationFactory, PersonneFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_file_numbers_follow_each_other_within_a_year(make_user):
    user = make_user(Role.ACCUEIL)
    a = services.personne_creer(by=user, nom="Ndiaye", numero_dossier=services.numero_dossier(2024))
    b = services.personne_creer(by=user, nom="Fall", numero_dossier=services.numero_dossier(2024))
    assert (a.numero_dossier, b.numero_dossier) == ("D-2024-0001", "D-2024-0002")
    assert a.cree_par == user


def test_closing_needs_a_reason_and_reopening_makes_a_new_period(make_user):
    user = make_user(Role.ACCUEIL)
    periode = AccompagnementFactory(date_debut=D(2022, 1, 1))
    with pytest.raises(ValidationError):
        services.accompagnement_cloturer(
            accompagnement=periode, date_cloture=D(2023, 1, 1), motif_cloture="", version_attendue=None, by=user
        )
    periode.refresh_from_db()
    services.accompagnement_cloturer(
        accompagnement=periode,
        date_cloture=D(2023, 1, 1),
        motif_cloture=enums.MotifCloture.PERTE_CONTACT,
        version_attendue=periode.version,
        by=user,
    )
    with pytest.raises(ValidationError):
        services.accompagnement_rouvrir(personne=periode.personne, date_debut=D(2022, 6, 1), by=user)
    nouvelle = services.accompagnement_rouvrir(personne=periode.personne, date_debut=D(2024, 2, 1), by=user)
    assert periode.personne.accompagnements.count() == 2 and nouvelle.referent_accueil == user


def test_only_one_open_period_at_a_time(make_user):
    periode = AccompagnementFactory()
    with pytest.raises(ValidationError):
        services.accompagnement_ouvrir(personne=periode.personne, date_debut=D(2024, 5, 1), by=make_user(Role.ACCUEIL))


def test_concurrent_save_of_a_person_raises_edit_conflict(make_user):
    personne = PersonneFactory()
    personne.nom = "Autre"
    with pytest.raises(EditConflict):
        services.personne_modifier(personne=personne, version_attendue=personne.version + 1, by=make_user("Accueil"))


def test_exploiter_details_change_only_for_legal_unit_and_direction(make_user):
    affaire = AffaireFactory()
    affaire.exploiteur_details = "M. X, 12 rue Y"
    with pytest.raises(PermissionDenied):
        services.affaire_modifier(affaire=affaire, version_attendue=None, by=make_user(Role.ACCUEIL))
    services.affaire_modifier(affaire=affaire, version_attendue=None, by=make_user(Role.JURIDIQUE))
    affaire.refresh_from_db()
    assert affaire.exploiteur_details == "M. X, 12 rue Y"


def test_exploitation_places_are_replaced_as_a_whole(make_user):
    exploitation = ExploitationFactory()
    user = make_user(Role.ACCUEIL)
    services.exploitation_enregistrer(
        exploitation=exploitation,
        lieux=[{"departement": "75", "pays": "FR"}, {"departement": "", "pays": "MA"}],
        version_attendue=exploitation.version,
        by=user,
    )
    services.exploitation_enregistrer(
        exploitation=exploitation,
        lieux=[{"departement": "51", "pays": "FR", "commune": "Reims"}],
        version_attendue=exploitation.version,
        by=user,
    )
    assert [(lieu.departement, lieu.commune) for lieu in exploitation.lieux.all()] == [("51", "Reims")]


def test_only_the_psychologist_writes_psychologist_entries(make_user):
    personne = PersonneFactory()
    with pytest.raises(PermissionDenied):
        services.journal_ajouter(
            personne=personne, date=D(2024, 1, 1), pole="psy", type="note", texte="x", by=make_user(Role.DIRECTION)
        )
    entree = services.journal_ajouter(
        personne=personne, date=D(2024, 1, 1), pole="psy", type="note", texte="x", by=make_user(Role.PSYCHOLOGUE)
    )
    assert entree.pk


def test_duplicates_are_found_without_accents_case_or_phone_format():
    cible = PersonneFactory(nom="Hernández", prenom="José", date_naissance=D(1985, 2, 3), telephone="06 12 34 56 78")
    PersonneFactory(nom="Martin", prenom="Paul", date_naissance=D(1970, 1, 1), nationalite="FR")
    assert [c.personne for c in candidats(nom="HERNANDEZ", prenom="jose")] == [cible]
    assert [c.personne for c in candidats(nom="Inconnu", telephone="+33 6 12 34 56 78")] == [cible]
    trouve = candidats(nom="Hernandes", date_naissance=D(1985, 2, 3))  # a typo, same birth date
    assert [c.personne for c in trouve] == [cible]
    assert candidats(nom="Dupuis", prenom="Marc") == []


def test_closing_for_death_records_the_date_of_death(make_user):
    periode = AccompagnementFactory(date_debut=D(2022, 1, 1))
    services.accompagnement_cloturer(
        accompagnement=periode, date_cloture=D(2024, 2, 10), motif_cloture=enums.MotifCloture.DECES,
        version_attendue=periode.version, by=make_user(Role.ACCUEIL),
    )  # fmt: skip
    periode.personne.refresh_from_db()
    assert periode.personne.date_deces == D(2024, 2, 10)


def test_new_case_numbers_have_four_digits_after_older_wider_ones(db, make_user):
    """A-<year>-NNNN for new cases; the demo's older five-digit numbers do not reset the count."""
    from accompagnement.services import affaire_creer

    AffaireFactory(reference="A-2026-0007")
    AffaireFactory(reference="A-2026-00958")
    affaire = affaire_creer(intitule="Atelier", type_exploiteur="particulier", by=make_user(), annee=2026)
    assert affaire.reference == "A-2026-0959"
    AffaireFactory(reference="A-2026-9999")
    assert affaire_creer(intitule="Atelier", type_exploiteur="particulier", by=make_user(), annee=2026).reference == (
        "A-2026-10000"
    )
    assert affaire_creer(intitule="Atelier", type_exploiteur="particulier", by=make_user(), annee=2026).reference == (
        "A-2026-10001"
    )
