"""The one path of every create / edit / close / reopen view.

A view fetches the record through its scope (`get_object_for_user`), builds its form, and hands
both to `edit()`, which does the rest the same way everywhere:

- GET: the page shows the record's data, so it writes the CONSULTATION access-log row;
- POST: validates the form (and its formsets), calls `save` (which calls the service), writes the
  MODIFICATION row, adds the success message and redirects;
- an `EditConflict` or a service's `ValidationError` comes back as form errors, the user's input kept.

    return edit(
        request, form, obj=personne,
        save=lambda data: services.personne_modifier(personne=form.save(commit=False), by=request.user, ...),
        success=_("Saved."), redirect_to=personne,
        template="accompagnement/personne_form.html", context={"personne": personne},
    )
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect, render

from .audit import log_access
from .concurrency import EditConflict
from .forms import add_validation_errors
from .models import JournalAcces


def without_version(data: dict) -> dict:
    """The cleaned data to hand to a service that takes the fields as keywords (no version on a create)."""
    return {name: value for name, value in data.items() if name != "version_attendue"}


class Incomplete(Exception):
    """Raised by `save` when the input is valid but needs one more step from the user (possible
    duplicates to resolve): the message is shown as a warning and the form is rendered again."""


def edit(
    request,
    form,
    *,
    save: Callable[[dict], Any],
    template: str,
    obj: models.Model | None = None,
    success: str | Callable[[Any], str],
    redirect_to: Any,
    context: dict | Callable[[], dict] | None = None,
    formsets: Iterable = (),
):
    """Show, validate and save one form.

    `obj` is the record the page shows: the edited record, or the parent record of a create
    (the person a journal entry is added to); None only for a create that shows no record.
    `save(cleaned_data)` calls the service and returns the saved record: the MODIFICATION row
    names it (or `obj` when the service returns something else).
    `success` and `redirect_to` may be callables taking that record; `context` may be a callable,
    called only when the page is rendered (what a list below the form costs is not paid on a redirect).
    """
    formsets = list(formsets)
    if request.method == "POST":
        if form.is_valid() and all([f.is_valid() for f in formsets]):  # a list: every formset shows its errors
            try:
                saved = save(form.cleaned_data)
            except Incomplete as exc:
                messages.warning(request, str(exc))
            except (EditConflict, ValidationError) as exc:
                if obj is not None and obj.pk is not None:
                    obj.refresh_from_db()  # the page shows the stored record, not the half-applied input
                if isinstance(exc, EditConflict):
                    form.add_error(None, EditConflict.message)
                else:
                    add_validation_errors(form, exc)
            else:
                logged = saved if isinstance(saved, models.Model) else obj
                log_access(request, JournalAcces.Action.MODIFICATION, logged)
                messages.success(request, success(saved) if callable(success) else success)
                return redirect(redirect_to(saved) if callable(redirect_to) else redirect_to)
    elif obj is not None:
        log_access(request, JournalAcces.Action.CONSULTATION, obj)
    if callable(context):
        context = context()
    # The edit page of a record offers to delete it or move it to another person (base.html).
    corriger = obj if obj is not None and obj.pk and getattr(form, "instance", None) is obj else None
    return render(request, template, {"form": form, "element_a_corriger": corriger, **(context or {})})
