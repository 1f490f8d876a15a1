"""Start-up check: the encryption keys are well formed (a typo must not wait for the first upload)."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from . import chiffrement


@register()
def check_cles(app_configs=None, **kwargs) -> list[Error]:
    try:
        chiffrement.cles()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="documents.E001")]
    return []
