-- 12 queries

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

SELECT COUNT(*) AS "__count"
FROM "accompagnement_personne";

SELECT DISTINCT "auth_user"."id",
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
INNER JOIN "auth_user_groups" ON ("auth_user"."id" = "auth_user_groups"."user_id")
INNER JOIN "auth_group" ON ("auth_user_groups"."group_id" = "auth_group"."id")
WHERE ("auth_group"."name" IN (%s, ...)
       AND "auth_user"."is_active" = %s)
ORDER BY "auth_user"."last_name" ASC,
         "auth_user"."first_name" ASC,
         "auth_user"."id" ASC;

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
       EXISTS
  (SELECT %s AS "a"
   FROM "accompagnement_accompagnement" "U0"
   WHERE ("U0"."date_cloture" IS NULL
          AND "U0"."personne_id" = ("accompagnement_personne"."id"))
   LIMIT 1) AS "ouvert",

  (SELECT "U0"."date_debut" AS "date_debut"
   FROM "accompagnement_accompagnement" "U0"
   WHERE "U0"."personne_id" = ("accompagnement_personne"."id")
   ORDER BY 1 ASC
   LIMIT 1) AS "premiere_prise_en_charge"
FROM "accompagnement_personne"
ORDER BY "accompagnement_personne"."nom" ASC,
         "accompagnement_personne"."prenom" ASC,
         "accompagnement_personne"."id" ASC
LIMIT 3;

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
WHERE "accompagnement_accompagnement"."personne_id" IN (%s, ...)
ORDER BY "accompagnement_accompagnement"."date_debut" DESC,
         "accompagnement_accompagnement"."id" DESC;

INSERT INTO "comptes_journalacces" ("horodatage",
                                    "utilisateur_id",
                                    "action",
                                    "content_type_id",
                                    "object_id",
                                    "vue",
                                    "adresse_ip")
VALUES (%s, ...) RETURNING "comptes_journalacces"."id";

SAVEPOINT "savepoint";

UPDATE "django_session"
SET "session_data" = %s,
    "expire_date" = %s
WHERE "django_session"."session_key" = %s;

RELEASE SAVEPOINT "savepoint";
