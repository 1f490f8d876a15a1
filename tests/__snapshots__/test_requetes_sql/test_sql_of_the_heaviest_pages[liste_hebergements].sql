-- 10 queries

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
FROM "psychosocial_hebergement";

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
       "auth_user"."date_joined",
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
FROM "psychosocial_hebergement"
INNER JOIN "auth_user" ON ("psychosocial_hebergement"."auteur_id" = "auth_user"."id")
INNER JOIN "accompagnement_personne" ON ("psychosocial_hebergement"."personne_id" = "accompagnement_personne"."id")
ORDER BY "psychosocial_hebergement"."date_entree" DESC,
         "psychosocial_hebergement"."id" DESC
LIMIT 3;

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
