"""The model's hand-written rules: one readable table, every weight with its reason.

Each rule gives a skill three attributes, each in [0, 1], written as ``Profile(S, R, C)``:

* **S - automation susceptibility**: how much of the skill today's AI (generative models,
  classical software, robots on structured work) can perform on its own.
* **R - routine-ness**: how far the work follows explicit, repeatable rules (Autor, Levy and
  Murnane 2003), whether cognitive (filing) or manual (tending a machine).
* **C - AI complementarity**: how much AI augments rather than replaces the person doing it:
  judgement, responsibility, interpersonal or physical context, and digital tools of the trade.

The rules are a *model*, written by hand from the meaning of ESCO's skills-pillar groups and of
the verbs ESCO labels start with. Nothing here is fitted to any occupation or exposure index;
keep it that way (see docs/methodology.md, "Validity rules").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Profile:
    """A triple of skill attributes (susceptibility, routine-ness, complementarity)."""

    susceptibility: float
    routine: float
    complementarity: float


@dataclass(frozen=True, slots=True)
class GroupRule:
    """Baseline profile of every skill under one skills-pillar group."""

    profile: Profile
    reason: str


@dataclass(frozen=True, slots=True)
class TextRule:
    """A profile that a matching label (or description) pulls the skill towards."""

    pattern: re.Pattern[str]
    profile: Profile
    reason: str
    #: Information-work rules do not apply to skills the pillar files under physical work:
    #: "collect waste" and "sort waste" are manual, whatever the verb says.
    skip_physical: bool = False


def _g(s: float, r: float, c: float, reason: str) -> GroupRule:
    return GroupRule(Profile(s, r, c), reason)


# --------------------------------------------------------------------------------------------
# 1. Skills-pillar groups. The most specific matching code wins within a branch; a skill in
#    several branches averages them (skills-pillar "S" branches count fully, transversal "T"
#    branches at TRANSVERSAL_BRANCH_WEIGHT). Codes are ESCO's: S1-S8, T1-T6, L, and knowledge
#    "K" + ISCED-F field digits (K04 business/admin/law, K0411 accounting, ...).
# --------------------------------------------------------------------------------------------
GROUP_RULES: dict[str, GroupRule] = {
    # --- level 0 fallbacks
    "S": _g(0.45, 0.45, 0.45, "unknown skill: middle of every scale"),
    "K": _g(0.50, 0.40, 0.45, "codified knowledge is what language models reproduce best"),
    "T": _g(0.30, 0.30, 0.60, "transversal competences are broad human capabilities"),
    "L": _g(0.70, 0.50, 0.35, "language use is machine translation's core task"),
    # --- S1 communication, collaboration and creativity
    "S1": _g(0.40, 0.25, 0.65, "communication is partly generatable, collaboration is not"),
    "S1.1": _g(0.30, 0.10, 0.85, "negotiating needs trust, reading people and accountability"),
    "S1.2": _g(0.40, 0.30, 0.70, "liaising rests on relationships AI can only support"),
    "S1.3": _g(0.40, 0.25, 0.75, "teaching is relational; AI prepares material, people teach"),
    "S1.4": _g(0.50, 0.35, 0.60, "presentations are drafted by AI but delivered by people"),
    "S1.5": _g(0.50, 0.25, 0.75, "advice needs judgement and liability; AI informs it"),
    "S1.6": _g(0.50, 0.45, 0.50, "scripted selling and promotion are largely automatable"),
    "S1.7": _g(0.50, 0.50, 0.45, "structured interviewing and surveying follow scripts"),
    "S1.8": _g(0.30, 0.20, 0.75, "working with others is human coordination"),
    "S1.9": _g(0.40, 0.20, 0.75, "novel problems need judgement; AI suggests options"),
    "S1.11": _g(0.45, 0.25, 0.75, "design is augmented by generative and CAD tools"),
    "S1.12": _g(0.40, 0.30, 0.60, "generative models draft visuals; crafted artefacts stay manual"),
    "S1.13": _g(0.70, 0.40, 0.50, "writing is the core competence of language models"),
    "S1.14": _g(0.10, 0.20, 0.55, "live performance is valued because a person performs"),
    "S1.15": _g(0.70, 0.50, 0.35, "translation and interpreting are highly exposed"),
    # --- S2 information skills
    "S2": _g(0.65, 0.60, 0.45, "information work is the most AI-exposed family"),
    "S2.1": _g(0.45, 0.35, 0.70, "investigations and examinations need expert judgement"),
    "S2.2": _g(0.85, 0.85, 0.30, "documenting and recording is rule-based clerical work"),
    "S2.3": _g(0.75, 0.75, 0.40, "managing information follows filing and retention rules"),
    "S2.4": _g(0.85, 0.85, 0.30, "processing information is what computers were built for"),
    "S2.5": _g(0.35, 0.70, 0.40, "measuring is routine but done with physical instruments"),
    "S2.6": _g(0.80, 0.80, 0.40, "calculating and estimating is computable"),
    "S2.7": _g(0.65, 0.45, 0.65, "analysis is exposed yet the conclusions need judgement"),
    "S2.8": _g(0.40, 0.60, 0.50, "inspection is checklist work, often on physical objects"),
    "S2.8.2": _g(0.50, 0.60, 0.50, "monitoring operations is dashboard work"),
    "S2.8.3": _g(0.70, 0.65, 0.50, "monitoring finances is data work"),
    "S2.9": _g(0.60, 0.40, 0.55, "keeping up with a field is search-and-summarise work"),
    # --- S3 assisting and caring
    "S3": _g(0.20, 0.35, 0.60, "care happens in person"),
    "S3.1": _g(0.30, 0.15, 0.85, "counselling rests on empathy and a human relationship"),
    "S3.2": _g(0.20, 0.30, 0.80, "treatment is physical and carries clinical responsibility"),
    "S3.3": _g(0.35, 0.50, 0.60, "protecting and enforcing applies rules with authority"),
    "S3.3.4": _g(0.70, 0.80, 0.35, "checking identities and documents is rule-based verification"),
    "S3.3.5": _g(0.15, 0.45, 0.55, "physical security needs a person on the spot"),
    "S3.3.6": _g(0.45, 0.55, 0.60, "data protection applies rules to information"),
    "S3.4": _g(0.55, 0.55, 0.45, "informing clients is chatbot territory"),
    "S3.5": _g(0.15, 0.60, 0.25, "food service is manual and repetitive"),
    "S3.6": _g(0.15, 0.35, 0.45, "personal care is physical and intimate"),
    # --- S4 management skills
    "S4": _g(0.45, 0.35, 0.70, "management mixes admin with responsibility for people"),
    "S4.1": _g(0.40, 0.15, 0.85, "strategy needs accountable judgement"),
    "S4.2": _g(0.50, 0.50, 0.60, "scheduling is optimisable, organising people less so"),
    "S4.2.4": _g(0.60, 0.60, 0.50, "logistics planning is optimisation and paperwork"),
    "S4.3": _g(0.50, 0.45, 0.60, "budget tracking is computable, allocation is a decision"),
    "S4.4": _g(0.75, 0.80, 0.35, "administrative activities are routine office work"),
    "S4.5": _g(0.25, 0.10, 0.85, "leading and motivating is human"),
    "S4.6": _g(0.25, 0.15, 0.80, "building teams is human"),
    "S4.7": _g(0.40, 0.35, 0.65, "screening is automatable, hiring decisions are not"),
    "S4.8": _g(0.25, 0.25, 0.80, "supervising people carries responsibility"),
    "S4.9": _g(0.35, 0.15, 0.90, "decisions carry accountability; AI informs them"),
    # --- S5 working with computers
    "S5": _g(0.60, 0.50, 0.55, "computer work is exposed yet AI tools augment it"),
    "S5.1": _g(0.65, 0.40, 0.60, "code generation is strong, system judgement stays human"),
    "S5.2": _g(0.55, 0.60, 0.55, "setting up and protecting systems is scripted to a degree"),
    "S5.5": _g(0.75, 0.65, 0.40, "data access and queries are automated, not augmented"),
    "S5.6": _g(0.65, 0.50, 0.55, "digital content tools are themselves gaining AI"),
    "S5.7": _g(0.35, 0.65, 0.55, "controlling machinery digitally is routine programming"),
    # --- S6 handling and moving
    "S6": _g(0.10, 0.65, 0.20, "manual handling is repetitive but physical"),
    "S6.1": _g(0.20, 0.90, 0.10, "sorting and packaging is the archetypal routine manual task"),
    "S6.2": _g(0.10, 0.70, 0.15, "moving and lifting is repetitive manual work"),
    "S6.3": _g(0.12, 0.70, 0.25, "transforming materials follows recipes on machines"),
    "S6.4": _g(0.10, 0.55, 0.25, "tending crops is physical, seasonal work"),
    "S6.5": _g(0.25, 0.75, 0.25, "assembly lines are routine manual work"),
    "S6.6": _g(0.12, 0.60, 0.30, "mould and pattern making is craft with set procedures"),
    "S6.7": _g(0.08, 0.50, 0.30, "hand tools need dexterity in varied settings"),
    "S6.8": _g(0.10, 0.70, 0.20, "positioning materials is repetitive"),
    "S6.9": _g(0.08, 0.40, 0.40, "animals are unpredictable living beings"),
    "S6.11": _g(0.10, 0.75, 0.15, "cleaning is routine manual work"),
    "S6.12": _g(0.12, 0.80, 0.15, "laundering is routine machine-tending"),
    "S6.13": _g(0.10, 0.65, 0.20, "waste handling is physical and procedural"),
    # --- S7 constructing
    "S7": _g(0.05, 0.45, 0.30, "building on site is physical and non-standard"),
    "S7.2": _g(0.06, 0.50, 0.30, "installing infrastructure is physical, partly standard"),
    "S7.3": _g(0.05, 0.55, 0.25, "finishing work is physical and repetitive"),
    # --- S8 working with machinery and specialised equipment
    "S8": _g(0.15, 0.70, 0.35, "machine work is routine but physically situated"),
    "S8.1": _g(0.12, 0.65, 0.30, "mobile plant is operated on variable sites"),
    "S8.2": _g(0.15, 0.70, 0.25, "driving is routine and a target of autonomy"),
    "S8.3": _g(0.10, 0.55, 0.40, "watercraft operate in changing conditions"),
    "S8.4": _g(0.25, 0.85, 0.25, "process-plant operation is routine machine-tending"),
    "S8.5": _g(0.25, 0.85, 0.25, "production machines are tended by set routines"),
    "S8.6": _g(0.25, 0.60, 0.55, "precision instruments are read and judged by experts"),
    "S8.7": _g(0.10, 0.45, 0.40, "mechanical repair is non-routine troubleshooting"),
    "S8.8": _g(0.15, 0.45, 0.45, "electronic repair mixes diagnosis and handwork"),
    "S8.9": _g(0.10, 0.50, 0.60, "flying is safety-critical and responsibility-laden"),
    # --- T transversal skills and competences
    "T1.1": _g(0.65, 0.45, 0.40, "mastering language is a language-model strength"),
    "T1.2": _g(0.70, 0.70, 0.40, "working with numbers is computable"),
    "T1.3": _g(0.55, 0.55, 0.60, "using digital devices is increasingly automated and a tool"),
    "T2.1": _g(0.60, 0.45, 0.55, "processing information and ideas is exposed"),
    "T2.2": _g(0.45, 0.45, 0.60, "planning is partly optimisable"),
    "T2.3": _g(0.40, 0.20, 0.75, "dealing with problems needs judgement"),
    "T2.4": _g(0.45, 0.15, 0.70, "creativity is augmented, not replaced"),
    "T3": _g(0.20, 0.30, 0.55, "self-management is personal"),
    "T4.1": _g(0.40, 0.30, 0.60, "communicating is partly generatable"),
    "T4.2": _g(0.25, 0.25, 0.80, "supporting others is human"),
    "T4.3": _g(0.25, 0.20, 0.80, "collaborating in teams is human"),
    "T4.4": _g(0.25, 0.10, 0.85, "leading others is human"),
    "T4.5": _g(0.20, 0.30, 0.85, "ethics and conduct are human responsibility"),
    "T5": _g(0.05, 0.45, 0.35, "physical competences happen in the physical world"),
    "T5.1": _g(0.08, 0.55, 0.30, "manipulating objects is physical and often repetitive"),
    "T6": _g(0.30, 0.35, 0.55, "life skills are general and personal"),
    "T6.1": _g(0.15, 0.40, 0.60, "health-related skills are embodied"),
    # --- K knowledge, by ISCED-F field (what AI can supply from text vs. what grounds judgement)
    "K00": _g(0.50, 0.40, 0.45, "generic programmes: neutral"),
    "K01": _g(0.35, 0.30, 0.65, "education knowledge serves human teaching"),
    "K02": _g(0.55, 0.30, 0.50, "arts and humanities are text-rich"),
    "K021": _g(0.30, 0.30, 0.55, "arts knowledge serves human craft and performance"),
    "K022": _g(0.45, 0.30, 0.50, "humanities are text knowledge"),
    "K023": _g(0.75, 0.50, 0.35, "language knowledge is machine translation's domain"),
    "K03": _g(0.55, 0.35, 0.55, "social sciences are text-rich, applied with judgement"),
    "K031": _g(0.50, 0.30, 0.60, "behavioural science informs human judgement"),
    "K032": _g(0.75, 0.55, 0.40, "journalism and information science is text processing"),
    "K04": _g(0.65, 0.50, 0.50, "business, administration and law are codified rules"),
    "K0411": _g(0.85, 0.75, 0.35, "accounting and tax rules are computable"),
    "K0412": _g(0.70, 0.55, 0.45, "finance is quantitative and codified"),
    "K0413": _g(0.45, 0.35, 0.65, "management knowledge supports judgement"),
    "K0414": _g(0.60, 0.35, 0.55, "marketing content is generatable"),
    "K0415": _g(0.85, 0.80, 0.30, "secretarial and office knowledge is clerical routine"),
    "K0416": _g(0.55, 0.50, 0.45, "retail knowledge is product and process facts"),
    "K0417": _g(0.40, 0.40, 0.55, "work skills are applied in person"),
    "K042": _g(0.65, 0.45, 0.70, "law is codified text, applied with accountable judgement"),
    "K05": _g(0.55, 0.35, 0.65, "science is formal knowledge used for expert judgement"),
    "K054": _g(0.75, 0.55, 0.45, "mathematics and statistics are computable"),
    "K06": _g(0.70, 0.50, 0.45, "ICT knowledge is exposed: AI writes queries and code too"),
    "K07": _g(0.30, 0.45, 0.55, "engineering knowledge is applied to physical systems"),
    "K071": _g(0.35, 0.45, 0.60, "engineering design is augmented by simulation and AI"),
    "K072": _g(0.25, 0.60, 0.45, "manufacturing processes are routine and physical"),
    "K073": _g(0.25, 0.40, 0.55, "construction knowledge is applied on site"),
    "K08": _g(0.20, 0.45, 0.45, "agricultural knowledge is applied outdoors"),
    "K09": _g(0.35, 0.35, 0.70, "health knowledge grounds clinical judgement"),
    "K091": _g(0.35, 0.35, 0.75, "health knowledge grounds clinical judgement"),
    "K0912": _g(0.30, 0.30, 0.80, "medicine is applied with clinical responsibility"),
    "K0913": _g(0.25, 0.35, 0.75, "nursing knowledge is applied hands-on"),
    "K0914": _g(0.50, 0.50, 0.60, "diagnostic technology is instrument- and data-heavy"),
    "K092": _g(0.20, 0.30, 0.75, "welfare knowledge serves human support"),
    "K10": _g(0.25, 0.45, 0.45, "service knowledge is applied in person"),
    "K101": _g(0.20, 0.45, 0.40, "personal services are physical"),
    "K102": _g(0.35, 0.50, 0.55, "hygiene and safety rules are codified, applied on site"),
    "K103": _g(0.25, 0.45, 0.50, "security work is physical presence"),
    "K104": _g(0.30, 0.50, 0.45, "transport knowledge is procedural"),
}

#: A transversal ("T") branch informs a skill less than its specific skills-pillar branch.
TRANSVERSAL_BRANCH_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class KeywordRule:
    """A profile that a description mentioning any of the words pulls the skill towards.

    Words, not regular expressions: descriptions are long and a release has 14,000 of them.
    """

    words: frozenset[str]
    profile: Profile
    reason: str


def _k(words: str, s: float, r: float, c: float, reason: str) -> KeywordRule:
    return KeywordRule(frozenset(words.split()), Profile(s, r, c), reason)


def _t(
    pattern: str, s: float, r: float, c: float, reason: str, *, skip_physical: bool = False
) -> TextRule:
    return TextRule(re.compile(pattern, re.IGNORECASE), Profile(s, r, c), reason, skip_physical)


#: Skills-pillar groups of physical work (handling, constructing, machinery, physical
#: transversal competences). Information-work label rules skip skills filed only here.
PHYSICAL_GROUP_PREFIXES: tuple[str, ...] = ("S6", "S7", "S8", "T5")


# --------------------------------------------------------------------------------------------
# 2. Label rules: ESCO skill labels start with a verb ("process data", "negotiate contracts").
#    The first matching rule pulls the group profile towards its own by LABEL_RULE_WEIGHT.
#    Specific phrases come before bare verbs, so "maintain records" beats "maintain".
# --------------------------------------------------------------------------------------------
_ROUTINE_INFO = (0.90, 0.90, 0.25)
_HUMAN = (0.25, 0.12, 0.85)

LABEL_RULES: tuple[TextRule, ...] = (
    # routine information handling (clerical work; ILO's most exposed tasks)
    _t(r"\b(back ?up|backups?)\b", 0.90, 0.95, 0.25, "backups are scheduled, scripted jobs"),
    _t(
        r"\b(data entry|enter data|input data|type|typing)\b",
        0.95,
        0.95,
        0.15,
        "keying data is the most automatable clerical task",
    ),
    _t(
        r"^(maintain|keep|update|manage)\b.*\b(records?|files?|logs?|registers?|archives?|"
        r"inventor(y|ies)|databases?|documentation|accounts?)\b",
        *_ROUTINE_INFO,
        "record-keeping follows fixed rules",
    ),
    _t(
        r"\b(coding|data processing|bookkeeping|payroll|filing)\b",
        *_ROUTINE_INFO,
        "coding, processing and filing records is rule-based",
    ),
    _t(
        r"^(record|log|file|sort|process|transfer|calculate|compute|archive|register|"
        r"classify|catalogue|index|transcribe|tabulate|compile|copy|bill|invoice|reconcile|"
        r"fill|issue|verify|collect|store|retrieve|code|encode|book|schedule|proofread)\b",
        *_ROUTINE_INFO,
        "rule-based information handling: record, process, file, calculate",
        skip_physical=True,
    ),
    _t(
        r"^(answer|respond|handle)\b.*\b(enquir|inquir|questions?|calls?|requests?|"
        r"complaints?|correspondence|mail)",
        0.70,
        0.65,
        0.40,
        "answering standard enquiries is chatbot work",
    ),
    _t(
        r"^(write|draft|edit|translate|summarise|transcribe|correct)\b",
        0.80,
        0.50,
        0.40,
        "drafting and editing text is generative AI's core strength",
    ),
    _t(
        r"^(prepare|produce|generate|create)\b.*\b(reports?|statements?|invoices?|documents?|"
        r"forms?|letters?|lists?|schedules?|quotations?|summar)",
        0.85,
        0.75,
        0.35,
        "preparing standard documents is templated work",
    ),
    _t(
        r"^(analyse|interpret|evaluate|assess|review|research|investigate|forecast|estimate|"
        r"audit)\b",
        0.60,
        0.35,
        0.65,
        "analysis is exposed, conclusions need judgement",
        skip_physical=True,
    ),
    # digital tools of the trade (AI augments their users)
    _t(
        r"^(use|utilise|apply|operate)\b.*\b(software|systems?|ict|databases?|spreadsheets?|"
        r"computer|digital|e-health|tools? for|applications?|cad|cam)\b",
        0.60,
        0.55,
        0.70,
        "digital tools of the trade: AI becomes part of the tool",
    ),
    # routine manual and machine work (high routine, low generative exposure)
    _t(
        r"^(tend|operate|feed|load|unload|pack|package|stack|weigh|label|wrap)\b",
        0.20,
        0.85,
        0.25,
        "machine-tending and packing repeat fixed motions",
    ),
    _t(
        r"^(clean|wash|sweep|polish|dust|iron)\b",
        0.10,
        0.80,
        0.15,
        "cleaning repeats the same physical motions",
    ),
    # human, judgement and responsibility work
    _t(
        r"\b(multidisciplinary|multicultural|team|teams|teamwork)\b",
        *_HUMAN,
        "working with people across disciplines and cultures is human coordination",
    ),
    _t(
        r"^(negotiate|supervise|counsel|care|collaborate|cooperate|diagnose|lead|mentor|coach|"
        r"motivate|mediate|empathise|comfort|advocate|inspire|persuade|liaise|delegate|"
        r"manage (staff|personnel|employees|teams?|people|volunteers)|recruit|interview|"
        r"resolve|console|reassure|build (relationships|trust|rapport|networks?))\b",
        *_HUMAN,
        "negotiate, supervise, counsel, care, collaborate, diagnose, lead",
    ),
    _t(
        r"^(teach|train|instruct|educate|tutor|guide)\b",
        0.40,
        0.20,
        0.80,
        "teaching needs a human relationship; AI prepares the material",
    ),
    _t(
        r"^(treat|prescribe|perform surgery|operate on|examine patients|administer (medic|drug|"
        r"anaest|treatment|injection|first aid|vaccin))",
        0.15,
        0.30,
        0.85,
        "clinical acts carry hands-on responsibility",
    ),
    _t(
        r"^(decide|make decisions|approve|authorise|sign|judge|rule|adjudicate)\b",
        0.30,
        0.15,
        0.90,
        "accountable decisions stay with a person",
    ),
    _t(
        r"^(develop|devise|formulate|design|plan)\b.*\b(strateg|polic|plans?|programmes?)",
        0.45,
        0.15,
        0.85,
        "setting strategy and policy is accountable judgement",
    ),
    _t(
        r"^(comply|follow|adhere|apply)\b.*\b(legislation|regulations?|guidelines|"
        r"procedures|protocols?|standards|rules|codes?|policies)",
        0.45,
        0.75,
        0.45,
        "applying fixed rules is routine, though the responsibility stays human",
    ),
    _t(
        r"\b(governance|risk|risks|confidentiality|data protection|privacy|compliance|"
        r"regulations?|legislation|quality assurance|ethics|ethical)\b",
        0.40,
        0.45,
        0.80,
        "accountability for compliance, risk and governance stays with a person",
    ),
    # physical skilled work
    _t(
        r"^(install|repair|build|construct|erect|weld|lay|assemble|fit|mount|dismantle|"
        r"plaster|tile|roof|cut|drill)\b",
        0.06,
        0.50,
        0.30,
        "skilled handwork in changing physical settings",
    ),
    _t(
        r"^(drive|steer|pilot|navigate|fly)\b",
        0.15,
        0.65,
        0.40,
        "vehicle control is routine but safety-critical",
    ),
)

#: How far a matching label rule pulls the group baseline (0 = ignore, 1 = replace).
LABEL_RULE_WEIGHT = 0.5

# --------------------------------------------------------------------------------------------
# 3. Description cues: weaker than the label, but they catch skills whose label verb is vague
#    ("perform", "manage"). Each matching cue pulls by DESCRIPTION_RULE_WEIGHT; all apply.
# --------------------------------------------------------------------------------------------
DESCRIPTION_RULES: tuple[KeywordRule, ...] = (
    _k(
        "record records recording filing archive archives archiving database databases "
        "spreadsheet spreadsheets paperwork invoice invoices form forms administrative",
        0.80,
        0.80,
        0.30,
        "mentions of records, filing and forms signal clerical routine",
    ),
    _k(
        "standard routine repetitive procedure procedures accordance according checklist "
        "checklists",
        0.55,
        0.80,
        0.35,
        "explicit procedures signal rule-following work",
    ),
    _k(
        "patient patients client clients customer customers children pupils students "
        "colleagues team empathy trust relationship relationships emotional",
        0.25,
        0.25,
        0.75,
        "work with people in the loop needs interpersonal judgement",
    ),
    _k(
        "machine machines machinery equipment tool tools vehicle vehicles material materials",
        0.15,
        0.60,
        0.35,
        "physical equipment and materials keep the work in the physical world",
    ),
    _k(
        "responsibility responsibilities responsible accountable accountability judgement "
        "decision decisions ethical ethics safety legal",
        0.30,
        0.30,
        0.75,
        "responsibility and judgement are what AI does not take over",
    ),
)

#: Pull of each matching description cue.
DESCRIPTION_RULE_WEIGHT = 0.12

# --------------------------------------------------------------------------------------------
# 4. Structural adjustments: additive nudges, clamped to [0, 1] afterwards.
# --------------------------------------------------------------------------------------------
COLLECTION_ADJUSTMENTS: dict[str, tuple[Profile, str]] = {
    "digital": (Profile(0.05, 0.0, 0.05), "digital skills are exposed, yet AI becomes their tool"),
    "transversal": (Profile(-0.05, -0.05, 0.05), "transversal skills transfer across contexts"),
    "research": (Profile(0.0, -0.05, 0.05), "research work is open-ended and judged by experts"),
    "language": (Profile(0.05, 0.0, -0.05), "language skills face machine translation"),
}

REUSE_ADJUSTMENTS: dict[str, tuple[Profile, str]] = {
    "transversal": (Profile(-0.03, -0.03, 0.03), "broad competences adapt to new tools"),
    "occupation-specific": (
        Profile(-0.03, 0.0, 0.0),
        "niche expertise is less covered by general-purpose AI",
    ),
}

#: Knowledge is not a task: its routine-ness is pulled towards this neutral value ...
KNOWLEDGE_ROUTINE_ANCHOR = 0.40
#: ... by this weight (skills keep their routine-ness as the rules set it).
KNOWLEDGE_ROUTINE_PULL = 0.5
