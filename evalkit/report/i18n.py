"""Danish and English text of the HTML report.

Every visible string of the report template comes from :data:`TEXTS`; both
languages must define the same keys (a test checks this). Figure axis labels
and the display names of fixed vocabularies (consultation types, flag types,
severities, term categories) live with the figures, in
:mod:`evalkit.plots.style`.

Text made by earlier steps is translated here, not written in English into the page:

* messages of the statistics layer arrive as :class:`evalkit.stats.notes.Note`
  (a key and parameters) and are rendered with :data:`MESSAGES`;
* quarantine reasons arrive as a code and parameters (the ``reason_code`` and
  ``reason_params`` columns, see :mod:`evalkit.io.reasons`) and are rendered
  with :data:`QUARANTINE_REASONS`;
* interval and model descriptions (the ``method`` column) and hallucination
  evidence are built from a fixed set of English phrases, which
  :func:`method_text` and :func:`evidence_text` replace phrase by phrase
  (quoted note text is left alone; numbers get the language's decimal mark);
* metric definitions come from the registry in English and from
  :data:`METRIC_DEFINITIONS` in Danish.

Numbers in all of them are written with :func:`evalkit.plots.style.format_number`
(``0,85`` in Danish, ``0.85`` in English), the one owner of that rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from evalkit.io.reasons import REASONS, Reason
from evalkit.plots.style import LANGUAGES, check_lang, format_text, localise_number
from evalkit.stats.notes import TEMPLATES, Note

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Evaluation of AI-drafted clinical notes",
        "generated": "Generated",
        "contents": "Contents",
        "summary": "Summary",
        "data": "Data",
        "time": "Time saved",
        "edits": "Edit metrics",
        "omissions": "Omissions (missing terms)",
        "hallucinations": "Hallucinations",
        "per_clinic": "Per clinic",
        "viewer": "Note viewer",
        "methods": "Methods",
        "statistic": "Statistic",
        "estimate": "Estimate",
        "ci": "95% CI",
        "n_notes": "Notes",
        "n_clinicians": "Clinicians",
        "n_clinics": "Clinics",
        "n_ai_notes": "AI-assisted notes",
        "n_control_notes": "Control notes (without AI)",
        "consultation_types": "Consultation types",
        "rows_read": "Rows read",
        "rows_scored": "Rows scored",
        "rows_quarantined": "Rows quarantined",
        "quarantine_reasons": "Quarantine reasons",
        "reason": "Reason",
        "count": "Count",
        "measured": "Measured",
        "modelled": "Modelled",
        "measured_note": "Measured: documentation time of AI notes compared with control notes "
        "written without AI.",
        "modelled_note": "Modelled: no control notes, so the baseline is the estimated typing time "
        "of the final note; treat as an estimate, not a measurement.",
        "projection_note": "Projections per clinician per day and per clinic per year are "
        "projections from the per-note saving, not measurements.",
        "no_time": "No timing columns (doc_seconds or doc_started_at/doc_signed_at) in the "
        "input, so time saved is not reported.",
        "no_terms": "The terms family did not run (no missing_terms column), so omissions are "
        "not reported.",
        "no_flags": "The hallucination family did not run (no hallucination_flags column), so "
        "hallucinations are not reported.",
        "no_stats": "Group summaries are not available: {reason}",
        "edit_thresholds": "Categories: unchanged = equal after collapsing whitespace; lightly "
        "edited = normalised character distance ≤ {light}; heavily edited = "
        "above {light}.",
        "top_missing": "Most often missing terms",
        "term": "Term",
        "category": "Category",
        "n_missing": "Times missing",
        "flags_by_type": "Flags by type and severity",
        "type": "Type",
        "severity": "Severity",
        "examples": "Examples",
        "note_id": "Note",
        "flag_text": "Flagged text",
        "evidence": "Evidence",
        "no_text_note": "Note text is left out of this report (--no-text).",
        "suppressed_note": "Groups with fewer than {k} notes are shown as “<{k}” with no "
        "estimates.",
        "clinic": "Clinic",
        "all_clinics": "All clinics",
        "flag_filter": "Flag type",
        "all_flags": "All flag types",
        "any_flag": "Any flag",
        "no_flag": "No flags",
        "shown": "notes shown",
        "ai_draft": "AI draft",
        "final_note": "Final note (signed)",
        "viewer_help": "Struck through on red: draft text the clinician removed or replaced; "
        "underlined on green: text the clinician added. Solid orange boxes are "
        "hallucination flags (draft), dashed blue boxes missing terms (final "
        "note); hover or tab to one to see its type and evidence.",
        "viewer_sample": "{shown} of {total} AI-assisted notes, chosen with seed {seed} (notes "
        "with flags or missing terms first).",
        "missing_term": "Missing term",
        "flag": "Hallucination flag",
        "metric": "Metric",
        "family": "Family",
        "definition": "Definition",
        "version": "Version",
        "range": "Range",
        "direction": "Better",
        "lower": "lower",
        "higher": "higher",
        "none": "—",
        "stats_methods": "Statistics",
        "ci_method": "Interval methods used",
        "seed": "Seed",
        "bootstrap_b": "Bootstrap replicates (B)",
        "signature": "Signature",
        "min_cell": "Small-cell threshold k",
        "csv_note": "CSV tables: text cells starting with =, +, - or @ get a leading ' so "
        "spreadsheets show them as text instead of running them as formulas.",
        "figure": "Figure",
        "tables_note": "All tables are also in tables/*.csv; figures in figures/ (PNG, SVG, PDF).",
        "unchanged_rate": "Unchanged notes",
        "char_distance_norm_mean": "Normalised character distance (mean)",
        "char_distance_norm_median": "Normalised character distance (median)",
        "wer_mean": "Word error rate (mean)",
        "wer_median": "Word error rate (median)",
        "missing_terms_per_note": "Missing terms per note",
        "hallucination_flags_per_100": "Hallucination flags per 100 notes",
        "critical_flags_per_100": "Critical flags per 100 notes",
        "unsupported_claims_per_note": "Claims the transcript never mentions, per note",
        "hallucination_free_rate": "Notes without hallucination flags",
        "fig_time_per_note": "Documentation time per note with and without AI, per clinic (95% CI)",
        "fig_time_saved": "Time saved per AI-assisted note",
        "fig_edit_categories": "Unchanged, lightly and heavily edited notes per clinic",
        "fig_ecdf_char": "Distribution of normalised character distance",
        "fig_ecdf_wer": "Distribution of word error rate",
        "fig_edit_vs_time": "Edit distance against documentation time",
        "fig_flags": "Hallucination flags by type and severity, per clinic",
        "fig_missing_categories": "Missing terms by category",
        "fig_top_missing": "Most often missing terms",
        "method": "Method",
        "projection": "Projection",
        "q_seconds_per_note_ai": "Seconds per note with AI",
        "q_seconds_per_note_control": "Seconds per note without AI",
        "q_seconds_saved_per_note": "Seconds saved per note",
        "q_percent_saved": "Time saved (%)",
        "q_mixedlm_percent_change": "Change in time per note, mixed model (%)",
        "q_mixedlm_seconds_saved_at_median_note": "Seconds saved at the median note, mixed model",
        "q_within_clinician_median_seconds_saved": "Median seconds saved within clinicians",
        "q_projected_minutes_saved_per_clinician_per_day": "Minutes saved per clinician per day",
        "q_projected_hours_saved_per_clinic_per_year": "Hours saved per clinic per year",
        "fig_power": "Power against number of clinicians",
        "sections": "Per note section",
        "sections_note": "Both notes are cut at their headings (S/O/A/P, Anamnese, Objektivt, "
        "HISTORY OF PRESENT ILLNESS, ...), mapped to subjective, objective, assessment and plan "
        "and paired; missing terms and flags count in the section they lie in. Each note counts "
        "once per section it has.",
        "fig_section_wer": "Word error rate per note section, per clinic",
        "fig_section_flags": "Hallucination flags per 100 notes per note section, per clinic",
        "systems": "Systems compared",
        "systems_note": "Every system drafted the same consultations; differences are paired per "
        "consultation, with cluster-bootstrap CIs. The rank interval and P(best) come from the "
        "bootstrap distribution of the ranks.",
        "fig_system_differences": "Paired difference in word error rate against {reference}, "
        "the system ranked first",
        "system": "System",
        "rank": "Rank",
        "rank_interval": "Rank, 95% interval",
        "p_best": "P(best)",
        "negated": "negated",
    },
    "da": {
        "title": "Evaluering af AI-udkast til journalnotater",
        "generated": "Dannet",
        "contents": "Indhold",
        "summary": "Resumé",
        "data": "Data",
        "time": "Sparet tid",
        "edits": "Redigeringsmål",
        "omissions": "Udeladelser (manglende termer)",
        "hallucinations": "Hallucinationer",
        "per_clinic": "Pr. klinik",
        "viewer": "Notatfremviser",
        "methods": "Metoder",
        "statistic": "Mål",
        "estimate": "Estimat",
        "ci": "95 % KI",
        "n_notes": "Notater",
        "n_clinicians": "Klinikere",
        "n_clinics": "Klinikker",
        "n_ai_notes": "Notater med AI",
        "n_control_notes": "Kontrolnotater (uden AI)",
        "consultation_types": "Konsultationstyper",
        "rows_read": "Rækker læst",
        "rows_scored": "Rækker scoret",
        "rows_quarantined": "Rækker i karantæne",
        "quarantine_reasons": "Årsager til karantæne",
        "reason": "Årsag",
        "count": "Antal",
        "measured": "Målt",
        "modelled": "Modelleret",
        "measured_note": "Målt: dokumentationstid for AI-notater sammenlignet med kontrolnotater "
        "skrevet uden AI.",
        "modelled_note": "Modelleret: ingen kontrolnotater, så grundlinjen er den anslåede "
        "skrivetid for det endelige notat; et estimat, ikke en måling.",
        "projection_note": "Fremskrivninger pr. kliniker pr. dag og pr. klinik pr. år er "
        "fremskrivninger fra besparelsen pr. notat, ikke målinger.",
        "no_time": "Inputtet har ingen tidskolonner (doc_seconds eller "
        "doc_started_at/doc_signed_at), så sparet tid rapporteres ikke.",
        "no_terms": "Term-familien er ikke kørt (ingen missing_terms-kolonne), så udeladelser "
        "rapporteres ikke.",
        "no_flags": "Hallucinationsfamilien er ikke kørt (ingen hallucination_flags-kolonne), "
        "så hallucinationer rapporteres ikke.",
        "no_stats": "Gruppeopsummeringer er ikke tilgængelige: {reason}",
        "edit_thresholds": "Kategorier: uændret = ens efter sammenfletning af mellemrum; let "
        "redigeret = normaliseret tegnafstand ≤ {light}; meget redigeret = "
        "over {light}.",
        "top_missing": "Hyppigst manglende termer",
        "term": "Term",
        "category": "Kategori",
        "n_missing": "Antal gange manglende",
        "flags_by_type": "Flag efter type og alvorlighed",
        "type": "Type",
        "severity": "Alvorlighed",
        "examples": "Eksempler",
        "note_id": "Notat",
        "flag_text": "Markeret tekst",
        "evidence": "Belæg",
        "no_text_note": "Notattekst er udeladt af denne rapport (--no-text).",
        "suppressed_note": "Grupper med færre end {k} notater vises som “<{k}” uden estimater.",
        "clinic": "Klinik",
        "all_clinics": "Alle klinikker",
        "flag_filter": "Flagtype",
        "all_flags": "Alle flagtyper",
        "any_flag": "Med flag",
        "no_flag": "Uden flag",
        "shown": "notater vist",
        "ai_draft": "AI-udkast",
        "final_note": "Endeligt notat (underskrevet)",
        "viewer_help": "Gennemstreget på rødt: udkasttekst klinikeren fjernede eller erstattede; "
        "understreget på grønt: tekst klinikeren tilføjede. Orange felter er "
        "hallucinationsflag (udkast), stiplede blå felter manglende termer "
        "(endeligt notat); hold musen over eller tab til et felt for at se type "
        "og belæg.",
        "viewer_sample": "{shown} af {total} notater med AI, udvalgt med seed {seed} (notater "
        "med flag eller manglende termer først).",
        "missing_term": "Manglende term",
        "flag": "Hallucinationsflag",
        "metric": "Mål",
        "family": "Familie",
        "definition": "Definition",
        "version": "Version",
        "range": "Interval",
        "direction": "Bedst",
        "lower": "lavere",
        "higher": "højere",
        "none": "—",
        "stats_methods": "Statistik",
        "ci_method": "Anvendte intervalmetoder",
        "seed": "Seed",
        "bootstrap_b": "Bootstrap-gentagelser (B)",
        "signature": "Signatur",
        "min_cell": "Grænse for små celler k",
        "csv_note": "CSV-tabeller: tekstceller der begynder med =, +, - eller @ får et "
        "foranstillet ' så regneark viser dem som tekst i stedet for at køre dem som "
        "formler.",
        "figure": "Figur",
        "tables_note": "Alle tabeller findes også i tables/*.csv; figurer i figures/ (PNG, SVG, "
        "PDF).",
        "unchanged_rate": "Uændrede notater",
        "char_distance_norm_mean": "Normaliseret tegnafstand (gennemsnit)",
        "char_distance_norm_median": "Normaliseret tegnafstand (median)",
        "wer_mean": "Ordfejlrate (gennemsnit)",
        "wer_median": "Ordfejlrate (median)",
        "missing_terms_per_note": "Manglende termer pr. notat",
        "hallucination_flags_per_100": "Hallucinationsflag pr. 100 notater",
        "critical_flags_per_100": "Kritiske flag pr. 100 notater",
        "unsupported_claims_per_note": "Udsagn som transskriptionen ikke nævner, pr. notat",
        "hallucination_free_rate": "Notater uden hallucinationsflag",
        "fig_time_per_note": "Dokumentationstid pr. notat med og uden AI, pr. klinik (95 % KI)",
        "fig_time_saved": "Sparet tid pr. notat med AI",
        "fig_edit_categories": "Uændrede, let og meget redigerede notater pr. klinik",
        "fig_ecdf_char": "Fordeling af normaliseret tegnafstand",
        "fig_ecdf_wer": "Fordeling af ordfejlrate",
        "fig_edit_vs_time": "Redigeringsafstand mod dokumentationstid",
        "fig_flags": "Hallucinationsflag efter type og alvorlighed, pr. klinik",
        "fig_missing_categories": "Manglende termer efter kategori",
        "fig_top_missing": "Hyppigst manglende termer",
        "method": "Metode",
        "projection": "Fremskrivning",
        "q_seconds_per_note_ai": "Sekunder pr. notat med AI",
        "q_seconds_per_note_control": "Sekunder pr. notat uden AI",
        "q_seconds_saved_per_note": "Sparede sekunder pr. notat",
        "q_percent_saved": "Sparet tid (%)",
        "q_mixedlm_percent_change": "Ændring i tid pr. notat, blandet model (%)",
        "q_mixedlm_seconds_saved_at_median_note": "Sparede sekunder ved mediannotatet, "
        "blandet model",
        "q_within_clinician_median_seconds_saved": "Median sparede sekunder inden for klinikere",
        "q_projected_minutes_saved_per_clinician_per_day": "Sparede minutter pr. kliniker pr. dag",
        "q_projected_hours_saved_per_clinic_per_year": "Sparede timer pr. klinik pr. år",
        "fig_power": "Styrke mod antal klinikere",
        "sections": "Pr. notatafsnit",
        "sections_note": "Begge notater deles ved deres overskrifter (SOAP-bogstaverne, "
        "Anamnese, Objektivt, Vurdering, Plan og de engelske overskrifter), afbildes på "
        "subjektivt, objektivt, vurdering og plan og parres; manglende termer og flag tæller i "
        "det afsnit, de står i. Hvert notat tæller én gang pr. afsnit, det har.",
        "fig_section_wer": "Ordfejlrate pr. notatafsnit, pr. klinik",
        "fig_section_flags": "Hallucinationsflag pr. 100 notater pr. notatafsnit, pr. klinik",
        "systems": "Systemer sammenlignet",
        "systems_note": "Alle systemer skrev udkast til de samme konsultationer; forskelle er "
        "parrede pr. konsultation, med cluster-bootstrap-CI. Rangintervallet og P(bedst) kommer "
        "fra bootstrapfordelingen af rangene.",
        "fig_system_differences": "Parret forskel i ordfejlrate mod {reference}, systemet med "
        "førstepladsen",
        "system": "System",
        "rank": "Rang",
        "rank_interval": "Rang, 95 %-interval",
        "p_best": "P(bedst)",
        "negated": "nægtet",
    },
}


MESSAGES: dict[str, dict[str, str]] = {
    "en": dict(TEMPLATES),
    "da": {
        "time_measured": "kontrolnotater fundet: sparet tid er målt (kontrol minus AI-notater)",
        "time_modelled": "ingen kontrolnotater: grundlinjen er modelleret som skrivetiden for det "
        "endelige notat ved {cpm:g} tegn pr. minut",
        "time_predicted": "{n} AI-notater uden målt tid: forudsagt ud fra redigeringsafstanden "
        "(R² = {r2:.2f}, {per_100:.1f} s pr. 100 tegn, tilpasset på {n_fit} notater med tid)",
        "no_timing_columns": "ingen tidskolonner (doc_seconds, edit_seconds eller "
        "doc_started_at + doc_signed_at); tidsafsnit udeladt. Tilføj dokumentationstider i "
        "inputtet for at estimere sparet tid.",
        "no_timed_notes": "ingen notater med dokumentationstid; tidsafsnit udeladt",
        "modelled_needs_text": "ingen kontrolnotater, og den modellerede grundlinje kræver "
        "final_note for at tælle tegn; behold notatteksten i scoretabellen (brug ikke "
        "--drop-text) eller tilføj kontrolnotater",
        "untimed_without_distance": "{n} AI-notater har ingen målt tid, og der er ingen "
        "char_distance-kolonne at forudsige den ud fra; scor notaterne med edit-familien",
        "edit_time_too_few": "regressionen af redigeringstid kræver mindst 3 AI-notater med tid "
        "og forskellige redigeringsafstande; fandt {n}. Tilføj edit_seconds eller doc_seconds "
        "for flere AI-notater.",
        "grouping_column_missing": "grupperingskolonnen {column!r} findes ikke i tabellen: udeladt",
        "groups_skipped": "{n} grupper af {column} udeladt: de mangler AI-notater med tid "
        "eller kontrolnotater med tid",
        "mixed_model_skipped": "blandet model udeladt: {reason}",
        "mixed_model_not_converged": "den blandede model konvergerede ikke; tolk dens KI med "
        "forsigtighed",
        "mixed_model_too_few": "den blandede model kræver AI- og kontrolnotater med tid fra "
        "mindst 2 klinikere; fandt {n_ai} AI- og {n_control} kontrolnotater fra "
        "{n_clinicians} kliniker(e)",
        "within_skipped": "sammenligning inden for klinikere udeladt: {reason}",
        "within_needs_both": "sammenligningen inden for klinikere kræver både AI- og "
        "kontrolnotater",
        "within_too_few": "sammenligningen inden for klinikere kræver mindst 2 klinikere med "
        "både AI- og kontrolnotater; fandt {n}",
        "within_needs_clinician": "sammenligningen inden for klinikere kræver clinician_id; "
        "fandt kolonnerne: {columns}",
        "pseudonymised": "klinik- og kliniker-id'er pseudonymiseret (HMAC-SHA256 med salt)",
        "no_ai_notes": "ingen scorede AI-notater",
    },
}
"""Statistics messages by key (see :mod:`evalkit.stats.notes`); same keys in each language."""


def render_note(note: Any, lang: str) -> str:
    """A statistics message in ``lang``; a plain string is returned as it is.

    Examples
    --------
    >>> render_note(Note("groups_skipped", n=4, column="clinic_id"), "da")
    '4 grupper af clinic_id udeladt: de mangler AI-notater med tid eller kontrolnotater med tid'
    >>> render_note(Note("within_skipped", reason=Note("within_needs_both")), "da")[:40]
    'sammenligning inden for klinikere udelad'
    """
    if not isinstance(note, Note):
        return str(note)
    params = {k: render_note(v, lang) if isinstance(v, Note) else v for k, v in note.params.items()}
    return format_text(MESSAGES[check_lang(lang)][note.key], lang, **params)


QUARANTINE_REASONS: dict[str, dict[str, str]] = {
    "en": dict(REASONS),
    "da": {
        "language_unsupported": "sprogkoden {value!r} understøttes ikke; brug en af {choices}",
        "note_id_empty": "note_id er tom; hver række kræver et entydigt note_id",
        "note_id_duplicate": "note_id går igen; først set i række {first_row}; gør id'erne "
        "entydige",
        "text_missing": "{column} mangler",
        "text_empty": "{column} er tom",
        "text_not_text": "{column} er en {type}, ikke tekst; gem notaterne som tekst",
        "text_too_long": "{column} har {length:,} tegn, flere end grænsen på {limit:,}; tjek "
        "eksporten, eller hæv grænsen med --max-chars",
        "draft_missing": "ai_note mangler (sæt ai_assisted=false for et notat skrevet uden AI)",
        "draft_empty": "ai_note er tom (sæt ai_assisted=false for et notat skrevet uden AI)",
        "timestamp_invalid": "{column} er ikke et ISO 8601-tidspunkt; skriv f.eks. "
        "2026-03-02T09:15:00+01:00",
        "started_after_signed": "doc_started_at ligger efter doc_signed_at; byt om på dem eller "
        "ret dem",
        "documentation_too_long": "doc_signed_at ligger mere end {limit} s efter "
        "doc_started_at; tjek tidspunkterne",
        "ai_assisted_invalid": "ai_assisted-værdien {value!r} er hverken sand eller falsk "
        "(brug true/false, 1/0 eller ja/nej)",
        "seconds_not_number": "{column} er ikke et tal; skriv sekunder som 312 eller 312,5",
        "seconds_implausible": "{column}={value:g} er ikke en plausibel tid (skal være {bound} "
        "og ≤ {limit} s); ret den, eller lad feltet stå tomt",
        "scoring_failed": "evalkit kunne ikke score dette notat ({error}); de andre rækker blev "
        "scoret. Meld fejlen med notatets note_id",
    },
}
"""Quarantine reasons by code (see :mod:`evalkit.io.reasons`); same codes in each language.

Each is ``what is wrong; how to fix it``: :func:`reason_headline` shows the first clause."""


def reason_of(row: Mapping[str, Any]) -> Reason | None:
    """The :class:`~evalkit.io.reasons.Reason` of one quarantine row, or None.

    None when the row has no ``reason_code`` (a quarantine file written before
    evalkit kept codes, or by hand) or its code or parameters are not readable.

    Examples
    --------
    >>> reason_of({"reason_code": "text_empty", "reason_params": '{"column": "final_note"}'}).text
    'final_note is empty'
    >>> reason_of({"reason": "final_note is empty"}) is None
    True
    """
    code = row.get("reason_code")
    if not isinstance(code, str) or code not in REASONS:
        return None
    params = row.get("reason_params")
    try:
        return Reason.from_json(code, params if isinstance(params, str) else None)
    except (ValueError, KeyError):
        return None


def reason_text(reason: Reason, lang: str) -> str:
    """The full quarantine reason in ``lang``.

    Examples
    --------
    >>> reason_text(Reason("text_too_long", {"column": "ai_note", "length": 250000,
    ...                                      "limit": 200000}), "da").split("; ")[0]
    'ai_note har 250\\xa0000 tegn, flere end grænsen på 200\\xa0000'
    """
    return format_text(QUARANTINE_REASONS[check_lang(lang)][reason.code], lang, **reason.params)


def reason_headline(reason: Reason, lang: str) -> str:
    """What is wrong, without the fix: the first clause of the reason in ``lang``.

    The report counts rows per headline, so that, for example, every duplicate
    ``note_id`` is one line however many rows it first appeared in.

    Examples
    --------
    >>> reason_headline(Reason("note_id_duplicate", {"first_row": 3}), "da")
    'note_id går igen'
    """
    template = QUARANTINE_REASONS[check_lang(lang)][reason.code]
    return format_text(template.split("; ")[0], lang, **reason.params)


_UNITS_DA = {"clinicians": "klinikere", "clinics": "klinikker", "notes": "notater"}
_UNIT = r"(clinicians|clinics|notes)"


def _unit(match: re.Match[str], group: int = 1) -> str:
    return _UNITS_DA[match.group(group)]


def _da_number(match: re.Match[str], group: int = 1) -> str:
    return localise_number(match.group(group), "da")


# Ordered: longer phrases before the phrases they contain.
_METHOD_PHRASES_DA: tuple[tuple[str, Any], ...] = (
    (
        rf"cluster bootstrap of {_UNIT} \(percentile\)",
        lambda m: f"klynge-bootstrap over {_unit(m)} (percentil)",
    ),
    (rf"bootstrap of {_UNIT} \(percentile\)", lambda m: f"bootstrap over {_unit(m)} (percentil)"),
    (
        rf"cluster-robust t \({_UNIT}; (\d+) clusters\)",
        lambda m: f"klyngerobust t ({_unit(m)}; {m.group(2)} klynger)",
    ),
    (r"cluster-robust t \(clusters\)", "klyngerobust t (klynger)"),
    (
        rf"wilson \({_UNIT}; every note the same\)",
        lambda m: f"Wilson ({_unit(m)}; alle notater ens)",
    ),
    (rf"wilson \({_UNIT}\)", lambda m: f"Wilson ({_unit(m)})"),
    (r"t \(notes; undefined for one note\)", "t (notater; udefineret for ét notat)"),
    (r"\bt \(notes\)", "t (notater)"),
    (r"no notes with a value", "ingen notater med en værdi"),
    (
        r"random intercept per clinic \+ clinician variance component",
        "tilfældigt intercept pr. klinik + varianskomponent for klinikere",
    ),
    (r"random intercept per clinician", "tilfældigt intercept pr. kliniker"),
    (r"\(a variance component estimated at 0\)", "(en varianskomponent estimeret til 0)"),
    (r"REML, Wald CI", "REML, Wald-KI"),
    (r"WARNING: did not converge", "ADVARSEL: konvergerede ikke"),
    (r"median control note (\d+) s", r"mediant kontrolnotat \1 s"),
    (
        r"between-clinician share of log-time variance \(for planning\)",
        "andel af log-tidens varians mellem klinikere (til planlægning)",
    ),
    (
        r"total SD of log time \(sd_log for planning\)",
        "samlet SD af log-tid (sd_log til planlægning)",
    ),
    (
        r"median over clinicians of \(median control - median AI seconds\)",
        "median over klinikere af (median kontrol − median AI, sekunder)",
    ),
    (r"Wilcoxon signed-rank p", "Wilcoxons fortegnsrangtest p"),
    (
        r"projection: saving per note x ([\d.]+) notes/day",
        lambda m: f"fremskrivning: besparelse pr. notat x {_da_number(m)} notater/dag",
    ),
    (
        r"x ([\d.]+) days/year x ([\d.e+-]+) clinicians/clinic",
        lambda m: f"x {_da_number(m)} dage/år x {_da_number(m, 2)} klinikere/klinik",
    ),
    (r"CI from ", "KI fra "),
)


def method_text(method: Any, lang: str) -> str:
    """An interval or model description (a ``method`` cell) in ``lang``.

    Examples
    --------
    >>> method_text("cluster bootstrap of clinicians (percentile)", "da")
    'klynge-bootstrap over klinikere (percentil)'
    >>> method_text("wilson (notes)", "en")
    'wilson (notes)'
    """
    text = "" if method is None else str(method)
    if check_lang(lang) == "en":
        return text
    for pattern, replacement in _METHOD_PHRASES_DA:
        text = re.sub(pattern, replacement, text)
    return text


_QUOTE = re.compile(r"\"[^\"]*\"")
_EVIDENCE_PHRASES_DA: tuple[tuple[str, str], ...] = (
    ("clinician removed it from the final note", "klinikeren fjernede det fra det endelige notat"),
    ("not supported by the transcript", "ikke understøttet af transskriptionen"),
    ("not mentioned in transcript", "ikke nævnt i transskriptionen"),
    ("kept in the final note", "beholdt i det endelige notat"),
    ("not in final note", "ikke i det endelige notat"),
    ("final note states the opposite", "det endelige notat siger det modsatte"),
    ("transcript states the opposite", "transskriptionen siger det modsatte"),
    ("final note has the opposite", "det endelige notat har det modsatte"),
    ("transcript has the opposite", "transskriptionen har det modsatte"),
    ("transcript gives a dose of", "transskriptionen giver en dosis af"),
    ("value not stated in transcript", "værdien nævnes ikke i transskriptionen"),
    ("side not stated in transcript", "siden nævnes ikke i transskriptionen"),
    ("final note has", "det endelige notat har"),
    ("transcript has", "transskriptionen har"),
    ("value not found in", "værdien findes ikke i"),
    ("final note", "det endelige notat"),
    ("transcript", "transskriptionen"),
    (" instead", " i stedet"),
    (" or ", " eller "),
)


def evidence_text(evidence: Any, lang: str) -> str:
    """A hallucination flag's evidence in ``lang``; quoted note text stays as it is.

    Examples
    --------
    >>> evidence_text('final note has "7 dage"; transcript has "5 dage"', "da")
    'det endelige notat har "7 dage"; transskriptionen har "5 dage"'
    """
    text = "" if evidence is None else str(evidence)
    if check_lang(lang) == "en" or not text:
        return text
    quotes: list[str] = []

    def hide(match: re.Match[str]) -> str:
        quotes.append(match.group())
        return f"\x00{len(quotes) - 1}\x00"

    text = _QUOTE.sub(hide, text)
    for english, danish in _EVIDENCE_PHRASES_DA:
        text = text.replace(english, danish)
    return re.sub("\x00(\\d+)\x00", lambda m: quotes[int(m.group(1))], text)


METRIC_DEFINITIONS: dict[str, dict[str, str]] = {
    "da": {
        "char_distance": "Levenshtein-afstand i tegn mellem endeligt notat og udkast",
        "char_distance_norm": "char_distance / max(len(endeligt), len(udkast)); 0 hvis begge er "
        "tomme",
        "wer": "Ordfejlrate (S+D+I)/(H+S+D) med det endelige notat som reference, ord adskilt "
        "af mellemrum",
        "word_substitutions": "Ord erstattet i justeringen",
        "word_deletions": "Ord i det endelige notat der mangler i udkastet",
        "word_insertions": "Ord i udkastet som klinikeren fjernede",
        "word_hits": "Ord beholdt uændret i justeringen",
        "unchanged": "Notater der er ens efter sammenfletning af mellemrum og fjernelse af "
        "mellemrum i enderne",
        "unchanged_exact": "Normaliserede notater der er ens tegn for tegn",
        "kept_ratio": "Andel af udkastets tegn beholdt i det endelige notat (LCS / udkastets "
        "længde)",
        "length_change": "Tegn i det endelige notat minus tegn i udkastet",
        "hallucination_flags": "Placerede, typebestemte og graderede udsagn i udkastet som "
        "transskriptionen/det endelige notat ikke understøtter",
        "n_hallucination_flags": "Antal hallucinationsflag i udkastet",
        "n_critical_flags": "Antal kritiske hallucinationsflag i udkastet",
        "hallucination_free": "Sand når udkastet ikke har noget hallucinationsflag",
        "unsupported_claims": "Udsagn i udkastet som transskriptionen aldrig nævner (ikke "
        "hallucinationsflag)",
        "n_unsupported_claims": "Antal udsagn i udkastet som transskriptionen aldrig nævner",
        "section_scores": "Redigeringsafstand, ordfejlrate, uændret, manglende termer og "
        "hallucinationsflag pr. notatafsnit (subjektivt, objektivt, vurdering, plan, andet)",
        "missing_terms": "Begreber (med polaritet) i det endelige notat som udkastet mangler, "
        "ved første omtale",
        "n_missing_terms": "Antal par (begreb, polaritet) i det endelige notat som mangler i "
        "udkastet",
        "n_final_terms": "Forskellige par (begreb, polaritet) nævnt i det endelige notat",
        "term_recall": "Andel af det endelige notats par (begreb, polaritet) som findes i "
        "udkastet; 1 hvis der ingen er",
        "added_terms": "Begreber (med polaritet) i udkastet som det endelige notat mangler; "
        "positioner i udkastet",
    },
}
"""Metric definitions by metric name in languages other than English (the registry's)."""


def metric_definition(name: str, english: str, lang: str) -> str:
    """The definition of metric ``name`` in ``lang`` (English comes from the registry).

    Examples
    --------
    >>> metric_definition("wer", "Word error rate", "da")[:11]
    'Ordfejlrate'
    """
    if check_lang(lang) == "en":
        return english
    return METRIC_DEFINITIONS[lang][name]


def texts(lang: str) -> dict[str, str]:
    """All report strings in ``lang`` (``"da"`` or ``"en"``).

    Examples
    --------
    >>> texts("da")["summary"], texts("en")["summary"]
    ('Resumé', 'Summary')
    """
    return TEXTS[check_lang(lang)]


__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "METRIC_DEFINITIONS",
    "QUARANTINE_REASONS",
    "TEXTS",
    "evidence_text",
    "method_text",
    "metric_definition",
    "reason_headline",
    "reason_of",
    "reason_text",
    "render_note",
    "texts",
]
