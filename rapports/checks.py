"""Start-up check: every function the registry declares exists in its app, every category list imports.

Without it a missing function would only show on the report page, as a figure "not computed".
"""

from django.core.checks import Error, register
from django.utils.module_loading import import_string


@register()
def check_registry(app_configs=None, **kwargs) -> list[Error]:
    from . import populations, registre

    sources = [p.source for _fr, _en, _label, p in populations.POPULATIONS.values() if hasattr(p, "source")]
    missing = registre.missing(sources)
    errors = [
        Error(f"The report registry declares {path}, which does not exist.", id="rapports.E001") for path in missing
    ]
    for rep in registre.REPARTITIONS:
        if "." in rep.categories:
            try:
                import_string(rep.categories)
            except ImportError as exc:
                errors.append(Error(f"B{rep.numero}: categories {rep.categories}: {exc}", id="rapports.E002"))
    return errors
