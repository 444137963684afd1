"""One source, a workbook per language: the variants differ in their prose only, and each speaks its language.

The build (:mod:`kbcore.workbook.build`) writes them; nbval and the notebook tests execute one
variant of each workbook (the language its seminar is taught in), so these structural checks are
what stands behind the others.
"""

import re

import pytest

from kbcore.paths import PROJECT_DIR
from kbcore.workbook.build import (
    SourceLanguageError,
    language_variants,
    program_langs,
    read_source,
    source_files,
)

SOURCES = source_files(PROJECT_DIR)
_LANG_LINE = re.compile(r'^lang = "[a-z]{2}"', re.MULTILINE)


def _prose(cells) -> str:
    """The words of text cells: no code spans, code blocks, links' targets, formulas or HTML tags."""
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\$[^$]*\$", " ", text)
    return re.sub(r"<[^>]+>", " ", text)


@pytest.fixture(scope="module", params=SOURCES, ids=[p.relative_to(PROJECT_DIR).as_posix() for p in SOURCES])
def variants(request):
    rel = request.param.relative_to(PROJECT_DIR)
    return rel, language_variants(read_source(request.param), program_langs(rel), source=rel.as_posix())


def test_the_project_has_sources_in_both_programs_languages():
    assert SOURCES, "no notebook source found"
    assert {program_langs(p.relative_to(PROJECT_DIR)) for p in SOURCES} <= {("ru", "en"), ("bg", "en")}


def test_variants_run_the_same_code(variants):
    rel, by_lang = variants
    codes = {lang: [_LANG_LINE.sub('lang = "?"', c.source) for c in nb.cells if c.cell_type == "code"]
             for lang, nb in by_lang.items()}
    first = next(iter(codes.values()))
    assert first, f"{rel}: no code"
    for lang, code in codes.items():
        assert code == first, f"{rel}: the code of the {lang} workbook differs"
    for lang, nb in by_lang.items():
        sets = [c.source for c in nb.cells if c.cell_type == "code" and _LANG_LINE.search(c.source)]
        assert sets and f'lang = "{lang}"' in sets[0], f"{rel}: the {lang} workbook does not set lang"


def test_each_variant_speaks_its_language(variants):
    rel, by_lang = variants
    for lang, nb in by_lang.items():
        prose = _prose(nb.cells)
        cyrillic = len(re.findall(r"[\u0400-\u04FF]", prose))
        latin = len(re.findall(r"[A-Za-z]", prose))
        if lang in ("ru", "bg"):
            assert cyrillic >= 10 * latin, (
                f"{rel} ({lang}): {cyrillic} Cyrillic letters against {latin} Latin in the prose")
        else:
            assert latin >= 10 * cyrillic, f"{rel} (en): {latin} Latin letters against {cyrillic} Cyrillic"


def _source(tmp_path, text):
    path = tmp_path / "notebooks" / "kb" / "01_x.py"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    rel = path.relative_to(tmp_path)
    return lambda: language_variants(read_source(path), program_langs(rel), source=rel.as_posix())


GOOD = '''# %% [markdown] lang="en"
# # Title

# %% [markdown] lang="ru"
# # Заголовок

# %% tags=["parameters"]
lang = "en"
x = 1
'''


def test_a_complete_source_gives_one_workbook_per_language(tmp_path):
    got = _source(tmp_path, GOOD)()
    assert list(got) == ["ru", "en"]
    assert [c.source for c in got["ru"].cells] == ["# Заголовок", 'lang = "ru"\nx = 1']
    assert [c.source for c in got["en"].cells] == ["# Title", 'lang = "en"\nx = 1']


@pytest.mark.parametrize("text, says", [
    (GOOD.replace('# %% [markdown] lang="ru"\n# # Заголовок\n\n', ""), "has no ru version"),
    (GOOD.replace('lang="ru"', 'lang="en"'), "cell 2 ('Заголовок') has no ru version"),
    (GOOD.replace('# %% [markdown] lang="ru"', "# %% [markdown]"), "has no language"),
    (GOOD.replace('# %% tags=["parameters"]', '# %% lang="ru"'), "code marked"),
    (GOOD.replace('lang="ru"', 'lang="bg"'), "not a language of this program"),
    (GOOD.replace('lang = "en"\n', ""), 'no code cell sets lang'),
])
def test_a_missing_or_doubled_translation_stops_the_build(tmp_path, text, says):
    with pytest.raises(SourceLanguageError, match=re.escape(says)):
        _source(tmp_path, text)()
