"""pytest set-up for the notebooks outside ``tests/`` (nbval runs ``solutions/`` and ``exercises/``)."""

import os
from pathlib import Path

# the kernels nbval starts inherit it: a solution whose answer is not right fails its run
os.environ["KBCORE_STRICT_CHECKS"] = "1"


def pytest_ignore_collect(collection_path, config):
    """Let nbval execute each workbook once: in the language its seminar is taught in.

    ``kbcore build`` writes a workbook per language from one source; the variants differ only in
    their prose (``tests/test_language_variants.py`` compares them cell by cell), so executing
    the others would run the same code again.
    """
    if collection_path.suffix != ".ipynb":
        return None
    from kbcore.i18n import LANGS
    from kbcore.workbook.build import program_langs

    parts = collection_path.parts
    for top in ("solutions", "exercises"):
        if top in parts:
            rel = parts[parts.index(top):]
            if len(rel) >= 4 and rel[-2] in LANGS:
                langs = program_langs(Path("solutions", *rel[1:-2], rel[-1]))
                return True if rel[-2] != langs[0] else None
    return None
