"""YAML read with libyaml when PyYAML has it (the catalogue and the mapping load in a tenth of the time).

PyYAML's pure-Python loader took about 0.1 s for the built-in mapping alone, paid by the first
read of every process; libyaml's ``CSafeLoader`` reads the same safe subset of YAML.
"""

from __future__ import annotations

import yaml

__all__ = ["load_yaml"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    """``yaml.safe_load(text)``, on libyaml when available."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python
