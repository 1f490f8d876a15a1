from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accompagnement.enums import FormeExploitation
from accompagnement.models import Accompagnement, Exploitation, libelles
from comptes.audit import log_access, logs_access
from comptes.edition import Incomplete, edit
from comptes.models import JournalAcces
from comptes.permissions import get_object_for_user, require

from . import enums, services
from .filters import SignalementFilter
from .forms import (
    AvancerForm,
    DecisionForm,
    EntretienForm,
    EntretienModificationForm,
    PersonneSignaleeForm,
    SignalementForm,
    personnes_formset,
)
from .models import Entretien, PersonneSignalee, Signalement


@require_http_methods(["GET"])
@require("signalements")
@logs_access(model=Signalement)
def liste(request):
    """The queue: open reports by step (filters can show decided ones too)."""
    data = request.GET.copy()
    if "statut" not in data:
        data["statut"] = "ouverts"  # the queue; a search says so and links to all reports (liste.html)
    scope = Signalement.objects.visible_to(request.user)
    filtre = SignalementFilter(data, queryset=scope.with_list_data().order_by("-date_reception", "-pk"))
    page = Paginator(filtre.qs, 50).get_page(request.GET.get("page"))
    compte = dict(scope.ouverts().values_list("etape").annotate(n=Count("pk")).order_by())
    etapes = [{"code": code, "label": label, "nombre": compte.get(code, 0)} for code, label in enums.Etape.choices]
    return render(request, "signalements/liste.html", {"filtre": filtre, "page": page, "etapes": etapes})


@require_http_methods(["GET"])
@require("signalements")
def detail(request, pk):
    signalement = get_object_for_user(Signalement.objects.with_detail_data(), request.user, pk=pk)
    log_access(request, JournalAcces.Action.CONSULTATION, signalement)
    formes = libelles(FormeExploitation, signalement.formes_presumees)
    contexte = {"signalement": signalement, "Etape": enums.Etape, "formes_presumees": formes}
    return render(request, "signalements/detail.html", contexte)


def _verifier_doublons(forms_personnes) -> bool:
    return any([f.verifier_doublons() for f in forms_personnes])  # every form checks (no short-circuit)


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def creer(request):
    form = SignalementForm(data=request.POST or None)
    formset = personnes_formset(request.POST or None, user=request.user)

    def save(data):
        remplis = [f for f in formset if f.has_changed() and f.cleaned_data]
        if _verifier_doublons(remplis):
            raise Incomplete(_("Possible duplicates found: for each person, say who they are, then save."))
        signalement = form.save(commit=False)
        if signalement.consentement_date:
            signalement.consentement_recueilli_par = request.user
        personnes = []
        for f in remplis:
            ps = f.save(commit=False)
            ps.personne = f.personne_choisie()
            personnes.append(ps)
        return services.signalement_creer(signalement=signalement, personnes=personnes, by=request.user)

    return edit(
        request, form, formsets=[formset], save=save,
        success=lambda signalement: _("Report %(ref)s recorded.") % {"ref": signalement.reference},
        redirect_to=lambda signalement: signalement,
        template="signalements/form.html", context={"formset": formset},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def modifier(request, pk):
    signalement = get_object_for_user(Signalement.objects.with_detail_data(), request.user, pk=pk)
    form = SignalementForm(data=request.POST or None, instance=signalement)

    def save(data):
        modifie = form.save(commit=False)
        if modifie.consentement_date and not modifie.consentement_recueilli_par_id:
            modifie.consentement_recueilli_par = request.user
        return services.signalement_modifier(
            signalement=modifie, version_attendue=data["version_attendue"], by=request.user
        )

    return edit(
        request, form, obj=signalement, save=save, success=_("Report saved."), redirect_to=signalement,
        template="signalements/form.html", context={"signalement": signalement},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def personne_ajouter(request, pk):
    """Add a potential victim to a report, after showing possible duplicates."""
    signalement = get_object_for_user(Signalement.objects.with_detail_data(), request.user, pk=pk)
    form = PersonneSignaleeForm(data=request.POST or None, user=request.user)

    def save(data):
        if form.verifier_doublons():
            raise Incomplete(_("Possible duplicates found: say who this person is, then save."))
        ps = form.save(commit=False)
        ps.personne = form.personne_choisie()
        return services.personne_signalee_ajouter(signalement=signalement, personne_signalee=ps, by=request.user)

    return edit(
        request, form, obj=signalement, save=save, success=_("Potential victim added."), redirect_to=signalement,
        template="signalements/personne_form.html", context={"signalement": signalement},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def avancer(request, pk):
    """Send the written questionnaire (first records the consent if not done yet)."""
    signalement = get_object_for_user(Signalement.objects.with_detail_data(), request.user, pk=pk)
    if signalement.etape != enums.Etape.RECU or not signalement.est_ouvert:
        messages.info(request, _("The questionnaire step is already passed: record an interview or decide."))
        return redirect(signalement)
    form = AvancerForm(data=request.POST or None, signalement=signalement)
    return edit(
        request, form, obj=signalement,
        save=lambda data: services.signalement_avancer(
            signalement=signalement, etape=enums.Etape.QUESTIONNAIRE, date=data["date"],
            consentement_date=data.get("consentement_date"), by=request.user,
        ),
        success=_("Questionnaire step recorded."), redirect_to=signalement,
        template="signalements/avancer.html", context={"signalement": signalement},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def entretien_ajouter(request, pk):
    signalement = get_object_for_user(Signalement.objects.with_detail_data(), request.user, pk=pk)
    form = EntretienForm(data=request.POST or None, signalement=signalement, user=request.user)
    return edit(
        request, form, obj=signalement,
        save=lambda data: services.entretien_ajouter(
            signalement=signalement, date=data["date"], type=data["type"], mene_par=data["mene_par"],
            compte_rendu=data["compte_rendu"], consentement_date=data.get("consentement_date"), by=request.user,
        ),
        success=_("Interview recorded."), redirect_to=signalement,
        template="signalements/entretien_form.html", context={"signalement": signalement},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def entretien_modifier(request, pk):
    entretien = get_object_for_user(Entretien.objects.all(), request.user, pk=pk)
    form = EntretienModificationForm(data=request.POST or None, instance=entretien)
    return edit(
        request, form, obj=entretien,
        save=lambda data: services.entretien_modifier(entretien=form.save(commit=False), by=request.user),
        success=_("Interview saved."), redirect_to=entretien.signalement,
        template="signalements/entretien_form.html",
        context={"signalement": entretien.signalement, "entretien": entretien},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def decider(request, pk):
    """Decide; "supported" creates or links the persons and opens their files in one transaction,
    then lands on the (first) person's page."""
    signalement = get_object_for_user(Signalement.objects.with_detail_data(), request.user, pk=pk)
    if not signalement.est_ouvert:
        messages.info(request, _("This report has already been decided."))
        return redirect(signalement)
    form = DecisionForm(data=request.POST or None, signalement=signalement, user=request.user)

    def save(data):
        connues = {ligne["ps"].personne_id: ligne["ps"].personne for ligne in form.lignes if ligne["ps"].personne}
        with transaction.atomic():
            return services.signalement_decider(
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

    return edit(
        request, form, obj=signalement, save=save, success=_("Decision recorded."),
        redirect_to=lambda personnes: reverse("signalements:decision_resultat", args=[signalement.pk])
        if personnes else signalement,
        template="signalements/decider.html", context={"signalement": signalement},
    )  # fmt: skip


@require_http_methods(["GET"])
@require("signalements")
def decision_resultat(request, pk):
    """After a supported decision: every person of the report and their file (the support period the
    report opened, or the one already open), with their cases; in a fixed number of queries."""
    signalement = get_object_for_user(Signalement.objects.with_detail_data(), request.user, pk=pk)
    log_access(request, JournalAcces.Action.CONSULTATION, signalement)
    personnes = [ps.personne for ps in signalement.personnes_signalees.all() if ps.personne_id]
    ids = [p.pk for p in personnes]
    periodes = {}
    for periode in Accompagnement.objects.visible_to(request.user).filter(personne__in=ids).order_by("date_debut"):
        if periode.signalement_id == signalement.pk or periode.date_cloture is None:
            periodes.setdefault(periode.personne_id, periode)  # the report's own period first (oldest)
    affaires = {}
    exploitations = Exploitation.objects.visible_to(request.user).filter(personne__in=ids, affaire__isnull=False)
    for e in exploitations.select_related("affaire").order_by("affaire__reference"):
        affaires.setdefault(e.personne_id, []).append(e.affaire)
    lignes = [{"personne": p, "periode": periodes.get(p.pk), "affaires": affaires.get(p.pk, [])} for p in personnes]
    return render(request, "signalements/decision_resultat.html", {"signalement": signalement, "lignes": lignes})


@require_http_methods(["GET", "POST"])
@require("signalements", "change")
def personne_modifier(request, pk):
    """Edit what is known of a potential victim (possible duplicates shown again if not linked yet)."""
    ps = get_object_for_user(PersonneSignalee.objects.with_detail_data(), request.user, pk=pk)
    signalement = ps.signalement
    deja_liee = bool(ps.personne_id)
    form = PersonneSignaleeForm(data=request.POST or None, instance=ps, user=request.user)

    def save(data):
        if not deja_liee and form.verifier_doublons():
            raise Incomplete(_("Possible duplicates found: say who this person is, then save."))
        modifiee = form.save(commit=False)
        modifiee.personne = modifiee.personne or form.personne_choisie()
        return services.personne_signalee_modifier(
            personne_signalee=modifiee, version_attendue=data["version_attendue"], by=request.user
        )

    return edit(
        request, form, obj=ps, save=save, success=_("Potential victim saved."), redirect_to=signalement,
        template="signalements/personne_form.html", context={"signalement": signalement, "personne_signalee": ps},
    )  # fmt: skip


@require_http_methods(["POST"])
@require("signalements", "change")
def personne_retirer(request, pk):
    ps = get_object_for_user(PersonneSignalee.objects.with_detail_data(), request.user, pk=pk)
    try:
        services.personne_signalee_retirer(personne_signalee=ps, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        log_access(request, JournalAcces.Action.MODIFICATION, ps.signalement)
        messages.success(request, _("Potential victim removed from the report."))
    return redirect(ps.signalement)
