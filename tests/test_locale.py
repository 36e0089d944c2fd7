"""The Vietnamese translation is complete and compiled: the interface is Vietnamese first."""

import re
from pathlib import Path

from django.utils import translation

import dangbo

PO = Path(dangbo.__file__).parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _entries(text: str):
    for block in text.split("\n\n"):
        if "msgid" not in block or block.lstrip().startswith('msgid ""\nmsgstr ""\n"'):
            continue
        yield block


def test_every_string_is_translated_and_none_fuzzy():
    text = PO.read_text(encoding="utf-8")
    missing = []
    for block in _entries(text):
        if "#, fuzzy" in block or re.search(r'msgstr(\[0\])? ""\s*$', block.strip()):
            missing.append(block.splitlines()[-2] if len(block.splitlines()) > 1 else block)
    assert not missing, f"{len(missing)} untranslated or fuzzy entries, e.g. {missing[:3]}"


def test_compiled_translation_is_used():
    with translation.override("vi"):
        assert translation.gettext("Tenure review") == "Rà soát nhiệm kỳ"
