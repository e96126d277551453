"""Tests of evalkit.lexicon.cues: the shipped cue files load, bad files fail clearly."""

from __future__ import annotations

import tomllib

import pytest

from evalkit.lexicon.cues import (
    CUE_LANGUAGES,
    SCHEMA,
    CueFileError,
    cue_file,
    language_cues,
    read_cue_file,
)
from evalkit.lexicon.polarity import negation_cues


@pytest.mark.parametrize("language", CUE_LANGUAGES)
def test_shipped_files_load_with_their_own_language(language):
    cues = language_cues(language)
    assert cues.language == language
    assert cues.stopwords and cues.negation.pre and cues.negation.scope_words
    assert set(cues.sides.values()) == {"R", "L", "B"}
    assert set(cues.intensity.values()) == {1, 2, 3}
    assert set(cues.quality.values()) == {1, -1}


def test_known_words_have_their_roles():
    da, en = language_cues("da"), language_cues("en")
    assert da.sides["højre"] == "R" and en.sides["left"] == "L" and da.sides["bilateral"] == "B"
    assert da.intensity["let"] == 1 and en.intensity["severe"] == 3
    assert da.quality["dårligt"] == -1 and en.quality["improved"] == 1
    assert "nej" in da.answers["no"] and "yes" in en.answers["yes"]
    assert "u.a" in da.negation.scope_words and "u a" in da.negation.post
    assert "vurdering" in da.sections["assessment"]


def test_the_matcher_and_the_index_read_one_negation_table():
    # polarity.py's cue table is the [negation] phrase lists of the same files
    for language in CUE_LANGUAGES:
        neg = language_cues(language).negation
        table = negation_cues(language)
        assert set(table) == set(neg.pre) | set(neg.post) | set(neg.pseudo) | set(neg.terminator)
    assert negation_cues("xx") == {}


def test_unknown_language_names_the_shipped_ones():
    with pytest.raises(KeyError, match="no cue file for language 'xx'; shipped: da, en"):
        language_cues("xx")


def _write(tmp_path, raw: dict, text: str | None = None):
    path = tmp_path / "cues_xx.toml"
    if text is None:
        lines = [f'language = "{raw["language"]}"'] if "language" in raw else []
        if "stopwords" in raw:
            lines.append(f"stopwords = {_toml(raw['stopwords'])}")
        for table, values in raw.items():
            if isinstance(values, dict):
                lines.append(f"[{table}]")
                lines += [f"{k} = {_toml(v)}" for k, v in values.items()]
        text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def _toml(value):
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value + '"'
    return str(value).lower() if isinstance(value, bool) else str(value)


def _valid() -> dict:
    return tomllib.loads(cue_file("da").read_text(encoding="utf-8"))


def test_a_copy_of_a_shipped_file_reads_the_same(tmp_path):
    assert read_cue_file(_write(tmp_path, _valid())) == language_cues("da")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.pop("language"), r'"language" is required'),
        (
            lambda r: r.pop("stopwords"),
            r'cues_xx.toml: "stopwords" is missing; add stopwords = \[\]',
        ),
        (
            lambda r: r.pop("sides"),
            r"table \[sides\] is missing; add it with the lists right, left",
        ),
        (lambda r: r["sides"].pop("left"), r'\[sides\]: "left" is missing'),
        (lambda r: r["answers"].update(maybe=["tja"]), r"\[answers\] has unknown key\(s\) maybe"),
        (lambda r: r.update(extra={"a": []}), r"unknown top-level key\(s\) extra"),
        (lambda r: r["answers"].update(yes="ja"), r'"yes" must be a list of strings, found str'),
        (lambda r: r["answers"].update(yes=["ja", 3]), r'"yes" item 2 must be a non-empty string'),
        (lambda r: r["answers"].update(yes=["Ja"]), r"'Ja' must be lower case .* write 'ja'"),
        (
            lambda r: r["intensity"]["severe"].append("let"),
            r"\[intensity\] lists 'let' under both 'mild' and 'severe'; keep it in one",
        ),
    ],
)
def test_a_bad_file_raises_a_clear_error(tmp_path, change, message):
    raw = _valid()
    change(raw)
    with pytest.raises(CueFileError, match=message):
        read_cue_file(_write(tmp_path, raw))


def test_not_toml_and_missing_files_raise_cue_file_errors(tmp_path):
    with pytest.raises(CueFileError, match="is not valid TOML"):
        read_cue_file(_write(tmp_path, {}, text="language = [\n"))
    with pytest.raises(CueFileError, match="is missing; reinstall evalkit"):
        read_cue_file(tmp_path / "nope.toml")


def test_the_schema_lists_every_table_of_the_shipped_files():
    for language in CUE_LANGUAGES:
        raw = tomllib.loads(cue_file(language).read_text(encoding="utf-8"))
        assert set(raw) == {"language", "stopwords", *SCHEMA}
        for table, keys in SCHEMA.items():
            assert tuple(raw[table]) == keys
