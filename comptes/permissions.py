"""Who may view or change what: the one place where access rules are declared.

Roles are Django groups (created by a data migration). A *section* is an app or a sensitive
part of one (psychologist notes, legal notes, exploiter details). Views, querysets, templates
and the permission-matrix test all read RULES; nothing else grants access.
Superusers get no implicit access to case data: they manage accounts.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ACCUEIL = "Accueil", _("Reception")
    PSYCHOSOCIAL = "Psycho-social", _("Psycho-social unit")
    PSYCHOLOGUE = "Psychologue", _("Psychologist")
    JURIDIQUE = "Juridique", _("Legal unit")
    SENSIBILISATION = "Sensibilisation", _("Awareness & training")
    DIRECTION = "Direction", _("Management")
    ADMINISTRATEUR = "Administrateur", _("Administrator")


VIEW, CHANGE = "view", "change"
A, PS, PSY, J, S, D, ADM = (
    Role.ACCUEIL,
    Role.PSYCHOSOCIAL,
    Role.PSYCHOLOGUE,
    Role.JURIDIQUE,
    Role.SENSIBILISATION,
    Role.DIRECTION,
    Role.ADMINISTRATEUR,
)
CASE_STAFF = {A, PS, PSY, J, D}

RULES: dict[str, dict[str, set[str]]] = {
    # Reports (signalements) and the identification workflow.
    "signalements": {VIEW: {A, PS, J, D}, CHANGE: {A, D}},
    # Persons supported, support periods, cases, exploitation profile, general journal.
    "accompagnement": {VIEW: CASE_STAFF, CHANGE: {A, PS, J, D}},
    # The person's summary sheet (PDF): a whole file on paper, for the units that follow the person
    # and management; reception hands the file over to them.
    "accompagnement.fiche": {VIEW: {PS, PSY, J, D}, CHANGE: set()},
    # Health facts recorded on the person (addiction detected): the units that may know of health,
    # as for the existence of a psychological follow-up; the psycho-social unit records them.
    "accompagnement.sante": {VIEW: {PS, PSY}, CHANGE: {PS}},
    # Identity of exploiters: a leak could endanger the person.
    "accompagnement.exploiteur": {VIEW: {J, D}, CHANGE: {J, D}},
    # Journal entries written by the psychologist: psychologist only, not even Direction.
    "journal.psy": {VIEW: {PSY}, CHANGE: {PSY}},
    # Legal notes in the journal and in proceedings.
    "journal.juridique": {VIEW: {J, D}, CHANGE: {J, D}},
    "psychosocial": {VIEW: {A, PS, PSY, D}, CHANGE: {PS, D}},
    # Content of psychologist consultations (others only see that a follow-up exists).
    "psychosocial.psy": {VIEW: {PSY}, CHANGE: {PSY}},
    # The mere fact that a person sees the psychologist (health data): count, last date, drill-downs.
    "psychosocial.psy.existence": {VIEW: {PS, PSY}, CHANGE: set()},
    "juridique": {VIEW: {PS, J, D}, CHANGE: {J, D}},
    "sensibilisation": {VIEW: {A, S, D}, CHANGE: {S, D}},
    "rapports": {VIEW: {A, PS, J, S, D}, CHANGE: {D}},
    # Yearly manual inputs of the report (communication, volunteers, finances).
    "rapports.saisies": {VIEW: {D}, CHANGE: {D}},
    # The national survey's per-victim file (no direct identifier, but one line per person): the
    # management that answers the survey; the core part's counts follow "rapports".
    "rapports.enquete.victimes": {VIEW: {D}, CHANGE: set()},
    # Closing a year (publishing its figures, then revisions): management only.
    "rapports.cloture": {VIEW: {D}, CHANGE: {D}},
    # Access log and login attempts.
    "audit": {VIEW: {D, ADM}, CHANGE: set()},
    # Bulk import / full export / GDPR erasure.
    "donnees": {VIEW: {ADM}, CHANGE: {ADM}},
    # A person's HTCDS case record for a partner organisation (with the person's consent): the units that
    # refer the person on and management, as for the summary sheet; not the psychologist, whose part is sealed.
    "donnees.htcds": {VIEW: {PS, J, D}, CHANGE: set()},
}


def user_roles(user) -> frozenset[str]:
    """The user's role names, cached on the user object (one query per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_ccem_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._ccem_roles = cached
    return cached


def can(user, section: str, action: str = VIEW) -> bool:
    if section not in RULES:
        raise KeyError(f"Unknown permission section {section!r}")
    return bool(user_roles(user) & RULES[section].get(action, set()))


def require(section: str, action: str = VIEW):
    """View decorator: 403 (in the user's language) unless the user's roles allow it."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not can(request.user, section, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.ccem_permission = (section, action)
        return wrapper

    return decorator


class ScopedQuerySet(models.QuerySet):
    """Base queryset: `visible_to(user)` returns everything or nothing per the section's rule.

    Subclasses set `permission_section`; they may narrow further (e.g. hide anonymised rows).
    """

    permission_section: str = ""

    def visible_to(self, user):
        return self if can(user, self.permission_section, VIEW) else self.none()

    def with_detail_data(self):
        """What the record's pages show, loaded in a fixed number of queries (entities override it)."""
        return self


def get_object_for_user(queryset, user, *, section: str | None = None, **lookup):
    """Fetch one row through the queryset's scope: missing and forbidden both answer 404.

    The one way views fetch a record: `get_object_for_user(Model.objects.with_detail_data(), request.user, pk=pk)`.
    `section` replaces the entity's own rule by another one that reaches every row of it (the
    data-protection pages reach every person through "donnees").
    """
    from django.shortcuts import get_object_or_404

    scoped = queryset.visible_to(user) if section is None else queryset if can(user, section) else queryset.none()
    return get_object_or_404(scoped, **lookup)
