from django.core.exceptions import ValidationError


def add_validation_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors next to their field, others on top."""
    if hasattr(exc, "error_dict"):
        for champ, erreurs in exc.error_dict.items():
            form.add_error(champ if champ in form.fields else None, erreurs)
    else:
        form.add_error(None, exc)
