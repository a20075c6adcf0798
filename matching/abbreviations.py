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
* the key means nothing else in the other indexed languages or in ESCO's own labels (German
  "PTA" is a pharmacy technician, French "CDP" a project manager, ESCO's "SEN" a state enrolled
  nurse and "AV engineer" an autonomous-vehicle one, so none of them is here);
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
    "va": "administrative assistant",  # virtual assistant: ESCO has none, the job is this one
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
    "sre": "ict system administrator",  # site reliability engineer: in no ESCO label
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
    "lgv": "heavy goods vehicle",  # UK DVLA: LGV and HGV name the same licences, C and C+E
    "cdl": "truck",
    "hvac": "heating ventilation air conditioning",
    "kfz": "kraftfahrzeug",
    # US nursing licences and certifications (NCSBN, ANCC, AACN, NBCRNA, AMCB) and NHS titles
    # (NHS Health Careers: healthcare support worker, community psychiatric nurse)
    "crna": "specialist nurse",  # certified registered nurse anesthetist
    "ccrn": "specialist nurse",  # critical care registered nurse
    "cns": "specialist nurse",  # clinical nurse specialist
    "fnp": "advanced nurse practitioner",  # family nurse practitioner
    "anp": "advanced nurse practitioner",
    "cnm": "midwife",  # certified nurse-midwife
    "cpn": "mental health nurse",  # UK community psychiatric nurse
    "stna": "nursing assistant",  # Ohio's state tested nursing assistant
    "hcsw": "healthcare assistant",  # UK healthcare support worker
    "hha": "home care aide",  # US home health aide (BLS 31-1121)
    "psw": "personal care worker",  # Canadian personal support worker
    "aemt": "emergency medical technician",  # advanced EMT (NREMT)
    # Doctors, dentists, pharmacists, vets: degrees and US licences written after the name
    "mbbs": "medical doctor",
    "dds": "dental practitioner",
    "dmd": "dental practitioner",
    "bds": "dental practitioner",
    "rdh": "dental hygienist",  # registered dental hygienist
    "rda": "dental chairside assistant",  # registered dental assistant
    "rph": "pharmacist",
    "pharmd": "pharmacist",
    "cpht": "pharmacy technician",  # certified pharmacy technician (PTCB)
    "dvm": "veterinarian",
    "vmd": "veterinarian",
    "rvn": "veterinary nurse",  # UK registered veterinary nurse (RCVS)
    "cvt": "veterinary technician",  # US certified / licensed / registered vet tech (AVMA)
    "lvt": "veterinary technician",
    "rvt": "veterinary technician",
    # Therapists, social work and allied health (NBCOT, APTA, ASWB, AAMFT, CDR, AMTA)
    "cota": "occupational therapy assistant",
    "dpt": "physiotherapist",  # doctor of physical therapy
    "lcsw": "social worker",
    "lmsw": "social worker",
    "msw": "social worker",
    "lmft": "marriage and family therapist",
    "rdn": "dietitian",  # registered dietitian nutritionist
    "mlt": "medical laboratory assistant",  # medical laboratory technician, ISCO 3212
    "lmt": "massage therapist",
    "rmt": "massage therapist",
    "chiro": "chiropractor",
    "osteo": "osteopath",
    "phleb": "phlebotomist",
    # Schools (UK DfE school workforce census titles; US special education; TESOL bodies)
    "hlta": "school teaching assistant",  # higher level teaching assistant
    "senco": "special educational needs coordinator",
    "sna": "special educational needs assistant",  # Irish special needs assistant
    "sped": "special educational needs",
    "esl": "language school",  # English as a second language; ESCO: language school teacher
    "efl": "language school",
    "tefl": "language school",
    "tesol": "language school",
    "esol": "language school",
    "tchr": "teacher",
    # Software and media (Wikipedia's lists of computing and IT abbreviations and of film crew
    # roles: SDET, infosec, BI, DoP, VFX, VO)
    "sdet": "software tester",  # software development engineer in test
    "pentester": "penetration tester",
    "infosec": "ict security",
    "db": "database",
    "bi": "business intelligence",
    "hw": "hardware",
    "webdev": "web developer",
    "gamedev": "digital games developer",
    "gfx": "graphic",
    "vfx": "visual effects",
    "dop": "director of photography",
    "vo": "voice over",
    "photog": "photographer",
    "videog": "videographer",
    "mua": "make up artist",
    # Executives, sales, office, finance, law (ISCO-08 puts a vice president of sales or of
    # marketing among the managers of that function, group 12; ACCA and CIMA are the UK
    # accountancy bodies)
    "vp": "manager",
    "svp": "manager",
    "evp": "manager",
    "avp": "manager",
    "chro": "human resources manager",
    "kam": "key account manager",
    "bdr": "business development representative",
    "biz": "business",
    "ea": "executive assistant",
    "secy": "secretary",
    "cx": "customer experience",
    "acca": "accountant",
    "cima": "accountant",
    "cfp": "financial planner",  # certified financial planner
    "bkpr": "bookkeeper",
    "bkkpr": "bookkeeper",
    "atty": "lawyer",  # attorney
    # Shortened words of job ads (Merriam-Webster's abbreviations: dir, supt, insp, govt, intl,
    # mfg, mgt; clippings in the OED: lab, med, rehab, pharma)
    "dir": "director",
    "supv": "supervisor",
    "supvr": "supervisor",
    "supvsr": "supervisor",
    "supt": "superintendent",
    "insp": "inspector",
    "mgt": "management",
    "mngmt": "management",
    "mkt": "marketing",
    "mrktg": "marketing",
    "mktng": "marketing",
    "proj": "project",
    "comms": "communication",
    "cust": "customer",
    "svc": "service",
    "mfg": "manufacturing",
    "manuf": "manufacturing",
    "whse": "warehouse",
    "equip": "equipment",
    "engg": "engineering",
    "maint": "maintenance",
    "mtce": "maintenance",
    "elec": "electrical",
    "enviro": "environmental",
    "env": "environmental",
    "govt": "government",
    "intl": "international",
    "drvr": "driver",
    "lab": "laboratory",
    "med": "medical",
    "clin": "clinical",
    "rehab": "rehabilitation",
    "pharma": "pharmaceutical",
    # Safety, construction, security, transport (UK HSE, CSCS, SIA, CAA; US FMCSA)
    "ehs": "health safety and environmental",
    "ndt": "non destructive testing",
    "cscs": "construction",  # Construction Skills Certification Scheme card: "CSCS labourer"
    "sia": "security",  # Security Industry Authority licence: "SIA guard"
    "flt": "forklift",  # fork-lift truck
    "otr": "truck",  # over-the-road (long-haul) driver
    "atc": "air traffic controller",
    "atco": "air traffic controller",
    # Hospitality and retail
    "foh": "front of house",
    "somm": "sommelier",
    "merch": "merchandiser",
    # Armed forces and police ranks (UK MOD and US DoD abbreviations)
    "sgt": "sergeant",
    "nco": "non commissioned officer",
    "cpl": "corporal",
    "capt": "captain",
    "lieut": "lieutenant",
    "cmdr": "commander",
    "k9": "police dog",  # Merriam-Webster, K-9: a police dog ("K9 officer", "K9 handler")
    # Grown for issue 12 from a hand-written probe list (tests/matching/probes.csv). UK NMC
    # register (RMN: registered mental nurse); AOTA (OTA: occupational therapy assistant); UK
    # police (CID: Criminal Investigation Department); UK DfE subject names (MFL: modern
    # foreign languages); Australian Technical and Further Education colleges (TAFE); network
    # operations centre (NOC); Australian Safe Work and UK HSE (OHS, WHS: occupational / work
    # health and safety); photovoltaic (PV, as in ESCO's own "PV field technician"); EU GDPR
    # art. 37 (DPO: data protection officer); Spain's Real Decreto 546/1995 (TCAE: técnico en
    # cuidados auxiliares de enfermería); ESCO's own alt label "PMO" of project support officer.
    "rmn": "mental health nurse",
    "ota": "occupational therapy assistant",
    "cid": "police detective",
    "mfl": "modern languages",
    "tafe": "vocational",
    "noc": "ict network",
    "ohs": "health and safety",
    "whs": "health and safety",
    "pv": "photovoltaic",
    "dpo": "data protection officer",
    "tcae": "auxiliar de enfermeria",
    "pmo": "project support",
    # Tenth session's probes: the UK DfE's NQT (newly qualified teacher, now "early career");
    # SENDCo, the SENCO's title since the SEND Code of Practice 2014; British and American Sign
    # Language (BSL, ASL), as in "BSL interpreter".
    "nqt": "teacher",
    "sendco": "special educational needs coordinator",
    "bsl": "sign language",
    "asl": "sign language",
    # Eleventh session's probes: the key stages of England's national curriculum (DfE: KS1
    # and KS2 are primary, KS3 and KS4 secondary school), as in "KS2 teacher"; the learning
    # support assistant (LSA) of UK schools, who supports pupils with special educational
    # needs. Not ELT (English language teaching): "ETL/ELT" is also a data pipeline.
    "ks1": "primary school",
    "ks2": "primary school",
    "ks3": "secondary school",
    "ks4": "secondary school",
    "lsa": "special educational needs assistant",
}

ABBREVIATIONS: Final = MappingProxyType(_TABLE)
"""Read-only view of the table: token -> replacement words."""
