"""Deleting, restoring and moving records (comptes.suppression): every model of the units walked."""

import datetime
import inspect
from importlib import import_module

import factory
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from comptes import suppression
from comptes.models import Correction, JournalAcces
from comptes.permissions import Role
from rapports.calcul import calculer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ANNEE = 2024  # the factories' dates


def _fabriques() -> dict:
    fabriques = {}
    for app in suppression.APPS_UNITES:
        try:
            module = import_module(f"tests.{app}.factories")
        except ModuleNotFoundError:
            continue
        for _nom, classe in inspect.getmembers(module, inspect.isclass):
            if issubclass(classe, factory.django.DjangoModelFactory) and classe._meta.model is not None:
                fabriques.setdefault(classe._meta.model._meta.label_lower, classe)
    return fabriques


def _materiel():
    from sensibilisation import enums
    from sensibilisation.models import MaterielRemis
    from tests.sensibilisation.factories import InterventionFactory

    return MaterielRemis.objects.create(intervention=InterventionFactory(), support=enums.Support.values[0], quantite=3)


def _evenement():
    from accompagnement.models import EvenementTraite
    from tests.accompagnement.factories import ExploitationFactory

    return EvenementTraite.objects.create(exploitation=ExploitationFactory(), type="transit", pays="ES")


def _consentement():
    import datetime

    from accompagnement.models import ConsentementTransfert
    from tests.accompagnement.factories import AccompagnementFactory

    personne = AccompagnementFactory(date_debut=datetime.date(2024, 1, 10)).personne
    return ConsentementTransfert.objects.create(
        personne=personne, destinataire="Pag-Asa", date_consentement=datetime.date(2024, 2, 1)
    )


# Models without a factory of their own.
CONSTRUCTEURS = {
    "sensibilisation.materielremis": _materiel,
    "accompagnement.evenementtraite": _evenement,
    "accompagnement.consentementtransfert": _consentement,
}
SUPPRIMABLES = sorted(m._meta.label_lower for m in suppression.modeles_unites() if suppression.supprimable(m))


def construire(label: str):
    constructeur = CONSTRUCTEURS.get(label) or _fabriques()[label]
    return constructeur()


@pytest.fixture
def direction():
    return UserFactory(role=Role.DIRECTION)


def test_every_unit_model_is_deletable_or_exempt_with_a_reason():
    labels = {m._meta.label_lower for m in suppression.modeles_unites()}
    assert set(suppression.EXEMPTES) <= labels  # no stale exemption
    assert all(len(raison) > 20 for raison in suppression.EXEMPTES.values())
    assert labels - set(suppression.EXEMPTES) == set(SUPPRIMABLES)
    manquants = [label for label in SUPPRIMABLES if label not in CONSTRUCTEURS and label not in _fabriques()]
    assert not manquants, f"give these models a factory so the walk covers them: {manquants}"
    # the mechanism knows each model's rule (a sub-record reaches its parent's)
    for label in SUPPRIMABLES:
        assert suppression.section_modele(suppression.modele(label))


@pytest.mark.parametrize("label", SUPPRIMABLES)
def test_delete_restore_and_move_every_kind_of_record(label, direction):
    obj = construire(label)
    model, pk = type(obj), obj.pk
    correction = suppression.element_supprimer(obj=obj, motif="saisi par erreur", by=direction)
    assert obj.pk == pk  # still names the record for the access log
    assert not model._base_manager.filter(pk=pk).exists()  # hidden everywhere, by construction
    assert (correction.par, correction.motif, correction.object_id) == (direction, "saisi par erreur", str(pk))
    assert correction.content_type == ContentType.objects.get_for_model(model)
    if hasattr(model, "history"):
        supprime = model.history.filter(id=pk, history_type="-").get()
        assert (supprime.history_user, supprime.history_change_reason) == (direction, "saisi par erreur")

    restaure = suppression.element_restaurer(correction=correction, by=direction)
    assert restaure.pk == pk and model._base_manager.filter(pk=pk).exists()
    correction.refresh_from_db()
    assert correction.restaure_par == direction and correction.donnees == ""
    with pytest.raises(ValidationError):  # once only
        suppression.element_restaurer(correction=correction, by=direction)

    if suppression.champ_personne(model) is not None:
        from tests.accompagnement.factories import PersonneFactory

        autre = PersonneFactory()
        ancienne = restaure.personne_id
        suppression.element_deplacer(obj=restaure, personne=autre, motif="mauvaise personne", by=direction)
        assert model._base_manager.get(pk=pk).personne_id == autre.pk
        deplacement = Correction.objects.get(action=Correction.Action.DEPLACEMENT)
        assert (deplacement.personne_id, deplacement.personne_vers_id) == (ancienne, autre.pk)


def _valeurs() -> dict:
    rapport = calculer(ANNEE, serie=False)
    return {"indicateurs": rapport.valeurs(), "repartitions": rapport.repartitions}


def test_figures_follow_deletion_and_restoration(direction):
    """Deleted records count exactly as if they had never been recorded; restored, they count again.
    One record of every deletable model, all deleted: any model whose deleted rows still counted
    somewhere (a join, a subquery, an export) would make the two computations differ."""
    objets = [construire(label) for label in SUPPRIMABLES]
    avec = _valeurs()
    with transaction.atomic():
        for obj in objets:
            type(obj)._base_manager.filter(pk=obj.pk).delete()
        jamais_saisis = _valeurs()
        transaction.set_rollback(True)
    corrections = []
    for obj in objets:
        if type(obj)._base_manager.filter(pk=obj.pk).exists():  # not gone with its parent already
            corrections.append(suppression.element_supprimer(obj=obj, motif="doublon", by=direction))
    assert _valeurs() == jamais_saisis
    assert avec != jamais_saisis
    for correction in reversed(corrections):
        suppression.element_restaurer(correction=correction, by=direction)
    assert _valeurs() == avec


@pytest.mark.parametrize("label", ["psychosocial.hebergement", "psychosocial.aidefinanciere", "juridique.procedure"])
def test_representative_figures_drop_when_a_record_is_deleted(label, direction):
    obj = construire(label)
    avant = _valeurs()["indicateurs"]
    correction = suppression.element_supprimer(obj=obj, motif="doublon", by=direction)
    apres = _valeurs()["indicateurs"]
    changes = {k for k in avant if avant[k] != apres[k]}
    assert changes, "the record counted somewhere before its deletion"
    assert correction.annees  # the closed years it revises


def test_deletion_records_the_years_of_the_records_dates(direction):
    from tests.psychosocial.factories import HebergementFactory

    sejour = HebergementFactory(date_entree=datetime.date(2022, 12, 20), date_sortie=datetime.date(2023, 1, 5))
    correction = suppression.element_supprimer(obj=sejour, motif="doublon", by=direction)
    assert correction.annees == [2022, 2023]


def test_a_reason_is_mandatory(direction, client_for):
    from psychosocial.models import AideFinanciere
    from tests.psychosocial.factories import AideFactory

    aide = AideFactory()
    with pytest.raises(ValidationError):
        suppression.element_supprimer(obj=aide, motif="   ", by=direction)
    client = client_for(Role.PSYCHOSOCIAL)
    url = reverse("element_supprimer", args=["psychosocial.aidefinanciere", aide.pk])
    response = client.post(url, {"motif": ""})
    assert response.status_code == 200 and response.context["form"].errors["motif"]
    assert AideFinanciere.objects.filter(pk=aide.pk).exists()


def test_restoration_is_possible_for_30_days_only(direction):
    from tests.psychosocial.factories import AideFactory

    il_y_a_31_jours = timezone.now() - datetime.timedelta(days=31)
    ancienne = suppression.element_supprimer(obj=AideFactory(), motif="doublon", by=direction, now=il_y_a_31_jours)
    recente = suppression.element_supprimer(
        obj=AideFactory(), motif="doublon", by=direction, now=timezone.now() - datetime.timedelta(days=29)
    )
    assert not suppression.restaurable(ancienne) and suppression.restaurable(recente)
    with pytest.raises(ValidationError):
        suppression.element_restaurer(correction=ancienne, by=direction)
    assert suppression.purger_contenus() == 1  # the content goes, who/when/why stay
    ancienne.refresh_from_db()
    assert ancienne.donnees == "" and ancienne.motif == "doublon"


def test_permissions_allowed_role_and_forbidden_twin(client_for):
    from tests.juridique.factories import TitreSejourFactory
    from tests.psychosocial.factories import AideFactory

    aide = AideFactory()
    url = reverse("element_supprimer", args=["psychosocial.aidefinanciere", aide.pk])
    assert client_for(Role.JURIDIQUE).post(url, {"motif": "x"}).status_code == 403
    assert client_for(Role.PSYCHOLOGUE).post(url, {"motif": "x"}).status_code == 403  # views, may not change
    assert client_for(Role.PSYCHOSOCIAL).post(url, {"motif": "x"}).status_code == 302

    titre = TitreSejourFactory()
    url = reverse("element_supprimer", args=["juridique.titresejour", titre.pk])
    assert client_for(Role.PSYCHOSOCIAL).post(url, {"motif": "x"}).status_code == 403
    assert client_for(Role.JURIDIQUE).post(url, {"motif": "x"}).status_code == 302
    # exempt models and unknown labels are not reachable
    assert (
        client_for(Role.DIRECTION).get(reverse("element_supprimer", args=["accompagnement.personne", 1])).status_code
        == 404
    )
    assert client_for(Role.DIRECTION).get(reverse("element_supprimer", args=["nope.nope", 1])).status_code == 404


def test_a_psychologist_entry_is_deleted_by_the_psychologist_only(client_for):
    from accompagnement.enums import Pole
    from tests.accompagnement.factories import EntreeJournalFactory

    entree = EntreeJournalFactory(pole=Pole.PSY)
    url = reverse("element_supprimer", args=["accompagnement.entreejournal", entree.pk])
    assert client_for(Role.DIRECTION).post(url, {"motif": "x"}).status_code == 404  # may not even see it
    assert client_for(Role.PSYCHOSOCIAL).post(url, {"motif": "x"}).status_code == 404
    assert client_for(Role.PSYCHOLOGUE).post(url, {"motif": "x"}).status_code == 302
    correction = Correction.objects.get()
    assert correction.section == "journal.psy"


def test_only_direction_restores(client_for, direction):
    from tests.psychosocial.factories import AideFactory

    correction = suppression.element_supprimer(obj=AideFactory(), motif="doublon", by=direction)
    url = reverse("element_restaurer", args=[correction.pk])
    assert client_for(Role.PSYCHOSOCIAL).post(url).status_code == 403
    assert client_for(Role.DIRECTION).post(url).status_code == 302
    correction.refresh_from_db()
    assert correction.restaure_le is not None


def test_access_log_rows_for_delete_move_and_restore(client_for):
    from psychosocial.models import AideFinanciere
    from tests.accompagnement.factories import PersonneFactory
    from tests.psychosocial.factories import AideFactory

    aide = AideFactory()
    ct = ContentType.objects.get_for_model(AideFinanciere)

    def lignes(action):
        return list(JournalAcces.objects.filter(action=action, content_type=ct, object_id=str(aide.pk)))

    client = client_for(Role.DIRECTION)
    autre = PersonneFactory()
    deplacer = reverse("element_deplacer", args=["psychosocial.aidefinanciere", aide.pk])
    assert client.get(deplacer).status_code == 200
    assert len(lignes(JournalAcces.Action.CONSULTATION)) == 1
    response = client.post(deplacer, {"numero_dossier": autre.numero_dossier, "motif": "mauvaise personne"})
    assert response.status_code == 302
    assert AideFinanciere.objects.get(pk=aide.pk).personne == autre
    assert len(lignes(JournalAcces.Action.MODIFICATION)) == 1

    supprimer = reverse("element_supprimer", args=["psychosocial.aidefinanciere", aide.pk])
    assert client.post(supprimer, {"motif": "doublon"}).status_code == 302
    assert len(lignes(JournalAcces.Action.MODIFICATION)) == 2

    correction = Correction.objects.get(action=Correction.Action.SUPPRESSION)
    assert client.post(reverse("element_restaurer", args=[correction.pk])).status_code == 302
    assert len(lignes(JournalAcces.Action.MODIFICATION)) == 3


def test_the_person_page_counts_deleted_items_for_those_who_may_see_them(client_for, direction):
    from tests.juridique.factories import TitreSejourFactory
    from tests.psychosocial.factories import AideFactory

    aide = AideFactory()
    personne = aide.personne
    suppression.element_supprimer(obj=aide, motif="doublon", by=direction)
    suppression.element_supprimer(obj=TitreSejourFactory(personne=personne), motif="doublon", by=direction)
    url = personne.get_absolute_url()
    assert "2 éléments supprimés" in client_for(Role.DIRECTION).get(url).content.decode()
    assert "1 élément supprimé<" in client_for(Role.ACCUEIL).get(url).content.decode()  # not the legal one
    liste = client_for(Role.DIRECTION).get(reverse("elements_supprimes"), {"personne": personne.pk})
    assert len(liste.context["page"].object_list) == 2


def test_a_protected_record_gives_a_message_not_an_error(direction):
    from juridique.models import Avocat
    from tests.juridique.factories import AvocatFactory, ProcedureFactory

    avocat = AvocatFactory()
    procedure = ProcedureFactory()
    procedure.avocats.add(avocat)
    suppression.element_supprimer(obj=avocat, motif="doublon", by=direction)
    assert not procedure.avocats.exists()
    correction = Correction.objects.get()
    suppression.element_restaurer(correction=correction, by=direction)
    assert list(procedure.avocats.all()) == [Avocat.objects.get(pk=avocat.pk)]  # links come back


def test_erasure_empties_what_deletion_kept(direction):
    from donnees.services import personne_anonymiser
    from psychosocial.models import AideFinanciere
    from tests.psychosocial.factories import AideFactory

    aide = AideFactory(commentaire="chez Mme Dupont")
    correction = suppression.element_supprimer(obj=aide, motif="doublon", by=direction)
    personne_anonymiser(personne=aide.personne, by=direction)
    correction.refresh_from_db()
    assert correction.donnees == "" and not suppression.restaurable(correction)
    assert not AideFinanciere.history.filter(id=aide.pk, commentaire__contains="Dupont").exists()


def test_a_decision_can_be_corrected_and_offers_delete(client_for):
    from juridique.models import Decision
    from tests.juridique.factories import DecisionFactory

    decision = DecisionFactory()
    client = client_for(Role.JURIDIQUE)
    url = reverse("juridique:decision_modifier", args=[decision.pk])
    page = client.get(url)
    assert reverse("element_supprimer", args=["juridique.decision", decision.pk]) in page.content.decode()
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update(date="2023-05-04", version_attendue=decision.version)
    assert client.post(url, data).status_code == 302
    assert Decision.objects.get(pk=decision.pk).date == datetime.date(2023, 5, 4)


def test_removing_a_potential_victim_from_an_open_report_is_a_soft_deletion(client_for):
    from tests.signalements.factories import PersonneSignaleeFactory

    ps = PersonneSignaleeFactory()
    PersonneSignaleeFactory(signalement=ps.signalement)  # the last potential victim cannot be removed
    client_for(Role.ACCUEIL).post(reverse("signalements:personne_retirer", args=[ps.pk]))
    correction = Correction.objects.get()
    assert correction.object_id == str(ps.pk) and correction.motif
    assert suppression.restaurable(correction)


def test_an_interview_can_be_corrected_and_offers_delete(client_for):
    from signalements.models import Entretien
    from tests.signalements.factories import EntretienFactory

    entretien = EntretienFactory(compte_rendu="avant")
    client = client_for(Role.ACCUEIL)
    url = reverse("signalements:entretien_modifier", args=[entretien.pk])
    page = client.get(url)
    assert reverse("element_supprimer", args=["signalements.entretien", entretien.pk]) in page.content.decode()
    data = {"date": entretien.date.isoformat(), "type": entretien.type, "mene_par": client.user.pk}
    assert client.post(url, {**data, "compte_rendu": "après"}).status_code == 302
    assert Entretien.objects.get(pk=entretien.pk).compte_rendu == "après"


def test_restoring_a_record_whose_parent_is_gone_gives_a_message(direction, client_for):
    from tests.juridique.factories import DecisionFactory

    decision = DecisionFactory()
    correction = suppression.element_supprimer(obj=decision, motif="doublon", by=direction)
    suppression.element_supprimer(obj=decision.procedure, motif="doublon", by=direction)
    response = client_for(Role.DIRECTION).post(reverse("element_restaurer", args=[correction.pk]))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    correction.refresh_from_db()
    assert correction.restaure_le is None and suppression.restaurable(correction)
