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

# Regions of the world (UN M49 "regions"), ISO 3166-1 alpha-2 codes: the coarse grouping of a
# nationality when a finer one would single a person out (the CTDC file's k-anonymity, survey).
REGIONS_MONDE = {
    "afrique": (_("Africa"), {
        "DZ", "EG", "EH", "LY", "MA", "SD", "TN",
        "BI", "DJ", "ER", "ET", "IO", "KE", "KM", "MG", "MU", "MW", "MZ", "RE", "RW", "SC", "SO", "SS", "TF",
        "TZ", "UG", "YT", "ZM", "ZW",
        "AO", "CD", "CF", "CG", "CM", "GA", "GQ", "ST", "TD",
        "BW", "LS", "NA", "SZ", "ZA",
        "BF", "BJ", "CI", "CV", "GH", "GM", "GN", "GW", "LR", "ML", "MR", "NE", "NG", "SH", "SL", "SN", "TG",
    }),
    "ameriques": (_("Americas"), CARAIBES_AMERIQUE_LATINE | {
        "AI", "AW", "BQ", "CW", "GP", "KY", "MF", "MQ", "MS", "PR", "BL", "SX", "TC", "VG", "VI",
        "BV", "FK", "GF", "GS",
        "BM", "CA", "GL", "PM", "US",
    }),
    "asie": (_("Asia"), {
        "KG", "KZ", "TJ", "TM", "UZ",
        "CN", "HK", "JP", "KP", "KR", "MN", "MO", "TW",
        "BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN",
        "AF", "BD", "BT", "IN", "IR", "LK", "MV", "NP", "PK",
        "AE", "AM", "AZ", "BH", "CY", "GE", "IL", "IQ", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR",
        "YE",
    }),
    "europe": (_("Europe"), {
        "BG", "BY", "CZ", "HU", "MD", "PL", "RO", "RU", "SK", "UA",
        "AX", "DK", "EE", "FI", "FO", "GB", "GG", "IE", "IM", "IS", "JE", "LT", "LV", "NO", "SE", "SJ",
        "AD", "AL", "BA", "ES", "GI", "GR", "HR", "IT", "ME", "MK", "MT", "PT", "RS", "SI", "SM", "VA",
        "AT", "BE", "CH", "DE", "FR", "LI", "LU", "MC", "NL",
    }),
    "oceanie": (_("Oceania"), {
        "AU", "CC", "CX", "HM", "NF", "NZ",
        "FJ", "NC", "PG", "SB", "VU",
        "FM", "GU", "KI", "MH", "MP", "NR", "PW", "UM",
        "AS", "CK", "NU", "PF", "PN", "TK", "TO", "TV", "WF", "WS",
    }),
}  # fmt: skip


def region_monde(code_pays: str) -> str:
    """The key of REGIONS_MONDE holding the country, "" when unknown (Antarctica, blank)."""
    return next((cle for cle, (_libelle, pays) in REGIONS_MONDE.items() if code_pays in pays), "")
