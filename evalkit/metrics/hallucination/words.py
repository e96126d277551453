"""Word lists of the hallucination checks, Danish and English.

Most tables are used for either language (a Danish note may quote English);
the stop words and negation cues are per language.
"""

from __future__ import annotations

import re

STOPWORDS = {
    "da": set(
        """af alle alt andre at blev bliver blive da de dem den denne der deres det dette dig
        din dine disse du efter eller en end er et for fra før godt han hans har havde have hende
        hendes her hos hun hvad hvis hvor hvordan hvornår hvorfor i ikke ind jeg jer jo kan kunne
        lidt man mange med meget men mere mig min mine mit mod må nogen noget nok nu når og også om
        op os over på sig sin sine sit skal skulle som så sådan til ud under var vi vil ville været
        være ved vores lige bare også pt pt. patient patienten patientens pat oplyser fortæller
        angiver siger beskriver har haft får fik går gik kommer kom nogle ingen ses tager lidt
        ja nej øh øhm okay ok mm mhm altså så godt fint hej tak""".split()
    ),
    "en": set(
        """a about above after again all also am an and any are as at be been before being
        but by can could did do does doing done for from had has have having he her here hers him
        his how i if in into is it its itself just me more most my no nor not now of off on once
        only or other our out over own same she should so some such than that the their them then
        there these they this those through to too under until up very was we were what when where
        which while who whom why will with would you your patient patients pt reports states says
        notes describes presents today uh um okay ok yeah yes mm hmm right-away so well like
        thing things going get got know think really also just sure alright great good""".split()
    ),
}
NEGATION_CUES = {
    "da": {
        "ikke",
        "ingen",
        "intet",
        "uden",
        "aldrig",
        "benægter",
        "benægtes",
        "afkræfter",
        "negativ",
        "negative",
        "nej",
        "hverken",
        "u.a",
        "ua",
    },
    "en": {
        "no",
        "not",
        "denies",
        "denied",
        "deny",
        "without",
        "never",
        "negative",
        "none",
        "neither",
        "nor",
        "absent",
        "free",
        # contractions split at the apostrophe: "don't" -> "don", "t"
        "don",
        "didn",
        "doesn",
        "haven",
        "hasn",
        "hadn",
        "isn",
        "wasn",
        "aren",
        "weren",
        "couldn",
        "wouldn",
        "shouldn",
        "cannot",
    },
}
NORMAL_CUES = {"normal", "normalt", "normale", "upåfaldende", "unremarkable", "ua", "u.a"}
POST_NEGATION = {"ikke", "ej"}
NO_REMARKS = {"anmærkning", "anmærkninger", "bemærkninger", "bemærkning"}
NEG_ANSWER = {"nej", "no", "nope", "nah", "never", "aldrig", "ikke", "nix", "not"}
POS_ANSWER = {"ja", "yes", "yeah", "yep", "jo", "jeps", "correct", "absolutely", "definitely"}
SIDES = {
    "højre": "R",
    "højresidig": "R",
    "højresidige": "R",
    "hø": "R",
    "dxt": "R",
    "dext": "R",
    "dexter": "R",
    "dextra": "R",
    "venstre": "L",
    "venstresidig": "L",
    "venstresidige": "L",
    "ve": "L",
    "sin": "L",
    "sinister": "L",
    "sinistra": "L",
    "bilateral": "B",
    "bilaterale": "B",
    "bilateralt": "B",
    "dobbeltsidig": "B",
    "dobbeltsidige": "B",
    "right": "R",
    "left": "L",
    "bilaterally": "B",
}
AMBIGUOUS_SIDES = {"right", "left", "sin", "hø", "ve"}
INTENSITY = {
    "let": 1,
    "lette": 1,
    "lettere": 1,
    "mild": 1,
    "milde": 1,
    "svag": 1,
    "svage": 1,
    "beskeden": 1,
    "beskedne": 1,
    "moderat": 2,
    "moderate": 2,
    "middelsvær": 2,
    "middelsvære": 2,
    "svær": 3,
    "svære": 3,
    "kraftig": 3,
    "kraftige": 3,
    "voldsom": 3,
    "voldsomme": 3,
    "intens": 3,
    "intense": 3,
    "stærk": 3,
    "stærke": 3,
    "betydelig": 3,
    "betydelige": 3,
    "udtalt": 3,
    "udtalte": 3,
    "markant": 3,
    "markante": 3,
    "marked": 3,
    "slight": 1,
    "slightly": 1,
    "minor": 1,
    "mildly": 1,
    "moderately": 2,
    "severe": 3,
    "severely": 3,
    "extreme": 3,
    "excruciating": 3,
}
# evaluative words with a direction: "Sover godt" against "Sover dårligt",
# "well controlled" against "poorly controlled", "bedre" against "værre"
QUALITY = {
    **dict.fromkeys("god godt gode bedre bedret forbedret".split(), 1),
    **dict.fromkeys("dårlig dårligt dårlige skidt værre forværret".split(), -1),
    **dict.fromkeys("well good better improved improving".split(), 1),
    **dict.fromkeys("poorly badly bad poor worse worsened worsening deteriorating".split(), -1),
}
COPULAS = {"er", "var", "blevet", "is", "was", "are", "were", "been", "feels", "føles"}
WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]\.?)?")
STRIP_PUNCT = re.compile(r"[^\w%/°]+")
LANG_STEMMER = {"da": "danish", "en": "english"}

SUBORDINATORS = frozenset(
    "når hvis fordi mens efter før selvom da when if because while after before since".split()
)
LIST_WORDS = frozenset("or and nor og eller samt".split())
YOU = frozenset("you du dig".split())
OTHER_WORDS = frozenset("other else andre anden andet flere mere".split())
BUT_WORDS = frozenset("but men although though except bortset undtagen".split())
WH_WORDS = frozenset(
    """hvad hvor hvordan hvornår hvorfor hvilken hvilke hvilket hvem hvis how what
    where when why which who whose""".split()
)

ASSESSMENT_SECTIONS = frozenset(
    [
        "a",
        "vurdering",
        "vurd",
        "konklusion",
        "diagnose",
        "diagnoser",
        "diagnosis",
        "assessment",
        "impression",
    ]
)
EXAM_SECTIONS = frozenset(
    [
        "o",
        "obj",
        "objektivt",
        "objektiv",
        "undersøgelse",
        "fund",
        "exam",
        "examination",
        "physical exam",
        "physical examination",
        "results",
    ]
)

META_PREFIXES = tuple(
    """patient konsultation enig informer rådgiv råd instruer vejled aftal forløb spørgsmål
    samtale drøft orienter forklar opfordr anbefal consult agree inform advis advice counsel
    instruct discuss explain question reassur encourag recommend""".split()
)


NOT_DRUG_ENDINGS = ("es", "et", "ede", "ing", "ed", "ere", "ly")
DOSE_WORDS = frozenset(
    """dosis dose dosage døgndosis total maks max startdosis vedligeholdelsesdosis daglig
    dagligt daily tablet tabletter kapsler capsules styrke strength""".split()
)

SIDE_NOUNS = frozenset({"side", "hand"})
"""Stop words after an ambiguous side word that still make it a side ("right side")."""
SIDE_PREPOSITIONS = frozenset({"the", "på", "til", "mod"})
"""Words before an ambiguous side word that make it a side ("the right", "på hø")."""
INTENSITY_NOT_BEFORE = frozenset({"at", "ved"})
"""Words after an intensity word that show it grades nothing ("let at", "svært ved")."""
