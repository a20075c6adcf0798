"""The scoring model's version, on its own so that reading it loads nothing else.

Stored scores carry it; every command that serves them compares it (``willai ask`` included),
while only an import or a rescore needs the model itself and numpy.
"""

from __future__ import annotations

#: Bump whenever a rule, weight or formula changes: stored scores carry it.
MODEL_VERSION = "1.2.0"
