"""The demo company: a seeded training distributor whose planted truths the blocks reveal.

``kbcore demo`` (:func:`main`) writes it to ``data/demo/``; :func:`generate` builds its tables in
memory and :func:`write` saves them with a sha256 manifest.

The modules, each with one job: :mod:`~kbcore.demo.company` (the world and its economics),
:mod:`~kbcore.demo.timeline` (days, working days, price levels), :mod:`~kbcore.demo.draws`
(weighted choices), :mod:`~kbcore.demo.names` (names and tax IDs), :mod:`~kbcore.demo.products`
(the catalogue), :mod:`~kbcore.demo.clients` (clients as economics, the sales team),
:mod:`~kbcore.demo.sales` (orders, lines, returns, documents), :mod:`~kbcore.demo.calibration`
(planted truth 1), :mod:`~kbcore.demo.cards` (the clients table),
:mod:`~kbcore.demo.optional` (interactions, contacts, surveys, loyalty, targets, market),
:mod:`~kbcore.demo.accounts` (the key-account layer: staff, wider buying centres, contact ids,
the single-threaded drop),
:mod:`~kbcore.demo.tables` (columns and dtypes), :mod:`~kbcore.demo.generator` (putting it
together), :mod:`~kbcore.demo.files` (the files and their manifest), :mod:`~kbcore.demo.cli`
(the command line), :mod:`~kbcore.demo.profile` (the company profile that parameterises the
shared machinery; ``RU`` is every function's default).

The Bulgarian company of program 004 („Витоша Лубрикантс“ ЕООД, ``data/demo_bg/``, leva and
euro) is :mod:`kbcore.demo.bg`: the same machinery with its own profile
(``kbcore demo --company bg``).
"""

from __future__ import annotations

from kbcore.demo.cli import main
from kbcore.demo.company import COMPANY, DEFAULTS
from kbcore.demo.files import FILES, MANIFEST, write
from kbcore.demo.generator import generate
from kbcore.demo.tables import COLUMNS

__all__ = ["COMPANY", "DEFAULTS", "COLUMNS", "FILES", "MANIFEST", "generate", "write", "main"]
