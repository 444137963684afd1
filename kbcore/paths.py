"""One anchor for every path kbcore resolves.

papermill runs a kernel in the caller's folder and nbval in the notebook's folder;
nothing in kbcore depends on either: paths are resolved from this module.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["PACKAGE_DIR", "PROJECT_DIR", "DATA_DIR", "DEMO_DIR", "DEMO_BG_DIR", "DEMO_DIRS", "TEMPLATES_DIR",
           "ANSWERS_DIR", "project_dir"]

PACKAGE_DIR = Path(__file__).resolve().parent


def project_dir() -> Path:
    """The project's root folder (the one holding ``notebooks/``), or ``KB_PROJECT_DIR``."""
    env = os.environ.get("KB_PROJECT_DIR")
    if env:
        return Path(env).resolve()
    return PACKAGE_DIR.parent


PROJECT_DIR = project_dir()
DATA_DIR = PROJECT_DIR / "data"
DEMO_DIR = DATA_DIR / "demo"
DEMO_BG_DIR = DATA_DIR / "demo_bg"
DEMO_DIRS = {"ru": DEMO_DIR, "bg": DEMO_BG_DIR}
"""The demo companies' folders by company: the Russian (program 000) and the Bulgarian (004)."""
TEMPLATES_DIR = DATA_DIR / "templates"
ANSWERS_DIR = PROJECT_DIR / "answers"
"""Where the questionnaires' answers are saved when the participant names no folder (not in git)."""
