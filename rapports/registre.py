# ruff: noqa: E501 (tables of labels read better on one line each)
"""The indicator registry: every figure of the annual report, declared once.

Keys are exactly those of the catalogue (`docs/indicateurs.md`, generated from this module and the
functions' docstrings by `manage.py documenter_indicateurs`; sections 1–7). The report
page, the PDF, the exports and the tests all read this module. Computed indicators name their
function as a dotted path "<app>.indicateurs.<key>", looked up in that app only; a system check
(`rapports.checks`) stops the start-up when one is missing. Sections 6
and 7 are yearly manual inputs (`SaisieAnnuelle`). Labels are stored in French and English
(the English ones follow the 2023 annual report) and picked by the active language.
"""

import inspect
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, partial

from django.utils.translation import get_language

# Apps whose `indicateurs.py` computes figures.
APPS_INDICATEURS = ["signalements", "accompagnement", "psychosocial", "juridique", "sensibilisation"]


class Unite(StrEnum):
    NOMBRE = "count"
    POURCENT = "%"
    HEURES_JOUR = "hours/day"
    MOIS = "months"
    NUITEES = "nights"
    EUROS = "€"
    ETP = "FTE"


UNITES = {
    Unite.NOMBRE: ("", ""),
    Unite.POURCENT: ("%", "%"),
    Unite.HEURES_JOUR: ("h/jour", "h/day"),
    Unite.MOIS: ("mois", "months"),
    Unite.NUITEES: ("nuitées", "nights"),
    Unite.EUROS: ("€", "€"),
    Unite.ETP: ("ETP", "FTE"),
}


class Partie(StrEnum):
    """The parts of the published report, in order."""

    IDENTIFIER = "identifier"
    ACCOMPAGNER = "accompagner"
    PROTEGER = "proteger"
    POURSUIVRE = "poursuivre"
    SENSIBILISER = "sensibiliser"
    MOYENS = "moyens"


PARTIES = {
    Partie.IDENTIFIER: ("Identifier\u00a0: les nouvelles personnes accompagnées", "Identify: new beneficiaries"),
    Partie.ACCOMPAGNER: ("Accompagner\u00a0: le profil de la file active", "Support: the active caseload"),
    Partie.PROTEGER: ("Protéger\u00a0: le Pôle psycho-social", "Protect: the psychological and social support unit"),
    Partie.POURSUIVRE: ("Poursuivre et lutter contre l'impunité\u00a0: le Pôle juridique", "In pursuit of justice: the legal unit"),
    Partie.SENSIBILISER: ("Sensibiliser, former et prévenir", "Raising awareness and training"),
    Partie.MOYENS: ("Vie de l'association et moyens", "Daily life and resources"),
}  # fmt: skip

# Groups of figures inside a part (catalogue section → part, French and English titles).
GROUPES = {
    "1.1": (Partie.IDENTIFIER, "Des signalements à l'accompagnement", "From reports to support"),
    "1.2": (Partie.IDENTIFIER, "Profil et conditions d'exploitation des nouvelles personnes", "Profile and conditions of the new beneficiaries"),
    "2": (Partie.ACCOMPAGNER, "La file active", "The active caseload"),
    "1.3": (Partie.ACCOMPAGNER, "Le Comité de vie associative (CVA)", "The Associative Life Committee (CVA)"),
    "3": (Partie.PROTEGER, "Le Pôle psycho-social", "The psychological and social support unit"),
    "3.1": (Partie.PROTEGER, "Urgence et hébergement", "Emergency shelter and housing"),
    "3.2": (Partie.PROTEGER, "Insertion", "Integration"),
    "3.3": (Partie.PROTEGER, "Santé", "Health"),
    "3.4": (Partie.PROTEGER, "Aides financières", "Financial aid"),
    "3.5": (Partie.PROTEGER, "Domiciliation", "Postal domiciliation"),
    "3.6": (Partie.PROTEGER, "Accompagnement psychologique", "Psychological support"),
    "3.7": (Partie.PROTEGER, "Activités collectives et socio-culturelles", "Group and social & cultural activities"),
    "4": (Partie.POURSUIVRE, "Le Pôle juridique", "The legal unit"),
    "4.1": (Partie.POURSUIVRE, "Procédures pénales", "Criminal proceedings"),
    "4.2": (Partie.POURSUIVRE, "Conseil de prud'hommes", "Labour court (CPH)"),
    "4.3": (Partie.POURSUIVRE, "Indemnisation", "Compensation"),
    "4.4": (Partie.POURSUIVRE, "Droit au séjour", "Residence rights"),
    "4.5": (Partie.POURSUIVRE, "Asile et protection internationale", "Asylum and international protection"),
    "5": (Partie.SENSIBILISER, "Interventions et participants", "Sessions and participants"),
    "6": (Partie.MOYENS, "Communication et moyens humains", "Communication and human resources"),
    "7": (Partie.MOYENS, "Finances", "Finances"),
}  # fmt: skip

# Which app's indicateurs.py computes a catalogue section…
APP_PAR_GROUPE = {"1.1": "signalements", "1.2": "accompagnement", "1.3": "accompagnement", "2": "accompagnement",
                  "3": "psychosocial", "4": "juridique", "5": "sensibilisation"}  # fmt: skip
# …except these figures, computed by the app that owns their records.
APP_PAR_CLE = {"nouvelles_personnes_accompagnees": "accompagnement", "nouvelles_affaires": "accompagnement",
               "cva_reunions": "psychosocial", "cva_reunions_participants": "psychosocial",
               "cva_interventions_scolaires": "sensibilisation"}  # fmt: skip
# Which app computes breakdown B<N> (`repartition_b<N>`), by range of numbers.
APP_PAR_REPARTITION = ((range(1, 4), "signalements"), (range(4, 18), "accompagnement"), (range(18, 24), "psychosocial"),
                       (range(24, 30), "juridique"), (range(30, 32), "sensibilisation"))  # fmt: skip

# Population a figure is computed over, for the drill-down (see rapports/populations.py).
POPULATION_PAR_GROUPE = {"1.1": "signalements", "1.2": "P_NEW", "1.3": "P_FA", "2": "P_FA", "3": "P_PSY",
                         "4": "P_JUR", "5": "interventions"}  # fmt: skip


@dataclass(frozen=True)
class Indicateur:
    cle: str
    groupe: str
    libelle_fr: str
    libelle_en: str
    unite: Unite
    note_fr: str = ""
    note_en: str = ""
    population: str = ""

    @property
    def section(self) -> str:
        """Catalogue section number ("1.1" … "7")."""
        return self.groupe.split(".")[0] if self.groupe[0] in "34" else self.groupe

    @property
    def partie(self) -> Partie:
        return GROUPES[self.groupe][0]

    @property
    def manuel(self) -> bool:
        """Sections 6 and 7: a yearly manual input, not computed from records."""
        return self.section in {"6", "7"}

    @property
    def requis(self) -> bool:
        """Sections 1 to 5 must be computed from the records."""
        return not self.manuel

    @property
    def fonction(self) -> str:
        """Dotted path of the computing function ("" for a manual input)."""
        if self.manuel:
            return ""
        return f"{self.app}.indicateurs.{self.cle}"

    @property
    def app(self) -> str:
        """The app whose indicateurs.py computes it ("" for a manual input)."""
        return "" if self.manuel else APP_PAR_CLE.get(self.cle) or APP_PAR_GROUPE[self.section]

    @property
    def libelle(self) -> str:
        return choisir(self.libelle_fr, self.libelle_en)

    @property
    def note(self) -> str:
        return choisir(self.note_fr, self.note_en)

    @property
    def unite_libelle(self) -> str:
        return choisir(*UNITES[self.unite])

    @property
    def population_code(self) -> str:
        return self.population or POPULATION_PAR_GROUPE.get(self.section, "")


class Graphique(StrEnum):
    BARRES = "barres"
    CAMEMBERT = "camembert"
    CARTE = "carte"


@dataclass(frozen=True)
class Repartition:
    numero: int
    cle: str
    libelle_fr: str
    libelle_en: str
    graphique: Graphique
    partie: Partie
    # Dotted path of a TextChoices giving the categories' labels ("" = codes shown as they are).
    categories: str = ""
    # Ordered brackets (ages, pay, hours…): kept in the function's order instead of by count.
    ordinal: bool = False

    @property
    def fonction(self) -> str:
        return f"repartition_b{self.numero}"

    @property
    def app(self) -> str:
        return next(app for numeros, app in APP_PAR_REPARTITION if self.numero in numeros)

    @property
    def libelle(self) -> str:
        return choisir(self.libelle_fr, self.libelle_en)


def choisir(fr: str, en: str) -> str:
    """The French or English string, per the active language (English when French is missing)."""
    if (get_language() or "fr").startswith("en"):
        return en or fr
    return fr or en


U = Unite
I = Indicateur  # noqa: E741 (a one-letter constructor keeps the table below readable)

INDICATEURS: list[Indicateur] = [
    # 1.1 Funnel from reports to support
    I("signalements_recus", "1.1", "Signalements reçus et analysés", "Reports (alerts) received and analysed", U.NOMBRE),
    I("signalements_questionnaire_taux", "1.1", "Part des signalements approfondis par questionnaire", "Share of reports investigated further by written questionnaire", U.POURCENT),
    I("signalements_entretien_taux", "1.1", "Part des signalements traités jusqu'à l'entretien d'identification", "Share of reports taken to the identification interview", U.POURCENT),
    I("entretiens_identification", "1.1", "Entretiens d'approfondissement / d'identification réalisés", "In-depth / identification interviews carried out", U.NOMBRE, population="entretiens"),
    I("nouvelles_personnes_accompagnees", "1.1", "Personnes nouvellement accompagnées (nouvelles victimes identifiées)", "New beneficiaries (newly identified victims)", U.NOMBRE, population="P_NEW"),
    I("taux_accompagnement_signalements", "1.1", "Part des signalements ayant abouti à un accompagnement", "Share of reports that led to support", U.POURCENT,
      "Calculée par signalement (décision « accompagnement » ÷ signalements reçus), ce qui tient compte des situations collectives.",
      "Computed per report (decision \"support\" ÷ reports received), which accounts for collective cases."),
    I("nouvelles_affaires", "1.1", "Affaires concernant les nouvelles personnes", "Cases (affaires) of the new beneficiaries", U.NOMBRE, population="P_NEW"),
    I("signalants_reorientes", "1.1", "Signalements réorientés vers d'autres structures", "Reports redirected to other structures", U.NOMBRE),
    # 1.2 Profile and conditions of the new beneficiaries (P_NEW)
    I("nouvelles_part_femmes", "1.2", "Part des femmes parmi les nouvelles personnes", "Share of women among new beneficiaries", U.POURCENT),
    I("nouvelles_nb_pays_origine", "1.2", "Nombre de pays d'origine des nouvelles personnes", "Number of countries of origin of new beneficiaries", U.NOMBRE),
    I("nouvelles_moins_26_debut_taux", "1.2", "Part des nouvelles personnes âgées de moins de 26 ans au début des faits", "Share of new beneficiaries aged under 26 at start of exploitation", U.POURCENT),
    I("nouvelles_moins_26_prise_en_charge_taux", "1.2", "Part des nouvelles personnes âgées de moins de 26 ans à la prise en charge", "Share of new beneficiaries under 26 at intake", U.POURCENT),
    I("nouvelles_heures_jour_moy", "1.2", "Durée moyenne de travail quotidienne (nouvelles personnes)", "Mean daily working hours, new beneficiaries", U.HEURES_JOUR),
    I("nouvelles_plus_16h_taux", "1.2", "Part ayant travaillé plus de 16 h/jour", "Share working more than 16 h/day", U.POURCENT),
    I("nouvelles_plus_13h_taux", "1.2", "Part ayant travaillé plus de 13 h/jour", "Share working more than 13 h/day", U.POURCENT),
    I("nouvelles_sans_remuneration_taux", "1.2", "Part des nouvelles personnes n'ayant perçu aucune rémunération", "Share of new beneficiaries with no pay at all", U.POURCENT),
    I("nouvelles_travail_domestique_taux", "1.2", "Part des cas de travail domestique (nouvelles personnes)", "Share of domestic-work cases, new beneficiaries", U.POURCENT),
    I("nouvelles_dependance_hebergement_taux", "1.2", "Dépendance à l'exploiteur pour l'hébergement (nouvelles personnes)", "Dependence on exploiter for accommodation, new beneficiaries", U.POURCENT),
    I("nouvelles_logees_sur_lieu_taux", "1.2", "Part logée sur le lieu d'exploitation", "Share living on the exploitation site", U.POURCENT),
    I("nouvelles_emprise_hebergement_taux", "1.2", "Emprise via des promesses liées à l'hébergement", "Control through promises about accommodation", U.POURCENT),
    I("nouvelles_emprise_remuneration_taux", "1.2", "Emprise via fausses promesses de rémunération", "Control through false promises of pay", U.POURCENT),
    I("nouvelles_emprise_regularisation_taux", "1.2", "Emprise via fausses promesses de régularisation", "Control through false promises of legal status", U.POURCENT),
    I("nouvelles_emprise_mariage", "1.2", "Victimes sous promesse de mariage / mariage servile", "Promise of marriage / servile marriage", U.NOMBRE),
    I("nouvelles_adoption_exploitation", "1.2", "Mineurs adoptés à des fins d'exploitation", "Minors adopted for exploitation", U.NOMBRE),
    I("nouvelles_visa_saisonnier_taux", "1.2", "Part des personnes identifiées arrivées avec un visa saisonnier", "Share of new beneficiaries who entered on a seasonal-work visa", U.POURCENT),
    I("nouvelles_dette_recrutement", "1.2", "Part des nouvelles personnes endettées pour obtenir leur contrat", "Share of new beneficiaries indebted to obtain their contract", U.POURCENT,
      "Part des nouvelles personnes dont la dette de recrutement est supérieure à 0 €.", "Share of new beneficiaries whose recruitment debt is above €0."),
    # 1.3 CVA
    I("cva_membres", "1.3", "Membres du CVA (noyau)", "CVA members (core group)", U.NOMBRE),
    I("cva_reunions", "1.3", "Réunions de travail du CVA", "CVA working meetings", U.NOMBRE),
    I("cva_reunions_participants", "1.3", "Participants aux réunions du CVA", "Participants in CVA meetings", U.NOMBRE),
    I("cva_interventions_scolaires", "1.3", "Membres du CVA intervenus devant des classes", "CVA members testifying in schools", U.NOMBRE),
    # 2 Active caseload (P_FA)
    I("personnes_accompagnees", "2", "Personnes accompagnées (file active, suivis individuels)", "Persons supported (active caseload)", U.NOMBRE),
    I("personnes_accompagnees_evol_1an", "2", "Évolution annuelle de la file active", "Year-on-year change in caseload", U.POURCENT),
    I("personnes_accompagnees_evol_5ans", "2", "Évolution de la file active sur 5 ans", "5-year change in caseload", U.POURCENT),
    I("personnes_accompagnees_evol_10ans", "2", "Évolution de la file active sur 10 ans", "10-year change in caseload", U.POURCENT),
    I("personnes_accompagnees_cumul", "2", "Victimes accompagnées depuis la création", "Victims supported since founding (1994)", U.NOMBRE),
    I("file_active_part_femmes", "2", "Part des femmes dans la file active", "Share of women in caseload", U.POURCENT),
    I("file_active_nb_pays_origine", "2", "Nombre de pays d'origine (file active)", "Countries of origin (caseload)", U.NOMBRE),
    I("file_active_part_caraibes_amlat", "2", "Part des personnes originaires des Caraïbes et d'Amérique latine", "Share from the Caribbean and Latin America", U.POURCENT),
    I("file_active_part_femmes_philippines", "2", "Part de femmes parmi les ressortissants philippins", "Share of women among Filipino nationals", U.POURCENT),
    I("file_active_heures_jour_moy", "2", "Journée de travail moyenne (file active)", "Mean working day, caseload", U.HEURES_JOUR),
    I("file_active_7j_sur_7_taux", "2", "Part travaillant 7 jours sur 7", "Share working 7 days a week", U.POURCENT),
    I("file_active_dependance_hebergement_taux", "2", "Dépendance vis-à-vis de l'exploiteur pour l'hébergement", "Dependence on exploiter for accommodation", U.POURCENT),
    I("file_active_sans_remuneration_taux", "2", "Absence totale de rémunération", "Total absence of pay", U.POURCENT),
    I("file_active_sans_remuneration_part_femmes", "2", "Part des femmes parmi les victimes non rémunérées", "Share of women among unpaid victims", U.POURCENT),
    I("file_active_violences_sexuelles_taux", "2", "Victimes déclarant des violences sexuelles", "Victims reporting sexual violence", U.POURCENT),
    I("file_active_violences_physiques_taux", "2", "Victimes déclarant des violences physiques", "Victims reporting physical violence", U.POURCENT),
    I("file_active_violences_psychologiques_taux", "2", "Victimes déclarant des violences psychologiques et verbales", "Victims reporting psychological and verbal violence", U.POURCENT),
    I("file_active_privation_nourriture_taux", "2", "Victimes déclarant une privation de nourriture extrême", "Victims reporting extreme food deprivation", U.POURCENT),
    I("file_active_duree_exploitation_moy", "2", "Durée moyenne d'exploitation", "Mean length of exploitation", U.MOIS),
    I("file_active_hors_idf_taux", "2", "Part des situations hors Île-de-France", "Share of situations outside Île-de-France", U.POURCENT),
    I("file_active_nb_departements", "2", "Nombre de départements de lieux des faits", "Number of départements where exploitation took place", U.NOMBRE),
    I("deces_en_cours_accompagnement", "2", "Décès de personnes accompagnées", "Deaths of beneficiaries during support", U.NOMBRE),
    I("dossiers_clotures", "2", "Dossiers classés dans l'année", "Cases closed in the year", U.NOMBRE, population="clotures"),
    # 3 Psycho-social unit (P_PSY)
    I("psychosocial_personnes", "3", "Personnes accompagnées par le Pôle psycho-social", "Persons supported by the psycho-social unit", U.NOMBRE),
    I("psychosocial_part_femmes", "3", "Part des femmes (Pôle psycho-social)", "Share of women, psycho-social unit", U.POURCENT),
    I("nuitees_urgence", "3.1", "Nuitées d'urgence (total)", "Emergency overnight stays (total)", U.NUITEES),
    I("nuitees_urgence_personnes", "3.1", "Victimes hébergées en urgence", "Victims given emergency shelter", U.NOMBRE),
    I("nuitees_appartements_urgence", "3.1", "Nuitées aux appartements d'urgence", "Nights in the CCEM emergency flats", U.NUITEES),
    I("appartements_urgence_personnes", "3.1", "Personnes hébergées aux appartements d'urgence", "Persons in the emergency flats", U.NOMBRE),
    I("nuitees_hotel", "3.1", "Nuitées à l'hôtel", "Hotel nights", U.NUITEES),
    I("nuitees_hebergement_solidaire", "3.1", "Nuitées d'hébergement solidaire", "Nights in shared/solidarity housing", U.NUITEES),
    I("demandes_hebergement", "3.1", "Demandes d'hébergement et/ou résidence sociale (SIAO/GAS)", "Shelter / social-residence applications (SIAO)", U.NOMBRE),
    I("demandes_hebergement_abouties", "3.1", "Demandes d'hébergement abouties", "Successful shelter applications", U.NOMBRE),
    I("mises_abri_acse", "3.1", "Mises à l'abri via le dispositif Ac.Sé", "Emergency placements through Ac.Sé", U.NOMBRE),
    I("procedures_dalo", "3.1", "Suivis de procédures DALO/DAHO", "DALO/DAHO procedures followed", U.NOMBRE),
    I("demandes_logement_social", "3.1", "Suivis de demandes de logement social", "Social-housing applications followed", U.NOMBRE),
    I("mises_abri_inspection_travail", "3.1", "Hommes mis à l'abri avec l'Inspection du travail", "Men sheltered jointly with the Labour Inspectorate", U.NOMBRE),
    I("intermediation_locative_entrees", "3.1", "Bénéficiaires entrés en logement via intermédiation locative (GAS)", "Beneficiaries housed through rental intermediation", U.NOMBRE),
    I("appartement_hommes_personnes", "3.1", "Hommes hébergés à l'appartement d'urgence hommes", "Men housed in the men's flat", U.NOMBRE),
    I("appartement_hommes_sorties_vers_structure", "3.1", "Hommes de l'appartement réorientés vers d'autres structures", "Men moved on from the flat to other shelters", U.NOMBRE),
    I("insertion_pro_personnes", "3.2", "Personnes suivies dans le cadre de l'insertion professionnelle", "Persons followed for job integration", U.NOMBRE),
    I("insertion_emploi_trouve", "3.2", "Personnes ayant trouvé un emploi", "Persons who found a job", U.NOMBRE),
    I("insertion_recherche_active", "3.2", "Personnes en recherche active d'emploi", "Persons actively job-seeking", U.NOMBRE),
    I("insertion_formation", "3.2", "Personnes ayant accédé à une formation", "Persons entering vocational training", U.NOMBRE),
    I("cours_francais", "3.2", "Personnes orientées vers / ayant débuté des cours de français", "Persons referred to / starting French classes", U.NOMBRE),
    I("orientations_numerique", "3.2", "Orientations vers l'apprentissage du numérique", "Referrals to digital-skills courses", U.NOMBRE),
    I("ateliers_droit_travail_participants", "3.2", "Participants aux ateliers sur le droit du travail", "Participants in labour-law workshops", U.NOMBRE),
    I("droits_sante", "3.3", "Ouvertures et maintien des droits à la santé", "Health-coverage openings and renewals", U.NOMBRE),
    I("ame_nouvelles", "3.3", "Demandes d'AME nouvelles", "State Medical Aid (AME): new applications", U.NOMBRE),
    I("ame_renouvellements", "3.3", "Demandes d'AME en renouvellement", "State Medical Aid (AME): renewals", U.NOMBRE),
    I("css_nouvelles", "3.3", "Demandes de CSS nouvelles", "Complementary health cover (CSS): new applications", U.NOMBRE),
    I("css_renouvellements", "3.3", "Demandes de CSS en renouvellement", "Complementary health cover (CSS): renewals", U.NOMBRE),
    I("aides_financieres", "3.4", "Aides financières remises", "Financial-aid payments", U.NOMBRE,
      "Remises d'aides, hors tickets-services (comptés à part).", "Aid handovers, excluding service vouchers (counted apart)."),
    I("aides_primo_sortantes", "3.4", "Aides remises au lendemain de la sortie d'exploitation (primo-sortantes)", "Aid to people who have just left exploitation", U.NOMBRE),
    I("aides_alimentation", "3.4", "Aides pour l'alimentation", "Food aid", U.NOMBRE),
    I("aides_transport", "3.4", "Aides pour le transport", "Transport aid", U.NOMBRE),
    I("aides_exceptionnelles", "3.4", "Aides exceptionnelles (démarches, audiences, timbres fiscaux, passeports, avocats, santé…)", "Exceptional aid (procedures, hearings, tax stamps, passports, lawyers, health…)", U.NOMBRE),
    I("tickets_services", "3.4", "Tickets-services remis (Fondation pour le Logement, ex-Fondation Abbé Pierre)", "Service vouchers / food stamps handed out", U.NOMBRE),
    I("domiciliation_beneficiaires", "3.5", "Bénéficiaires d'une domiciliation administrative", "Persons with a postal domiciliation", U.NOMBRE),
    I("domiciliation_nouveaux", "3.5", "Nouvelles domiciliations", "New domiciliations", U.NOMBRE),
    I("domiciliation_visites_courrier", "3.5", "Visites de relève de courriers", "Mail-collection visits", U.NOMBRE),
    I("domiciliation_courriers", "3.5", "Courriers reçus et distribués", "Letters received and distributed", U.NOMBRE),
    I("psy_consultations", "3.6", "Consultations psychologiques en interne", "In-house psychological consultations", U.NOMBRE),
    I("psy_evaluations", "3.6", "Évaluations / entretiens exploratoires", "Assessments / exploratory interviews", U.NOMBRE),
    I("psy_beneficiaires", "3.6", "Bénéficiaires de l'action psychologique", "Beneficiaries of psychological support", U.NOMBRE),
    I("psy_reorientations_soins", "3.6", "Bénéficiaires de réorientations en soins mentaux", "Persons referred to mental-health care", U.NOMBRE),
    I("psy_soutien_lien_juridique", "3.6", "Bénéficiaires d'un soutien psychologique en lien avec l'accompagnement juridique", "Psychological support linked to legal proceedings", U.NOMBRE),
    I("ateliers_collectifs", "3.7", "Ateliers collectifs (insertion, accès aux droits)", "Group workshops", U.NOMBRE),
    I("ateliers_collectifs_participants", "3.7", "Participants aux ateliers collectifs", "Workshop participants", U.NOMBRE),
    I("activites_socioculturelles", "3.7", "Activités socio-culturelles / temps conviviaux", "Social & cultural activities", U.NOMBRE),
    I("activites_socioculturelles_participants", "3.7", "Participations aux activités socio-culturelles", "Attendances at social & cultural activities", U.NOMBRE),
    # 4 Legal unit (P_JUR)
    I("juridique_personnes", "4", "Personnes suivies par le Pôle juridique", "Persons followed by the legal unit", U.NOMBRE),
    I("juridique_part_file_active", "4", "Part de la file active suivie par le Pôle juridique", "Share of caseload followed by legal unit", U.POURCENT),
    I("juridique_suivi_plus_5ans_taux", "4", "Part des personnes suivies depuis plus de 5 ans", "Share followed for more than 5 years", U.POURCENT),
    I("juridique_suivi_plus_10ans_taux", "4", "Part des personnes suivies depuis plus de 10 ans", "Share followed for more than 10 years", U.POURCENT),
    I("penal_personnes", "4.1", "Personnes suivies au pénal", "Persons in ongoing criminal proceedings", U.NOMBRE),
    I("penal_affaires", "4.1", "Affaires pénales suivies", "Criminal cases followed", U.NOMBRE),
    I("plaintes_deposees", "4.1", "Nouveaux dépôts de plainte individuels (ou préparation de la plainte)", "New individual complaints filed (or being prepared)", U.NOMBRE),
    I("penal_enquetes_preliminaires", "4.1", "Enquêtes préliminaires en cours", "Preliminary investigations under way", U.NOMBRE,
      "Stade le plus avancé au 31/12\u00a0: les stades ne s'additionnent pas aux plaintes de l'année.", "Latest stage at 31/12: stages do not add up with the year's complaints."),
    I("penal_instructions", "4.1", "Dossiers en instruction", "Cases under judicial investigation (instruction)", U.NOMBRE),
    I("pcpc_deposees", "4.1", "Plaintes avec constitution de partie civile déposées", "Complaints with civil-party petition filed", U.NOMBRE),
    I("penal_audiences", "4.1", "Audiences de 1re instance et d'appel", "First-instance and appeal hearings", U.NOMBRE),
    I("condamnations_traite", "4.1", "Condamnations pour traite des êtres humains obtenues", "Trafficking convictions obtained", U.NOMBRE),
    I("dossiers_inspection_travail", "4.1", "Dossiers initiés avec l'Inspection du travail", "Cases initiated with the Labour Inspectorate", U.NOMBRE),
    I("cph_personnes", "4.2", "Personnes suivies au Conseil de prud'hommes", "Persons with labour-court (CPH) proceedings", U.NOMBRE),
    I("cph_affaires", "4.2", "Affaires prud'homales", "CPH cases", U.NOMBRE),
    I("cph_nouvelles_saisines", "4.2", "Nouvelles saisines du CPH", "New CPH referrals", U.NOMBRE),
    I("cph_en_cours_1ere_instance", "4.2", "Procédures en cours en 1re instance", "Proceedings under way at first instance", U.NOMBRE),
    I("cph_decisions_1ere_instance", "4.2", "Décisions de 1re instance rendues", "First-instance decisions", U.NOMBRE),
    I("indemnisation_personnes", "4.3", "Personnes suivies dans les procédures d'indemnisation", "Persons in compensation proceedings", U.NOMBRE),
    I("indemnisation_affaires", "4.3", "Affaires d'indemnisation", "Compensation cases", U.NOMBRE),
    I("civi", "4.3", "Personnes suivies devant la CIVI", "Persons before the CIVI", U.NOMBRE),
    I("sarvi", "4.3", "Personnes suivies devant le SARVI", "Persons before the SARVI", U.NOMBRE),
    I("sejour_personnes", "4.4", "Personnes accompagnées dans la régularisation et le suivi de leur situation administrative", "Persons supported with residence status", U.NOMBRE),
    I("titre_l425_1_premier", "4.4", "Obtentions d'un 1er titre de séjour L425-1 (« traite »)", "First trafficking residence permits (L425-1) obtained", U.NOMBRE),
    I("titre_l425_1_beneficiaires_hors_premier", "4.4", "Bénéficiaires d'un titre L425-1 (hors 1er titre)", "L425-1 holders (excluding first-time)", U.NOMBRE),
    I("carte_resident_l423_3", "4.4", "Bénéficiaires d'une carte de résident L423-3 après condamnation des exploitants", "L423-3 resident cards after exploiters' conviction", U.NOMBRE),
    I("autres_titres_recepisses", "4.4", "Bénéficiaires d'autres titres ou de récépissés", "Other permits or receipts", U.NOMBRE),
    I("attente_premier_titre_long", "4.4", "Personnes en attente de leur 1er titre depuis près d'un an", "Persons waiting about a year for their first permit", U.NOMBRE),
    I("asile_personnes", "4.5", "Personnes concernées par l'asile et la protection internationale", "Persons in asylum / international protection", U.NOMBRE),
    I("asile_ofpra_en_cours", "4.5", "Demandes d'asile en cours à l'OFPRA", "Asylum applications pending at OFPRA", U.NOMBRE),
    I("asile_audiences_cnda", "4.5", "Audiences devant la CNDA", "CNDA hearings", U.NOMBRE),
    I("asile_protections_subsidiaires", "4.5", "Protections subsidiaires accordées", "Subsidiary protections granted", U.NOMBRE),
    I("asile_statuts_refugie", "4.5", "Statuts de réfugié accordés", "Refugee statuses granted", U.NOMBRE),
    I("asile_protections_obtenues", "4.5", "Protections obtenues via l'asile", "Protections obtained via asylum", U.NOMBRE),
    # 5 Awareness & training
    I("interventions", "5", "Interventions de sensibilisation ou de formation réalisées", "Awareness / training sessions delivered", U.NOMBRE),
    I("participants", "5", "Participants (directs) aux interventions", "Participants in sessions", U.NOMBRE),
    I("participants_evol", "5", "Évolution du nombre de participants", "Change in participants", U.POURCENT),
    I("participants_professionnels", "5", "Professionnels touchés", "Professionals reached", U.NOMBRE),
    I("part_professionnels", "5", "Part de professionnels parmi les participants", "Share of professionals", U.POURCENT),
    I("agents_services_enquete", "5", "Agents des services d'enquête spécialisés (Inspection du travail, Gendarmerie…)", "Officers from specialised investigation services", U.NOMBRE),
    I("agents_inspection_travail", "5", "Agents de l'Inspection du travail formés", "Labour inspectors trained", U.NOMBRE),
    I("agents_gendarmerie", "5", "Agents de la Gendarmerie nationale", "Gendarmerie officers", U.NOMBRE),
    I("professionnels_droit", "5", "Professionnels du droit (avocats, magistrats)", "Legal professionals (lawyers, judges)", U.NOMBRE),
    I("autres_professionnels", "5", "Autres professionnels (Ac.Sé, équipes hospitalières, travailleurs sociaux en formation…)", "Other professionals", U.NOMBRE),
    I("eleves", "5", "Élèves sensibilisés (primaire au lycée)", "School pupils reached", U.NOMBRE),
    I("grand_public_autres", "5", "Autres participants grand public", "Other general-public participants", U.NOMBRE),
    I("departements_interventions", "5", "Départements concernés par les interventions", "Départements where sessions took place", U.NOMBRE),
    I("interventions_etranger", "5", "Interventions à l'étranger", "Sessions abroad", U.NOMBRE),
    I("part_interventions_paris", "5", "Part des interventions tenues à Paris", "Share of sessions held in Paris", U.POURCENT),
    # 6 Communication & resources (yearly manual inputs)
    I("retombees_medias", "6", "Articles / émissions citant le CCEM", "Press articles & broadcasts citing CCEM", U.NOMBRE),
    I("actions_medias_publications", "6", "Actions médias et publications", "Media actions & publications", U.NOMBRE),
    I("abonnes_facebook", "6", "Abonnés Facebook", "Facebook followers", U.NOMBRE),
    I("abonnes_twitter", "6", "Abonnés Twitter/X", "Twitter/X followers", U.NOMBRE),
    I("abonnes_bluesky", "6", "Abonnés Bluesky", "Bluesky followers", U.NOMBRE),
    I("abonnes_instagram", "6", "Abonnés Instagram", "Instagram followers", U.NOMBRE),
    I("abonnes_linkedin", "6", "Abonnés LinkedIn", "LinkedIn followers", U.NOMBRE),
    I("abonnes_newsletter", "6", "Abonnés à la newsletter trimestrielle", "Newsletter subscribers", U.NOMBRE),
    I("visites_site", "6", "Visites du site internet", "Website visits", U.NOMBRE),
    I("benevoles", "6", "Bénévoles", "Volunteers", U.NOMBRE),
    I("equipe_permanents", "6", "Équipe (salariés)", "Staff", U.NOMBRE),
    I("juristes", "6", "Juristes", "Legal staff", U.NOMBRE),
    I("avocats_benevoles", "6", "Avocats bénévoles du réseau", "Pro-bono lawyers of the network", U.NOMBRE),
    I("psychologue_etp", "6", "Psychologue clinicienne (temps de travail)", "Clinical psychologist (FTE)", U.ETP),
    I("donateurs_particuliers", "6", "Donateurs particuliers", "Individual donors", U.NOMBRE),
    # 7 Finances (yearly manual inputs)
    I("budget_global", "7", "Budget global (produits + bénévolat / mécénat / dons en nature)", "Overall budget (income + volunteering / sponsorship / donations in kind)", U.EUROS),
    I("total_produits", "7", "Total des produits", "Total income", U.EUROS),
    I("evolution_produits", "7", "Évolution des produits", "Change in income", U.POURCENT),
    I("evolution_depenses", "7", "Évolution des dépenses", "Change in expenditure", U.POURCENT),
    I("resultat", "7", "Résultat de l'exercice", "Result for the year", U.EUROS),
    I("part_benevolat_mecenat", "7", "Part du bénévolat, mécénat et dons en nature dans le budget", "Share of volunteering, sponsorship and donations in kind in the budget", U.POURCENT),
    I("part_subventions_publiques_nationales", "7", "Part des subventions publiques nationales dans le budget", "Share of national public grants in the budget", U.POURCENT),
    I("evolution_subventions", "7", "Évolution des subventions", "Change in grants", U.POURCENT),
    I("evolution_dons_particuliers", "7", "Évolution des dons de particuliers", "Change in individual donations", U.POURCENT),
    I("evolution_fondations", "7", "Évolution des dons des fondations privées", "Change in private foundations' donations", U.POURCENT),
    I("part_salaires_charges", "7", "Part des salaires et charges sociales dans les charges", "Share of salaries and social charges in expenditure", U.POURCENT),
    I("evolution_achats_services_ext", "7", "Évolution des achats et services extérieurs", "Change in purchases and external services", U.POURCENT),
    I("aides_directes_victimes_eur", "7", "Aides et dépenses directement liées à l'accompagnement des victimes en France", "Aid and expenses directly related to supporting victims in France", U.EUROS),
    I("part_formation_sensibilisation_charges", "7", "Part de la formation et de la sensibilisation dans les charges", "Share of training and awareness-raising in expenditure", U.POURCENT),
    I("don_vers_la_liberte", "7", "« Don vers la liberté » (aide individuelle des 6 premiers mois)", "\"Gift towards freedom\" (individual aid for the first 6 months)", U.EUROS),
]  # fmt: skip

R, G, P = Repartition, Graphique, Partie
REPARTITIONS: list[Repartition] = [
    R(1, "sources_signalements", "Sources des signalements", "Sources of reports", G.BARRES, P.IDENTIFIER, "signalements.enums.SourceType"),
    R(2, "reorientations", "Nature des réorientations", "Kinds of redirection", G.BARRES, P.IDENTIFIER, "signalements.enums.TypeReorientation"),
    R(3, "sources_nouvelles_personnes", "Sources des signalements des nouvelles personnes accompagnées", "Sources of referral of new beneficiaries", G.BARRES, P.IDENTIFIER, "signalements.enums.SourceType"),
    R(4, "sexe", "Répartition par sexe", "Breakdown by sex", G.CAMEMBERT, P.IDENTIFIER, "accompagnement.enums.Sexe"),
    R(5, "pays_origine", "Pays d'origine", "Countries of origin", G.BARRES, P.IDENTIFIER, "pays"),
    R(6, "age_debut_exploitation", "Âge au début de l'exploitation", "Age at start of exploitation", G.BARRES, P.IDENTIFIER, ordinal=True),
    R(7, "age_prise_en_charge", "Âge à la prise en charge", "Age at intake", G.BARRES, P.IDENTIFIER, ordinal=True),
    R(8, "remuneration_mensuelle", "Rémunération mensuelle", "Monthly pay", G.BARRES, P.IDENTIFIER, ordinal=True),
    R(9, "secteurs_exploitation", "Secteurs d'exploitation", "Sectors of exploitation", G.BARRES, P.IDENTIFIER, "accompagnement.enums.Secteur"),
    R(10, "departements_exploitation", "Départements des lieux d'exploitation", "Départements of the places of exploitation", G.CARTE, P.ACCOMPAGNER, "departements"),
    R(11, "ile_de_france", "Île-de-France et hors Île-de-France", "Inside and outside Île-de-France", G.CAMEMBERT, P.ACCOMPAGNER),
    R(12, "moyens_emprise", "Moyens d'emprise", "Means of control", G.BARRES, P.ACCOMPAGNER, "accompagnement.enums.Emprise"),
    R(13, "violences", "Violences subies", "Violence suffered", G.BARRES, P.ACCOMPAGNER, "accompagnement.enums.Violence"),
    R(14, "duree_exploitation", "Durée de l'exploitation", "Length of exploitation", G.BARRES, P.ACCOMPAGNER, ordinal=True),
    R(15, "heures_travail", "Heures de travail par jour", "Working hours per day", G.BARRES, P.ACCOMPAGNER, ordinal=True),
    R(16, "hebergement_exploitation", "Hébergement pendant l'exploitation", "Housing during exploitation", G.CAMEMBERT, P.ACCOMPAGNER, "accompagnement.enums.Hebergement"),
    R(17, "visa_entree", "Visa à l'entrée en France", "Visa at entry into France", G.BARRES, P.ACCOMPAGNER, "accompagnement.enums.TypeVisa"),
    R(18, "nuitees_par_dispositif", "Nuitées par dispositif", "Nights by type of shelter", G.BARRES, P.PROTEGER),
    R(19, "aides_par_type", "Aides financières par type", "Financial aid by type", G.CAMEMBERT, P.PROTEGER),
    R(20, "droits_sante", "Droits à la santé", "Health coverage", G.BARRES, P.PROTEGER),
    R(21, "demarches_logement", "Démarches hébergement / logement", "Shelter and housing applications", G.BARRES, P.PROTEGER),
    R(22, "insertion", "Insertion", "Integration", G.BARRES, P.PROTEGER),
    R(23, "suivi_psychologique", "Accompagnement psychologique par type", "Psychological support by type", G.BARRES, P.PROTEGER),
    R(24, "penal_stades", "Pénal\u00a0: stade des procédures", "Criminal proceedings by stage", G.BARRES, P.POURSUIVRE, "juridique.enums.CategorieB24"),
    R(25, "cph_stades", "Prud'hommes\u00a0: stade des procédures", "Labour-court proceedings by stage", G.BARRES, P.POURSUIVRE, "juridique.enums.CategorieB25"),
    R(26, "indemnisation_organismes", "Indemnisation par organisme", "Compensation by body", G.CAMEMBERT, P.POURSUIVRE, "juridique.enums.CategorieB26"),
    R(27, "titres_sejour", "Titres de séjour par type", "Residence permits by type", G.BARRES, P.POURSUIVRE, "juridique.enums.CategorieB27"),
    R(28, "asile", "Asile\u00a0: étape et issue", "Asylum: stage and outcome", G.BARRES, P.POURSUIVRE, "juridique.enums.CategorieB28"),
    R(29, "anciennete_suivi_juridique", "Ancienneté du suivi juridique", "Length of legal follow-up", G.BARRES, P.POURSUIVRE, "juridique.enums.CategorieB29", ordinal=True),
    R(30, "participants_par_public", "Participants aux interventions par public", "Session participants by audience", G.BARRES, P.SENSIBILISER),
    R(31, "lieux_interventions", "Lieu des interventions", "Where sessions took place", G.BARRES, P.SENSIBILISER, "departements"),
]  # fmt: skip

PAR_CLE = {i.cle: i for i in INDICATEURS}
REPARTITIONS_PAR_CLE = {r.cle: r for r in REPARTITIONS}


def indicateur(cle: str) -> Indicateur:
    return PAR_CLE[cle]


@cache
def modules() -> dict:
    """{app: its indicateurs module}. Imported on first use: `rapports.models` reads this registry
    while the models load, before the units' figures may be imported."""
    from accompagnement import indicateurs as accompagnement
    from juridique import indicateurs as juridique
    from psychosocial import indicateurs as psychosocial
    from sensibilisation import indicateurs as sensibilisation
    from signalements import indicateurs as signalements

    return {
        "signalements": signalements,
        "accompagnement": accompagnement,
        "psychosocial": psychosocial,
        "juridique": juridique,
        "sensibilisation": sensibilisation,
    }


def resolve(app: str, nom: str):
    """The function `nom` of `app`'s indicateurs module, or None. No other app is searched."""
    fn = getattr(modules()[app], nom, None)
    return fn if callable(fn) else None


def fonction(ind: Indicateur):
    """The computing function of an indicator (None for a manual input; the check makes sure the
    others exist)."""
    return resolve(ind.app, ind.cle) if ind.app else None


def precisions(ind: Indicateur):
    """`precisions_<key>(ctx)` of the indicator's app, or None: the figures printed beside it
    (e.g. the mean length of exploitation by sex, B14)."""
    return resolve(ind.app, f"precisions_{ind.cle}") if ind.app else None


def detail(ind: Indicateur):
    """`detail_<key>(ctx) -> QuerySet` of the indicator's app, or None: the exact records behind
    the figure, when they differ from its population (rapports/populations.py)."""
    return resolve(ind.app, f"detail_{ind.cle}") if ind.app else None


def fonctions_repartition(rep: Repartition) -> dict[str, object]:
    """JSON key → function for a breakdown: `repartition_bN` of its app, or one per population.

    A function taking a `population` argument ("nouvelles" / "file_active") exists for both
    populations: it gives the suffixed keys `<key>_nouvelles` and `<key>_file_active`.
    """
    fn = resolve(rep.app, rep.fonction)
    if fn and "population" in inspect.signature(fn).parameters:
        return {
            f"{rep.cle}_{population}": partial(fn, population=population) for population in ("nouvelles", "file_active")
        }
    return {rep.cle: fn} if fn else {}


# The file active of each of the eleven years behind the 5- and 10-year evolution.
SERIE_FILE_ACTIVE = ("accompagnement", "file_active_par_annee")


def missing(extra: list[tuple[str, str]] = ()) -> list[str]:
    """Dotted paths of the declared functions (and of `extra`: (app, name)) that do not exist;
    reported by the system check (rapports.checks)."""
    paths = [(i.app, i.cle) for i in INDICATEURS if i.requis] + [(r.app, r.fonction) for r in REPARTITIONS]
    paths += [SERIE_FILE_ACTIVE, *extra]
    return [f"{app}.indicateurs.{nom}" for app, nom in paths if resolve(app, nom) is None]
