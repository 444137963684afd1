"""Block 3's handover guard: a period that does not reach back to the year before the departure.

The demo company's manager Никифоров left on 29 June 2023 (``kbcore/demo``): over all the data
the comparison is made; over 2024 alone the leaver has no sales line in the year before the day,
so the result is empty with ``missing == ("period",)`` instead of an error.
"""

import pytest

import kbcore
from kbcore.analyses.possibilities import handover_in_period
from kbcore.facts import Facts


@pytest.fixture(scope="module")
def demo():
    return kbcore.load(None)


def test_the_demo_leaver_is_compared_over_all_the_data(demo):
    h = handover_in_period(demo, Facts.of(demo))
    assert h.manager is not None and h.manager.startswith("Никифоров")
    assert h.groups.set_index("group").loc["handed_over", "clients"] > 0


def test_a_period_after_the_departure_says_so(demo):
    facts = Facts.of(demo, start="2024-01-01", end="2024-12-31", as_of="2024-06-30")
    h = handover_in_period(demo, facts)
    assert h.manager is None and h.missing == ("period",) and h.groups.empty
