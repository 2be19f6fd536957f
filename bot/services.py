"""Recognise already-involved services (GP, school, debt help...) in a person's words."""

from __future__ import annotations

import re

# id -> words people use for it; ids are what the record and the case system receive.
SERVICE_TERMS: dict[str, tuple[str, ...]] = {
    "huisarts": ("huisarts", "dokter", "gp", "doctor", "family doctor"),
    "poh_ggz": ("poh", "praktijkondersteuner", "poh-ggz", "poh ggz"),
    "school": ("school", "mentor", "leerkracht", "juf", "meester", "zorgcoördinator", "teacher"),
    "jgz": ("jgz", "consultatiebureau", "jeugdarts", "jeugdverpleegkundige", "ggd"),
    "schuldhulp": ("schuldhulp", "schuldsanering", "budgetcoach", "bewindvoerder", "debt"),
    "woningcorporatie": ("woningcorporatie", "woningbouw", "verhuurder", "landlord", "housing"),
    "veilig_thuis": ("veilig thuis",),
    "jeugdbescherming": ("jeugdbescherming", "gezinsvoogd", "raad voor de kinderbescherming"),
    "ggz": ("ggz", "psycholoog", "psychiater", "therapeut", "psychologist", "therapist"),
    "wijkteam": ("wijkteam", "sociaal team", "buurtteam", "gebiedsteam", "social team"),
    "cjg": ("cjg", "centrum voor jeugd"),
    "politie": ("politie", "wijkagent", "police"),
}

_PATTERNS = {
    kind: re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b", re.IGNORECASE)
    for kind, terms in SERVICE_TERMS.items()
}


def detect_services(text: str) -> list[str]:
    """Service ids named in the text, in catalogue order."""
    return [kind for kind, pattern in _PATTERNS.items() if pattern.search(text)]
