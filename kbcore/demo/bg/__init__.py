"""The Bulgarian demo company („Витоша Лубрикантс“ ЕООД): generated into ``data/demo_bg/``.

:func:`generate` builds its tables through the shared machinery of :mod:`kbcore.demo` with the
Bulgarian profile (:data:`BG`); :func:`kbcore.demo.files.write` with ``profile=BG`` saves them.
Modules: :mod:`~kbcore.demo.bg.company` (the world, constants and profile),
:mod:`~kbcore.demo.bg.names` (names, ЕИК), :mod:`~kbcore.demo.bg.products` (catalogue, prices in
BGN and EUR), :mod:`~kbcore.demo.bg.plan` (clients as economics, planted groups),
:mod:`~kbcore.demo.bg.cards` (client cards, wallets, supplier ranks),
:mod:`~kbcore.demo.bg.market` (market, territories, targets), :mod:`~kbcore.demo.bg.generator`
(putting it together).
"""

from __future__ import annotations

from kbcore.demo.bg.company import BG, COMPANY, DEFAULTS, FX
from kbcore.demo.bg.generator import generate

__all__ = ["BG", "COMPANY", "DEFAULTS", "FX", "generate"]
