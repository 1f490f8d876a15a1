-- 40 queries

SELECT "django_session"."session_key",
       "django_session"."session_data",
       "django_session"."expire_date"
FROM "django_session"
WHERE ("django_session"."expire_date" > %s
       AND "django_session"."session_key" = %s)
LIMIT 21;

SELECT "auth_user"."id",
       "auth_user"."password",
       "auth_user"."last_login",
       "auth_user"."is_superuser",
       "auth_user"."username",
       "auth_user"."first_name",
       "auth_user"."last_name",
       "auth_user"."email",
       "auth_user"."is_staff",
       "auth_user"."is_active",
       "auth_user"."date_joined"
FROM "auth_user"
WHERE "auth_user"."id" = %s
LIMIT 21;

SELECT %s AS "a"
FROM "mfa_authenticator"
WHERE ("mfa_authenticator"."type" = %s
       AND "mfa_authenticator"."user_id" = %s)
LIMIT 1;

SELECT "auth_group"."name" AS "name"
FROM "auth_group"
INNER JOIN "auth_user_groups" ON ("auth_group"."id" = "auth_user_groups"."group_id")
WHERE "auth_user_groups"."user_id" = %s;

SELECT "accompagnement_personne"."id",
       "accompagnement_personne"."version",
       "accompagnement_personne"."numero_dossier",
       "accompagnement_personne"."nom",
       "accompagnement_personne"."prenom",
       "accompagnement_personne"."nom_usage",
       "accompagnement_personne"."sexe",
       "accompagnement_personne"."date_naissance",
       "accompagnement_personne"."annee_naissance",
       "accompagnement_personne"."nationalite",
       "accompagnement_personne"."langues",
       "accompagnement_personne"."interprete",
       "accompagnement_personne"."telephone",
       "accompagnement_personne"."email",
       "accompagnement_personne"."adresse",
       "accompagnement_personne"."type_visa_entree",
       "accompagnement_personne"."date_deces",
       "accompagnement_personne"."membre_cva",
       "accompagnement_personne"."statut_admin_accueil",
       "accompagnement_personne"."mna",
       "accompagnement_personne"."ase",
       "accompagnement_personne"."addiction",
       "accompagnement_personne"."poursuivie",
       "accompagnement_personne"."hors_exploitation_accueil",
       "accompagnement_personne"."identification_statut",
       "accompagnement_personne"."identifie_par",
       "accompagnement_personne"."anonymise_le",
       "accompagnement_personne"."cle_recherche",
       "accompagnement_personne"."cree_le",
       "accompagnement_personne"."cree_par_id",
       "auth_user"."id",
       "auth_user"."password",
       "auth_user"."last_login",
       "auth_user"."is_superuser",
       "auth_user"."username",
       "auth_user"."first_name",
       "auth_user"."last_name",
       "auth_user"."email",
       "auth_user"."is_staff",
       "auth_user"."is_active",
       "auth_user"."date_joined"
FROM "accompagnement_personne"
LEFT OUTER JOIN "auth_user" ON ("accompagnement_personne"."cree_par_id" = "auth_user"."id")
WHERE "accompagnement_personne"."id" = %s
LIMIT 21;

SELECT "accompagnement_accompagnement"."id",
       "accompagnement_accompagnement"."version",
       "accompagnement_accompagnement"."personne_id",
       "accompagnement_accompagnement"."date_debut",
       "accompagnement_accompagnement"."date_cloture",
       "accompagnement_accompagnement"."motif_cloture",
       "accompagnement_accompagnement"."motif_cloture_precision",
       "accompagnement_accompagnement"."referent_accueil_id",
       "accompagnement_accompagnement"."referent_psychosocial_id",
       "accompagnement_accompagnement"."referent_juridique_id",
       "accompagnement_accompagnement"."signalement_id",
       "auth_user"."id",
       "auth_user"."password",
       "auth_user"."last_login",
       "auth_user"."is_superuser",
       "auth_user"."username",
       "auth_user"."first_name",
       "auth_user"."last_name",
       "auth_user"."email",
       "auth_user"."is_staff",
       "auth_user"."is_active",
       "auth_user"."date_joined",
       "T4"."id",
       "T4"."password",
       "T4"."last_login",
       "T4"."is_superuser",
       "T4"."username",
       "T4"."first_name",
       "T4"."last_name",
       "T4"."email",
       "T4"."is_staff",
       "T4"."is_active",
       "T4"."date_joined",
       "T5"."id",
       "T5"."password",
       "T5"."last_login",
       "T5"."is_superuser",
       "T5"."username",
       "T5"."first_name",
       "T5"."last_name",
       "T5"."email",
       "T5"."is_staff",
       "T5"."is_active",
       "T5"."date_joined",
       "signalements_signalement"."id",
       "signalements_signalement"."importe",
       "signalements_signalement"."version",
       "signalements_signalement"."reference",
       "signalements_signalement"."date_reception",
       "signalements_signalement"."canal",
       "signalements_signalement"."source_type",
       "signalements_signalement"."source_organisation",
       "signalements_signalement"."source_contact",
       "signalements_signalement"."secteur_presume",
       "signalements_signalement"."formes_presumees",
       "signalements_signalement"."departement_faits",
       "signalements_signalement"."pays_faits",
       "signalements_signalement"."description",
       "signalements_signalement"."consentement_date",
       "signalements_signalement"."consentement_recueilli_par_id",
       "signalements_signalement"."etape",
       "signalements_signalement"."date_questionnaire",
       "signalements_signalement"."questionnaire_par_id",
       "signalements_signalement"."decision",
       "signalements_signalement"."date_decision",
       "signalements_signalement"."decision_par_id",
       "signalements_signalement"."type_reorientation",
       "signalements_signalement"."structure_reorientation",
       "signalements_signalement"."motif_sans_suite",
       "signalements_signalement"."decision_commentaire",
       "signalements_signalement"."charge_par_id",
       "signalements_signalement"."cree_le",
       "signalements_signalement"."cree_par_id"
FROM "accompagnement_accompagnement"
LEFT OUTER JOIN "auth_user" ON ("accompagnement_accompagnement"."referent_accueil_id" = "auth_user"."id")
LEFT OUTER JOIN "auth_user" "T4" ON ("accompagnement_accompagnement"."referent_psychosocial_id" = "T4"."id")
LEFT OUTER JOIN "auth_user" "T5" ON ("accompagnement_accompagnement"."referent_juridique_id" = "T5"."id")
LEFT OUTER JOIN "signalements_signalement" ON ("accompagnement_accompagnement"."signalement_id" = "signalements_signalement"."id")
WHERE "accompagnement_accompagnement"."personne_id" IN (%s)
ORDER BY "accompagnement_accompagnement"."date_debut" DESC,
         "accompagnement_accompagnement"."id" DESC;

SELECT "accompagnement_exploitation"."id",
       "accompagnement_exploitation"."version",
       "accompagnement_exploitation"."personne_id",
       "accompagnement_exploitation"."affaire_id",
       "accompagnement_exploitation"."date_debut",
       "accompagnement_exploitation"."date_fin",
       "accompagnement_exploitation"."principale",
       "accompagnement_exploitation"."secteur",
       "accompagnement_exploitation"."heures_par_jour",
       "accompagnement_exploitation"."jours_par_semaine",
       "accompagnement_exploitation"."remuneration_mensuelle_eur",
       "accompagnement_exploitation"."hebergement",
       "accompagnement_exploitation"."hebergement_par_exploiteur",
       "accompagnement_exploitation"."loge_sur_lieu",
       "accompagnement_exploitation"."formes",
       "accompagnement_exploitation"."relations_exploiteur",
       "accompagnement_exploitation"."recrutement_mode",
       "accompagnement_exploitation"."recrutement_pays",
       "accompagnement_exploitation"."recrutement_date",
       "accompagnement_exploitation"."emprise",
       "accompagnement_exploitation"."emprise_renseignee",
       "accompagnement_exploitation"."dette_recrutement_eur",
       "accompagnement_exploitation"."violences_renseignees",
       "accompagnement_exploitation"."violences",
       "accompagnement_affaire"."id",
       "accompagnement_affaire"."importe",
       "accompagnement_affaire"."version",
       "accompagnement_affaire"."reference",
       "accompagnement_affaire"."intitule",
       "accompagnement_affaire"."date_ouverture",
       "accompagnement_affaire"."source",
       "accompagnement_affaire"."collective",
       "accompagnement_affaire"."type_exploiteur",
       "accompagnement_affaire"."exploiteur_details",
       "accompagnement_affaire"."cree_le"
FROM "accompagnement_exploitation"
LEFT OUTER JOIN "accompagnement_affaire" ON ("accompagnement_exploitation"."affaire_id" = "accompagnement_affaire"."id")
WHERE "accompagnement_exploitation"."personne_id" IN (%s)
ORDER BY "accompagnement_exploitation"."date_debut" DESC,
         "accompagnement_exploitation"."id" ASC;

SELECT "accompagnement_lieuexploitation"."id",
       "accompagnement_lieuexploitation"."exploitation_id",
       "accompagnement_lieuexploitation"."departement",
       "accompagnement_lieuexploitation"."pays",
       "accompagnement_lieuexploitation"."commune"
FROM "accompagnement_lieuexploitation"
WHERE "accompagnement_lieuexploitation"."exploitation_id" IN (%s)
ORDER BY "accompagnement_lieuexploitation"."id" ASC;

SELECT "accompagnement_evenementtraite"."id",
       "accompagnement_evenementtraite"."version",
       "accompagnement_evenementtraite"."exploitation_id",
       "accompagnement_evenementtraite"."type",
       "accompagnement_evenementtraite"."pays",
       "accompagnement_evenementtraite"."lieu",
       "accompagnement_evenementtraite"."date_debut",
       "accompagnement_evenementtraite"."date_fin"
FROM "accompagnement_evenementtraite"
WHERE "accompagnement_evenementtraite"."exploitation_id" IN (%s)
ORDER BY "accompagnement_evenementtraite"."date_debut" ASC,
         "accompagnement_evenementtraite"."id" ASC;

SELECT "accompagnement_consentementtransfert"."id",
       "accompagnement_consentementtransfert"."version",
       "accompagnement_consentementtransfert"."personne_id",
       "accompagnement_consentementtransfert"."destinataire",
       "accompagnement_consentementtransfert"."date_consentement",
       "accompagnement_consentementtransfert"."recueilli_par_id",
       "accompagnement_consentementtransfert"."retire_le",
       "accompagnement_consentementtransfert"."precision",
       "accompagnement_consentementtransfert"."cree_le",
       "auth_user"."id",
       "auth_user"."password",
       "auth_user"."last_login",
       "auth_user"."is_superuser",
       "auth_user"."username",
       "auth_user"."first_name",
       "auth_user"."last_name",
       "auth_user"."email",
       "auth_user"."is_staff",
       "auth_user"."is_active",
       "auth_user"."date_joined"
FROM "accompagnement_consentementtransfert"
LEFT OUTER JOIN "auth_user" ON ("accompagnement_consentementtransfert"."recueilli_par_id" = "auth_user"."id")
WHERE "accompagnement_consentementtransfert"."personne_id" IN (%s)
ORDER BY "accompagnement_consentementtransfert"."date_consentement" DESC,
         "accompagnement_consentementtransfert"."id" DESC;

SELECT "accompagnement_suivi"."id",
       "accompagnement_suivi"."version",
       "accompagnement_suivi"."personne_id",
       "accompagnement_suivi"."pole",
       "accompagnement_suivi"."date_debut",
       "accompagnement_suivi"."date_fin",
       "accompagnement_suivi"."referent_id",
       "auth_user"."id",
       "auth_user"."password",
       "auth_user"."last_login",
       "auth_user"."is_superuser",
       "auth_user"."username",
       "auth_user"."first_name",
       "auth_user"."last_name",
       "auth_user"."email",
       "auth_user"."is_staff",
       "auth_user"."is_active",
       "auth_user"."date_joined"
FROM "accompagnement_suivi"
LEFT OUTER JOIN "auth_user" ON ("accompagnement_suivi"."referent_id" = "auth_user"."id")
WHERE (NOT ("accompagnement_suivi"."pole" = %s)
       AND "accompagnement_suivi"."personne_id" IN (%s))
ORDER BY "accompagnement_suivi"."date_debut" DESC,
         "accompagnement_suivi"."id" ASC;

SELECT "signalements_personnesignalee"."id",
       "signalements_personnesignalee"."version",
       "signalements_personnesignalee"."signalement_id",
       "signalements_personnesignalee"."nom",
       "signalements_personnesignalee"."prenom",
       "signalements_personnesignalee"."sexe",
       "signalements_personnesignalee"."age",
       "signalements_personnesignalee"."annee_naissance",
       "signalements_personnesignalee"."nationalite",
       "signalements_personnesignalee"."telephone",
       "signalements_personnesignalee"."personne_id",
       "signalements_personnesignalee"."cle_recherche",
       "signalements_signalement"."id",
       "signalements_signalement"."importe",
       "signalements_signalement"."version",
       "signalements_signalement"."reference",
       "signalements_signalement"."date_reception",
       "signalements_signalement"."canal",
       "signalements_signalement"."source_type",
       "signalements_signalement"."source_organisation",
       "signalements_signalement"."source_contact",
       "signalements_signalement"."secteur_presume",
       "signalements_signalement"."formes_presumees",
       "signalements_signalement"."departement_faits",
       "signalements_signalement"."pays_faits",
       "signalements_signalement"."description",
       "signalements_signalement"."consentement_date",
       "signalements_signalement"."consentement_recueilli_par_id",
       "signalements_signalement"."etape",
       "signalements_signalement"."date_questionnaire",
       "signalements_signalement"."questionnaire_par_id",
       "signalements_signalement"."decision",
       "signalements_signalement"."date_decision",
       "signalements_signalement"."decision_par_id",
       "signalements_signalement"."type_reorientation",
       "signalements_signalement"."structure_reorientation",
       "signalements_signalement"."motif_sans_suite",
       "signalements_signalement"."decision_commentaire",
       "signalements_signalement"."charge_par_id",
       "signalements_signalement"."cree_le",
       "signalements_signalement"."cree_par_id"
FROM "signalements_personnesignalee"
INNER JOIN "signalements_signalement" ON ("signalements_personnesignalee"."signalement_id" = "signalements_signalement"."id")
WHERE "signalements_personnesignalee"."personne_id" IN (%s)
ORDER BY "signalements_signalement"."date_reception" DESC;

SELECT COUNT(*) AS "__count"
FROM "accompagnement_entreejournal"
WHERE (NOT ("accompagnement_entreejournal"."pole" = %s)
       AND "accompagnement_entreejournal"."personne_id" = %s);

INSERT INTO "comptes_journalacces" ("horodatage",
                                    "utilisateur_id",
                                    "action",
                                    "content_type_id",
                                    "object_id",
                                    "vue",
                                    "adresse_ip")
VALUES (%s, ...) RETURNING "comptes_journalacces"."id";

SELECT "echeances_delairecours"."id",
       "echeances_delairecours"."version",
       "echeances_delairecours"."type_procedure",
       "echeances_delairecours"."niveau",
       "echeances_delairecours"."nature",
       "echeances_delairecours"."duree",
       "echeances_delairecours"."unite",
       "echeances_delairecours"."recours",
       "echeances_delairecours"."source",
       "echeances_delairecours"."citation",
       "echeances_delairecours"."actif"
FROM "echeances_delairecours"
WHERE "echeances_delairecours"."actif" = %s
ORDER BY "echeances_delairecours"."type_procedure" ASC,
         "echeances_delairecours"."niveau" ASC,
         "echeances_delairecours"."nature" ASC,
         "echeances_delairecours"."id" ASC;

SELECT "juridique_decision"."id",
       "juridique_decision"."version",
       "juridique_decision"."procedure_id",
       "juridique_decision"."date",
       "juridique_decision"."niveau",
       "juridique_decision"."nature",
       "juridique_decision"."definitive",
       "juridique_decision"."montant_demande",
       "juridique_decision"."montant_accorde",
       "juridique_decision"."montant_recouvre",
       "juridique_decision"."precision",
       "juridique_procedure"."id",
       "juridique_procedure"."version",
       "juridique_procedure"."reference",
       "juridique_procedure"."affaire_id",
       "juridique_procedure"."type",
       "juridique_procedure"."juridiction",
       "juridique_procedure"."numero_juridiction",
       "juridique_procedure"."referent_id",
       "juridique_procedure"."partie_adverse",
       "juridique_procedure"."partie_civile_ccem",
       "juridique_procedure"."inspection_travail",
       "juridique_procedure"."date_ouverture",
       "juridique_procedure"."date_saisine",
       "juridique_procedure"."date_cloture",
       "juridique_procedure"."notes",
       "juridique_procedure"."cree_le",
       "juridique_procedure"."cree_par_id",
       "accompagnement_affaire"."id",
       "accompagnement_affaire"."importe",
       "accompagnement_affaire"."version",
       "accompagnement_affaire"."reference",
       "accompagnement_affaire"."intitule",
       "accompagnement_affaire"."date_ouverture",
       "accompagnement_affaire"."source",
       "accompagnement_affaire"."collective",
       "accompagnement_affaire"."type_exploiteur",
       "accompagnement_affaire"."exploiteur_details",
       "accompagnement_affaire"."cree_le"
FROM "juridique_decision"
INNER JOIN "juridique_procedure" ON ("juridique_decision"."procedure_id" = "juridique_procedure"."id")
INNER JOIN "juridique_procedure_personnes" ON ("juridique_procedure"."id" = "juridique_procedure_personnes"."procedure_id")
INNER JOIN "accompagnement_affaire" ON ("juridique_procedure"."affaire_id" = "accompagnement_affaire"."id")
WHERE ("juridique_decision"."date" BETWEEN %s AND %s
       AND "juridique_decision"."definitive" = %s
       AND "juridique_procedure_personnes"."personne_id" = %s
       AND NOT EXISTS
         (SELECT %s AS "a"
          FROM "juridique_etape" "U0"
          WHERE ("U0"."date" >= ("juridique_decision"."date")
                 AND "U0"."procedure_id" = ("juridique_decision"."procedure_id")
                 AND "U0"."type" IN (%s, ...))
          LIMIT 1))
ORDER BY "juridique_decision"."date" DESC,
         "juridique_decision"."id" DESC;

SELECT "juridique_titresejour"."id",
       "juridique_titresejour"."version",
       "juridique_titresejour"."personne_id",
       "juridique_titresejour"."procedure_id",
       "juridique_titresejour"."type",
       "juridique_titresejour"."premier",
       "juridique_titresejour"."prefecture",
       "juridique_titresejour"."date_demande",
       "juridique_titresejour"."date_decision",
       "juridique_titresejour"."issue",
       "juridique_titresejour"."date_fin_validite",
       "juridique_titresejour"."precision",
       "accompagnement_personne"."id",
       "accompagnement_personne"."version",
       "accompagnement_personne"."numero_dossier",
       "accompagnement_personne"."nom",
       "accompagnement_personne"."prenom",
       "accompagnement_personne"."nom_usage",
       "accompagnement_personne"."sexe",
       "accompagnement_personne"."date_naissance",
       "accompagnement_personne"."annee_naissance",
       "accompagnement_personne"."nationalite",
       "accompagnement_personne"."langues",
       "accompagnement_personne"."interprete",
       "accompagnement_personne"."telephone",
       "accompagnement_personne"."email",
       "accompagnement_personne"."adresse",
       "accompagnement_personne"."type_visa_entree",
       "accompagnement_personne"."date_deces",
       "accompagnement_personne"."membre_cva",
       "accompagnement_personne"."statut_admin_accueil",
       "accompagnement_personne"."mna",
       "accompagnement_personne"."ase",
       "accompagnement_personne"."addiction",
       "accompagnement_personne"."poursuivie",
       "accompagnement_personne"."hors_exploitation_accueil",
       "accompagnement_personne"."identification_statut",
       "accompagnement_personne"."identifie_par",
       "accompagnement_personne"."anonymise_le",
       "accompagnement_personne"."cle_recherche",
       "accompagnement_personne"."cree_le",
       "accompagnement_personne"."cree_par_id"
FROM "juridique_titresejour"
INNER JOIN "accompagnement_personne" ON ("juridique_titresejour"."personne_id" = "accompagnement_personne"."id")
WHERE ("juridique_titresejour"."date_fin_validite" BETWEEN %s AND %s
       AND "juridique_titresejour"."issue" = %s
       AND "juridique_titresejour"."personne_id" = %s
       AND NOT EXISTS
         (SELECT %s AS "a"
          FROM "juridique_titresejour" "U0"
          WHERE ("U0"."date_demande" >= ("juridique_titresejour"."date_decision")
                 AND "U0"."personne_id" = ("juridique_titresejour"."personne_id")
                 AND NOT ("U0"."id" = ("juridique_titresejour"."id")))
          LIMIT 1))
ORDER BY "juridique_titresejour"."date_demande" DESC,
         "juridique_titresejour"."id" ASC;

SELECT "juridique_etape"."id",
       "juridique_etape"."version",
       "juridique_etape"."procedure_id",
       "juridique_etape"."type",
       "juridique_etape"."date",
       "juridique_etape"."heure",
       "juridique_etape"."lieu",
       "juridique_etape"."salle",
       "juridique_etape"."precision",
       "juridique_etape"."stade_apres",
       "juridique_etape"."cree_par_id",
       "juridique_procedure"."id",
       "juridique_procedure"."version",
       "juridique_procedure"."reference",
       "juridique_procedure"."affaire_id",
       "juridique_procedure"."type",
       "juridique_procedure"."juridiction",
       "juridique_procedure"."numero_juridiction",
       "juridique_procedure"."referent_id",
       "juridique_procedure"."partie_adverse",
       "juridique_procedure"."partie_civile_ccem",
       "juridique_procedure"."inspection_travail",
       "juridique_procedure"."date_ouverture",
       "juridique_procedure"."date_saisine",
       "juridique_procedure"."date_cloture",
       "juridique_procedure"."notes",
       "juridique_procedure"."cree_le",
       "juridique_procedure"."cree_par_id",
       "accompagnement_affaire"."id",
       "accompagnement_affaire"."importe",
       "accompagnement_affaire"."version",
       "accompagnement_affaire"."reference",
       "accompagnement_affaire"."intitule",
       "accompagnement_affaire"."date_ouverture",
       "accompagnement_affaire"."source",
       "accompagnement_affaire"."collective",
       "accompagnement_affaire"."type_exploiteur",
       "accompagnement_affaire"."exploiteur_details",
       "accompagnement_affaire"."cree_le"
FROM "juridique_etape"
INNER JOIN "juridique_procedure" ON ("juridique_etape"."procedure_id" = "juridique_procedure"."id")
INNER JOIN "juridique_procedure_personnes" ON ("juridique_procedure"."id" = "juridique_procedure_personnes"."procedure_id")
INNER JOIN "accompagnement_affaire" ON ("juridique_procedure"."affaire_id" = "accompagnement_affaire"."id")
WHERE (("juridique_etape"."type" IN (%s, ...)
        OR "juridique_etape"."type" = %s)
       AND "juridique_etape"."date" BETWEEN %s AND %s
       AND "juridique_procedure_personnes"."personne_id" = %s)
ORDER BY "juridique_etape"."date" DESC,
         "juridique_etape"."id" DESC;

SELECT "psychosocial_demarche"."id",
       "psychosocial_demarche"."version",
       "psychosocial_demarche"."auteur_id",
       "psychosocial_demarche"."commentaire",
       "psychosocial_demarche"."cree_le",
       "psychosocial_demarche"."modifie_le",
       "psychosocial_demarche"."personne_id",
       "psychosocial_demarche"."type",
       "psychosocial_demarche"."nature",
       "psychosocial_demarche"."date_depot",
       "psychosocial_demarche"."resultat",
       "psychosocial_demarche"."date_resultat",
       "psychosocial_demarche"."date_fin",
       "accompagnement_personne"."id",
       "accompagnement_personne"."version",
       "accompagnement_personne"."numero_dossier",
       "accompagnement_personne"."nom",
       "accompagnement_personne"."prenom",
       "accompagnement_personne"."nom_usage",
       "accompagnement_personne"."sexe",
       "accompagnement_personne"."date_naissance",
       "accompagnement_personne"."annee_naissance",
       "accompagnement_personne"."nationalite",
       "accompagnement_personne"."langues",
       "accompagnement_personne"."interprete",
       "accompagnement_personne"."telephone",
       "accompagnement_personne"."email",
       "accompagnement_personne"."adresse",
       "accompagnement_personne"."type_visa_entree",
       "accompagnement_personne"."date_deces",
       "accompagnement_personne"."membre_cva",
       "accompagnement_personne"."statut_admin_accueil",
       "accompagnement_personne"."mna",
       "accompagnement_personne"."ase",
       "accompagnement_personne"."addiction",
       "accompagnement_personne"."poursuivie",
       "accompagnement_personne"."hors_exploitation_accueil",
       "accompagnement_personne"."identification_statut",
       "accompagnement_personne"."identifie_par",
       "accompagnement_personne"."anonymise_le",
       "accompagnement_personne"."cle_recherche",
       "accompagnement_personne"."cree_le",
       "accompagnement_personne"."cree_par_id"
FROM "psychosocial_demarche"
INNER JOIN "accompagnement_personne" ON ("psychosocial_demarche"."personne_id" = "accompagnement_personne"."id")
WHERE ("psychosocial_demarche"."date_depot" BETWEEN %s AND %s
       AND "psychosocial_demarche"."resultat" = %s
       AND "psychosocial_demarche"."type" IN (%s, ...)
       AND "psychosocial_demarche"."personne_id" = %s
       AND NOT EXISTS
         (SELECT %s AS "a"
          FROM "psychosocial_demarche" "U0"
          WHERE ("U0"."date_depot" > ("psychosocial_demarche"."date_depot")
                 AND "U0"."personne_id" = ("psychosocial_demarche"."personne_id")
                 AND "U0"."type" = ("psychosocial_demarche"."type"))
          LIMIT 1))
ORDER BY "psychosocial_demarche"."date_depot" DESC,
         "psychosocial_demarche"."id" ASC;

SELECT "psychosocial_domiciliation"."id",
       "psychosocial_domiciliation"."version",
       "psychosocial_domiciliation"."auteur_id",
       "psychosocial_domiciliation"."commentaire",
       "psychosocial_domiciliation"."cree_le",
       "psychosocial_domiciliation"."modifie_le",
       "psychosocial_domiciliation"."personne_id",
       "psychosocial_domiciliation"."date_debut",
       "psychosocial_domiciliation"."date_echeance",
       "psychosocial_domiciliation"."date_fin",
       "accompagnement_personne"."id",
       "accompagnement_personne"."version",
       "accompagnement_personne"."numero_dossier",
       "accompagnement_personne"."nom",
       "accompagnement_personne"."prenom",
       "accompagnement_personne"."nom_usage",
       "accompagnement_personne"."sexe",
       "accompagnement_personne"."date_naissance",
       "accompagnement_personne"."annee_naissance",
       "accompagnement_personne"."nationalite",
       "accompagnement_personne"."langues",
       "accompagnement_personne"."interprete",
       "accompagnement_personne"."telephone",
       "accompagnement_personne"."email",
       "accompagnement_personne"."adresse",
       "accompagnement_personne"."type_visa_entree",
       "accompagnement_personne"."date_deces",
       "accompagnement_personne"."membre_cva",
       "accompagnement_personne"."statut_admin_accueil",
       "accompagnement_personne"."mna",
       "accompagnement_personne"."ase",
       "accompagnement_personne"."addiction",
       "accompagnement_personne"."poursuivie",
       "accompagnement_personne"."hors_exploitation_accueil",
       "accompagnement_personne"."identification_statut",
       "accompagnement_personne"."identifie_par",
       "accompagnement_personne"."anonymise_le",
       "accompagnement_personne"."cle_recherche",
       "accompagnement_personne"."cree_le",
       "accompagnement_personne"."cree_par_id"
FROM "psychosocial_domiciliation"
INNER JOIN "accompagnement_personne" ON ("psychosocial_domiciliation"."personne_id" = "accompagnement_personne"."id")
WHERE ("psychosocial_domiciliation"."date_echeance" BETWEEN %s AND %s
       AND "psychosocial_domiciliation"."date_fin" IS NULL
       AND "psychosocial_domiciliation"."personne_id" = %s)
ORDER BY "psychosocial_domiciliation"."date_debut" DESC,
         "psychosocial_domiciliation"."id" ASC;

SELECT COUNT("psychosocial_passagecourrier"."id") AS "visites",
       SUM("psychosocial_passagecourrier"."nb_courriers") AS "lettres",
       MAX("psychosocial_passagecourrier"."date") AS "derniere"
FROM "psychosocial_passagecourrier"
WHERE "psychosocial_passagecourrier"."personne_id" = %s;

SELECT "psychosocial_hebergement"."id",
       "psychosocial_hebergement"."version",
       "psychosocial_hebergement"."auteur_id",
       "psychosocial_hebergement"."commentaire",
       "psychosocial_hebergement"."cree_le",
       "psychosocial_hebergement"."modifie_le",
       "psychosocial_hebergement"."personne_id",
       "psychosocial_hebergement"."dispositif",
       "psychosocial_hebergement"."date_entree",
       "psychosocial_hebergement"."date_sortie",
       "psychosocial_hebergement"."nb_enfants",
       "psychosocial_hebergement"."sortie_vers",
       "auth_user"."id",
       "auth_user"."password",
       "auth_user"."last_login",
       "auth_user"."is_superuser",
       "auth_user"."username",
       "auth_user"."first_name",
       "auth_user"."last_name",
       "auth_user"."email",
       "auth_user"."is_staff",
       "auth_user"."is_active",
       "auth_user"."date_joined"
FROM "psychosocial_hebergement"
INNER JOIN "auth_user" ON ("psychosocial_hebergement"."auteur_id" = "auth_user"."id")
WHERE "psychosocial_hebergement"."personne_id" = %s
ORDER BY "psychosocial_hebergement"."date_entree" DESC,
         "psychosocial_hebergement"."id" ASC
LIMIT 10;

SELECT "psychosocial_demarche"."id",
       "psychosocial_demarche"."version",
       "psychosocial_demarche"."auteur_id",
       "psychosocial_demarche"."commentaire",
       "psychosocial_demarche"."cree_le",
       "psychosocial_demarche"."modifie_le",
       "psychosocial_demarche"."personne_id",
       "psychosocial_demarche"."type",
       "psychosocial_demarche"."nature",
       "psychosocial_demarche"."date_depot",
       "psychosocial_demarche"."resultat",
       "psychosocial_demarche"."date_resultat",
       "psychosocial_demarche"."date_fin",
       "auth_user"."id",
       "auth_user"."password",
       "auth_user"."last_login",
       "auth_user"."is_superuser",
       "auth_user"."username",
       "auth_user"."first_name",
       "auth_user"."last_name",
       "auth_user"."email",
       "auth_user"."is_staff",
       "auth_user"."is_active",
       "auth_user"."date_joined"
FROM "psychosocial_demarche"
INNER JOIN "auth_user" ON ("psychosocial_demarche"."auteur_id" = "auth_user"."id")
WHERE "psychosocial_demarche"."personne_id" = %s
ORDER BY "psychosocial_demarche"."date_depot" DESC,
         "psychosocial_demarche"."id" ASC
LIMIT 10;

SELECT "psychosocial_aidefinanciere"."id",
       "psychosocial_aidefinanciere"."version",
       "psychosocial_aidefinanciere"."auteur_id",
       "psychosocial_aidefinanciere"."commentaire",
       "psychosocial_aidefinanciere"."cree_le",
       "psychosocial_aidefinanciere"."modifie_le",
       "psychosocial_aidefinanciere"."personne_id",
       "psychosocial_aidefinanciere"."date",
       "psychosocial_aidefinanciere"."type",
       "psychosocial_aidefinanciere"."motif",
       "psychosocial_aidefinanciere"."montant",
       "psychosocial_aidefinanciere"."nb_tickets",
       "psychosocial_aidefinanciere"."primo_sortante",
       "auth_user"."id",
       "auth_user"."password",
       "auth_user"."last_login",
       "auth_user"."is_superuser",
       "auth_user"."username",
       "auth_user"."first_name",
       "auth_user"."last_name",
       "auth_user"."email",
       "auth_user"."is_staff",
       "auth_user"."is_active",
       "auth_user"."date_joined"
FROM "psychosocial_aidefinanciere"
INNER JOIN "auth_user" ON ("psychosocial_aidefinanciere"."auteur_id" = "auth_user"."id")
WHERE "psychosocial_aidefinanciere"."personne_id" = %s
ORDER BY "psychosocial_aidefinanciere"."date" DESC,
         "psychosocial_aidefinanciere"."id" ASC
LIMIT 10;

SELECT django_date_extract(%s, "psychosocial_aidefinanciere"."date") AS "annee",
       COUNT("psychosocial_aidefinanciere"."id") FILTER (
                                                         WHERE NOT ("psychosocial_aidefinanciere"."type" = %s)) AS "nombre",
       (CAST(SUM("psychosocial_aidefinanciere"."montant") FILTER (
                                                                  WHERE NOT ("psychosocial_aidefinanciere"."type" = %s)) AS NUMERIC)) AS "montant",
       SUM("psychosocial_aidefinanciere"."nb_tickets") AS "tickets"
FROM "psychosocial_aidefinanciere"
WHERE "psychosocial_aidefinanciere"."personne_id" = %s
GROUP BY 1
ORDER BY 1 DESC;

SELECT MIN("accompagnement_accompagnement"."date_debut") AS "d"
FROM "accompagnement_accompagnement"
WHERE "accompagnement_accompagnement"."personne_id" = %s;

SELECT (CAST(SUM("psychosocial_aidefinanciere"."montant") AS NUMERIC)) AS "s"
FROM "psychosocial_aidefinanciere"
WHERE ("psychosocial_aidefinanciere"."date" >= %s
       AND "psychosocial_aidefinanciere"."date" < %s
       AND "psychosocial_aidefinanciere"."personne_id" = %s
       AND NOT ("psychosocial_aidefinanciere"."type" = %s));

SELECT "psychosocial_domiciliation"."id",
       "psychosocial_domiciliation"."version",
       "psychosocial_domiciliation"."auteur_id",
       "psychosocial_domiciliation"."commentaire",
       "psychosocial_domiciliation"."cree_le",
       "psychosocial_domiciliation"."modifie_le",
       "psychosocial_domiciliation"."personne_id",
       "psychosocial_domiciliation"."date_debut",
       "psychosocial_domiciliation"."date_echeance",
       "psychosocial_domiciliation"."date_fin"
FROM "psychosocial_domiciliation"
WHERE "psychosocial_domiciliation"."personne_id" = %s
ORDER BY "psychosocial_domiciliation"."date_debut" DESC,
         "psychosocial_domiciliation"."id" ASC
LIMIT 10;

SELECT "psychosocial_participation"."id",
       "psychosocial_participation"."activite_id",
       "psychosocial_participation"."personne_id",
       "psychosocial_participation"."enfant",
       "psychosocial_activite"."id",
       "psychosocial_activite"."version",
       "psychosocial_activite"."date",
       "psychosocial_activite"."type",
       "psychosocial_activite"."theme",
       "psychosocial_activite"."intitule",
       "psychosocial_activite"."nb_accompagnants",
       "psychosocial_activite"."pole",
       "psychosocial_activite"."nb_classes",
       "psychosocial_activite"."commentaire",
       "psychosocial_activite"."auteur_id",
       "psychosocial_activite"."cree_le",
       "psychosocial_activite"."modifie_le"
FROM "psychosocial_participation"
INNER JOIN "psychosocial_activite" ON ("psychosocial_participation"."activite_id" = "psychosocial_activite"."id")
WHERE "psychosocial_participation"."personne_id" = %s
ORDER BY "psychosocial_activite"."date" DESC,
         "psychosocial_participation"."id" DESC
LIMIT 10;

SELECT "juridique_procedure"."id",
       "juridique_procedure"."version",
       "juridique_procedure"."reference",
       "juridique_procedure"."affaire_id",
       "juridique_procedure"."type",
       "juridique_procedure"."juridiction",
       "juridique_procedure"."numero_juridiction",
       "juridique_procedure"."referent_id",
       "juridique_procedure"."partie_adverse",
       "juridique_procedure"."partie_civile_ccem",
       "juridique_procedure"."inspection_travail",
       "juridique_procedure"."date_ouverture",
       "juridique_procedure"."date_saisine",
       "juridique_procedure"."date_cloture",
       "juridique_procedure"."notes",
       "juridique_procedure"."cree_le",
       "juridique_procedure"."cree_par_id",

  (SELECT "U0"."date" AS "date"
   FROM "juridique_etape" "U0"
   WHERE ("U0"."date" >= %s
          AND "U0"."procedure_id" = ("juridique_procedure"."id"))
   ORDER BY 1 ASC,
            "U0"."heure" ASC,
            "U0"."id" ASC
   LIMIT 1) AS "prochaine_date",

  (SELECT "U0"."type" AS "type"
   FROM "juridique_etape" "U0"
   WHERE ("U0"."date" <= %s
          AND "U0"."procedure_id" = ("juridique_procedure"."id"))
   ORDER BY "U0"."date" DESC,
            "U0"."id" DESC
   LIMIT 1) AS "derniere_etape",
       "accompagnement_affaire"."id",
       "accompagnement_affaire"."importe",
       "accompagnement_affaire"."version",
       "accompagnement_affaire"."reference",
       "accompagnement_affaire"."intitule",
       "accompagnement_affaire"."date_ouverture",
       "accompagnement_affaire"."source",
       "accompagnement_affaire"."collective",
       "accompagnement_affaire"."type_exploiteur",
       "accompagnement_affaire"."exploiteur_details",
       "accompagnement_affaire"."cree_le"
FROM "juridique_procedure"
INNER JOIN "juridique_procedure_personnes" ON ("juridique_procedure"."id" = "juridique_procedure_personnes"."procedure_id")
INNER JOIN "accompagnement_affaire" ON ("juridique_procedure"."affaire_id" = "accompagnement_affaire"."id")
WHERE "juridique_procedure_personnes"."personne_id" = %s
ORDER BY "juridique_procedure"."date_cloture" ASC,
         "juridique_procedure"."date_ouverture" DESC,
         "juridique_procedure"."id" ASC;

SELECT ("juridique_procedure_personnes"."procedure_id") AS "_prefetch_related_val_procedure_id",
       "accompagnement_personne"."id",
       "accompagnement_personne"."version",
       "accompagnement_personne"."numero_dossier",
       "accompagnement_personne"."nom",
       "accompagnement_personne"."prenom",
       "accompagnement_personne"."nom_usage",
       "accompagnement_personne"."sexe",
       "accompagnement_personne"."date_naissance",
       "accompagnement_personne"."annee_naissance",
       "accompagnement_personne"."nationalite",
       "accompagnement_personne"."langues",
       "accompagnement_personne"."interprete",
       "accompagnement_personne"."telephone",
       "accompagnement_personne"."email",
       "accompagnement_personne"."adresse",
       "accompagnement_personne"."type_visa_entree",
       "accompagnement_personne"."date_deces",
       "accompagnement_personne"."membre_cva",
       "accompagnement_personne"."statut_admin_accueil",
       "accompagnement_personne"."mna",
       "accompagnement_personne"."ase",
       "accompagnement_personne"."addiction",
       "accompagnement_personne"."poursuivie",
       "accompagnement_personne"."hors_exploitation_accueil",
       "accompagnement_personne"."identification_statut",
       "accompagnement_personne"."identifie_par",
       "accompagnement_personne"."anonymise_le",
       "accompagnement_personne"."cle_recherche",
       "accompagnement_personne"."cree_le",
       "accompagnement_personne"."cree_par_id"
FROM "accompagnement_personne"
INNER JOIN "juridique_procedure_personnes" ON ("accompagnement_personne"."id" = "juridique_procedure_personnes"."personne_id")
WHERE "juridique_procedure_personnes"."procedure_id" IN (%s)
ORDER BY "accompagnement_personne"."numero_dossier" ASC,
         "accompagnement_personne"."id" ASC;

SELECT ("juridique_procedure_avocats"."procedure_id") AS "_prefetch_related_val_procedure_id",
       "juridique_avocat"."id",
       "juridique_avocat"."version",
       "juridique_avocat"."nom",
       "juridique_avocat"."prenom",
       "juridique_avocat"."barreau",
       "juridique_avocat"."cabinet",
       "juridique_avocat"."telephone",
       "juridique_avocat"."email",
       "juridique_avocat"."domaines",
       "juridique_avocat"."actif"
FROM "juridique_avocat"
INNER JOIN "juridique_procedure_avocats" ON ("juridique_avocat"."id" = "juridique_procedure_avocats"."avocat_id")
WHERE "juridique_procedure_avocats"."procedure_id" IN (%s)
ORDER BY "juridique_avocat"."nom" ASC,
         "juridique_avocat"."prenom" ASC,
         "juridique_avocat"."id" ASC;

SELECT "juridique_titresejour"."id",
       "juridique_titresejour"."version",
       "juridique_titresejour"."personne_id",
       "juridique_titresejour"."procedure_id",
       "juridique_titresejour"."type",
       "juridique_titresejour"."premier",
       "juridique_titresejour"."prefecture",
       "juridique_titresejour"."date_demande",
       "juridique_titresejour"."date_decision",
       "juridique_titresejour"."issue",
       "juridique_titresejour"."date_fin_validite",
       "juridique_titresejour"."precision"
FROM "juridique_titresejour"
WHERE "juridique_titresejour"."personne_id" = %s
ORDER BY "juridique_titresejour"."date_demande" DESC,
         "juridique_titresejour"."id" DESC;

SELECT "sensibilisation_intervention"."id",
       "sensibilisation_intervention"."importe",
       "sensibilisation_intervention"."version",
       "sensibilisation_intervention"."date",
       "sensibilisation_intervention"."titre",
       "sensibilisation_intervention"."type",
       "sensibilisation_intervention"."statut",
       "sensibilisation_intervention"."organisme",
       "sensibilisation_intervention"."type_organisme",
       "sensibilisation_intervention"."commune",
       "sensibilisation_intervention"."departement",
       "sensibilisation_intervention"."pays",
       "sensibilisation_intervention"."modalite",
       "sensibilisation_intervention"."duree_heures",
       "sensibilisation_intervention"."nb_benevoles",
       "sensibilisation_intervention"."nb_inspection_travail",
       "sensibilisation_intervention"."nb_gendarmerie",
       "sensibilisation_intervention"."nb_police",
       "sensibilisation_intervention"."nb_professionnels_droit",
       "sensibilisation_intervention"."nb_travailleurs_sociaux",
       "sensibilisation_intervention"."nb_professionnels_sante",
       "sensibilisation_intervention"."nb_autres_professionnels",
       "sensibilisation_intervention"."nb_eleves",
       "sensibilisation_intervention"."nb_classes",
       "sensibilisation_intervention"."nb_grand_public",
       "sensibilisation_intervention"."nb_public_non_precise",
       "sensibilisation_intervention"."notes",
       "sensibilisation_intervention"."cle_recherche",
       "sensibilisation_intervention"."cree_le",
       "sensibilisation_intervention"."cree_par_id"
FROM "sensibilisation_intervention"
INNER JOIN "sensibilisation_intervention_temoins" ON ("sensibilisation_intervention"."id" = "sensibilisation_intervention_temoins"."intervention_id")
WHERE "sensibilisation_intervention_temoins"."personne_id" = %s
ORDER BY "sensibilisation_intervention"."date" DESC,
         "sensibilisation_intervention"."id" ASC;

SELECT "documents_document"."id",
       "documents_document"."version",
       "documents_document"."personne_id",
       "documents_document"."signalement_id",
       "documents_document"."procedure_id",
       "documents_document"."titre_sejour_id",
       "documents_document"."type",
       "documents_document"."date",
       "documents_document"."description",
       "documents_document"."unite",
       "documents_document"."nom_stockage",
       "documents_document"."cle",
       "documents_document"."nom_original",
       "documents_document"."taille",
       "documents_document"."type_mime",
       "documents_document"."sha256",
       "documents_document"."ajoute_par_id",
       "documents_document"."ajoute_le",
       "auth_user"."id",
       "auth_user"."password",
       "auth_user"."last_login",
       "auth_user"."is_superuser",
       "auth_user"."username",
       "auth_user"."first_name",
       "auth_user"."last_name",
       "auth_user"."email",
       "auth_user"."is_staff",
       "auth_user"."is_active",
       "auth_user"."date_joined"
FROM "documents_document"
LEFT OUTER JOIN "juridique_titresejour" ON ("documents_document"."titre_sejour_id" = "juridique_titresejour"."id")
INNER JOIN "auth_user" ON ("documents_document"."ajoute_par_id" = "auth_user"."id")
WHERE (("documents_document"."personne_id" IS NOT NULL
        OR "documents_document"."signalement_id" IS NOT NULL
        OR "documents_document"."procedure_id" IS NOT NULL
        OR "documents_document"."titre_sejour_id" IS NOT NULL)
       AND "documents_document"."unite" IN (%s, ...)
       AND ("documents_document"."personne_id" = %s
            OR "juridique_titresejour"."personne_id" = %s
            OR "documents_document"."procedure_id" IN
              (SELECT "U0"."id" AS "pk"
               FROM "juridique_procedure" "U0"
               INNER JOIN "juridique_procedure_personnes" "U1" ON ("U0"."id" = "U1"."procedure_id")
               WHERE "U1"."personne_id" = %s)))
ORDER BY "documents_document"."date" DESC,
         "documents_document"."id" DESC;

SELECT COUNT(*) AS "__count"
FROM "comptes_correction"
WHERE ("comptes_correction"."action" = %s
       AND "comptes_correction"."restaure_le" IS NULL
       AND "comptes_correction"."section" IN (%s, ...)
       AND "comptes_correction"."personne_id" = %s);

SELECT "auth_user"."id",
       "auth_user"."password",
       "auth_user"."last_login",
       "auth_user"."is_superuser",
       "auth_user"."username",
       "auth_user"."first_name",
       "auth_user"."last_name",
       "auth_user"."email",
       "auth_user"."is_staff",
       "auth_user"."is_active",
       "auth_user"."date_joined"
FROM "auth_user"
WHERE "auth_user"."id" IN
    (SELECT "U0"."auteur_id" AS "auteur"
     FROM "accompagnement_entreejournal" "U0"
     WHERE (NOT ("U0"."pole" = %s)
            AND "U0"."personne_id" = %s))
ORDER BY "auth_user"."last_name" ASC,
         "auth_user"."username" ASC;

SAVEPOINT "savepoint";

UPDATE "django_session"
SET "session_data" = %s,
    "expire_date" = %s
WHERE "django_session"."session_key" = %s;

RELEASE SAVEPOINT "savepoint";
