"""Tests of HallucinationConfig: frozen, hashed, and the values the checks use."""

from __future__ import annotations

import dataclasses

import pytest

from evalkit.metrics.hallucination import CONFIG, VERSION, HallucinationConfig, config_hash
from evalkit.metrics.registry import list_families
from evalkit.report.manifest import build_manifest


def test_the_thresholds_are_the_ones_the_checks_were_tuned_with():
    # changing one changes flags: the version (or the config hash) must move with it
    assert (CONFIG.negation_window, CONFIG.normal_cue_window, CONFIG.list_scope) == (3, 1, 2)
    assert (CONFIG.final_k, CONFIG.transcript_k, CONFIG.transcript_min_shared) == (2, 3, 2)
    assert (CONFIG.aligned_coverage, CONFIG.loose_coverage, CONFIG.transcript_coverage) == (
        0.5,
        0.34,
        0.5,
    )
    assert (CONFIG.answer_head_words, CONFIG.echo_words, CONFIG.answer_lookahead) == (8, 12, 2)
    assert CONFIG.quote_chars == 60
    assert (CONFIG.reference_index_size, CONFIG.stem_cache_size) == (16, 200_000)


def test_the_config_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        CONFIG.negation_window = 4  # type: ignore[misc]


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(HallucinationConfig)])
def test_every_value_moves_the_hash(field):
    value = getattr(CONFIG, field)
    changed = dataclasses.replace(CONFIG, **{field: value * 2 if value else 1})
    assert config_hash(changed) != config_hash()
    assert config_hash(dataclasses.replace(changed, **{field: value})) == config_hash()


def test_the_family_and_the_manifest_record_the_hash():
    family = next(f for f in list_families() if f.name == "hallucination")
    assert family.version == VERSION
    assert family.config == f"config:{config_hash()}"
    manifest = build_manifest(signature="x", parameters={}, rows={})
    assert manifest["metric_versions"]["hallucination"] == VERSION
    assert manifest["metric_configs"]["hallucination"] == f"config:{config_hash()}"
