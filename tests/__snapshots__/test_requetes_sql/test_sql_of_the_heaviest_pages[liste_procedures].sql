-- 13 queries

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
FROM "juridique_procedure";

SELECT "juridique_avocat"."id",
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
ORDER BY "juridique_avocat"."nom" ASC,
         "juridique_avocat"."prenom" ASC,
         "juridique_avocat"."id" ASC;

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
INNER JOIN "accompagnement_affaire" ON ("juridique_procedure"."affaire_id" = "accompagnement_affaire"."id")
ORDER BY "juridique_procedure"."date_ouverture" DESC,
         "juridique_procedure"."id" DESC
LIMIT 3;

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
WHERE "juridique_procedure_personnes"."procedure_id" IN (%s, ...)
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
WHERE "juridique_procedure_avocats"."procedure_id" IN (%s, ...)
ORDER BY "juridique_avocat"."nom" ASC,
         "juridique_avocat"."prenom" ASC,
         "juridique_avocat"."id" ASC;

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
