"""Municipality settings the actions need, read once from the environment."""

from __future__ import annotations

import os

MUNICIPALITY_PHONE = os.environ.get("GI_MUNICIPALITY_PHONE", "14 020")
