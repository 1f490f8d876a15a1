"""Reference tables shared by the apps: French départements, Île-de-France, world regions."""

from django.utils.translation import gettext_lazy as _

DEPARTEMENTS = {
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes", "09": "Ariège", "10": "Aube", "11": "Aude",
    "12": "Aveyron", "13": "Bouches-du-Rhône", "14": "Calvados", "15": "Cantal", "16": "Charente",
    "17": "Charente-Maritime", "18": "Cher", "19": "Corrèze", "2A": "Corse-du-Sud", "2B": "Haute-Corse",
    "21": "Côte-d'Or", "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne", "25": "Doubs", "26": "Drôme",
    "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard", "31": "Haute-Garonne", "32": "Gers",
    "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine", "36": "Indre", "37": "Indre-et-Loire",
    "38": "Isère", "39": "Jura", "40": "Landes", "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire",
    "44": "Loire-Atlantique", "45": "Loiret", "46": "Lot", "47": "Lot-et-Garonne", "48": "Lozère",
    "49": "Maine-et-Loire", "50": "Manche", "51": "Marne", "52": "Haute-Marne", "53": "Mayenne",
    "54": "Meurthe-et-Moselle", "55": "Meuse", "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord",
    "60": "Oise", "61": "Orne", "62": "Pas-de-Calais", "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales", "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône",
    "70": "Haute-Saône", "71": "Saône-et-Loire", "72": "Sarthe", "73": "Savoie", "74": "Haute-Savoie",
    "75": "Paris", "76": "Seine-Maritime", "77": "Seine-et-Marne", "78": "Yvelines", "79": "Deux-Sèvres",
    "80": "Somme", "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var", "84": "Vaucluse", "85": "Vendée",
    "86": "Vienne", "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne", "90": "Territoire de Belfort",
    "91": "Essonne", "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis", "94": "Val-de-Marne", "95": "Val-d'Oise",
    "971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "976": "Mayotte",
}  # fmt: skip
DEPARTEMENT_CHOICES = [(code, f"{code} – {nom}") for code, nom in DEPARTEMENTS.items()]
ILE_DE_FRANCE = {"75", "77", "78", "91", "92", "93", "94", "95"}

# Regions of origin used by the report (B5). ISO 3166-1 alpha-2 codes.
CARAIBES_AMERIQUE_LATINE = {
    "AG", "AR", "BB", "BO", "BR", "BS", "BZ", "CL", "CO", "CR", "CU", "DM", "DO", "EC", "GD", "GT", "GY",
    "HN", "HT", "JM", "KN", "LC", "MX", "NI", "PA", "PE", "PY", "SR", "SV", "TT", "UY", "VC", "VE",
}  # fmt: skip
MAGHREB = {"DZ", "LY", "MA", "MR", "TN"}
REGIONS = {
    "caraibes_amlat": (_("Caribbean & Latin America"), CARAIBES_AMERIQUE_LATINE),
    "maghreb": (_("Maghreb"), MAGHREB),
}

# Regions of the world (national survey's per-victim file, UN M49 continents), the two regions
# above kept as they are. Every country of django-countries is in exactly one set (a test walks them).
UNION_EUROPEENNE = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
}  # fmt: skip
EUROPE_HORS_UE = {
    "AD", "AL", "AX", "BA", "BY", "CH", "FO", "GB", "GG", "GI", "IM", "IS", "JE", "LI", "MC", "MD", "ME", "MK",
    "NO", "RS", "RU", "SJ", "SM", "UA", "VA",
}  # fmt: skip
AFRIQUE_HORS_MAGHREB = {
    "AO", "BF", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DJ", "EG", "EH", "ER", "ET", "GA", "GH",
    "GM", "GN", "GQ", "GW", "IO", "KE", "KM", "LR", "LS", "MG", "ML", "MU", "MW", "MZ", "NA", "NE", "NG", "RE",
    "RW", "SC", "SD", "SH", "SL", "SN", "SO", "SS", "ST", "SZ", "TD", "TG", "TZ", "UG", "YT", "ZA", "ZM", "ZW",
}  # fmt: skip
ASIE = {
    "AE", "AF", "AM", "AZ", "BD", "BH", "BN", "BT", "CC", "CN", "CX", "GE", "HK", "ID", "IL", "IN", "IQ", "IR",
    "JO", "JP", "KG", "KH", "KP", "KR", "KW", "KZ", "LA", "LB", "LK", "MM", "MN", "MO", "MV", "MY", "NP", "OM",
    "PH", "PK", "PS", "QA", "SA", "SG", "SY", "TH", "TJ", "TL", "TM", "TR", "TW", "UZ", "VN", "YE",
}  # fmt: skip
AMERIQUE_DU_NORD = {"BM", "CA", "GL", "PM", "US"}
CARAIBES_AUTRES = {
    "AI", "AW", "BL", "BQ", "CW", "FK", "GF", "GP", "KY", "MF", "MQ", "MS", "PR", "SX", "TC", "VG", "VI",
}  # fmt: skip
OCEANIE = {
    "AS", "AU", "CK", "FJ", "FM", "GU", "KI", "MH", "MP", "NC", "NF", "NR", "NU", "NZ", "PF", "PG", "PN", "PW",
    "SB", "TK", "TO", "TV", "UM", "VU", "WF", "WS",
}  # fmt: skip
TERRES_INHABITEES = {"AQ", "BV", "GS", "HM", "TF"}
REGIONS_MONDE = {
    "union_europeenne": (_("European Union"), UNION_EUROPEENNE),
    "europe_hors_ue": (_("Europe outside the EU"), EUROPE_HORS_UE),
    "maghreb": REGIONS["maghreb"],
    "afrique_hors_maghreb": (_("Africa outside the Maghreb"), AFRIQUE_HORS_MAGHREB),
    "asie": (_("Asia and the Middle East"), ASIE),
    "amerique_du_nord": (_("North America"), AMERIQUE_DU_NORD),
    "caraibes_amlat": (REGIONS["caraibes_amlat"][0], CARAIBES_AMERIQUE_LATINE | CARAIBES_AUTRES),
    "oceanie": (_("Oceania"), OCEANIE),
    "autre": (_("Uninhabited territories"), TERRES_INHABITEES),
}
REGION_DU_PAYS = {code: region for region, (_libelle, codes) in REGIONS_MONDE.items() for code in codes}


def region_monde(pays: str) -> str:
    """The world region of an ISO 3166-1 alpha-2 code; "inconnu" when the country is not recorded."""
    return REGION_DU_PAYS.get(str(pays or ""), "inconnu")
