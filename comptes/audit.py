"""Writing the access log. Views call `log_access` (or use `@logs_access`) for every record
they show, print or export; lists log one row without an object."""

import ipaddress
from functools import wraps

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from .models import JournalAcces


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, unless TRUSTED_PROXY_COUNT proxies of ours stand in front.

    Each proxy appends the address it received from to X-Forwarded-For, so with N trusted proxies
    the client is the Nth address from the right; whatever lies further left the client wrote itself.
    A request that did not come through them all (too few addresses) keeps REMOTE_ADDR.
    """
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= trusted and (ip := _valid_ip(hops[-trusted])):
            return ip
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def log_access(request, action: str, obj=None, *, model=None) -> JournalAcces:
    return enregistrer(request.user, action, obj, model=model, vue=_vue(request), adresse_ip=client_ip(request))


def log_access_many(request, action: str, objets) -> None:
    """One row per record shown (a search's results), written in one INSERT."""
    vue, adresse_ip = _vue(request), client_ip(request)
    JournalAcces.objects.bulk_create(
        [_ligne(request.user, action, obj, model=None, vue=vue, adresse_ip=adresse_ip) for obj in objets]
    )


def _vue(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else request.path


def enregistrer(user, action: str, obj=None, *, model=None, vue: str, adresse_ip=None) -> JournalAcces:
    """The one writer of access-log rows: pages (through `log_access`), commands (`vue` names the
    command, no address) and the calendar feed (its owner, authenticated by key)."""
    ligne = _ligne(user, action, obj, model=model, vue=vue, adresse_ip=adresse_ip)
    ligne.save()
    return ligne


def _ligne(user, action: str, obj, *, model, vue: str, adresse_ip) -> JournalAcces:
    model = model or (type(obj) if obj is not None else None)
    return JournalAcces(
        utilisateur=user,
        action=action,
        content_type=ContentType.objects.get_for_model(model) if model is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        vue=vue[:100],
        adresse_ip=adresse_ip,
    )


def logs_access(action: str = JournalAcces.Action.LISTE, *, model=None):
    """Decorator for list and export views: one access-log row per request that succeeds."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code < 400:
                log_access(request, action, model=model)
            return response

        return wrapper

    return decorator
