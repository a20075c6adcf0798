"""What people call jobs in everyday speech, spelled the way ESCO names them.

"sparky", "cop" and "uber driver" are in no ESCO label, in any language, so no amount of word
overlap finds them. Unlike `abbreviations`, which rewrites labels and queries alike, this table
rewrites queries only: its keys are never ESCO words, and a few ("chippy", "shrink") are ordinary
words that would corrupt a label. A key may be several words ("registered nurse"); the longest
key wins.

Sources, for anyone extending it: the Oxford English Dictionary's and Merriam-Webster's entries
for each informal word (marked "informal", "slang", "British" or "Australian"), and for the
American titles that ESCO spells otherwise, the US Bureau of Labor Statistics' Standard
Occupational Classification (2018) titles mapped to ISCO-08 through the BLS crosswalk
("registered nurses" -> 2221 nursing professionals). Every value uses words that occur in ESCO's
English labels, so the ranker can find them.

Rules for adding an entry: one dominant job sense (no "chef" for "boss"); not a word ESCO uses in
any label (check the tokens); and a value that names the occupation ESCO lists, not a cousin.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Final

_TABLE: dict[str, str] = {
    # Police, security, emergency (OED: cop, copper, bobby; M-W: paramedic slang "medic")
    "cop": "police officer",
    "cops": "police officer",
    "bobby": "police officer",
    "ambo": "ambulance paramedic",
    # Building trades (OED: sparky, brickie, chippy/chippie, spark; Australian "tradie")
    "sparky": "electrician",
    "sparkie": "electrician",
    "sparkies": "electrician",
    "brickie": "bricklayer",
    "brickies": "bricklayer",
    "chippy": "carpenter",
    "chippie": "carpenter",
    "chippies": "carpenter",
    "tradie": "construction worker",
    "odd job man": "handyman",
    # Transport (OED: cabbie, cabby, trucker; ride-hailing drivers are taxi drivers in ISCO 8322)
    "cabbie": "taxi driver",
    "cabby": "taxi driver",
    "uber driver": "taxi driver",
    "lyft driver": "taxi driver",
    "rideshare driver": "taxi driver",
    "postie": "postman",
    "bin man": "refuse collector",
    "garbage man": "refuse collector",
    "garbageman": "refuse collector",
    "trash collector": "refuse collector",
    # Health and care (OED: shrink; UK "carer" is a paid care worker too; BLS 29-1141)
    "shrink": "psychiatrist",
    "registered nurse": "nurse responsible for general care",
    "staff nurse": "nurse responsible for general care",
    "care giver": "care worker",
    "sawbones": "surgeon",
    # Office and money (M-W: bean counter)
    "bean counter": "accountant",
    "number cruncher": "accountant",
    # Software (everyday English for programmers)
    "techie": "ict technician",
    # Hospitality and retail
    "barkeep": "bartender",
    "barkeeper": "bartender",
    "barmaid": "bartender",
    "short order cook": "cook",
    "lollipop lady": "school crossing guard",
    "lollipop man": "school crossing guard",
}

_WHOLE_TITLE: dict[str, str] = {
    # Words ESCO uses inside longer names ("clinical coder", "animal carer") that, typed alone,
    # mean the everyday job: replaced only when they are the whole title.
    "coder": "programmer",
    "coders": "programmer",
    "carer": "care worker",
    "carers": "care worker",
    # Latin American Spanish (Diccionario de la lengua española, "contador": one who keeps the
    # accounts); ESCO's Spanish labels use Spain's "contable", and "contador" there is a meter.
    "contador": "contable",
    "contadora": "contable",
}

COLLOQUIAL: Final = MappingProxyType(_TABLE)
"""Read-only view: everyday words (folded, lower case) -> the words ESCO would use."""
WHOLE_TITLE: Final = MappingProxyType(_WHOLE_TITLE)
"""Read-only view: everyday words replaced only when they are the whole (folded) title."""

_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in sorted(COLLOQUIAL, key=len, reverse=True)) + r")\b"
)


def spell_out(text: str) -> str:
    """Replace every everyday job word of a folded query by ESCO's words for it."""
    whole = WHOLE_TITLE.get(text.strip())
    if whole is not None:
        return whole
    return _PATTERN.sub(lambda m: COLLOQUIAL[m.group(0)], text)
