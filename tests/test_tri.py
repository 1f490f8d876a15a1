"""Sortable columns (issue 17 item 5): one mechanism (`comptes.filters.Tri` + `{% th_tri %}`) on every list."""

import pytest
from django.urls import reverse

from accompagnement.filters import PersonneFilter
from comptes.filters import FilterSet, Tri
from comptes.permissions import Role
from tests.accompagnement.factories import PersonneFactory

pytestmark = pytest.mark.django_db


def _sous_classes(cls):
    for sous in cls.__subclasses__():
        yield sous
        yield from _sous_classes(sous)


def _triables():
    import ccem.urls  # noqa: F401 - every view module, hence every FilterSet, is imported

    return [f for f in set(_sous_classes(FilterSet)) if isinstance(f.base_filters.get("tri"), Tri)]


def test_the_main_lists_are_sortable():
    noms = {f.__name__ for f in _triables()}
    assert {"PersonneFilter", "AffaireFilter", "SignalementFilter", "InterventionFilter", "TitreSejourFilter"} <= noms
    psychosocial = {"HebergementFilter", "DemarcheFilter", "AideFilter", "DomiciliationFilter", "ConsultationFilter"}
    assert psychosocial | {"OrientationFilter", "PassageCourrierFilter", "ActiviteFilter", "ProcedureFilter"} <= noms


@pytest.mark.parametrize("filtre", _triables(), ids=lambda f: f.__name__)
def test_every_sortable_column_sorts_both_ways_then_by_the_default_order(filtre):
    modele = filtre._meta.model
    base = modele._default_manager.order_by("pk")
    for cle, champs in filtre.base_filters["tri"].colonnes.items():
        for sens in ("", "-"):
            f = filtre({"tri": f"{sens}{cle}"}, queryset=base)
            assert f.is_valid(), f.errors
            ordre = [str(o) for o in f.qs.query.order_by]
            assert ordre[-1] == "pk"  # the tie-breaker: the default order
            assert all(("descending=True" in o) == (sens == "-") for o in ordre[: len(champs)])
            str(f.qs.query)  # the database accepts the fields
            list(f.qs[:1])


def test_an_unknown_sort_key_is_refused_and_the_list_keeps_its_order():
    f = PersonneFilter({"tri": "mot_de_passe"}, queryset=PersonneFilter._meta.model.objects.order_by("pk"))
    assert not f.is_valid() and "tri" in f.errors


def test_the_persons_list_sorts_by_name_both_ways_and_says_so(client_for):
    client = client_for(Role.DIRECTION)
    for nom in ("Bamba", "Ahmed", "Camara"):
        PersonneFactory(nom=nom)
    url = reverse("accompagnement:liste")

    def noms(**params):
        reponse = client.get(url, params)
        assert reponse.status_code == 200
        return [p.nom for p in reponse.context["page"]], reponse.content.decode()

    croissant, page = noms(tri="nom")
    assert croissant == ["Ahmed", "Bamba", "Camara"]
    assert 'aria-sort="ascending"' in page and "tri=-nom" in page  # clicking again reverses
    decroissant, page = noms(tri="-nom")
    assert decroissant == ["Camara", "Bamba", "Ahmed"]
    assert 'aria-sort="descending"' in page
    dossiers, _page = noms(tri="-dossier")
    assert dossiers == [p.nom for p in PersonneFactory._meta.model.objects.order_by("-numero_dossier")]


def _listes():
    """The pages of the permission matrix that take no URL argument (lists, dashboards)."""
    from django.urls import NoReverseMatch

    from tests.permission_matrix import load_matrix

    noms = []
    for nom, e in load_matrix().items():
        try:
            reverse(nom)
        except NoReverseMatch:
            continue
        if e.method == "get" and Role.DIRECTION in e.allowed:
            noms.append(nom)
    return sorted(noms)


@pytest.mark.parametrize("url_name", _listes())
def test_every_sortable_list_has_a_header_per_column_that_sorts_it(client_for, url_name):
    """Each list page whose filter sorts shows a header per sort key, and answers every key both ways."""
    from psychosocial.models import Hebergement
    from tests.psychosocial.factories import HebergementFactory

    client = client_for(Role.DIRECTION)
    HebergementFactory.create_batch(3)  # rows, so that each column renders
    assert Hebergement.objects.count() == 3
    reponse = client.get(reverse(url_name))
    filtre = (reponse.context or {}).get("filtre") if reponse.status_code == 200 else None
    if filtre is None or not isinstance(filtre.filters.get("tri"), Tri):
        return
    for cle in filtre.filters["tri"].colonnes:
        reponse = client.get(reverse(url_name), {"tri": f"-{cle}"})
        assert reponse.status_code == 200
        page = reponse.content.decode()
        assert 'aria-sort="descending"' in page and f"tri={cle}" in page, f"no header sorts on {cle!r}"
