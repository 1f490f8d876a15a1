"""Sub-rows saved with their parent's form (places of an exploitation, material handed out at an
intervention, attendances of an activity): kept rows are updated in place, removed rows are deleted
softly (comptes.suppression.lignes_enregistrer) and restorable; every formset is walked."""

import ast
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.forms import BaseFormSet
from django.urls import reverse

from comptes import suppression
from comptes.concurrency import EditConflict
from comptes.forms import LignesFormSet
from comptes.models import Correction
from comptes.permissions import Role

pytestmark = pytest.mark.django_db


def _envoi(*formulaires) -> dict:
    """What a browser sends for these unbound forms and formsets as the page shows them."""
    data = {}
    for objet in formulaires:
        for form in [objet.management_form, *objet.forms] if isinstance(objet, BaseFormSet) else [objet]:
            for champ in form:
                valeur = champ.value()
                if valeur is None or valeur is False or valeur == "" or valeur == []:
                    continue
                data[champ.html_name] = "on" if valeur is True else valeur if isinstance(valeur, list) else str(valeur)
    return data


def _exploitation():
    from tests.accompagnement.factories import LieuExploitationFactory

    garde = LieuExploitationFactory(departement="75")
    retire = LieuExploitationFactory(exploitation=garde.exploitation, departement="93")
    url = reverse("accompagnement:exploitation_modifier", args=[garde.exploitation_id])
    return Role.ACCUEIL, url, ("form", "lieux", "evenements"), garde, retire, {"lieux-1-DELETE": "on"}


def _evenements():
    from accompagnement.models import EvenementTraite
    from tests.accompagnement.factories import ExploitationFactory

    exploitation = ExploitationFactory()
    garde, retire = (
        EvenementTraite.objects.create(exploitation=exploitation, type=type_, pays=pays)
        for type_, pays in (("recrutement", "MA"), ("transit", "ES"))
    )
    url = reverse("accompagnement:exploitation_modifier", args=[exploitation.pk])
    return Role.ACCUEIL, url, ("form", "lieux", "evenements"), garde, retire, {"evenements-1-DELETE": "on"}


def _intervention():
    from sensibilisation import enums
    from sensibilisation.models import MaterielRemis
    from tests.sensibilisation.factories import InterventionFactory

    intervention = InterventionFactory()
    garde, retire = (
        MaterielRemis.objects.create(intervention=intervention, support=support, langue="fr", quantite=10)
        for support in (enums.Support.BROCHURE, enums.Support.POSTER)
    )
    url = reverse("sensibilisation:modifier", args=[intervention.pk])
    return Role.SENSIBILISATION, url, ("form", "materiels"), garde, retire, {"materiel-1-DELETE": "on"}


def _activite():
    from tests.accompagnement.factories import AccompagnementFactory
    from tests.psychosocial.factories import ParticipationFactory

    garde = ParticipationFactory(personne=AccompagnementFactory().personne)
    retire = ParticipationFactory(activite=garde.activite, personne=AccompagnementFactory().personne)
    url = reverse("psychosocial:activite_modifier", args=[garde.activite_id])
    return Role.PSYCHOSOCIAL, url, ("form",), garde, retire, {"participants": [str(garde.personne_id)]}


CAS = {
    "places of an exploitation": _exploitation,
    "path of an exploitation": _evenements,
    "material handed out": _intervention,
    "attendances": _activite,
}


@pytest.mark.parametrize("cas", CAS)
def test_a_sub_row_removed_through_its_parent_form_is_deleted_softly_and_restorable(cas, client_for):
    role, url, noms, garde, retire, retrait = CAS[cas]()
    model = type(garde)
    client = client_for(role)
    page = client.get(url)
    data = {**_envoi(*(page.context[nom] for nom in noms)), **retrait}
    historique_garde = model.history.filter(id=garde.pk).count()

    assert client.post(url, data).status_code == 302

    assert list(model.objects.filter(pk__in=[garde.pk, retire.pk]).values_list("pk", flat=True)) == [garde.pk]
    assert model.history.filter(id=garde.pk).count() == historique_garde  # untouched, not rewritten
    correction = Correction.objects.get(content_type=ContentType.objects.get_for_model(model))
    assert (correction.object_id, correction.par, correction.action) == (
        str(retire.pk),
        client.user,
        Correction.Action.SUPPRESSION,
    )
    assert "Retiré en modifiant" in correction.motif and correction.annees
    supprime = model.history.get(id=retire.pk, history_type="-")
    assert supprime.history_user == client.user
    if correction.personne_id:  # listed among the person's deleted items
        direction = client_for(Role.DIRECTION).user
        assert correction in suppression.suppressions_visibles(direction, correction.personne_id)

    response = client_for(Role.DIRECTION).post(reverse("element_restaurer", args=[correction.pk]))
    assert response.status_code == 302
    assert model.objects.filter(pk=retire.pk).exists()


def test_a_place_changed_in_the_form_is_updated_in_place(client_for):
    role, url, noms, garde, retire, _retrait = _exploitation()
    client = client_for(role)
    page = client.get(url)
    data = {**_envoi(*(page.context[nom] for nom in noms)), "lieux-0-departement": "92"}
    assert client.post(url, data).status_code == 302
    garde.refresh_from_db()
    assert garde.departement == "92" and not Correction.objects.exists()
    assert list(garde.exploitation.lieux.values_list("pk", flat=True)) == [garde.pk, retire.pk]


def test_a_line_whose_row_was_deleted_meanwhile_is_a_conflict_not_a_silent_restoration(client_for):
    role, url, noms, garde, retire, _retrait = _exploitation()
    client = client_for(role)
    page = client.get(url)
    data = _envoi(*(page.context[nom] for nom in noms))
    suppression.element_supprimer(obj=retire, motif="doublon", by=client.user)  # from its own Delete page
    response = client.post(url, data)
    assert response.status_code == 200
    assert str(EditConflict.message) in response.context["form"].non_field_errors()
    assert list(garde.exploitation.lieux.values_list("pk", flat=True)) == [garde.pk]


# --- The walk: every formset, every deletion ----------------------------------------------------

# Formsets that create rows and never edit or remove a stored one, and why.
CREATION_SEULE = {
    "signalements.forms.BasePersonneSignaleeFormSet": "the potential victims typed with a new report: "
    "the formset only creates rows (one is removed later through signalements:personne_retirer)",
}
# Where a hard deletion is the point: the deletion mechanism itself and the access log's retention.
# (`donnees`, erasure and retention, is not walked: hard deletion belongs there.)
SUPPRESSIONS_DEFINITIVES = {
    "comptes/suppression.py",
    "comptes/journaux.py",
    # Erasure's part for documents (called by donnees' erasure and retention only) and the encrypted
    # files' own lifecycle: storage deletions of bytes no row or restorable deletion refers to.
    "documents/services.py",
    # Derived rows (each person's summary), rewritten from the records: nothing to keep or restore.
    "accompagnement/synthese.py",
}


def _modules_du_projet() -> list[tuple[str, Path]]:
    base = Path(settings.BASE_DIR).resolve()
    trouves = []
    for config in apps.get_app_configs():
        chemin = Path(config.path).resolve()
        if base not in chemin.parents or "site-packages" in chemin.parts or config.name == "donnees":
            continue
        for fichier in sorted(chemin.rglob("*.py")):
            if "migrations" not in fichier.parts:
                trouves.append((config.name, fichier))
    assert len({app for app, _f in trouves}) >= 7, trouves  # comptes, the five units, rapports
    return trouves


def _creation_seule(classe) -> bool:
    return any(f"{c.__module__}.{c.__qualname__}" in CREATION_SEULE for c in classe.__mro__)


def test_every_formset_edits_its_rows_through_the_soft_path():
    """A formset of the project either derives from comptes.forms.LignesFormSet (rows identified,
    updated in place, removed softly by lignes_enregistrer) or only creates rows. Found two ways:
    every `formset_factory(` call in the source (its `formset=` base), and every formset class held
    by a module. Django's model formsets, whose save() deletes hard, fail the first way."""
    fautifs, bases = [], set()
    for _app, fichier in _modules_du_projet():
        relatif = fichier.relative_to(settings.BASE_DIR)
        module = import_module(".".join(relatif.with_suffix("").parts))
        for noeud in ast.walk(ast.parse(fichier.read_text())):
            if isinstance(noeud, ast.Call) and "formset_factory" in ast.unparse(noeud.func):
                base = next((k.value for k in noeud.keywords if k.arg == "formset"), None)
                plain = ast.unparse(noeud.func).split(".")[-1] == "formset_factory"  # not model/inline ones
                if not plain or not isinstance(base, ast.Name):
                    fautifs.append(f"{relatif}:{noeud.lineno}: formset_factory(..., formset=<a base of the module>)")
                    continue
                bases.add(getattr(module, base.id))
        bases.update(v for v in vars(module).values() if isinstance(v, type) and issubclass(v, BaseFormSet))
    bases = {b for b in bases if b.__module__.split(".")[0] != "django"}
    fautifs += [
        f"{b.__module__}.{b.__qualname__} is neither a LignesFormSet nor creation-only"
        for b in bases
        if not issubclass(b, LignesFormSet) and not _creation_seule(b)
    ]
    assert not fautifs, fautifs
    noms = {f"{b.__module__}.{b.__qualname__}" for b in bases}
    assert set(CREATION_SEULE) <= noms  # no stale exemption
    assert {"accompagnement.forms.BaseLieuFormSet", "sensibilisation.forms.BaseMaterielFormSet"} <= noms, noms


def test_no_module_deletes_rows_around_the_soft_path():
    """Hard deletion belongs to erasure and retention (`donnees`) only: elsewhere a row leaves its
    table through comptes.suppression (element_supprimer, lignes_enregistrer), which keeps it."""
    fautifs = []
    for _app, fichier in _modules_du_projet():
        relatif = fichier.relative_to(settings.BASE_DIR).as_posix()
        if relatif in SUPPRESSIONS_DEFINITIVES:
            continue
        for noeud in ast.walk(ast.parse(fichier.read_text())):
            if (
                isinstance(noeud, ast.Call)
                and isinstance(noeud.func, ast.Attribute)
                and noeud.func.attr in ("delete", "_raw_delete")
            ):
                fautifs.append(f"{relatif}:{noeud.lineno}: {ast.unparse(noeud)}")
    assert not fautifs, fautifs
    for relatif in SUPPRESSIONS_DEFINITIVES:  # no stale entry
        assert ".delete()" in (Path(settings.BASE_DIR) / relatif).read_text()
