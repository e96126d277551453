import re
from pathlib import Path

import pytest

from evalkit.report.i18n import TEXTS, texts

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "evalkit" / "report" / "templates" / "report.html.j2"


def test_languages_define_the_same_keys():
    assert set(TEXTS["da"]) == set(TEXTS["en"])


def test_every_key_the_template_uses_exists():
    source = TEMPLATE.read_text(encoding="utf-8")
    used = set(re.findall(r"\bt\.([a-z_0-9]+)", source))
    used |= set(re.findall(r"\bt\['([a-z_0-9]+)'\]", source))
    used.discard("format")
    assert used and used <= set(TEXTS["en"])


def test_translations_differ_where_they_should():
    same = {k for k in TEXTS["en"] if TEXTS["en"][k] == TEXTS["da"][k]}
    # Only words that are the same in both languages (and symbols) may coincide.
    assert same <= {"data", "definition", "version", "none", "seed", "term", "type", "system"}


def test_unknown_language_raises():
    with pytest.raises(ValueError, match="lang='sv'"):
        texts("sv")
