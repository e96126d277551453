"""Inflection rules the matcher applies after a lexicon term.

Lexicon terms are base forms (singular, indefinite). Rather than expanding
every term into all its forms, the matcher finds the base form as a prefix of
a word and accepts the rest of the word when it is an inflectional ending of
the term's language:

* Danish nouns and adjectives: definite ``-en/-et/-n/-t``, plural
  ``-er/-r/-e``, definite plural ``-erne/-rne/-ene/-ne`` and the genitive
  ``-s`` of each (``blodtrykket``, ``halsbetændelsen``, ``smerterne``);
  a doubled final consonant before the ending (``tabletterne``,
  ``blodtrykket``); and the dropped unstressed *e* of ``-el/-er/-en`` stems
  (``muskel`` → ``muskler``). Nouns of three letters ending in a consonant
  take no ``-er`` ending (``ryger``, *smokes*, is not a form of ``ryg``).
* English: plural ``-s/-es`` and ``-y`` → ``-ies`` (``allergies``).

Terms shorter than :data:`MIN_INFLECTED_LENGTH` and terms written with
capitals (abbreviations such as ``BT``) are matched only as whole words.
"""

from __future__ import annotations

MIN_INFLECTED_LENGTH = 3
"""Shortest base form (in characters) that may take an ending."""

MIN_COMPOUND_HEAD = 5
"""Shortest Danish term accepted as the head (last part) of a compound."""

MIN_COMPOUND_MODIFIER = 3
"""Fewest characters that must precede the head in a Danish compound."""

_DA_ENDINGS = frozenset(
    {
        "",
        "s",
        "e",
        "es",
        "en",
        "ens",
        "et",
        "ets",
        "er",
        "ers",
        "erne",
        "ernes",
        "ene",
        "enes",
        "n",
        "ns",
        "t",
        "ts",
        "r",
        "rs",
        "rne",
        "rnes",
        "ne",
        "nes",
    }
)
_DA_AFTER_DOUBLING = frozenset(
    {"e", "en", "ens", "et", "ets", "er", "ers", "erne", "ernes", "ene", "enes", "es"}
)
_DA_AFTER_SYNCOPE = frozenset({"e", "en", "ens", "ene", "enes", "er", "ers", "erne", "ernes", "es"})
_EN_ENDINGS = frozenset({"", "s", "es"})
_VOWELS = set("aeiouyæøå")


def endings(language: str) -> frozenset[str]:
    """Endings accepted directly after a base form (the empty string included).

    Examples
    --------
    >>> "erne" in endings("da"), "es" in endings("en")
    (True, True)
    """
    return _DA_ENDINGS if language == "da" else _EN_ENDINGS


def accepts_ending(base: str, rest: str, language: str) -> bool:
    """Whether ``base + rest`` is an inflected form of the base form ``base``.

    Both arguments are case-folded; ``rest`` is the remainder of the word
    after the base form.

    Examples
    --------
    >>> accepts_ending("blodtryk", "ket", "da"), accepts_ending("tablet", "terne", "da")
    (True, True)
    >>> accepts_ending("hoste", "r", "da"), accepts_ending("feber", "tabel", "da")
    (True, False)
    >>> accepts_ending("arm", "ene", "da"), accepts_ending("ryg", "er", "da")
    (True, False)
    >>> accepts_ending("symptom", "s", "en"), accepts_ending("cough", "ing", "en")
    (True, False)
    """
    if rest in endings(language):
        if language == "da" and len(base) <= 3 and base[-1:] not in _VOWELS:
            # One-syllable nouns take -e in the plural (arme, rygge), never -er:
            # "ryger" (smokes) is not a form of "ryg" (back).
            return not rest.startswith("er")
        return True
    if language == "da" and len(rest) > 1 and base and rest[0] == base[-1]:
        return base[-1] not in _VOWELS and rest[1:] in _DA_AFTER_DOUBLING
    return False


def stem_variants(base: str, language: str) -> list[tuple[str, frozenset[str]]]:
    """Other stems of a base form, each with the endings it requires.

    These cover forms that do not start with the base form itself.

    Examples
    --------
    >>> stem_variants("muskel", "da")
    [('muskl', frozenset({...}))]
    >>> stem_variants("allergy", "en")
    [('allergi', frozenset({'es'}))]
    >>> stem_variants("feber", "en")
    []
    """
    if language == "da":
        if len(base) >= 5 and base[-2] == "e" and base[-1] in "lrn" and base[-3] not in _VOWELS:
            return [(base[:-2] + base[-1], _DA_AFTER_SYNCOPE)]
        return []
    if len(base) >= 4 and base.endswith("y") and base[-2] not in _VOWELS:
        return [(base[:-1] + "i", frozenset({"es"}))]
    return []
