"""Writing the access log. Views call `log_access` (or use `@logs_access`) for every record
they show, print or export; lists log one row without an object."""

from functools import wraps

from django.contrib.contenttypes.models import ContentType

from .models import JournalAcces


def client_ip(request) -> str | None:
    # Behind the reverse proxy of docker-compose the client is in X-Forwarded-For (first hop).
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    ip = forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR")
    return ip or None


def log_access(request, action: str, obj=None, *, model=None) -> JournalAcces:
    model = model or (type(obj) if obj is not None else None)
    match = getattr(request, "resolver_match", None)
    return JournalAcces.objects.create(
        utilisateur=request.user,
        action=action,
        content_type=ContentType.objects.get_for_model(model) if model is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        vue=(match.view_name if match else request.path)[:100],
        adresse_ip=client_ip(request),
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
