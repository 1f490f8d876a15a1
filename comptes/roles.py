"""Role changes (user <-> group), whatever the path: each one is recorded in `ChangementRole` and
mailed to Direction; nobody gives a role to their own account (docs/securite.md §6)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from .audit import client_ip
from .models import ChangementRole
from .notifications import envoyer
from .permissions import Role


def requete_en_cours():
    """The web request being served, if any (simple_history's middleware keeps it for its own records)."""
    return getattr(HistoricalRecords.context, "request", None)


def auteur_en_cours():
    request = requete_en_cours()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def verifier_ajout_roles(*, par, compte, roles) -> None:
    """Nobody gives a role to their own account: an Administrateur could otherwise make itself
    Psychologue (or Direction) and read what its role does not show. Another administrator must."""
    if roles and par is not None and compte.pk == par.pk:
        raise PermissionDenied(_("You cannot give a role to your own account: ask another administrator."))


def enregistrer_changements(paires: list[tuple[int, int]], *, ajout: bool) -> None:
    """Record (user id, group id) pairs given or taken, and tell Direction."""
    if not paires:
        return
    request = requete_en_cours()
    par = auteur_en_cours()
    comptes = get_user_model().objects.in_bulk({user_id for user_id, _group_id in paires})
    roles = dict(Group.objects.filter(pk__in={group_id for _user_id, group_id in paires}).values_list("pk", "name"))
    lignes = ChangementRole.objects.bulk_create(
        ChangementRole(
            compte=comptes[user_id],
            role=roles[group_id],
            ajout=ajout,
            par=par,
            adresse_ip=client_ip(request) if request is not None else None,
        )
        for user_id, group_id in paires
    )
    if request is None:
        _avertir_direction(lignes, par)
        return
    # One mail per request: the admin's save takes the old roles away, then gives the new ones.
    lot = getattr(request, "_ccem_changements_roles", None)
    if lot is None:
        lot = request._ccem_changements_roles = []
        transaction.on_commit(lambda: _avertir_direction(lot, par))
    lot.extend(lignes)


def _avertir_direction(lignes: list[ChangementRole], par) -> None:
    """Tell Direction (on commit: the caller's transaction may still roll back)."""
    direction = get_user_model().objects.filter(groups__name=Role.DIRECTION, is_active=True)

    def construire():
        auteur = par.get_username() if par else _("a command run on the server")
        corps = [_("Roles changed by %(auteur)s:") % {"auteur": auteur}, ""]
        for ligne in lignes:
            modele = _("- %(role)s given to %(compte)s") if ligne.ajout else _("- %(role)s taken from %(compte)s")
            corps.append(modele % {"role": ligne.role, "compte": ligne.compte.get_username()})
        corps += ["", _("Every role change is listed in the administration (Role changes).")]
        return _("CCEM: roles changed"), "\n".join(corps) + "\n"

    envoyer(list(direction.values_list("email", flat=True)), construire)
