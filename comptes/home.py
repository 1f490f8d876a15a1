"""The home page gathers, per unit, what waits for the user.

Each app registers its `panels(request) -> list[dict]` in its `AppConfig.ready()`
(`comptes.registres.register_home_panels`); a panel is
{"title", "items": [{"label", "url", "meta"}], "empty": text, "action": {"label", "url"} | None}.
"""

from allauth.mfa.models import Authenticator
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _

from . import registres
from .models import JournalAcces


def app_panels(request) -> list[dict]:
    return [panel for panels in registres.HOME_PANELS for panel in panels(request)]


def recent_records(user, limit: int = 8) -> list[dict]:
    """Records the user opened lately, newest first; fetched per type in bulk, not per row."""
    rows = (
        JournalAcces.objects.filter(utilisateur=user, action=JournalAcces.Action.CONSULTATION)
        .exclude(content_type=None)
        .values("content_type_id", "object_id")
        .order_by("-horodatage")[:50]
    )
    seen, keys = set(), []
    for row in rows:
        key = (row["content_type_id"], row["object_id"])
        if key not in seen:
            seen.add(key)
            keys.append(key)
        if len(keys) == limit:
            break
    by_type: dict[int, list[str]] = {}
    for ct_id, obj_id in keys:
        by_type.setdefault(ct_id, []).append(obj_id)
    objects = {}
    for ct_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        queryset = model._default_manager.all()
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(user)
        for obj in queryset.filter(pk__in=ids):
            objects[(ct_id, str(obj.pk))] = obj
    items = []
    for key in keys:
        obj = objects.get(key)
        if obj is not None and hasattr(obj, "get_absolute_url"):
            items.append({"label": str(obj), "url": obj.get_absolute_url(), "meta": obj._meta.verbose_name})
    return items


def account_panel(user) -> dict:
    authenticators = {a.type: a for a in Authenticator.objects.filter(user=user)}
    codes = authenticators.get(Authenticator.Type.RECOVERY_CODES)
    remaining = len(codes.wrap().get_unused_codes()) if codes else 0
    items = [
        {
            "label": _("Two-factor authentication"),
            "url": reverse("mfa_index"),
            "meta": _("enabled") if Authenticator.Type.TOTP in authenticators else _("not set up"),
        },
        {"label": _("Recovery codes left"), "url": reverse("mfa_index"), "meta": str(remaining)},
        {"label": _("Change my password"), "url": reverse("account_change_password"), "meta": ""},
    ]
    return {"title": _("My account"), "items": items, "empty": "", "action": None}
