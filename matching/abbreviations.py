"""The hand-written abbreviation and synonym table of the title matcher.

People type job titles the way job ads and colleagues say them ("RN", "senior dev", "HR mgr"),
while ESCO spells occupations out in full. Each key is one normalised token (lower case, accents
folded); its value is the words ESCO would use. The expansion replaces the token in the query and
in every indexed label alike, so "HR manager" in ESCO and "human resources manager" typed by a
user meet in the same place.

Rules for adding an entry:

* only abbreviations that mean one job-related thing in titles (no "pa" for both "personal
  assistant" and "physician assistant" unless one reading clearly dominates in job ads);
* the expansion uses words that occur in ESCO labels, otherwise it cannot match anything;
* keep the table short and readable; it is documented in docs/matching.md.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

_TABLE: dict[str, str] = {
    # Health care
    "rn": "nurse responsible for general care",
    "rgn": "nurse responsible for general care",  # UK registered general nurse (NMC register)
    "aprn": "advanced nurse practitioner",  # US advanced practice registered nurse
    "np": "advanced nurse practitioner",  # US nurse practitioner
    "lvn": "licensed practical nurse",  # Texas and California's name for an LPN
    "slp": "speech and language therapist",  # US speech-language pathologist (ASHA)
    "ciso": "chief ict security officer",
    "lpn": "licensed practical nurse",
    "cna": "nursing assistant",
    "hca": "healthcare assistant",
    "gp": "general practitioner",
    "md": "medical doctor",
    "dr": "doctor",
    "doc": "doctor",
    "emt": "emergency medical technician",
    "ot": "occupational therapist",
    "physio": "physiotherapist",
    "pharm": "pharmacist",
    "vet": "veterinarian",
    "mfa": "medizinische fachangestellte",
    # Executives and management
    "ceo": "chief executive officer",
    "cto": "chief technology officer",
    "cfo": "chief financial officer",
    "coo": "chief operating officer",
    "cio": "chief information officer",
    "cmo": "chief marketing officer",
    "gf": "geschaftsfuhrer",
    "mgr": "manager",
    "mngr": "manager",
    "mgmt": "management",
    "pm": "project manager",
    "bdm": "business development manager",
    "gm": "general manager",
    # Office, finance, people
    "hr": "human resources",
    "hrbp": "human resources business partner",
    "cpa": "accountant",
    "acct": "accountant",
    "acctg": "accounting",
    "asst": "assistant",
    "admin": "administrative",
    "exec": "executive",
    "rep": "representative",
    "csr": "customer service representative",
    "sdr": "sales development representative",
    "pr": "public relations",
    "mktg": "marketing",
    "fin": "finance",
    "coord": "coordinator",
    "spec": "specialist",
    "va": "virtual assistant",
    "recep": "receptionist",
    # Information technology
    "it": "ict",
    "dev": "software developer",
    "devs": "software developer",
    "eng": "engineer",
    "engr": "engineer",
    "sw": "software",
    "swe": "software engineer",
    "sde": "software developer",
    "qa": "quality assurance",
    "ux": "user experience",
    "ui": "user interface",
    "dba": "database administrator",
    "sysadmin": "system administrator",
    "sre": "site reliability engineer",
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "seo": "search engine optimisation",
    "frontend": "front end",
    "backend": "back end",
    "fullstack": "full stack",
    "techn": "technician",
    "tech": "technician",
    "techs": "technician",
    "ops": "operations",
    "ba": "business analyst",
    # Trades, logistics, hospitality
    "hgv": "heavy goods vehicle",
    "lgv": "large goods vehicle",
    "cdl": "truck",
    "hvac": "heating ventilation air conditioning",
    "kfz": "kraftfahrzeug",
}

ABBREVIATIONS: Final = MappingProxyType(_TABLE)
"""Read-only view of the table: token -> replacement words."""
