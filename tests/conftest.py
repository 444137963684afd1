"""Shared test set-up: a non-interactive matplotlib backend and the demo company, loaded once."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib  # noqa: E402
import pytest  # noqa: E402

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def demo_dataset():
    """The committed demo company, loaded once per test session."""
    import kbcore

    return kbcore.load()


@pytest.fixture(scope="session")
def demo_bg_dataset():
    """The committed Bulgarian demo company (program 004), loaded once per test session."""
    import kbcore

    return kbcore.load(None, demo="bg")

