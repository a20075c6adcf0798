"""Fixtures the `willai` tests borrow: the matcher's small hand-written index (for `match`)."""

from tests.matching.conftest import small_index, uri  # noqa: F401 - re-exported fixtures
