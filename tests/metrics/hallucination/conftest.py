"""Shared helpers of the hallucination tests: a stand-in lexicon, its matcher, labelled cases."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from evalkit.lexicon.matcher import Matcher
from evalkit.lexicon.model import Lexicon, LexiconEntry
from evalkit.metrics.hallucination import (
    hallucination_flags,
)

CASES_PATH = Path(__file__).resolve().parents[2] / "labelled" / "hallucination_cases.jsonl"


# A small general-practice lexicon so these tests do not depend on the shipped
# lexicon files (the labelled-set figures with the shipped lexicon are in the
# report). Rows: term | concept_id | category.
_STANDIN_ROWS = {
    "da": """
feber|sym:fever|symptom
febril|sym:fever|symptom
hoste|sym:cough|symptom
snue|sym:rhinorrhoea|symptom
ondt i halsen|sym:sore_throat|symptom
halssmerter|sym:sore_throat|symptom
synkebesvær|sym:dysphagia|symptom
brystsmerter|sym:chest_pain|symptom
åndenød|sym:dyspnoea|symptom
kvalme|sym:nausea|symptom
opkastning|sym:vomiting|symptom
kastet op|sym:vomiting|symptom
kaste op|sym:vomiting|symptom
diarré|sym:diarrhoea|symptom
hovedpine|sym:headache|symptom
smerter|sym:pain|symptom
smerte|sym:pain|symptom
ondt|sym:pain|symptom
ondt i maven|sym:abdominal_pain|symptom
mavesmerter|sym:abdominal_pain|symptom
blod i afføringen|sym:haematochezia|symptom
tørst|sym:thirst|symptom
vægttab|sym:weight_loss|symptom
hævelse|find:swelling|finding
ømhed|find:tenderness|finding
vesikulær respiration|find:vesicular_breathing|finding
synsforstyrrelser|sym:visual_disturbance|symptom
lændesmerter|sym:low_back_pain|symptom
halsbetændelse|dx:pharyngitis|diagnosis
pneumoni|dx:pneumonia|diagnosis
lungebetændelse|dx:pneumonia|diagnosis
luftvejsinfektion|dx:respiratory_infection|diagnosis
diabetes mellitus|dx:diabetes|diagnosis
diabetes|dx:diabetes|diagnosis
type 2-diabetes|dx:diabetes_type_2|diagnosis
hypertension|dx:hypertension|diagnosis
cystitis|dx:cystitis|diagnosis
KOL|dx:copd|diagnosis
kronisk obstruktiv lungesygdom|dx:copd|diagnosis
paracetamol|med:paracetamol|medication
Pamol|med:paracetamol|medication
Panodil|med:paracetamol|medication
ibuprofen|med:ibuprofen|medication
Ipren|med:ibuprofen|medication
diclofenac|med:diclofenac|medication
amoxicillin|med:amoxicillin|medication
metformin|med:metformin|medication
amlodipin|med:amlodipine|medication
Selexid|med:pivmecillinam|medication
Spiriva|med:tiotropium|medication
antibiotika|med:antibiotic|medication
blodtryk|vital:blood_pressure|vital
BT|vital:blood_pressure|vital
temp|vital:temperature|vital
temperatur|vital:temperature|vital
puls|vital:pulse|vital
knæ|anat:knee|anatomy
skulder|anat:shoulder|anatomy
trommehinde|anat:tympanic_membrane|anatomy
abdomen|anat:abdomen|anatomy
mave|anat:abdomen|anatomy
lunger|anat:lung|anatomy
""",
    "en": """
fever|sym:fever|symptom
cough|sym:cough|symptom
sore throat|sym:sore_throat|symptom
chest pain|sym:chest_pain|symptom
shortness of breath|sym:dyspnoea|symptom
night sweats|sym:night_sweats|symptom
weight loss|sym:weight_loss|symptom
headache|sym:headache|symptom
fatigue|sym:fatigue|symptom
joint pain|sym:arthralgia|symptom
pain|sym:pain|symptom
abdominal pain|sym:abdominal_pain|symptom
back pain|sym:back_pain|symptom
knee pain|sym:knee_pain|symptom
swelling|find:swelling|finding
tenderness|find:tenderness|finding
crackles|find:crackles|finding
rash|find:rash|finding
smoking|find:smoking|finding
hypertension|dx:hypertension|diagnosis
atrial fibrillation|dx:atrial_fibrillation|diagnosis
asthma|dx:asthma|diagnosis
migraine|dx:migraine|diagnosis
tension-type headache|dx:tension_headache|diagnosis
rheumatoid arthritis|dx:rheumatoid_arthritis|diagnosis
paracetamol|med:paracetamol|medication
acetaminophen|med:paracetamol|medication
amoxicillin|med:amoxicillin|medication
lisinopril|med:lisinopril|medication
losartan|med:losartan|medication
apixaban|med:apixaban|medication
salbutamol|med:salbutamol|medication
metformin|med:metformin|medication
ibuprofen|med:ibuprofen|medication
blood pressure|vital:blood_pressure|vital
BP|vital:blood_pressure|vital
heart rate|vital:pulse|vital
temperature|vital:temperature|vital
temp|vital:temperature|vital
knee|anat:knee|anatomy
ankle|anat:ankle|anatomy
lung|anat:lung|anatomy
chest|anat:chest|anatomy
""",
}


@functools.lru_cache(maxsize=2)
def standin_matcher(language: str) -> Matcher:
    """A matcher over the stand-in lexicon above (built once per language)."""
    entries = []
    for line in _STANDIN_ROWS[language].strip().splitlines():
        term, concept, category = line.split("|")
        entries.append(LexiconEntry(term, concept, category, language, "test-standin"))
    return Matcher(Lexicon(entries, version=f"standin-{language}"), language=language)


def _flags(
    final: str,
    draft: str,
    *,
    transcript: str | None = None,
    language: str = "da",
    lexicon: bool = True,
) -> list[dict]:
    matcher = standin_matcher(language) if lexicon else None
    return hallucination_flags(
        final, draft, transcript=transcript, language=language, matcher=matcher
    )


def _load_cases() -> list[dict]:
    return [
        json.loads(line)
        for line in CASES_PATH.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


TRANSCRIPT_DA = (
    "Læge: Hvor høj har feberen været?\nPatient: I morges var den otteogtredive komma fem.\n"
    "Læge: Hoster du?\nPatient: Nej.\nMor: Hun har haft ondt i halsen siden mandag."
)
