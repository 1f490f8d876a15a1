"""Mes échéances (per user or per unit), marking a deadline handled, the digest preference, and the
table of legal appeal periods kept by the legal unit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accompagnement.models import Personne
from comptes.audit import log_access, logs_access
from comptes.edition import edit, without_version
from comptes.forms import lire_parametres
from comptes.models import JournalAcces
from comptes.permissions import CHANGE, can, get_object_for_user, require
from juridique import enums as jur

from . import calcul, services
from .enums import Pole, Urgence
from .forms import DelaiRecoursForm, PreferenceForm, TraiterForm, VueForm
from .models import DelaiRecours, PreferenceEcheances


@require_GET
@require("accompagnement")
def mes_echeances(request):
    vue = lire_parametres(request, VueForm)["vue"]
    if vue and not can(request.user, vue):
        raise PermissionDenied
    today = timezone.localdate()
    liste = calcul.echeances(calcul.Selection(user=request.user, today=today, referent=not vue, pole=vue))
    groupes = [
        {"urgence": urgence, "echeances": [e for e in liste if e.urgence(today) == urgence.value]}
        for urgence in Urgence
    ]
    # The page names the persons: one access-log row for the list.
    log_access(request, JournalAcces.Action.LISTE, model=Personne)
    context = {
        "groupes": [g for g in groupes if g["echeances"]],
        "nb": len(liste),
        "vue": vue,
        "vues": [p for p in Pole if can(request.user, p.value)],
        "montrer_noms": can(request.user, "accompagnement"),
        "peut_traiter": {p.value for p in Pole if can(request.user, p.value, CHANGE)},
        "today": today,
        "jours_depassees": calcul.JOURS_DEPASSEES,
        "jours_horizon": calcul.JOURS_HORIZON,
    }
    return render(request, "echeances/mes_echeances.html", context)


@require_POST
@require("accompagnement")
def traiter(request):
    form = TraiterForm(data=request.POST)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    echeance = services.echeance_trouver(
        user=request.user, type=data["type"], objet_id=data["objet_id"], date=data["date"],
        today=timezone.localdate(),
    )  # fmt: skip
    if echeance is None:
        raise Http404
    if not can(request.user, echeance.pole, CHANGE):
        raise PermissionDenied
    traitee = services.echeance_traiter(echeance=echeance, etat=data["etat"], by=request.user)
    log_access(request, JournalAcces.Action.MODIFICATION, traitee)
    messages.success(request, _("Deadline marked “%(etat)s”.") % {"etat": traitee.get_etat_display()})
    suivant = data["suivant"]
    if suivant and url_has_allowed_host_and_scheme(suivant, {request.get_host()}, request.is_secure()):
        return redirect(suivant)
    return redirect("echeances:mes_echeances")


@require_http_methods(["GET", "POST"])
@require("accompagnement")
def preferences(request):
    preference = PreferenceEcheances.objects.filter(utilisateur=request.user).first()
    initial = {"recapitulatif_quotidien": bool(preference and preference.recapitulatif_quotidien)}
    # An unticked box sends an empty POST: still a submission.
    form = PreferenceForm(data=request.POST if request.method == "POST" else None, initial=initial)
    return edit(
        request, form,
        save=lambda data: services.preference_modifier(utilisateur=request.user, **data),
        success=_("Preference saved."), redirect_to="echeances:mes_echeances",
        template="echeances/preferences.html", context={"email": request.user.email},
    )  # fmt: skip


@require_GET
@require("juridique")
@logs_access(model=DelaiRecours)
def delais(request):
    sans_regle = [
        {
            "type": jur.TypeProcedure(t).label,
            "niveau": jur.NiveauDecision(n).label,
            "nature": jur.NatureDecision(na).label,
        }
        for t, n, na in calcul.decisions_sans_regle(request.user)
    ]
    context = {
        "delais": DelaiRecours.objects.visible_to(request.user),
        "sans_regle": sans_regle,
        "peut_modifier": can(request.user, "juridique", CHANGE),
    }
    return render(request, "echeances/delais.html", context)


@require_http_methods(["GET", "POST"])
@require("juridique", CHANGE)
def delai_creer(request):
    form = DelaiRecoursForm(data=request.POST or None)
    return edit(
        request, form,
        save=lambda data: services.delai_creer(by=request.user, **without_version(data)),
        success=_("Appeal period added."), redirect_to="echeances:delais",
        template="echeances/delai_form.html", context={"delai": None},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("juridique", CHANGE)
def delai_modifier(request, pk):
    delai = get_object_for_user(DelaiRecours.objects.all(), request.user, pk=pk)
    form = DelaiRecoursForm(data=request.POST or None, instance=delai)
    return edit(
        request, form, obj=delai,
        save=lambda data: services.delai_modifier(delai=delai, by=request.user, **data),
        success=_("Appeal period saved."), redirect_to="echeances:delais",
        template="echeances/delai_form.html", context={"delai": delai},
    )  # fmt: skip
