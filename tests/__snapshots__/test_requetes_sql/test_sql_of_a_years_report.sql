-- 38 queries

SELECT "signalements_signalement"."source_type" AS "source_type",
       "signalements_signalement"."type_reorientation" AS "type_reorientation",
       "signalements_signalement"."etape" AS "etape",
       "signalements_signalement"."decision" AS "decision",
       EXISTS
  (SELECT %s AS "a"
   FROM "signalements_entretien" "U0"
   WHERE "U0"."signalement_id" = ("signalements_signalement"."id")
   LIMIT 1) AS "a_entretien",
       COUNT("signalements_signalement"."id") AS "n"
FROM "signalements_signalement"
WHERE "signalements_signalement"."date_reception" BETWEEN %s AND %s
GROUP BY 1,
         2,
         3,
         4,
         5;

SELECT COUNT(*) AS "__count"
FROM "signalements_entretien"
WHERE ("signalements_entretien"."date" BETWEEN %s AND %s
       AND "signalements_entretien"."type" IN (%s, ...));

SELECT "accompagnement_synthese"."premier_accompagnement" >= %s AS "nouvelle",
       COUNT("accompagnement_personne"."id") AS "n",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE NOT ("accompagnement_personne"."sexe" = %s)) AS "sexe_connu",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."sexe" = %s) AS "femmes",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE NOT ("accompagnement_personne"."nationalite" = %s)) AS "nationalite_connue",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."nationalite" IN (%s, ...)) AS "caraibes_amlat",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."nationalite" = %s) AS "philippines",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE ("accompagnement_personne"."nationalite" = %s
                                                            AND "accompagnement_personne"."sexe" = %s)) AS "philippines_femmes",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE NOT ("accompagnement_personne"."type_visa_entree" = %s)) AS "visa_connu",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."type_visa_entree" = %s) AS "visa_saisonnier",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."date_deces" BETWEEN %s AND %s) AS "deces",
       GROUP_CONCAT(COALESCE("accompagnement_personne"."nationalite", %s), %s) AS "nationalites|listes",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_synthese"."age_premier_accompagnement" IS NOT NULL) AS "age_pec_connu",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_synthese"."age_premier_accompagnement" < %s) AS "age_pec_moins_26",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_synthese"."age_premier_accompagnement" < %s) AS "age_prise_en_charge:moins_18",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE ("accompagnement_synthese"."age_premier_accompagnement" >= %s
                                                            AND "accompagnement_synthese"."age_premier_accompagnement" < %s)) AS "age_prise_en_charge:18_21",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE ("accompagnement_synthese"."age_premier_accompagnement" >= %s
                                                            AND "accompagnement_synthese"."age_premier_accompagnement" < %s)) AS "age_prise_en_charge:22_25",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE ("accompagnement_synthese"."age_premier_accompagnement" >= %s
                                                            AND "accompagnement_synthese"."age_premier_accompagnement" < %s)) AS "age_prise_en_charge:26_35",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE ("accompagnement_synthese"."age_premier_accompagnement" >= %s
                                                            AND "accompagnement_synthese"."age_premier_accompagnement" < %s)) AS "age_prise_en_charge:36_45",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_synthese"."age_premier_accompagnement" >= %s) AS "age_prise_en_charge:46_plus",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_synthese"."age_premier_accompagnement" IS NULL) AS "age_prise_en_charge:inconnu",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."sexe" = %s) AS "sexe:F",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."sexe" = %s) AS "sexe:H",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."sexe" = %s) AS "sexe:X",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."type_visa_entree" = %s) AS "type_visa_entree:saisonnier",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."type_visa_entree" = %s) AS "type_visa_entree:touriste",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."type_visa_entree" = %s) AS "type_visa_entree:diplomatique",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."type_visa_entree" = %s) AS "type_visa_entree:etudiant",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."type_visa_entree" = %s) AS "type_visa_entree:travail",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."type_visa_entree" = %s) AS "type_visa_entree:familial",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."type_visa_entree" = %s) AS "type_visa_entree:aucun",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."type_visa_entree" = %s) AS "type_visa_entree:autre",
       COUNT("accompagnement_synthese"."exploitation_principale_id") AS "avec_exploitation",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_synthese"."age_debut_exploitation" IS NOT NULL) AS "age_debut_connu",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_synthese"."age_debut_exploitation" < %s) AS "age_debut_moins_26",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."heures_par_jour" IS NOT NULL) AS "heures_connues",
       (CAST(SUM("accompagnement_exploitation"."heures_par_jour") AS NUMERIC)) AS "heures_moy|somme",
       COUNT("accompagnement_exploitation"."heures_par_jour") AS "heures_moy|nombre",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."heures_par_jour" > %s) AS "plus_13h",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."heures_par_jour" > %s) AS "plus_16h",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."jours_par_semaine" IS NOT NULL) AS "jours_connus",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."jours_par_semaine" = %s) AS "sept_jours",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."remuneration_mensuelle_eur" IS NOT NULL) AS "remuneration_connue",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."remuneration_mensuelle_eur" = %s) AS "sans_remuneration",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."remuneration_mensuelle_eur" = %s
                                                                                    AND NOT ("accompagnement_personne"."sexe" = %s))) AS "sans_remuneration_sexe_connu",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."remuneration_mensuelle_eur" = %s
                                                                                    AND "accompagnement_personne"."sexe" = %s)) AS "sans_remuneration_femmes",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE NOT ("accompagnement_exploitation"."secteur" = %s
                                                                                        AND "accompagnement_exploitation"."secteur" IS NOT NULL)) AS "secteur_connu",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "travail_domestique",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE (NOT ("accompagnement_exploitation"."hebergement_par_exploiteur" IS NULL)
                                                                                    OR NOT ("accompagnement_exploitation"."hebergement" = %s))) AS "hebergement_connu",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."hebergement_par_exploiteur" = %s
                                                                                    OR ("accompagnement_exploitation"."hebergement_par_exploiteur" IS NULL
                                                                                        AND "accompagnement_exploitation"."hebergement" IN (%s, ...)))) AS "dependance",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE (NOT ("accompagnement_exploitation"."loge_sur_lieu" IS NULL)
                                                                                    OR NOT ("accompagnement_exploitation"."hebergement" = %s))) AS "loge_sur_lieu_connu",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."loge_sur_lieu" = %s
                                                                                    OR ("accompagnement_exploitation"."loge_sur_lieu" IS NULL
                                                                                        AND "accompagnement_exploitation"."hebergement" IN (%s, ...)))) AS "loge_sur_lieu",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."emprise_renseignee" = %s) AS "emprise_connue",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."emprise_renseignee" = %s
                                                                                    AND "accompagnement_exploitation"."emprise" = %s)) AS "emprise_aucune",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."violences_renseignees" = %s) AS "violences_connues",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."violences_renseignees" = %s
                                                                                    AND "accompagnement_exploitation"."violences" = %s)) AS "violences_aucune",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."dette_recrutement_eur" IS NOT NULL) AS "dette_connue",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."dette_recrutement_eur" > %s) AS "dette_positive",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_synthese"."duree_exploitation_max" IS NOT NULL) AS "duree_connue",
       SUM("accompagnement_synthese"."duree_exploitation_max") AS "duree_moy|somme",
       COUNT("accompagnement_synthese"."duree_exploitation_max") AS "duree_moy|nombre",
       SUM("accompagnement_synthese"."duree_exploitation_max") FILTER (
                                                                       WHERE "accompagnement_personne"."sexe" = %s) AS "duree_moy_femmes|somme",
       COUNT("accompagnement_synthese"."duree_exploitation_max") FILTER (
                                                                         WHERE "accompagnement_personne"."sexe" = %s) AS "duree_moy_femmes|nombre",
       SUM("accompagnement_synthese"."duree_exploitation_max") FILTER (
                                                                       WHERE "accompagnement_personne"."sexe" = %s) AS "duree_moy_hommes|somme",
       COUNT("accompagnement_synthese"."duree_exploitation_max") FILTER (
                                                                         WHERE "accompagnement_personne"."sexe" = %s) AS "duree_moy_hommes|nombre",
       SUM("accompagnement_synthese"."duree_exploitation_max") FILTER (
                                                                       WHERE "accompagnement_synthese"."age_debut_exploitation" < %s) AS "duree_moy_mineurs|somme",
       COUNT("accompagnement_synthese"."duree_exploitation_max") FILTER (
                                                                         WHERE "accompagnement_synthese"."age_debut_exploitation" < %s) AS "duree_moy_mineurs|nombre",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_synthese"."duree_exploitation_max" IS NOT NULL
                                                                                    AND "accompagnement_personne"."sexe" = %s)) AS "duree_connue_femmes",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_synthese"."duree_exploitation_max" IS NOT NULL
                                                                                    AND "accompagnement_personne"."sexe" = %s)) AS "duree_connue_hommes",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_synthese"."duree_exploitation_max" IS NOT NULL
                                                                                    AND "accompagnement_synthese"."age_debut_exploitation" < %s)) AS "duree_connue_mineurs",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "m_secteur:travail_domestique",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "m_secteur:agriculture",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "m_secteur:btp",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "m_secteur:commerce",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "m_secteur:hotellerie_restauration",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "m_secteur:services",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "m_secteur:ateliers",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "m_secteur:spectacles",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "m_secteur:rue",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "m_secteur:mendicite",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "m_secteur:delits",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."secteur" = %s) AS "m_secteur:autre",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."hebergement" = %s) AS "m_hebergement:sur_lieu",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."hebergement" = %s) AS "m_hebergement:domicile_exploiteur",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."hebergement" = %s) AS "m_hebergement:controle_exploiteur",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."hebergement" = %s) AS "m_hebergement:independant",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."hebergement" = %s) AS "m_hebergement:rue",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."hebergement" = %s) AS "m_hebergement:autre",
       GROUP_CONCAT(CAST("accompagnement_exploitation"."emprise" AS text), %s) FILTER (
                                                                                       WHERE "accompagnement_exploitation"."emprise_renseignee" = %s) AS "emprise|listes",
       GROUP_CONCAT(CAST("accompagnement_exploitation"."violences" AS text), %s) FILTER (
                                                                                         WHERE "accompagnement_exploitation"."violences_renseignees" = %s) AS "violences|listes",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_synthese"."duree_exploitation_max" IS NOT NULL
                                                                                    AND "accompagnement_synthese"."duree_exploitation_max" < %s)) AS "duree:moins_12_mois",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_synthese"."duree_exploitation_max" IS NOT NULL
                                                                                    AND "accompagnement_synthese"."duree_exploitation_max" >= %s
                                                                                    AND "accompagnement_synthese"."duree_exploitation_max" < %s)) AS "duree:12_35_mois",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_synthese"."duree_exploitation_max" IS NOT NULL
                                                                                    AND "accompagnement_synthese"."duree_exploitation_max" >= %s
                                                                                    AND "accompagnement_synthese"."duree_exploitation_max" < %s)) AS "duree:36_59_mois",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_synthese"."duree_exploitation_max" IS NOT NULL
                                                                                    AND "accompagnement_synthese"."duree_exploitation_max" >= %s
                                                                                    AND "accompagnement_synthese"."duree_exploitation_max" < %s)) AS "duree:60_119_mois",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_synthese"."duree_exploitation_max" IS NOT NULL
                                                                                    AND "accompagnement_synthese"."duree_exploitation_max" >= %s)) AS "duree:120_mois_plus",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_synthese"."age_debut_exploitation" < %s) AS "age_debut:moins_18",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_synthese"."age_debut_exploitation" >= %s
                                                                                    AND "accompagnement_synthese"."age_debut_exploitation" < %s)) AS "age_debut:18_21",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_synthese"."age_debut_exploitation" >= %s
                                                                                    AND "accompagnement_synthese"."age_debut_exploitation" < %s)) AS "age_debut:22_25",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_synthese"."age_debut_exploitation" >= %s
                                                                                    AND "accompagnement_synthese"."age_debut_exploitation" < %s)) AS "age_debut:26_35",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_synthese"."age_debut_exploitation" >= %s
                                                                                    AND "accompagnement_synthese"."age_debut_exploitation" < %s)) AS "age_debut:36_45",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_synthese"."age_debut_exploitation" >= %s) AS "age_debut:46_plus",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_synthese"."age_debut_exploitation" IS NULL) AS "age_debut:inconnu",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."remuneration_mensuelle_eur" >= %s
                                                                                    AND "accompagnement_exploitation"."remuneration_mensuelle_eur" <= %s)) AS "m_remuneration:0",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."remuneration_mensuelle_eur" >= %s
                                                                                    AND "accompagnement_exploitation"."remuneration_mensuelle_eur" <= %s)) AS "m_remuneration:1_100",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."remuneration_mensuelle_eur" >= %s
                                                                                    AND "accompagnement_exploitation"."remuneration_mensuelle_eur" <= %s)) AS "m_remuneration:101_300",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."remuneration_mensuelle_eur" >= %s
                                                                                    AND "accompagnement_exploitation"."remuneration_mensuelle_eur" <= %s)) AS "m_remuneration:301_500",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."remuneration_mensuelle_eur" >= %s
                                                                                    AND "accompagnement_exploitation"."remuneration_mensuelle_eur" <= %s)) AS "m_remuneration:501_1000",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."remuneration_mensuelle_eur" >= %s) AS "m_remuneration:plus_1000",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."remuneration_mensuelle_eur" IS NULL) AS "m_remuneration:inconnu",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."heures_par_jour" <= %s) AS "m_heures:8_ou_moins",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."heures_par_jour" >= %s
                                                                                    AND "accompagnement_exploitation"."heures_par_jour" <= %s)) AS "m_heures:9_13",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE ("accompagnement_exploitation"."heures_par_jour" >= %s
                                                                                    AND "accompagnement_exploitation"."heures_par_jour" <= %s)) AS "m_heures:14_16",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."heures_par_jour" >= %s) AS "m_heures:plus_16",
       COUNT("accompagnement_synthese"."exploitation_principale_id") FILTER (
                                                                             WHERE "accompagnement_exploitation"."heures_par_jour" IS NULL) AS "m_heures:inconnu"
FROM "accompagnement_personne"
LEFT OUTER JOIN "accompagnement_synthese" ON ("accompagnement_personne"."id" = "accompagnement_synthese"."personne_id")
LEFT OUTER JOIN "accompagnement_exploitation" ON ("accompagnement_synthese"."exploitation_principale_id" = "accompagnement_exploitation"."id")
WHERE "accompagnement_personne"."id" IN
    (SELECT "U0"."personne_id" AS "personne_id"
     FROM "accompagnement_accompagnement" "U0"
     WHERE ("U0"."date_debut" <= %s
            AND ("U0"."date_cloture" IS NULL
                 OR "U0"."date_cloture" >= %s)))
GROUP BY 1;

SELECT "accompagnement_exploitation"."personne_id" AS "exploitation__personne_id",
       "accompagnement_lieuexploitation"."pays" AS "pays",
       "accompagnement_lieuexploitation"."departement" AS "departement",
       NOT ("accompagnement_lieuexploitation"."departement" IN (%s, ...)
            AND "accompagnement_lieuexploitation"."pays" = %s) AS "hors_idf"
FROM "accompagnement_lieuexploitation"
INNER JOIN "accompagnement_exploitation" ON ("accompagnement_lieuexploitation"."exploitation_id" = "accompagnement_exploitation"."id")
WHERE "accompagnement_exploitation"."personne_id" IN
    (SELECT "U0"."personne_id" AS "personne_id"
     FROM "accompagnement_accompagnement" "U0"
     WHERE ("U0"."date_debut" <= %s
            AND ("U0"."date_cloture" IS NULL
                 OR "U0"."date_cloture" >= %s)));

SELECT COUNT(DISTINCT "accompagnement_exploitation"."affaire_id") AS "n"
FROM "accompagnement_exploitation"
WHERE ("accompagnement_exploitation"."affaire_id" IS NOT NULL
       AND "accompagnement_exploitation"."personne_id" IN
         (SELECT "U0"."personne_id" AS "personne_id"
          FROM "accompagnement_synthese" "U0"
          WHERE "U0"."premier_accompagnement" BETWEEN %s AND %s));

SELECT COUNT(*) AS "__count"
FROM "accompagnement_personne"
WHERE (("accompagnement_personne"."id" IN
          (SELECT "U0"."id" AS "pk"
           FROM "accompagnement_personne" "U0"
           INNER JOIN "psychosocial_participation" "U1" ON ("U0"."id" = "U1"."personne_id")
           INNER JOIN "psychosocial_activite" "U2" ON ("U1"."activite_id" = "U2"."id")
           WHERE ("U2"."date" BETWEEN %s AND %s
                  AND "U2"."type" IN (%s, ...)))
        OR "accompagnement_personne"."id" IN
          (SELECT "U0"."id" AS "pk"
           FROM "accompagnement_personne" "U0"
           INNER JOIN "sensibilisation_intervention_temoins" "U1" ON ("U0"."id" = "U1"."personne_id")
           INNER JOIN "sensibilisation_intervention" "U2" ON ("U1"."intervention_id" = "U2"."id")
           WHERE "U2"."date" BETWEEN %s AND %s))
       AND "accompagnement_personne"."membre_cva" = %s);

SELECT COUNT(*) AS "__count"
FROM "accompagnement_personne"
WHERE (("accompagnement_personne"."id" IN
          (SELECT "V0"."id" AS "pk"
           FROM "accompagnement_personne" "V0"
           INNER JOIN "sensibilisation_intervention_temoins" "V1" ON ("V0"."id" = "V1"."personne_id")
           WHERE "V1"."intervention_id" IN
               (SELECT "U0"."id"
                FROM "sensibilisation_intervention" "U0"
                WHERE ("U0"."date" BETWEEN %s AND %s
                       AND "U0"."nb_classes" > %s)))
        OR "accompagnement_personne"."id" IN
          (SELECT "U0"."id" AS "pk"
           FROM "accompagnement_personne" "U0"
           INNER JOIN "psychosocial_participation" "U1" ON ("U0"."id" = "U1"."personne_id")
           INNER JOIN "psychosocial_activite" "U2" ON ("U1"."activite_id" = "U2"."id")
           WHERE ("U2"."date" BETWEEN %s AND %s
                  AND "U2"."type" = %s
                  AND "U1"."enfant" = %s)))
       AND "accompagnement_personne"."membre_cva" = %s);

SELECT COUNT(*)
FROM
  (SELECT DISTINCT "accompagnement_accompagnement"."personne_id" AS "personne_id"
   FROM "accompagnement_accompagnement"
   WHERE ("accompagnement_accompagnement"."date_debut" <= %s
          AND ("accompagnement_accompagnement"."date_cloture" IS NULL
               OR "accompagnement_accompagnement"."date_cloture" >= %s))) subquery;

SELECT COUNT(DISTINCT "accompagnement_accompagnement"."personne_id") FILTER (
                                                                             WHERE ("accompagnement_accompagnement"."date_debut" <= %s
                                                                                    AND ("accompagnement_accompagnement"."date_cloture" IS NULL
                                                                                         OR "accompagnement_accompagnement"."date_cloture" >= %s))) AS "2023",
       COUNT(DISTINCT "accompagnement_accompagnement"."personne_id") FILTER (
                                                                             WHERE ("accompagnement_accompagnement"."date_debut" <= %s
                                                                                    AND ("accompagnement_accompagnement"."date_cloture" IS NULL
                                                                                         OR "accompagnement_accompagnement"."date_cloture" >= %s))) AS "2019",
       COUNT(DISTINCT "accompagnement_accompagnement"."personne_id") FILTER (
                                                                             WHERE ("accompagnement_accompagnement"."date_debut" <= %s
                                                                                    AND ("accompagnement_accompagnement"."date_cloture" IS NULL
                                                                                         OR "accompagnement_accompagnement"."date_cloture" >= %s))) AS "2014"
FROM "accompagnement_accompagnement";

SELECT COUNT(*) AS "__count"
FROM "accompagnement_synthese"
WHERE "accompagnement_synthese"."premier_accompagnement" <= %s;

SELECT "accompagnement_accompagnement"."motif_cloture" AS "motif_cloture",
       COUNT("accompagnement_accompagnement"."id") AS "n"
FROM "accompagnement_accompagnement"
WHERE "accompagnement_accompagnement"."date_cloture" BETWEEN %s AND %s
GROUP BY 1;

SELECT COUNT("sensibilisation_intervention"."id") AS "nombre",
       COUNT("sensibilisation_intervention"."id") FILTER (
                                                          WHERE "sensibilisation_intervention"."departement" = %s) AS "paris",
       COUNT("sensibilisation_intervention"."id") FILTER (
                                                          WHERE NOT ("sensibilisation_intervention"."pays" = %s)) AS "etranger",
       COUNT(DISTINCT "sensibilisation_intervention"."departement") FILTER (
                                                                            WHERE NOT ("sensibilisation_intervention"."departement" = %s)) AS "departements",
       COALESCE(SUM("sensibilisation_intervention"."nb_inspection_travail"), %s) AS "nb_inspection_travail",
       COALESCE(SUM("sensibilisation_intervention"."nb_gendarmerie"), %s) AS "nb_gendarmerie",
       COALESCE(SUM("sensibilisation_intervention"."nb_police"), %s) AS "nb_police",
       COALESCE(SUM("sensibilisation_intervention"."nb_professionnels_droit"), %s) AS "nb_professionnels_droit",
       COALESCE(SUM("sensibilisation_intervention"."nb_travailleurs_sociaux"), %s) AS "nb_travailleurs_sociaux",
       COALESCE(SUM("sensibilisation_intervention"."nb_professionnels_sante"), %s) AS "nb_professionnels_sante",
       COALESCE(SUM("sensibilisation_intervention"."nb_autres_professionnels"), %s) AS "nb_autres_professionnels",
       COALESCE(SUM("sensibilisation_intervention"."nb_eleves"), %s) AS "nb_eleves",
       COALESCE(SUM("sensibilisation_intervention"."nb_grand_public"), %s) AS "nb_grand_public",
       COALESCE(SUM("sensibilisation_intervention"."nb_public_non_precise"), %s) AS "nb_public_non_precise"
FROM "sensibilisation_intervention"
WHERE ("sensibilisation_intervention"."statut" = %s
       AND "sensibilisation_intervention"."date" BETWEEN %s AND %s);

SELECT COUNT("sensibilisation_intervention"."id") AS "nombre",
       COUNT("sensibilisation_intervention"."id") FILTER (
                                                          WHERE "sensibilisation_intervention"."departement" = %s) AS "paris",
       COUNT("sensibilisation_intervention"."id") FILTER (
                                                          WHERE NOT ("sensibilisation_intervention"."pays" = %s)) AS "etranger",
       COUNT(DISTINCT "sensibilisation_intervention"."departement") FILTER (
                                                                            WHERE NOT ("sensibilisation_intervention"."departement" = %s)) AS "departements",
       COALESCE(SUM("sensibilisation_intervention"."nb_inspection_travail"), %s) AS "nb_inspection_travail",
       COALESCE(SUM("sensibilisation_intervention"."nb_gendarmerie"), %s) AS "nb_gendarmerie",
       COALESCE(SUM("sensibilisation_intervention"."nb_police"), %s) AS "nb_police",
       COALESCE(SUM("sensibilisation_intervention"."nb_professionnels_droit"), %s) AS "nb_professionnels_droit",
       COALESCE(SUM("sensibilisation_intervention"."nb_travailleurs_sociaux"), %s) AS "nb_travailleurs_sociaux",
       COALESCE(SUM("sensibilisation_intervention"."nb_professionnels_sante"), %s) AS "nb_professionnels_sante",
       COALESCE(SUM("sensibilisation_intervention"."nb_autres_professionnels"), %s) AS "nb_autres_professionnels",
       COALESCE(SUM("sensibilisation_intervention"."nb_eleves"), %s) AS "nb_eleves",
       COALESCE(SUM("sensibilisation_intervention"."nb_grand_public"), %s) AS "nb_grand_public",
       COALESCE(SUM("sensibilisation_intervention"."nb_public_non_precise"), %s) AS "nb_public_non_precise"
FROM "sensibilisation_intervention"
WHERE ("sensibilisation_intervention"."statut" = %s
       AND "sensibilisation_intervention"."date" BETWEEN %s AND %s);

SELECT COALESCE(
                  (SELECT "U2"."source_type" AS "signalement__source_type"
                   FROM "accompagnement_accompagnement" "U0"
                   INNER JOIN "signalements_signalement" "U2" ON ("U0"."signalement_id" = "U2"."id")
                   WHERE ("U0"."personne_id" = ("accompagnement_personne"."id")
                          AND "U0"."signalement_id" IS NOT NULL)
                   ORDER BY "U0"."date_debut" ASC, "U0"."id" ASC
                   LIMIT 1),
                  (SELECT "U2"."source_type" AS "signalement__source_type"
                   FROM "signalements_personnesignalee" "U0"
                   INNER JOIN "signalements_signalement" "U2" ON ("U0"."signalement_id" = "U2"."id")
                   WHERE "U0"."personne_id" = ("accompagnement_personne"."id")
                   ORDER BY "U2"."date_reception" ASC, "U0"."id" ASC
                   LIMIT 1)) AS "source",
       COUNT("accompagnement_personne"."id") AS "n"
FROM "accompagnement_personne"
WHERE "accompagnement_personne"."id" IN
    (SELECT "U0"."personne_id" AS "personne_id"
     FROM "accompagnement_synthese" "U0"
     WHERE "U0"."premier_accompagnement" BETWEEN %s AND %s)
GROUP BY 1;

SELECT "sensibilisation_intervention"."departement" AS "departement",
       "sensibilisation_intervention"."pays" AS "pays",
       COUNT("sensibilisation_intervention"."id") AS "n"
FROM "sensibilisation_intervention"
WHERE ("sensibilisation_intervention"."statut" = %s
       AND "sensibilisation_intervention"."date" BETWEEN %s AND %s)
GROUP BY 1,
         2
ORDER BY 1 ASC,
         2 ASC;

SELECT COUNT(*) AS "__count"
FROM "psychosocial_activite"
WHERE ("psychosocial_activite"."date" BETWEEN %s AND %s
       AND "psychosocial_activite"."type" = %s);

SELECT COUNT(*)
FROM
  (SELECT DISTINCT "psychosocial_participation"."personne_id" AS "personne"
   FROM "psychosocial_participation"
   WHERE ("psychosocial_participation"."activite_id" IN
            (SELECT "U0"."id"
             FROM "psychosocial_activite" "U0"
             WHERE ("U0"."date" BETWEEN %s AND %s
                    AND "U0"."type" = %s))
          AND "psychosocial_participation"."enfant" = %s)) subquery;

SELECT COUNT("accompagnement_personne"."id") AS "total",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE "accompagnement_personne"."sexe" = %s) AS "femmes",
       COUNT("accompagnement_personne"."id") FILTER (
                                                     WHERE NOT ("accompagnement_personne"."sexe" = %s)) AS "connus"
FROM "accompagnement_personne"
WHERE "accompagnement_personne"."id" IN
    (SELECT "U0"."personne_id" AS "personne_id"
     FROM "accompagnement_suivi" "U0"
     WHERE ("U0"."pole" IN (%s, ...)
            AND "U0"."date_debut" <= %s
            AND ("U0"."date_fin" IS NULL
                 OR "U0"."date_fin" >= %s))
     UNION SELECT "U0"."personne_id" AS "personne_id"
     FROM "psychosocial_hebergement" "U0"
     WHERE ("U0"."date_entree" <= %s
            AND ("U0"."date_sortie" > %s
                 OR ("U0"."date_entree" < %s
                     AND "U0"."date_sortie" IS NULL)))
     UNION SELECT "U0"."personne_id" AS "personne_id"
     FROM "psychosocial_demarche" "U0"
     WHERE "U0"."date_depot" BETWEEN %s AND %s
     UNION SELECT "U0"."personne_id" AS "personne_id"
     FROM "psychosocial_demarche" "U0"
     WHERE "U0"."date_resultat" BETWEEN %s AND %s
     UNION SELECT "U0"."personne_id" AS "personne_id"
     FROM "psychosocial_aidefinanciere" "U0"
     WHERE "U0"."date" BETWEEN %s AND %s
     UNION SELECT "U0"."personne_id" AS "personne_id"
     FROM "psychosocial_domiciliation" "U0"
     WHERE "U0"."date_debut" BETWEEN %s AND %s
     UNION SELECT "U0"."personne_id" AS "personne_id"
     FROM "psychosocial_passagecourrier" "U0"
     WHERE "U0"."date" BETWEEN %s AND %s
     UNION SELECT "U0"."personne_id" AS "personne_id"
     FROM "psychosocial_consultationpsy" "U0"
     WHERE "U0"."date" BETWEEN %s AND %s
     UNION SELECT "U0"."personne_id" AS "personne_id"
     FROM "psychosocial_orientationsoins" "U0"
     WHERE "U0"."date" BETWEEN %s AND %s
     UNION SELECT "U0"."personne_id" AS "personne_id"
     FROM "psychosocial_participation" "U0"
     INNER JOIN "psychosocial_activite" "U1" ON ("U0"."activite_id" = "U1"."id")
     WHERE "U1"."date" BETWEEN %s AND %s);

SELECT "psychosocial_hebergement"."dispositif" AS "dispositif",
       "accompagnement_personne"."sexe" AS "personne__sexe",
       SUM(django_timestamp_diff(MIN(COALESCE("psychosocial_hebergement"."date_sortie", %s), %s), MAX("psychosocial_hebergement"."date_entree", %s))) AS "nuits"
FROM "psychosocial_hebergement"
INNER JOIN "accompagnement_personne" ON ("psychosocial_hebergement"."personne_id" = "accompagnement_personne"."id")
WHERE ("psychosocial_hebergement"."date_entree" <= %s
       AND ("psychosocial_hebergement"."date_sortie" > %s
            OR ("psychosocial_hebergement"."date_entree" < %s
                AND "psychosocial_hebergement"."date_sortie" IS NULL)))
GROUP BY 1,
         2;

SELECT COUNT(DISTINCT "psychosocial_hebergement"."personne_id") FILTER (
                                                                        WHERE ("psychosocial_hebergement"."date_entree" <= %s
                                                                               AND ("psychosocial_hebergement"."date_sortie" > %s
                                                                                    OR ("psychosocial_hebergement"."date_entree" < %s
                                                                                        AND "psychosocial_hebergement"."date_sortie" IS NULL)))) AS "toutes",
       COUNT(DISTINCT "psychosocial_hebergement"."personne_id") FILTER (
                                                                        WHERE ("psychosocial_hebergement"."date_entree" <= %s
                                                                               AND ("psychosocial_hebergement"."date_sortie" > %s
                                                                                    OR ("psychosocial_hebergement"."date_entree" < %s
                                                                                        AND "psychosocial_hebergement"."date_sortie" IS NULL))
                                                                               AND "psychosocial_hebergement"."dispositif" IN (%s, ...))) AS "appartements",
       COUNT(DISTINCT "psychosocial_hebergement"."personne_id") FILTER (
                                                                        WHERE ("psychosocial_hebergement"."date_entree" <= %s
                                                                               AND ("psychosocial_hebergement"."date_sortie" > %s
                                                                                    OR ("psychosocial_hebergement"."date_entree" < %s
                                                                                        AND "psychosocial_hebergement"."date_sortie" IS NULL))
                                                                               AND "psychosocial_hebergement"."dispositif" = %s)) AS "hommes",
       SUM("psychosocial_hebergement"."nb_enfants") FILTER (
                                                            WHERE ("psychosocial_hebergement"."date_entree" <= %s
                                                                   AND ("psychosocial_hebergement"."date_sortie" > %s
                                                                        OR ("psychosocial_hebergement"."date_entree" < %s
                                                                            AND "psychosocial_hebergement"."date_sortie" IS NULL)))) AS "enfants",
       COUNT(DISTINCT "psychosocial_hebergement"."personne_id") FILTER (
                                                                        WHERE ("psychosocial_hebergement"."date_sortie" BETWEEN %s AND %s
                                                                               AND "psychosocial_hebergement"."dispositif" = %s
                                                                               AND "psychosocial_hebergement"."sortie_vers" = %s)) AS "sorties_structure"
FROM "psychosocial_hebergement";

SELECT COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."type" = %s
                                                          AND "psychosocial_demarche"."date_depot" BETWEEN %s AND %s)) AS "siao",
       COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."type" = %s
                                                          AND "psychosocial_demarche"."date_depot" BETWEEN %s AND %s
                                                          AND "psychosocial_demarche"."resultat" IN (%s, ...))) AS "siao_abouties",
       COUNT(DISTINCT "psychosocial_demarche"."personne_id") FILTER (
                                                                     WHERE ("psychosocial_demarche"."type" = %s
                                                                            AND "psychosocial_demarche"."resultat" IN (%s, ...)
                                                                            AND "psychosocial_demarche"."date_resultat" BETWEEN %s AND %s)) AS "acse",
       COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."type" = %s
                                                          AND "psychosocial_demarche"."date_depot" <= %s
                                                          AND NOT ("psychosocial_demarche"."date_resultat" < %s
                                                                   AND "psychosocial_demarche"."date_resultat" IS NOT NULL
                                                                   AND "psychosocial_demarche"."resultat" IN (%s, ...))
                                                          AND NOT ("psychosocial_demarche"."date_fin" < %s
                                                                   AND "psychosocial_demarche"."date_fin" IS NOT NULL))) AS "dalo",
       COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."resultat" = %s
                                                          AND "psychosocial_demarche"."type" = %s
                                                          AND "psychosocial_demarche"."date_resultat" BETWEEN %s AND %s)) AS "dalo_favorables",
       COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."type" = %s
                                                          AND "psychosocial_demarche"."date_depot" <= %s
                                                          AND NOT ("psychosocial_demarche"."date_resultat" < %s
                                                                   AND "psychosocial_demarche"."date_resultat" IS NOT NULL
                                                                   AND "psychosocial_demarche"."resultat" IN (%s, ...))
                                                          AND NOT ("psychosocial_demarche"."date_fin" < %s
                                                                   AND "psychosocial_demarche"."date_fin" IS NOT NULL))) AS "logement_social",
       COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."type" = %s
                                                          AND "psychosocial_demarche"."resultat" IN (%s, ...)
                                                          AND "psychosocial_demarche"."date_resultat" BETWEEN %s AND %s)) AS "logement_social_abouties",
       COUNT(DISTINCT "psychosocial_demarche"."personne_id") FILTER (
                                                                     WHERE ("psychosocial_demarche"."type" = %s
                                                                            AND "psychosocial_demarche"."date_depot" BETWEEN %s AND %s)) AS "mise_abri_it",
       COUNT(DISTINCT "psychosocial_demarche"."personne_id") FILTER (
                                                                     WHERE ("psychosocial_demarche"."resultat" = %s
                                                                            AND "psychosocial_demarche"."type" = %s
                                                                            AND "psychosocial_demarche"."date_resultat" BETWEEN %s AND %s)) AS "intermediation",
       COUNT(DISTINCT "psychosocial_demarche"."personne_id") FILTER (
                                                                     WHERE ("psychosocial_demarche"."type" = %s
                                                                            AND "psychosocial_demarche"."date_depot" <= %s
                                                                            AND NOT ("psychosocial_demarche"."date_resultat" < %s
                                                                                     AND "psychosocial_demarche"."date_resultat" IS NOT NULL
                                                                                     AND "psychosocial_demarche"."resultat" IN (%s, ...))
                                                                            AND NOT ("psychosocial_demarche"."date_fin" < %s
                                                                                     AND "psychosocial_demarche"."date_fin" IS NOT NULL))) AS "insertion",
       COUNT(DISTINCT "psychosocial_demarche"."personne_id") FILTER (
                                                                     WHERE ("psychosocial_demarche"."type" IN (%s, ...)
                                                                            AND "psychosocial_demarche"."resultat" = %s
                                                                            AND "psychosocial_demarche"."date_resultat" BETWEEN %s AND %s)) AS "emploi",
       COUNT(DISTINCT "psychosocial_demarche"."personne_id") FILTER (
                                                                     WHERE (("psychosocial_demarche"."date_resultat" <= %s
                                                                             AND "psychosocial_demarche"."resultat" = %s
                                                                             AND "psychosocial_demarche"."type" = %s)
                                                                            OR ("psychosocial_demarche"."type" = %s
                                                                                AND "psychosocial_demarche"."date_depot" <= %s
                                                                                AND NOT ("psychosocial_demarche"."date_resultat" < %s
                                                                                         AND "psychosocial_demarche"."date_resultat" IS NOT NULL
                                                                                         AND "psychosocial_demarche"."resultat" IN (%s, ...))
                                                                                AND NOT ("psychosocial_demarche"."date_fin" < %s
                                                                                         AND "psychosocial_demarche"."date_fin" IS NOT NULL)))) AS "recherche",
       COUNT(DISTINCT "psychosocial_demarche"."personne_id") FILTER (
                                                                     WHERE ("psychosocial_demarche"."resultat" = %s
                                                                            AND "psychosocial_demarche"."type" = %s
                                                                            AND "psychosocial_demarche"."date_resultat" BETWEEN %s AND %s)) AS "formation",
       COUNT(DISTINCT "psychosocial_demarche"."personne_id") FILTER (
                                                                     WHERE ("psychosocial_demarche"."type" = %s
                                                                            AND "psychosocial_demarche"."date_depot" BETWEEN %s AND %s)) AS "fle",
       COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."type" = %s
                                                          AND "psychosocial_demarche"."date_depot" BETWEEN %s AND %s)) AS "numerique",
       COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."type" IN (%s, ...)
                                                          AND "psychosocial_demarche"."date_depot" BETWEEN %s AND %s)) AS "sante",
       COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."nature" = %s
                                                          AND "psychosocial_demarche"."type" = %s
                                                          AND "psychosocial_demarche"."date_depot" BETWEEN %s AND %s)) AS "ame_nouvelles",
       COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."nature" = %s
                                                          AND "psychosocial_demarche"."type" = %s
                                                          AND "psychosocial_demarche"."date_depot" BETWEEN %s AND %s)) AS "ame_renouvellements",
       COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."nature" = %s
                                                          AND "psychosocial_demarche"."type" = %s
                                                          AND "psychosocial_demarche"."date_depot" BETWEEN %s AND %s)) AS "css_nouvelles",
       COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."nature" = %s
                                                          AND "psychosocial_demarche"."type" = %s
                                                          AND "psychosocial_demarche"."date_depot" BETWEEN %s AND %s)) AS "css_renouvellements",
       COUNT("psychosocial_demarche"."id") FILTER (
                                                   WHERE ("psychosocial_demarche"."type" = %s
                                                          AND "psychosocial_demarche"."date_depot" BETWEEN %s AND %s)) AS "sante_autre"
FROM "psychosocial_demarche"
WHERE ("psychosocial_demarche"."date_depot" BETWEEN %s AND %s
       OR "psychosocial_demarche"."date_resultat" BETWEEN %s AND %s
       OR ("psychosocial_demarche"."date_depot" <= %s
           AND NOT ("psychosocial_demarche"."date_resultat" < %s
                    AND "psychosocial_demarche"."date_resultat" IS NOT NULL
                    AND "psychosocial_demarche"."resultat" IN (%s, ...))
           AND NOT ("psychosocial_demarche"."date_fin" < %s
                    AND "psychosocial_demarche"."date_fin" IS NOT NULL))
       OR ("psychosocial_demarche"."date_resultat" <= %s
           AND "psychosocial_demarche"."resultat" = %s
           AND "psychosocial_demarche"."type" = %s)
       OR ("psychosocial_demarche"."type" = %s
           AND "psychosocial_demarche"."date_depot" <= %s
           AND NOT ("psychosocial_demarche"."date_resultat" < %s
                    AND "psychosocial_demarche"."date_resultat" IS NOT NULL
                    AND "psychosocial_demarche"."resultat" IN (%s, ...))
           AND NOT ("psychosocial_demarche"."date_fin" < %s
                    AND "psychosocial_demarche"."date_fin" IS NOT NULL)));

SELECT COUNT("psychosocial_activite"."id") FILTER (
                                                   WHERE ("psychosocial_activite"."date" BETWEEN %s AND %s
                                                          AND "psychosocial_activite"."type" = %s)) AS "ateliers",
       COUNT("psychosocial_activite"."id") FILTER (
                                                   WHERE ("psychosocial_activite"."date" BETWEEN %s AND %s
                                                          AND "psychosocial_activite"."type" = %s)) AS "socioculturelles",
       SUM("psychosocial_activite"."nb_accompagnants") FILTER (
                                                               WHERE ("psychosocial_activite"."date" BETWEEN %s AND %s
                                                                      AND "psychosocial_activite"."type" = %s)) AS "accompagnants"
FROM "psychosocial_activite";

SELECT COUNT(DISTINCT "psychosocial_participation"."personne_id") FILTER (
                                                                          WHERE ("psychosocial_activite"."date" BETWEEN %s AND %s
                                                                                 AND "psychosocial_participation"."enfant" = %s
                                                                                 AND "psychosocial_activite"."type" = %s)) AS "ateliers",
       COUNT("psychosocial_participation"."id") FILTER (
                                                        WHERE ("psychosocial_activite"."date" BETWEEN %s AND %s
                                                               AND "psychosocial_activite"."type" = %s)) AS "socioculturelles",
       COUNT("psychosocial_participation"."id") FILTER (
                                                        WHERE ("psychosocial_activite"."date" BETWEEN %s AND %s
                                                               AND "psychosocial_activite"."type" = %s
                                                               AND "psychosocial_participation"."enfant" = %s)) AS "socioculturelles_enfants",
       COUNT(DISTINCT "psychosocial_participation"."personne_id") FILTER (
                                                                          WHERE ("psychosocial_activite"."date" BETWEEN %s AND %s
                                                                                 AND "psychosocial_participation"."enfant" = %s
                                                                                 AND "psychosocial_activite"."theme" = %s)) AS "droit_travail"
FROM "psychosocial_participation"
INNER JOIN "psychosocial_activite" ON ("psychosocial_participation"."activite_id" = "psychosocial_activite"."id");

SELECT COUNT("psychosocial_aidefinanciere"."id") FILTER (
                                                         WHERE NOT ("psychosocial_aidefinanciere"."type" = %s)) AS "total",
       COUNT("psychosocial_aidefinanciere"."id") FILTER (
                                                         WHERE (NOT ("psychosocial_aidefinanciere"."type" = %s)
                                                                AND "psychosocial_aidefinanciere"."primo_sortante" = %s)) AS "primo",
       COUNT("psychosocial_aidefinanciere"."id") FILTER (
                                                         WHERE "psychosocial_aidefinanciere"."type" = %s) AS "alimentation",
       COUNT("psychosocial_aidefinanciere"."id") FILTER (
                                                         WHERE "psychosocial_aidefinanciere"."type" = %s) AS "transport",
       COUNT("psychosocial_aidefinanciere"."id") FILTER (
                                                         WHERE "psychosocial_aidefinanciere"."type" = %s) AS "exceptionnelle",
       COUNT("psychosocial_aidefinanciere"."id") FILTER (
                                                         WHERE "psychosocial_aidefinanciere"."type" = %s) AS "autre",
       SUM("psychosocial_aidefinanciere"."nb_tickets") FILTER (
                                                               WHERE "psychosocial_aidefinanciere"."type" = %s) AS "tickets"
FROM "psychosocial_aidefinanciere"
WHERE "psychosocial_aidefinanciere"."date" BETWEEN %s AND %s;

SELECT COUNT(DISTINCT "psychosocial_domiciliation"."personne_id") FILTER (
                                                                          WHERE ("psychosocial_domiciliation"."date_debut" <= %s
                                                                                 AND ("psychosocial_domiciliation"."date_fin" IS NULL
                                                                                      OR "psychosocial_domiciliation"."date_fin" >= %s))) AS "beneficiaires",
       COUNT(DISTINCT "psychosocial_domiciliation"."personne_id") FILTER (
                                                                          WHERE "psychosocial_domiciliation"."date_debut" BETWEEN %s AND %s) AS "nouveaux"
FROM "psychosocial_domiciliation";

SELECT COUNT("psychosocial_passagecourrier"."id") AS "visites",
       SUM("psychosocial_passagecourrier"."nb_courriers") AS "courriers"
FROM "psychosocial_passagecourrier"
WHERE "psychosocial_passagecourrier"."date" BETWEEN %s AND %s;

SELECT COUNT("psychosocial_consultationpsy"."id") AS "consultations",
       COUNT("psychosocial_consultationpsy"."id") FILTER (
                                                          WHERE "psychosocial_consultationpsy"."type" = %s) AS "evaluations",
       COUNT("psychosocial_consultationpsy"."id") FILTER (
                                                          WHERE "psychosocial_consultationpsy"."type" = %s) AS "suivis",
       COUNT(DISTINCT "psychosocial_consultationpsy"."personne_id") FILTER (
                                                                            WHERE "psychosocial_consultationpsy"."lien_juridique" = %s) AS "lien_juridique"
FROM "psychosocial_consultationpsy"
WHERE "psychosocial_consultationpsy"."date" BETWEEN %s AND %s;

SELECT COUNT(*)
FROM
  (SELECT "psychosocial_consultationpsy"."personne_id" AS "personne_id"
   FROM "psychosocial_consultationpsy"
   WHERE "psychosocial_consultationpsy"."date" BETWEEN %s AND %s
   UNION SELECT "psychosocial_orientationsoins"."personne_id" AS "personne_id"
   FROM "psychosocial_orientationsoins"
   WHERE "psychosocial_orientationsoins"."date" BETWEEN %s AND %s) subquery;

SELECT COUNT(DISTINCT "psychosocial_orientationsoins"."personne_id") AS "n"
FROM "psychosocial_orientationsoins"
WHERE ("psychosocial_orientationsoins"."date" BETWEEN %s AND %s
       AND "psychosocial_orientationsoins"."type" = %s);

SELECT COUNT(*),
       COUNT(*) FILTER (
                        WHERE d.debut < %s),
                COUNT(*) FILTER (
                                 WHERE d.debut < %s),
                         COUNT(*) FILTER (
                                          WHERE d.debut < %s)
FROM
  (SELECT "accompagnement_suivi"."personne_id" AS "personne_id"
   FROM "accompagnement_suivi"
   WHERE ("accompagnement_suivi"."date_debut" <= %s
          AND "accompagnement_suivi"."pole" = %s
          AND ("accompagnement_suivi"."date_fin" IS NULL
               OR "accompagnement_suivi"."date_fin" >= %s))
   UNION SELECT "juridique_procedure_personnes"."personne_id" AS "personne_id"
   FROM "juridique_procedure_personnes"
   INNER JOIN "juridique_procedure" ON ("juridique_procedure_personnes"."procedure_id" = "juridique_procedure"."id")
   WHERE ("juridique_procedure"."date_ouverture" <= %s
          AND ("juridique_procedure"."date_cloture" IS NULL
               OR "juridique_procedure"."date_cloture" >= %s))
   UNION SELECT "juridique_procedure_personnes"."personne_id" AS "personne_id"
   FROM "juridique_procedure_personnes"
   WHERE ("juridique_procedure_personnes"."procedure_id" IN
            (SELECT "U0"."procedure_id" AS "procedure_id"
             FROM "juridique_etape" "U0"
             WHERE ("U0"."date" >= %s
                    AND "U0"."date" <= %s))
          OR "juridique_procedure_personnes"."procedure_id" IN
            (SELECT "U0"."procedure_id" AS "procedure_id"
             FROM "juridique_decision" "U0"
             WHERE ("U0"."date" >= %s
                    AND "U0"."date" <= %s)))
   UNION SELECT "juridique_titresejour"."personne_id" AS "personne_id"
   FROM "juridique_titresejour"
   WHERE (("juridique_titresejour"."date_demande" >= %s
           AND "juridique_titresejour"."date_demande" <= %s)
          OR ("juridique_titresejour"."date_decision" >= %s
              AND "juridique_titresejour"."date_decision" <= %s)
          OR ("juridique_titresejour"."date_demande" <= %s
              AND ("juridique_titresejour"."date_decision" IS NULL
                   OR "juridique_titresejour"."date_decision" >= %s)
              AND NOT ("juridique_titresejour"."issue" = %s))
          OR ("juridique_titresejour"."date_decision" <= %s
              AND "juridique_titresejour"."issue" = %s
              AND ("juridique_titresejour"."date_fin_validite" IS NULL
                   OR "juridique_titresejour"."date_fin_validite" >= %s)))
   UNION SELECT "accompagnement_entreejournal"."personne_id" AS "personne_id"
   FROM "accompagnement_entreejournal"
   WHERE ("accompagnement_entreejournal"."pole" = %s
          AND "accompagnement_entreejournal"."date" >= %s
          AND "accompagnement_entreejournal"."date" <= %s)) p
LEFT JOIN
  (SELECT x.personne_id,
          MIN(x.debut) AS debut
   FROM
     (SELECT "accompagnement_suivi"."personne_id" AS "personne_id",
             "accompagnement_suivi"."date_debut" AS "debut"
      FROM "accompagnement_suivi"
      WHERE "accompagnement_suivi"."pole" = %s
      UNION ALL SELECT "juridique_procedure_personnes"."personne_id" AS "personne_id",
                       "juridique_procedure"."date_ouverture" AS "debut"
      FROM "juridique_procedure_personnes"
      INNER JOIN "juridique_procedure" ON ("juridique_procedure_personnes"."procedure_id" = "juridique_procedure"."id")) x
   GROUP BY x.personne_id) d ON d.personne_id = p.personne_id;

SELECT COUNT(DISTINCT "juridique_procedure_personnes"."personne_id") FILTER (
                                                                             WHERE "juridique_procedure"."type" IN (%s)) AS "penal_personnes",
       COUNT(DISTINCT "juridique_procedure"."affaire_id") FILTER (
                                                                  WHERE "juridique_procedure"."type" IN (%s)) AS "penal_affaires",
       COUNT(DISTINCT "juridique_procedure_personnes"."personne_id") FILTER (
                                                                             WHERE "juridique_procedure"."type" IN (%s)) AS "cph_personnes",
       COUNT(DISTINCT "juridique_procedure_personnes"."procedure_id") FILTER (
                                                                              WHERE "juridique_procedure"."type" = %s) AS "cph_procedures",
       COUNT(DISTINCT "juridique_procedure_personnes"."personne_id") FILTER (
                                                                             WHERE "juridique_procedure"."type" IN (%s, ...)) AS "indemnisation_personnes",
       COUNT(DISTINCT "juridique_procedure"."affaire_id") FILTER (
                                                                  WHERE "juridique_procedure"."type" IN (%s, ...)) AS "indemnisation_affaires",
       COUNT(DISTINCT "juridique_procedure_personnes"."personne_id") FILTER (
                                                                             WHERE "juridique_procedure"."type" IN (%s)) AS "civi",
       COUNT(DISTINCT "juridique_procedure_personnes"."personne_id") FILTER (
                                                                             WHERE "juridique_procedure"."type" IN (%s)) AS "sarvi",
       COUNT(DISTINCT "juridique_procedure_personnes"."personne_id") FILTER (
                                                                             WHERE "juridique_procedure"."type" IN (%s)) AS "indemnisation_autre",
       COUNT(DISTINCT "juridique_procedure_personnes"."personne_id") FILTER (
                                                                             WHERE "juridique_procedure"."type" IN (%s)) AS "asile_personnes"
FROM "juridique_procedure_personnes"
INNER JOIN "juridique_procedure" ON ("juridique_procedure_personnes"."procedure_id" = "juridique_procedure"."id")
WHERE ("juridique_procedure"."date_ouverture" <= %s
       AND ("juridique_procedure"."date_cloture" IS NULL
            OR "juridique_procedure"."date_cloture" >= %s));

SELECT COUNT("juridique_procedure_personnes"."personne_id") FILTER (
                                                                    WHERE "juridique_etape"."type" = %s) AS "plaintes_personnes",
       COUNT(DISTINCT "juridique_etape"."id") FILTER (
                                                      WHERE "juridique_etape"."type" IN (%s)) AS "pcpc",
       COUNT(DISTINCT "juridique_etape"."id") FILTER (
                                                      WHERE ("juridique_procedure"."type" = %s
                                                             AND "juridique_etape"."type" = %s)) AS "audiences_1re_instance",
       COUNT(DISTINCT "juridique_etape"."id") FILTER (
                                                      WHERE ("juridique_procedure"."type" = %s
                                                             AND "juridique_etape"."type" = %s)) AS "audiences_appel",
       COUNT(DISTINCT "juridique_etape"."id") FILTER (
                                                      WHERE ("juridique_procedure"."type" = %s
                                                             AND "juridique_etape"."type" IN (%s, ...))) AS "saisines_cph",
       COUNT(DISTINCT "juridique_etape"."id") FILTER (
                                                      WHERE "juridique_etape"."type" IN (%s)) AS "audiences_cnda"
FROM "juridique_etape"
INNER JOIN "juridique_procedure" ON ("juridique_etape"."procedure_id" = "juridique_procedure"."id")
LEFT OUTER JOIN "juridique_procedure_personnes" ON ("juridique_procedure"."id" = "juridique_procedure_personnes"."procedure_id")
WHERE ("juridique_etape"."date" >= %s
       AND "juridique_etape"."date" <= %s);

SELECT "juridique_procedure_personnes"."personne_id" AS "personne_id",

  (SELECT CASE
              WHEN NOT ("U0"."stade_apres" = %s) THEN "U0"."stade_apres"
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              WHEN ("U0"."type" = %s) THEN %s
              ELSE %s
          END AS "stade"
   FROM "juridique_etape" "U0"
   WHERE (("U0"."type" IN (%s, ...)
           OR NOT ("U0"."stade_apres" = %s))
          AND "U0"."date" <= %s
          AND "U0"."procedure_id" = ("juridique_procedure_personnes"."procedure_id"))
   ORDER BY "U0"."date" DESC,
            "U0"."id" DESC
   LIMIT 1) AS "stade"
FROM "juridique_procedure_personnes"
INNER JOIN "juridique_procedure" ON ("juridique_procedure_personnes"."procedure_id" = "juridique_procedure"."id")
WHERE ("juridique_procedure"."date_ouverture" <= %s
       AND ("juridique_procedure"."date_cloture" IS NULL
            OR "juridique_procedure"."date_cloture" >= %s)
       AND "juridique_procedure"."type" = %s);

SELECT COUNT(DISTINCT "juridique_procedure"."affaire_id") FILTER (
                                                                  WHERE "juridique_decision"."nature" = %s) AS "condamnations_traite",
       COUNT(DISTINCT "juridique_procedure"."affaire_id") FILTER (
                                                                  WHERE ("juridique_decision"."nature" = %s
                                                                         AND "juridique_decision"."definitive" = %s)) AS "condamnations_traite_definitives",
       COUNT(DISTINCT "juridique_decision"."id") FILTER (
                                                         WHERE ("juridique_decision"."niveau" = %s
                                                                AND "juridique_procedure"."type" = %s)) AS "cph_1re_instance",
       COUNT(DISTINCT "juridique_procedure_personnes"."personne_id") FILTER (
                                                                             WHERE ("juridique_procedure"."type" = %s
                                                                                    AND "juridique_decision"."nature" = %s)) AS "protections_subsidiaires",
       COUNT(DISTINCT "juridique_procedure_personnes"."personne_id") FILTER (
                                                                             WHERE ("juridique_procedure"."type" = %s
                                                                                    AND "juridique_decision"."nature" = %s)) AS "statuts_refugie"
FROM "juridique_decision"
INNER JOIN "juridique_procedure" ON ("juridique_decision"."procedure_id" = "juridique_procedure"."id")
LEFT OUTER JOIN "juridique_procedure_personnes" ON ("juridique_procedure"."id" = "juridique_procedure_personnes"."procedure_id")
WHERE ("juridique_decision"."date" >= %s
       AND "juridique_decision"."date" <= %s);

SELECT COUNT("juridique_procedure"."id") FILTER (
                                                 WHERE ("juridique_procedure"."date_ouverture" <= %s
                                                        AND ("juridique_procedure"."date_cloture" IS NULL
                                                             OR "juridique_procedure"."date_cloture" >= %s)
                                                        AND "juridique_procedure"."type" = %s
                                                        AND (EXISTS
                                                               (SELECT %s AS "a"
                                                                FROM "juridique_etape" "U0"
                                                                WHERE ("U0"."date" <= %s
                                                                       AND "U0"."procedure_id" = ("juridique_procedure"."id")
                                                                       AND "U0"."type" IN (%s, ...))
                                                                LIMIT 1)
                                                             OR "juridique_procedure"."date_saisine" <= %s)
                                                        AND NOT EXISTS
                                                          (SELECT %s AS "a"
                                                           FROM "juridique_decision" "U0"
                                                           WHERE ("U0"."date" < %s
                                                                  AND "U0"."niveau" = %s
                                                                  AND "U0"."procedure_id" = ("juridique_procedure"."id"))
                                                           LIMIT 1))) AS "cph_1re_instance",
       COUNT(DISTINCT "juridique_procedure"."affaire_id") FILTER (
                                                                  WHERE ("juridique_procedure"."inspection_travail" = %s
                                                                         AND "juridique_procedure"."date_ouverture" >= %s
                                                                         AND "juridique_procedure"."date_ouverture" <= %s)) AS "inspection_travail"
FROM "juridique_procedure"
WHERE "juridique_procedure"."date_ouverture" <= %s;

SELECT COUNT(*)
FROM
  (SELECT "juridique_procedure_personnes"."personne_id" AS "personne_id"
   FROM "juridique_procedure_personnes"
   INNER JOIN "juridique_procedure" ON ("juridique_procedure_personnes"."procedure_id" = "juridique_procedure"."id")
   WHERE ("juridique_procedure"."date_ouverture" <= %s
          AND ("juridique_procedure"."date_cloture" IS NULL
               OR "juridique_procedure"."date_cloture" >= %s)
          AND "juridique_procedure"."type" = %s)
   UNION SELECT "juridique_titresejour"."personne_id" AS "personne_id"
   FROM "juridique_titresejour"
   WHERE (("juridique_titresejour"."date_demande" <= %s
           AND ("juridique_titresejour"."date_decision" IS NULL
                OR "juridique_titresejour"."date_decision" >= %s)
           AND NOT ("juridique_titresejour"."issue" = %s))
          OR ("juridique_titresejour"."date_decision" <= %s
              AND "juridique_titresejour"."issue" = %s
              AND ("juridique_titresejour"."date_fin_validite" IS NULL
                   OR "juridique_titresejour"."date_fin_validite" >= %s)))) subquery;

SELECT COUNT(DISTINCT "juridique_titresejour"."personne_id") FILTER (
                                                                     WHERE ("juridique_titresejour"."premier" = %s
                                                                            AND "juridique_titresejour"."type" = %s
                                                                            AND "juridique_titresejour"."issue" = %s
                                                                            AND "juridique_titresejour"."date_decision" >= %s
                                                                            AND "juridique_titresejour"."date_decision" <= %s)) AS "l425_premier",
       COUNT(DISTINCT "juridique_titresejour"."personne_id") FILTER (
                                                                     WHERE ("juridique_titresejour"."type" = %s
                                                                            AND "juridique_titresejour"."date_decision" <= %s
                                                                            AND "juridique_titresejour"."issue" = %s
                                                                            AND ("juridique_titresejour"."date_fin_validite" IS NULL
                                                                                 OR "juridique_titresejour"."date_fin_validite" >= %s)
                                                                            AND "juridique_titresejour"."personne_id" IN
                                                                              (SELECT "U0"."personne_id" AS "personne_id"
                                                                               FROM "juridique_titresejour" "U0"
                                                                               WHERE ("U0"."date_decision" < %s
                                                                                      AND "U0"."issue" = %s
                                                                                      AND "U0"."type" = %s)))) AS "l425_hors_premier",
       COUNT(DISTINCT "juridique_titresejour"."personne_id") FILTER (
                                                                     WHERE ("juridique_titresejour"."type" = %s
                                                                            AND "juridique_titresejour"."date_decision" <= %s
                                                                            AND "juridique_titresejour"."issue" = %s
                                                                            AND ("juridique_titresejour"."date_fin_validite" IS NULL
                                                                                 OR "juridique_titresejour"."date_fin_validite" >= %s))) AS "l423_3",
       COUNT(DISTINCT "juridique_titresejour"."personne_id") FILTER (
                                                                     WHERE ("juridique_titresejour"."date_demande" <= %s
                                                                            AND "juridique_titresejour"."type" = %s
                                                                            AND ("juridique_titresejour"."date_decision" IS NULL
                                                                                 OR "juridique_titresejour"."date_decision" > %s)
                                                                            AND NOT ("juridique_titresejour"."issue" = %s))) AS "l423_3_en_cours",
       COUNT(DISTINCT "juridique_titresejour"."personne_id") FILTER (
                                                                     WHERE ("juridique_titresejour"."type" IN (%s, ...)
                                                                            AND "juridique_titresejour"."date_decision" <= %s
                                                                            AND "juridique_titresejour"."issue" = %s
                                                                            AND ("juridique_titresejour"."date_fin_validite" IS NULL
                                                                                 OR "juridique_titresejour"."date_fin_validite" >= %s))) AS "autres",
       COUNT(DISTINCT "juridique_titresejour"."personne_id") FILTER (
                                                                     WHERE ("juridique_titresejour"."premier" = %s
                                                                            AND "juridique_titresejour"."type" IN (%s, ...)
                                                                            AND "juridique_titresejour"."issue" = %s
                                                                            AND "juridique_titresejour"."date_decision" >= %s
                                                                            AND "juridique_titresejour"."date_decision" <= %s)) AS "autres_premiers",
       COUNT(DISTINCT "juridique_titresejour"."personne_id") FILTER (
                                                                     WHERE ("juridique_titresejour"."date_demande" <= %s
                                                                            AND "juridique_titresejour"."premier" = %s
                                                                            AND NOT ("juridique_titresejour"."type" = %s)
                                                                            AND ("juridique_titresejour"."date_decision" IS NULL
                                                                                 OR "juridique_titresejour"."date_decision" > %s)
                                                                            AND NOT ("juridique_titresejour"."issue" = %s))) AS "attente_long"
FROM "juridique_titresejour"
WHERE (("juridique_titresejour"."date_demande" <= %s
        AND ("juridique_titresejour"."date_decision" IS NULL
             OR "juridique_titresejour"."date_decision" >= %s)
        AND NOT ("juridique_titresejour"."issue" = %s))
       OR ("juridique_titresejour"."date_decision" <= %s
           AND "juridique_titresejour"."issue" = %s
           AND ("juridique_titresejour"."date_fin_validite" IS NULL
                OR "juridique_titresejour"."date_fin_validite" >= %s))
       OR ("juridique_titresejour"."issue" = %s
           AND "juridique_titresejour"."date_decision" >= %s
           AND "juridique_titresejour"."date_decision" <= %s));

SELECT COUNT(DISTINCT "__col1") FILTER (
                                        WHERE (("__col2" IS NULL
                                                OR "__col2" > %s)
                                               AND "decidee" = %s
                                               AND "stade" = %s))
FROM
  (SELECT
     (SELECT CASE
                 WHEN NOT ("U0"."stade_apres" = %s) THEN "U0"."stade_apres"
                 WHEN ("U0"."type" = %s) THEN %s
                 WHEN ("U0"."type" = %s) THEN %s
                 WHEN ("U0"."type" = %s) THEN %s
                 WHEN ("U0"."type" = %s) THEN %s
                 WHEN ("U0"."type" = %s) THEN %s
                 WHEN ("U0"."type" = %s) THEN %s
                 WHEN ("U0"."type" = %s) THEN %s
                 ELSE %s
             END AS "stade"
      FROM "juridique_etape" "U0"
      WHERE (("U0"."type" IN (%s, ...)
              OR NOT ("U0"."stade_apres" = %s))
             AND "U0"."date" <= %s
             AND "U0"."procedure_id" = ("juridique_procedure_personnes"."procedure_id"))
      ORDER BY "U0"."date" DESC,
               "U0"."id" DESC
      LIMIT 1) AS "stade",
          EXISTS
     (SELECT %s AS "a"
      FROM "juridique_decision" "U0"
      WHERE ("U0"."date" <= %s
             AND "U0"."procedure_id" = ("juridique_procedure_personnes"."procedure_id"))
      LIMIT 1) AS "decidee",
          "juridique_procedure_personnes"."personne_id" AS "__col1",
          "juridique_procedure"."date_cloture" AS "__col2"
   FROM "juridique_procedure_personnes"
   INNER JOIN "juridique_procedure" ON ("juridique_procedure_personnes"."procedure_id" = "juridique_procedure"."id")
   WHERE ("juridique_procedure"."date_ouverture" <= %s
          AND ("juridique_procedure"."date_cloture" IS NULL
               OR "juridique_procedure"."date_cloture" >= %s)
          AND "juridique_procedure"."type" = %s)) subquery;
