from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comptes.audit import log_access, log_form_access, logs_access
from comptes.concurrency import EditConflict
from comptes.forms import add_validation_errors
from comptes.models import JournalAcces
from comptes.permissions import get_object_for_user, require

from . import enums, services
from .filters import SignalementFilter
from .forms import AvancerForm, DecisionForm, EntretienForm, PersonneSignaleeForm, SignalementForm, personnes_formset
from .models import PersonneSignalee, Signalement


def get_signalement_for_user(request, pk, queryset=None):
    """The report if the user may see it; 404 when missing or forbidden."""
    return get_object_for_user(queryset if queryset is not None else Signalement.objects.all(), request.user, pk=pk)


@require_http_methods(["GET"])
@require("signalements")
@logs_access(model=Signalement)
def liste(request):
    """The queue: open reports by step (filters can show decided ones too)."""
    data = request.GET.copy()
    if "statut" not in data:
        data["statut"] = "ouverts"
    scope = Signalement.objects.visible_to(request.user)
    filtre = SignalementFilter(data, queryset=scope.with_list_data().order_by("-date_reception", "-pk"))
    page = Paginator(filtre.qs, 50).get_page(request.GET.get("page"))
    compte = dict(scope.ouverts().values_list("etape").annotate(n=Count("pk")).order_by())
    etapes = [{"code": code, "label": label, "nombre": compte.get(code, 0)} for code, label in enums.Etape.choices]
    return render(request, "signalements/liste.html", {"filtre": filtre, "page": page, "etapes": etapes})


@require_http_methods(["GET"])
@require("signalements")
def detail(request, pk):
    queryset = Signalement.objects.select_related(
        "charge_par", "consentement_recueilli_par", "questionnaire_par", "decision_par", "cree_par"
    ).prefetch_related("personnes_signalees__personne", "entretiens__mene_par", "accompagnements__personne")
    signalement = get_signalement_for_user(request, pk, queryset)
    log_access(request, JournalAcces.Action.CONSULTATION, signalement)
    return render(request, "signalements/detail.html", {"signalement": signalement, "Etape": enums.Etape})


def _verifier_doublons(forms_personnes) -> bool:
    return any([f.verifier_doublons() for f in forms_personnes])  # every form checks (no short-circuit)


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def creer(request):
    form = SignalementForm(data=request.POST or None)
    formset = personnes_formset(request.POST or None, user=request.user)
    doublons = False
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        remplis = [f for f in formset if f.has_changed() and f.cleaned_data]
        doublons = _verifier_doublons(remplis)
        if doublons:
            messages.warning(request, _("Possible duplicates found: for each person, say who they are, then save."))
        else:
            signalement = form.save(commit=False)
            if signalement.consentement_date:
                signalement.consentement_recueilli_par = request.user
            personnes = []
            for f in remplis:
                ps = f.save(commit=False)
                ps.personne = f.personne_choisie()
                personnes.append(ps)
            try:
                signalement = services.signalement_creer(signalement=signalement, personnes=personnes, by=request.user)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                log_form_access(request, signalement, modification=True)
                messages.success(request, _("Report %(ref)s recorded.") % {"ref": signalement.reference})
                return redirect(signalement)
    return render(request, "signalements/form.html", {"form": form, "formset": formset, "doublons": doublons})


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def modifier(request, pk):
    signalement = get_signalement_for_user(request, pk)
    log_form_access(request, signalement)
    form = SignalementForm(data=request.POST or None, instance=signalement)
    if request.method == "POST" and form.is_valid():
        signalement = form.save(commit=False)
        if signalement.consentement_date and not signalement.consentement_recueilli_par_id:
            signalement.consentement_recueilli_par = request.user
        try:
            services.signalement_modifier(
                signalement=signalement, version_attendue=form.cleaned_data["version_attendue"], by=request.user
            )
        except EditConflict:
            form.add_conflict_error()
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            log_form_access(request, signalement, modification=True)
            messages.success(request, _("Report saved."))
            return redirect(signalement)
    return render(request, "signalements/form.html", {"form": form, "signalement": signalement})


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def personne_ajouter(request, pk):
    """Add a potential victim to a report, after showing possible duplicates."""
    signalement = get_signalement_for_user(request, pk)
    form = PersonneSignaleeForm(data=request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if form.verifier_doublons():
            messages.warning(request, _("Possible duplicates found: say who this person is, then save."))
        else:
            ps = form.save(commit=False)
            ps.personne = form.personne_choisie()
            services.personne_signalee_ajouter(signalement=signalement, personne_signalee=ps, by=request.user)
            log_form_access(request, signalement, modification=True)
            messages.success(request, _("Potential victim added."))
            return redirect(signalement)
    return render(request, "signalements/personne_form.html", {"form": form, "signalement": signalement})


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def avancer(request, pk):
    """Send the written questionnaire (first records the consent if not done yet)."""
    signalement = get_signalement_for_user(request, pk)
    if signalement.etape != enums.Etape.RECU or not signalement.est_ouvert:
        messages.info(request, _("The questionnaire step is already passed: record an interview or decide."))
        return redirect(signalement)
    form = AvancerForm(data=request.POST or None, signalement=signalement)
    if request.method == "POST" and form.is_valid():
        try:
            services.signalement_avancer(
                signalement=signalement,
                etape=enums.Etape.QUESTIONNAIRE,
                date=form.cleaned_data["date"],
                consentement_date=form.cleaned_data.get("consentement_date"),
                by=request.user,
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except EditConflict:
            form.add_error(None, EditConflict.message)
        else:
            log_form_access(request, signalement, modification=True)
            messages.success(request, _("Questionnaire step recorded."))
            return redirect(signalement)
    return render(request, "signalements/avancer.html", {"form": form, "signalement": signalement})


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def entretien_ajouter(request, pk):
    signalement = get_signalement_for_user(request, pk)
    form = EntretienForm(data=request.POST or None, signalement=signalement, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.entretien_ajouter(
                signalement=signalement,
                date=form.cleaned_data["date"],
                type=form.cleaned_data["type"],
                mene_par=form.cleaned_data["mene_par"],
                compte_rendu=form.cleaned_data["compte_rendu"],
                consentement_date=form.cleaned_data.get("consentement_date"),
                by=request.user,
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            log_form_access(request, signalement, modification=True)
            messages.success(request, _("Interview recorded."))
            return redirect(signalement)
    return render(request, "signalements/entretien_form.html", {"form": form, "signalement": signalement})


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def decider(request, pk):
    """Decide; "supported" creates or links the persons and opens their files in one transaction,
    then lands on the (first) person's page."""
    signalement = get_signalement_for_user(request, pk)
    if not signalement.est_ouvert:
        messages.info(request, _("This report has already been decided."))
        return redirect(signalement)
    log_form_access(request, signalement)
    form = DecisionForm(data=request.POST or None, signalement=signalement, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        connues = {c.personne.pk: c.personne for ligne in form.lignes for c in ligne["candidats"]}
        connues.update({ligne["ps"].personne_id: ligne["ps"].personne for ligne in form.lignes if ligne["ps"].personne})
        try:
            with transaction.atomic():
                personnes = services.signalement_decider(
                    signalement=signalement,
                    decision=data["decision"],
                    date_decision=data["date_decision"],
                    type_reorientation=data["type_reorientation"],
                    structure_reorientation=data["structure_reorientation"],
                    motif_sans_suite=data["motif_sans_suite"],
                    decision_commentaire=data["decision_commentaire"],
                    choix=form.choix(services.ChoixPersonne, connues),
                    affaire=data["affaire"],
                    intitule_affaire=data["intitule_affaire"],
                    type_exploiteur=data["type_exploiteur"],
                    version_attendue=data["version_attendue"],
                    by=request.user,
                )
        except ValidationError as exc:
            signalement.refresh_from_db()
            add_validation_errors(form, exc)
        except EditConflict:
            signalement.refresh_from_db()
            form.add_error(None, EditConflict.message)
        else:
            log_form_access(request, signalement, modification=True)
            messages.success(request, _("Decision recorded."))
            if personnes:
                return redirect(personnes[0])
            return redirect(signalement)
    return render(request, "signalements/decider.html", {"form": form, "signalement": signalement})


def _get_victime(request, pk):
    return get_object_for_user(PersonneSignalee.objects.select_related("signalement", "personne"), request.user, pk=pk)


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def personne_modifier(request, pk):
    """Edit what is known of a potential victim (possible duplicates shown again if not linked yet)."""
    ps = _get_victime(request, pk)
    signalement = ps.signalement
    log_form_access(request, ps)
    form = PersonneSignaleeForm(data=request.POST or None, instance=ps, user=request.user)
    if request.method == "POST" and form.is_valid():
        if not ps.personne_id and form.verifier_doublons():
            messages.warning(request, _("Possible duplicates found: say who this person is, then save."))
        else:
            ps = form.save(commit=False)
            ps.personne = ps.personne or form.personne_choisie()
            try:
                services.personne_signalee_modifier(
                    personne_signalee=ps, version_attendue=form.cleaned_data["version_attendue"], by=request.user
                )
            except EditConflict:
                form.add_conflict_error()
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                log_form_access(request, ps, modification=True)
                messages.success(request, _("Potential victim saved."))
                return redirect(signalement)
    context = {"form": form, "signalement": signalement, "personne_signalee": ps}
    return render(request, "signalements/personne_form.html", context)


@require_http_methods(["POST"])
@require("signalements", "change")
def personne_retirer(request, pk):
    ps = _get_victime(request, pk)
    try:
        services.personne_signalee_retirer(personne_signalee=ps, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        log_form_access(request, ps.signalement, modification=True)
        messages.success(request, _("Potential victim removed from the report."))
    return redirect(ps.signalement)
