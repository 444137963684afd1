"""The demo company: a seeded training distributor whose planted truths the blocks reveal.

``kbcore demo`` (:func:`main`) writes it to ``data/demo/``; :func:`generate` builds its tables in
memory and :func:`write` saves them with a sha256 manifest.
"""

from __future__ import annotations

from kbcore.demo.generator import (
    COLUMNS,
    COMPANY,
    DEFAULTS,
    FILES,
    MANIFEST,
    generate,
    main,
    write,
)

__all__ = ["COMPANY", "DEFAULTS", "COLUMNS", "FILES", "MANIFEST", "generate", "write", "main"]
