"""Hand-labelled note pairs for the missing-terms metric, and how to score them.

``terms_cases.jsonl`` holds Danish and English pairs (``final_note``,
``ai_note``) with the terms a clinician would call omitted
(``expected_missing``: surface text in the final note plus polarity). Kinds:
``omission``, ``polarity`` (a negation added or dropped), ``unchanged`` and
``benign-*`` rewordings (synonym, abbreviation, inflection, word order,
compound, number format, negation phrasing) that must report nothing.

A predicted missing term counts as a hit when it overlaps the expected
term's span in the final note with the same polarity, so a lexicon that
matches ``Ømme lymfeknuder`` instead of ``lymfeknuder`` is not penalised.

``FIXTURE_TSV`` is a small lexicon that covers the cases' vocabulary, so the
matching method can be measured apart from the coverage of the shipped
lexicon files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from evalkit.lexicon.matcher import Matcher
from evalkit.lexicon.model import Lexicon, LexiconEntry
from evalkit.metrics.terms import score_terms
from evalkit.text.normalize import normalize_text

CASES_PATH = Path(__file__).resolve().parent / "terms_cases.jsonl"

FIXTURE_TSV = """\
hoste\tsym:cough\tsymptom\tda
feber\tsym:fever\tsymptom\tda
temp\tvital:temperature\tvital\tda
temperatur\tvital:temperature\tvital\tda
lunge\tanat:lung\tanatomy\tda
pulm\tanat:lung\tanatomy\tda
knitren\tfind:crackles\tfinding\tda
CRP\tlab:crp\tlab\tda
pneumoni\tdx:pneumonia\tdiagnosis\tda
lungebetændelse\tdx:pneumonia\tdiagnosis\tda
amoxicillin\tmed:amoxicillin\tmedication\tda
ondt i halsen\tsym:sore_throat\tsymptom\tda
halssmerter\tsym:sore_throat\tsymptom\tda
Pamol\tmed:paracetamol\tmedication\tda
Panodil\tmed:paracetamol\tmedication\tda
paracetamol\tmed:paracetamol\tmedication\tda
hovedpine\tsym:headache\tsymptom\tda
BT\tvital:blood_pressure\tvital\tda
blodtryk\tvital:blood_pressure\tvital\tda
KOL\tdx:copd\tdiagnosis\tda
kronisk obstruktiv lungesygdom\tdx:copd\tdiagnosis\tda
COPD\tdx:copd\tdiagnosis\tda
halsbetændelse\tdx:pharyngitis\tdiagnosis\tda
penicillin\tmed:penicillin\tmedication\tda
åndenød\tsym:dyspnoea\tsymptom\tda
dyspnø\tsym:dyspnoea\tsymptom\tda
Ipren\tmed:ibuprofen\tmedication\tda
ibuprofen\tmed:ibuprofen\tmedication\tda
cystitis\tdx:cystitis\tdiagnosis\tda
blærebetændelse\tdx:cystitis\tdiagnosis\tda
urinstix\tlab:urine_dipstick\tlab\tda
leukocytter\tlab:urine_leukocytes\tlab\tda
nitrit\tlab:urine_nitrite\tlab\tda
Selexid\tmed:pivmecillinam\tmedication\tda
pivmecillinam\tmed:pivmecillinam\tmedication\tda
smerte\tsym:pain\tsymptom\tda
lænd\tanat:lower_back\tanatomy\tda
trommehinde\tanat:eardrum\tanatomy\tda
tonsil\tanat:tonsil\tanatomy\tda
pus\tfind:pus\tfinding\tda
lymfeknude\tanat:lymph_node\tanatomy\tda
hals\tanat:neck\tanatomy\tda
Hjertemagnyl\tmed:acetylsalicylic_acid\tmedication\tda
acetylsalicylsyre\tmed:acetylsalicylic_acid\tmedication\tda
allergi\tdx:allergy\tdiagnosis\tda
erythromycin\tmed:erythromycin\tmedication\tda
cor\tanat:heart\tanatomy\tda
hjerte\tanat:heart\tanatomy\tda
abdomen\tanat:abdomen\tanatomy\tda
mave\tanat:abdomen\tanatomy\tda
kvalme\tsym:nausea\tsymptom\tda
puls\tvital:pulse\tvital\tda
p\tvital:pulse\tvital\tda
saturation\tvital:oxygen_saturation\tvital\tda
exacerbation\tfind:exacerbation\tfinding\tda
Spiriva\tmed:tiotropium\tmedication\tda
tiotropium\tmed:tiotropium\tmedication\tda
prednisolon\tmed:prednisolone\tmedication\tda
brystsmerter\tsym:chest_pain\tsymptom\tda
hjertebanken\tsym:palpitations\tsymptom\tda
opkastning\tsym:vomiting\tsymptom\tda
HbA1c\tlab:hba1c\tlab\tda
eGFR\tlab:egfr\tlab\tda
metformin\tmed:metformin\tmedication\tda
Ventoline\tmed:salbutamol\tmedication\tda
salbutamol\tmed:salbutamol\tmedication\tda
mavesmerter\tsym:abdominal_pain\tsymptom\tda
ondt i maven\tsym:abdominal_pain\tsymptom\tda
EKG\tproc:ecg\tprocedure\tda
sinusrytme\tfind:sinus_rhythm\tfinding\tda
ekkokardiografi\tproc:echocardiography\tprocedure\tda
hævelse\tfind:swelling\tfinding\tda
rødme\tfind:redness\tfinding\tda
knæ\tanat:knee\tanatomy\tda
urinsyregigt\tdx:gout\tdiagnosis\tda
podagra\tdx:gout\tdiagnosis\tda
forhøjet blodtryk\tdx:hypertension\tdiagnosis\tda
hypertension\tdx:hypertension\tdiagnosis\tda
amlodipin\tmed:amlodipine\tmedication\tda
svimmelhed\tsym:dizziness\tsymptom\tda
synkope\tsym:syncope\tsymptom\tda
cough\tsym:cough\tsymptom\ten
fever\tsym:fever\tsymptom\ten
lung\tanat:lung\tanatomy\ten
crackle\tfind:crackles\tfinding\ten
community-acquired pneumonia\tdx:pneumonia\tdiagnosis\ten
pneumonia\tdx:pneumonia\tdiagnosis\ten
amoxicillin\tmed:amoxicillin\tmedication\ten
headache\tsym:headache\tsymptom\ten
nausea\tsym:nausea\tsymptom\ten
hypertension\tdx:hypertension\tdiagnosis\ten
HTN\tdx:hypertension\tdiagnosis\ten
type 2 diabetes\tdx:type_2_diabetes\tdiagnosis\ten
diabetes mellitus type 2\tdx:type_2_diabetes\tdiagnosis\ten
metformin\tmed:metformin\tmedication\ten
lisinopril\tmed:lisinopril\tmedication\ten
chest pain\tsym:chest_pain\tsymptom\ten
shortness of breath\tsym:dyspnoea\tsymptom\ten
dyspnea\tsym:dyspnoea\tsymptom\ten
BP\tvital:blood_pressure\tvital\ten
blood pressure\tvital:blood_pressure\tvital\ten
HR\tvital:pulse\tvital\ten
heart rate\tvital:pulse\tvital\ten
acetaminophen\tmed:paracetamol\tmedication\ten
Tylenol\tmed:paracetamol\tmedication\ten
atorvastatin\tmed:atorvastatin\tmedication\ten
aspirin\tmed:acetylsalicylic_acid\tmedication\ten
CT angiogram\tproc:ct_angiography\tprocedure\ten
pulmonary embolism\tdx:pulmonary_embolism\tdiagnosis\ten
chest x-ray\tproc:chest_xray\tprocedure\ten
hemoglobin A1c\tlab:hba1c\tlab\ten
HbA1c\tlab:hba1c\tlab\ten
creatinine\tlab:creatinine\tlab\ten
knee\tanat:knee\tanatomy\ten
pain\tsym:pain\tsymptom\ten
tenderness\tfind:tenderness\tfinding\ten
lumbar spine\tanat:lumbar_spine\tanatomy\ten
swelling\tfind:swelling\tfinding\ten
temperature\tvital:temperature\tvital\ten
sore throat\tsym:sore_throat\tsymptom\ten
dizziness\tsym:dizziness\tsymptom\ten
fatigue\tsym:fatigue\tsymptom\ten
COPD\tdx:copd\tdiagnosis\ten
chronic obstructive pulmonary disease\tdx:copd\tdiagnosis\ten
allergy\tdx:allergy\tdiagnosis\ten
penicillin\tmed:penicillin\tmedication\ten
otitis media\tdx:otitis_media\tdiagnosis\ten
acute otitis media\tdx:otitis_media\tdiagnosis\ten
asthma\tdx:asthma\tdiagnosis\ten
wheezing\tfind:wheezing\tfinding\ten
amlodipine\tmed:amlodipine\tmedication\ten
vomiting\tsym:vomiting\tsymptom\ten
diarrhea\tsym:diarrhoea\tsymptom\ten
blood in stool\tfind:blood_in_stool\tfinding\ten
trykken for brystet\tsym:chest_pressure\tsymptom\tda
bryst\tanat:chest\tanatomy\tda
ryg\tanat:back\tanatomy\tda
ST-forandring\tfind:st_changes\tfinding\tda
angina pectoris\tdx:angina_pectoris\tdiagnosis\tda
Nitroglycerin\tmed:glyceryl_trinitrate\tmedication\tda
type 2-diabetes\tdx:type_2_diabetes\tdiagnosis\tda
type 2 diabetes\tdx:type_2_diabetes\tdiagnosis\tda
otoskopi\tproc:otoscopy\tprocedure\tda
mellemørebetændelse\tdx:otitis_media\tdiagnosis\tda
akut mellemørebetændelse\tdx:otitis_media\tdiagnosis\tda
dysuri\tsym:dysuria\tsymptom\tda
hæmaturi\tfind:haematuria\tfinding\tda
astma\tdx:asthma\tdiagnosis\tda
Flixotide\tmed:fluticasone\tmedication\tda
udslæt\tfind:rash\tfinding\tda
underben\tanat:lower_leg\tanatomy\tda
ben\tanat:leg\tanatomy\tda
kløe\tsym:itch\tsymptom\tda
hydrokortison\tmed:hydrocortisone\tmedication\tda
svimmel\tsym:dizziness\tsymptom\tda
træt\tsym:fatigue\tsymptom\tda
Hgb\tlab:haemoglobin\tlab\tda
ferritin\tlab:ferritin\tlab\tda
jerntilskud\tmed:iron\tmedication\tda
ødem\tfind:oedema\tfinding\tda
ankel\tanat:ankle\tanatomy\tda
low back pain\tsym:low_back_pain\tsymptom\ten
numbness\tsym:numbness\tsymptom\ten
weakness\tsym:weakness\tsymptom\ten
leg\tanat:leg\tanatomy\ten
ibuprofen\tmed:ibuprofen\tmedication\ten
physical therapy\tproc:physiotherapy\tprocedure\ten
atrial fibrillation\tdx:atrial_fibrillation\tdiagnosis\ten
AFib\tdx:atrial_fibrillation\tdiagnosis\ten
apixaban\tmed:apixaban\tmedication\ten
Eliquis\tmed:apixaban\tmedication\ten
urinalysis\tlab:urinalysis\tlab\ten
nitrite\tlab:urine_nitrite\tlab\ten
urinary tract infection\tdx:urinary_tract_infection\tdiagnosis\ten
nitrofurantoin\tmed:nitrofurantoin\tmedication\ten
palpitations\tsym:palpitations\tsymptom\ten
anxiety\tsym:anxiety\tsymptom\ten
syncope\tsym:syncope\tsymptom\ten
losartan\tmed:losartan\tmedication\ten
rash\tfind:rash\tfinding\ten
arm\tanat:arm\tanatomy\ten
pruritic\tsym:itch\tsymptom\ten
contact dermatitis\tdx:contact_dermatitis\tdiagnosis\ten
"""

FIXTURE_STOPLIST = {"da": ["p"], "en": []}


@dataclass(frozen=True)
class Quality:
    """Omission-detection counts over a labelled set."""

    true_positives: int
    false_positives: int
    false_negatives: int
    n_cases: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def fixture_lexicon() -> Lexicon:
    """The small lexicon covering the labelled cases.

    Examples
    --------
    >>> lex = fixture_lexicon()
    >>> lex.synonyms("med:paracetamol")[:3]
    ['Pamol', 'Panodil', 'paracetamol']
    """
    entries = []
    for line in FIXTURE_TSV.splitlines():
        term, concept_id, category, language = line.split("\t")
        entries.append(LexiconEntry(term, concept_id, category, language, "test-fixture"))
    return Lexicon(entries, stoplist=FIXTURE_STOPLIST, version="test-fixture")


def load_cases() -> list[dict]:
    """The labelled pairs from ``terms_cases.jsonl``."""
    with CASES_PATH.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(cases: list[dict], matchers: dict[str, Matcher]) -> tuple[Quality, list[str]]:
    """Score the cases; return the counts and one line per error (ids, no note text)."""
    tp = fp = fn = 0
    errors = []
    for case in cases:
        final = normalize_text(case["final_note"])
        score = score_terms(
            final, case["ai_note"], language=case["language"], matcher=matchers[case["language"]]
        )
        expected = []
        for item in case["expected_missing"]:
            start = final.find(item["term"])
            if start < 0:
                raise ValueError(
                    f"case {case['id']}: expected term not found in its final note; fix the label"
                )
            expected.append((start, start + len(item["term"]), item["negated"]))
        hit = [False] * len(expected)
        for got in score.missing_terms:
            matched = False
            for i, (s, e, negated) in enumerate(expected):
                if got["start"] < e and s < got["end"] and got["negated"] == negated:
                    hit[i] = matched = True
            if not matched:
                fp += 1
                errors.append(
                    f"{case['id']}: false positive {got['concept_id']} "
                    f"negated={got['negated']} at {got['start']}"
                )
        tp += sum(hit)
        for (s, _, negated), found in zip(expected, hit, strict=True):
            if not found:
                fn += 1
                errors.append(f"{case['id']}: missed term at {s} negated={negated}")
    return Quality(tp, fp, fn, len(cases)), errors
