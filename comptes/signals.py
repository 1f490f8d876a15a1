import logging

from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils import timezone

from .audit import client_ip
from .models import TentativeConnexion
from .roles import auteur_en_cours, enregistrer_changements, verifier_ajout_roles

security_log = logging.getLogger("ccem.security")


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    if request is not None:
        request.session["login_at"] = timezone.now().timestamp()
    TentativeConnexion.objects.create(
        identifiant=user.get_username(), reussie=True, adresse_ip=client_ip(request) if request else None
    )
    security_log.info("login ok user=%s", user.pk)


@receiver(user_login_failed)
def record_login_failure(sender, credentials, request=None, **kwargs):
    identifiant = str(credentials.get("username") or credentials.get("login") or "")[:150]
    TentativeConnexion.objects.create(
        identifiant=identifiant, reussie=False, adresse_ip=client_ip(request) if request else None
    )
    security_log.warning("login failed username=%r", identifiant)


@receiver(m2m_changed, sender=User.groups.through)
def record_role_change(sender, instance, action, reverse, pk_set, **kwargs):
    """Every user <-> group change, from either side and any path (admin, command, shell), is an audit
    event rather than business logic: a signal is the one place that sees them all."""
    if action == "pre_clear":
        # clear() names no rows: note the current ones to record their removal.
        instance._ccem_cleared = set((instance.user_set if reverse else instance.groups).values_list("pk", flat=True))
        return
    if action == "post_clear":
        pk_set = instance.__dict__.pop("_ccem_cleared", set())
    if not pk_set:
        return
    paires = [(pk, instance.pk) if reverse else (instance.pk, pk) for pk in sorted(pk_set)]
    if action == "pre_add":
        auteur = auteur_en_cours()
        if auteur is not None and any(user_id == auteur.pk for user_id, _group_id in paires):
            verifier_ajout_roles(par=auteur, compte=auteur, roles=pk_set)
    elif action in ("post_add", "post_remove", "post_clear"):
        enregistrer_changements(paires, ajout=action == "post_add")
