"""English phrase helpers, so generated answer text never has broken grammar.

Answers are assembled from pieces: ESCO labels, occupation titles, numbers. ESCO writes skill
labels verb-first in the base form ("analyse large-scale data"), which reads wrongly after a
preposition ("moving towards analyse large-scale data"), and an article chosen by the first
letter rather than the first sound gives "a MRI technician" or "an university lecturer". These
helpers fix such seams in one place. They are pure and use only the standard library, so any
layer (scoring, bot, benchmarks) can call them on hot paths and in tests without setup.

ESCO uses British English, so spellings follow it: "travelling", "labelling", "ageing".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a block, so long word lists stay compact to read."""
    return frozenset(text.split())


#: English verbs in the base form. Curated from general English, not from ESCO: it decides
#: whether the first word of a skill label is a verb, and whether a word after a preposition
#: is a bare verb. Words far more often nouns in those places are left out: those that begin
#: ESCO noun phrases ("metal", "own", "rust", "mine") and those that follow prepositions
#: ("in time", "at rest", "at ease", "in need", "under pressure").
VERBS: frozenset[str] = _words(
    """
    abandon abbreviate abide abolish abrade abridge absorb abstract accelerate accentuate accept
    access acclimatise accommodate accompany accomplish account accrue accumulate accurise
    accuse achieve acknowledge acquire acquit act activate adapt add address adhere adjoin
    adjudicate adjust administer administrate admire admit admonish adopt adorn advance
    advertise advise advocate aerate affect affiliate affirm affix afford age aggregate agitate
    agree aid aim air alert align alleviate allocate allot allow alter alternate amalgamate
    amass ameliorate amend amplify amuse analyse anchor animate annex annotate announce annul
    anoint answer anticipate apologise appeal appear append applaud apply appoint apportion
    appraise appreciate apprehend apprise approach appropriate approve approximate arbitrate
    archive argue arise arm arouse arrange arrest arrive articulate ascend ascertain ascribe ask
    aspire assemble assert assess assign assimilate assist associate assume assure attach attack
    attain attempt attend attest attract attribute attune auction audit audition augment
    authenticate author authorise automate avert avoid await awaken award back backfill bag bail
    bake balance ban band bandage bank baptise bar barbecue bargain barter baste bathe batter
    battle be beam bear beat beautify become befriend beg begin behave believe belong benchmark
    bend benefit bestow bet bevel bias bid bill bind bisect bite blame blanch blast bleach bleed
    blend bless blind blink block blog blossom blow blur board boil bolster bolt bond bonderise
    bone book boost boot bore borrow bother bottle bounce bow brace bracket braid brainstorm
    braise brake branch brand breach breathe breed brew bribe bridge brief brighten bring
    broadcast broaden browse bruise brush buckle budget buff bug build bump bundle burn burnish
    burst bury butcher button buy buzz bypass cable calculate calender calibrate call calm
    camouflage campaign can cancel canvass cap capitalise caption captivate capture care carry
    cart carve cascade cast catalogue catch categorise cater caulk cause caution cease celebrate
    cement censor centre certify chair chalk challenge champion change channel chant char
    characterise charge chart chase chat check cheer chew chill chip chisel choke choose chop
    chrome chronicle churn circle circulate circumvent cite claim clamber clamp clap clarify
    clash clasp classify clean cleanse clear clench climb cling clip clog clone close clot
    clothe cluster clutch co-ordinate coach coat coax code codify coerce coexist coil coincide
    collaborate collapse collate collect collide colonise colour comb combat combine come
    comfort command commemorate commence commend comment commercialise commission commit
    communicate commute compact compare compel compensate compete compile complain complement
    complete comply comport compose compost compound comprehend compress comprise compromise
    compute conceal concede conceive concentrate conceptualise concern conclude concoct
    concretise concur condemn condense condition conduct confer confess confide configure
    confine confirm confiscate conform confront confuse congeal congratulate conjoin connect
    conquer consecrate consent conserve consider consolidate conspire constitute constrain
    construct consult consume contact contain contaminate contemplate contend contest
    contextualise continue contract contradict contrast contravene contribute contrive control
    convene converse convert convey convict convince cook cool cooperate coordinate cope coppice
    copy copyedit core correct correlate correspond cost counsel count counteract counterbalance
    countersign couple cover crack craft cram crane crank crate crawl create credit creep crimp
    criticise critique crop cross crosscheck crouch crowd crown crumble crumple crush
    crystallise cuddle cue culminate cultivate culture curate curb curdle cure curl curtail
    cushion customise cut cycle dab damage dampen dance dangle dare dash deactivate deal debate
    debrief debug debunk deburr decant decay deceive decentralise decide decipher declare
    decline declutter decode decommission decompose decompress deconstruct decontaminate
    decorate decrease decrypt dedicate deduce deduct deem deepen defeat defend defer define
    deflect defraud defray defrost defuse defy degauss degrade degrease degum dehumidify
    dehydrate delay delegate delete deliberate delight delineate deliver demagnetise demand
    demarcate demolish demonstrate demote denote denounce dent deny depart depend depict deploy
    deposit depreciate deprive depurate deputise deregulate derive desalt descale descend
    describe deserve design designate desire desolidify despatch destabilise destroy detach
    detail detain detect deter deteriorate determine detonate devalue develop deviate devise
    devote diagnose dial dictate die differ differentiate diffuse dig digest digitalise digitise
    dilate dilute dim diminish dine dip direct disable disaggregate disagree disappear
    disappoint disapprove disarm disassemble disburse discard discern discharge discipline
    disclose disconnect discount discourage discover discredit discuss disembark disengage
    disentangle disguise disinfect disjoint dislike dislodge dismantle dismiss dismount disobey
    dispatch dispel dispense disperse displace display dispose disprove dispute disqualify
    disregard disrupt dissect disseminate dissolve dissuade distil distinguish distort distract
    distribute disturb dive diversify divert divest divide divulge do dock document dodge
    domesticate dominate donate dose double doubt downgrade download downsize draft drag drain
    dramatise drape draw dread dream dredge drench dress dribble drift drill drink drip drive
    drop drown dry dub dump duplicate dust dwell dye earmark earn eat echo economise edit
    educate effect effectuate eject elaborate elect electrify electroform elevate elicit
    eliminate elucidate elude email emanate embalm embark embed embellish embody emboss embrace
    embroider emerge emigrate emit empathise emphasise employ empower empty emulate enable enact
    enamel encapsulate encircle enclose encode encompass encounter encourage encrypt end
    endanger endeavour endorse endure energise enforce engage engender engineer engrave enhance
    enjoy enlarge enlighten enlist enliven enquire enrich enrol enroll ensure entail entangle
    enter entertain enthral enthuse entice entitle entrust enumerate envelop envisage envision
    equalise equate equip eradicate erase erect erode err erupt escalate escape escort establish
    estimate etch evacuate evade evaluate evoke evolve exacerbate exaggerate examine excavate
    exceed excel exchange excite exclaim exclude excrete excuse execute exemplify exempt
    exercise exert exhale exhaust exhibit exist exonerate expand expect expedite expel
    experience experiment expire explain explode exploit explore export expose expound express
    extend extinguish extol extort extract extradite extrapolate extricate extrude exude
    fabricate face facilitate factor fade fail fall falsify falter familiarise fan farm
    fascinate fashion fasten fathom favour fax fear feature feed feel fell fence fend ferment
    fertilise fetch fiddle fight file fill fillet film filter finalise finance find fine finish
    fire fish fit fix flag flake flame flap flare flash flatten flavour flay flee flex flick
    flicker flip float flock flood floss flourish flow fluctuate flush flutter fly foam focus
    foil fold follow forbid force forecast foresee foretell forfeit forge forget forgive form
    formalise format formulate fortify forward foster fracture fragment frame free freeze fret
    frighten frost frown frustrate fry fuel fulfil fulfill fumigate fund furnish fuse fuss gain
    gallop galvanise gamble garden garnish gasp gather gauge gaze generalise generate germinate
    gesture get gild give glance glare glaze glide glorify glow glue gnaw go gossip gouge govern
    grab grade graduate graft grant graph grapple grasp grate gratify graze grease greet grieve
    grill grin grind grip groan groom grout grow grumble guarantee guard guess guide gut haggle
    hail halt halve hammer hamper hand handcraft handcuff handle hang happen harass harbour
    harden harm harmonise harness harvest hasten hatch hate haul have head heal hear heat heave
    hedge heed heighten help hem hesitate hibernate hide highlight hijack hike hinder hint hire
    hit hitch hoard hoist hold hone honour hook hop hope host hover howl huddle hug humidify
    hunt hurl hurry hurt hush hydrate hypnotise hypothesise identify idle ignite ignore
    illuminate illustrate imagine imbed imitate immerse immigrate immobilise immunise impair
    impart impede impel impersonate implant implement implicate imply import impose impregnate
    impress imprint imprison improve improvise inaugurate incinerate incise incite incline
    include inconvenience incorporate increase increment incubate incur indent index indicate
    individualise induce induct indulge infect infer infest infiltrate inflate inflict influence
    inform infringe infuse ingest inhabit inhale inherit inhibit initialise initiate inject
    injure ink innovate inoculate input inquire inscribe inseminate insert insist inspect
    inspire install instil instill institute instruct insulate insult insure integrate intend
    intensify interact intercede intercept interchange interface interfere interject interlace
    interlock intern internalise interpret interrogate interrupt intervene interview intimidate
    introduce intrude intuit inundate invade invalidate invent inventory invert invest
    investigate invigorate invite invoice invoke involve iron irrigate irritate isolate issue
    itemise jack jam jell jerk jog join joint jolt jot journey judge juggle jump justify keep
    key kick kill kiln kindle kiss knead kneel knit knock knot know label lace lacquer ladle
    lament laminate lash last latch laugh launch launder lay layer lead leak lean leap learn
    lease leave lecture legalise legislate lend lengthen let level leverage levy liaise liberate
    license lick lie lift light lighten like limb limit linger link liquefy liquidate list
    listen litter live load loan loathe lobby localise locate lock lodge log loiter look loom
    loosen loot lop lose lounge love lower lubricate lug lure lurk macerate machine magnetise
    magnify mail maintain make malfunction malt manage mandate maneuver manhandle manicure
    manifest manipulate manoeuvre manufacture manure map marinade marinate mark market marry
    marshal marvel mash mask massage master match mate materialise maximise measure mediate
    medicate meditate meet meld melt memorise mend mention mentor merchandise merge merit
    metabolise migrate milk mill mimic mind mingle minimise minister mint misinterpret misjudge
    mislead misplace misrepresent miss mistake mistrust misuse mitigate mix mobilise mock model
    moderate modernise modify modulate moisten mold monetise monitor monopolise moor mop mortar
    mortgage motivate mould mount mourn move mow muffle multiply mumble murmur mutate nail
    narrate narrow navigate necessitate neglect negotiate neighbour network neutralise nibble
    nod nominate normalise notate note notice notify nourish nudge nullify numb nurse nurture
    obey oblige obliterate obscure observe obstruct obtain occupy occur offend offer officiate
    offset oil omit ooze open operate oppose opt optimise orchestrate ordain order organise
    orient orientate originate outfit outlast outlaw outline outlive outnumber outperform output
    outsource outweigh overburden overcharge overcome overdo overflow overhaul overhear overlap
    overlay overload overlook overpower override overrule overrun oversee overshadow overstate
    overtake overthrow overturn overwhelm overwork owe oxidise pace pacify pack package pad
    paddle paginate paint pair palletise palpate pamper pan panel panic parade paralyse
    paraphrase pardon park parkerise parse partake participate partition partner pass paste
    pasteurise patch patent patrol pause pave pawn pay pedal peddle peek peel peer peg pen
    penalise penetrate perceive perfect perforate perform perish permit perpetuate persevere
    persist personalise personify persuade pertain perturb peruse pester petition phone
    phosphatise photocopy photograph pick pickle picture pierce pile pilot pin pinch pinpoint
    pioneer pipe pitch pity placate place plagiarise plan plane plant plaster plate play plead
    please pleat pledge plot plough pluck plug plumb plummet plunge ply poach point poison
    polish poll pollinate ponder pop populate portion portray pose posit position possess post
    postpone postulate pot pounce pour powder practice practise praise pray preach prearrange
    precede precipitate preclude predetermine predict preface prefer preform preheat premiere
    preoccupy prepare prescribe present preserve preset preside press presume presuppose pretend
    prevail prevent price prime print prioritise probe proceed process proclaim procrastinate
    proctor procure prod produce profess proffer profile profit program programme progress
    prohibit project proliferate prolong promise promote prompt pronounce proofread prop
    propagate propel prophesy propose prosecute prospect prosper protect protest protrude prove
    provide provision provoke prowl prune pry publicise publish pucker puff pull pulp pulverise
    pummel pump punch punctuate puncture punish purchase purge purify pursue push put qualify
    quantify quarantine quarrel quash quell quench query question queue quicken quit quiver
    quote race rack radiate radicalise raffle raid rain raise rake rally ramble ramp range rank
    ransack rate ratify rattle ravage ravel reach react reactivate read reaffirm realign realise
    reap reappear rear rearrange reason reassemble reassure rebel rebound rebuff rebuild rebuke
    recall recap recede receive recharge recite reckon reclaim reclassify recline recognise
    recoil recollect recommence recommend reconcile reconsider reconstruct reconvene record
    recount recoup recover recreate recruit rectify recuperate recur recycle redeem redefine
    redeploy redesign redevelop redirect redistribute redo redraft redress reduce reel
    reestablish reevaluate refactor refer refill refine reflect reform reformulate refrain
    refresh refrigerate refuel refund refurbish refurnish refuse refute regain regard regenerate
    register regret regroup regulate rehabilitate rehearse rehouse reimburse reinforce reinstate
    reiterate reject rejoice rejuvenate rekindle relapse relate relax relay relearn release
    relieve relinquish relish relive reload relocate rely remain remake remark remediate remedy
    remember remind remit remodel remove remunerate rename render renew renovate rent reopen
    reorganise repackage repair repatriate repay repeat repel rephrase replace replant replay
    replenish replicate reply report repossess represent reprimand reprint reprocess reproduce
    reprogram repudiate request require requisition rescind rescue research resemble reserve
    reset reshape reshuffle reside resign resist resit resolve resonate resource respect respond
    restart restock restore restrain restrict restructure resubmit resume resupply resurface
    resuscitate retail retain retake retaliate retell rethink retire retort retouch retrace
    retract retrain retreat retrieve retrofit return reunite reuse revamp reveal reverse revert
    review revise revisit revitalise revive revoke revolutionise revolve reward rewind rewire
    rework rewrite ride ridicule rig ring rinse rip ripen rise rival rivet roam roar roast rob
    roll roof rotate round rouse route rub ruin rule rumble rummage run rupture rush sabotage
    sack sacrifice safeguard sag sail salt salute salvage sample sanction sand sandblast
    sanitise satisfy saturate saunter save savour saw say scald scale scamper scan scatter
    scavenge schedule scold scoop scorch score scorn scour scout scramble scrap scrape scratch
    scream screed screen screw scribble scribe scroll scrub scrutinise sculpt seal sear search
    season seat secure seduce see seed seek seep segment segregate seize select sell send sense
    separate sequence sequester serve service set settle sever sew shackle shade shake shampoo
    shape share sharpen shatter shave shear shed shell shelter shelve shield shift shim shine
    ship shiver shock shoe shoot shop shorten shotblast shoulder shout shove shovel show shred
    shrink shrug shudder shuffle shun shunt shut shuttle sicken sieve sift sigh sign signal
    signify silence simmer simplify simulate sing sink sinter sip siphon sit situate size skate
    sketch skew ski skid skim skin skip slam slap slash slaughter sleep slice slide slip slit
    slump smash smear smell smelt smile smoke smooth smoothen smother smoulder smudge snag snap
    snatch sneak sneeze sniff snip soak soar sob socialise soften solder solicit solidify solve
    soothe sort sow span spare spark spawn speak specialise specify speculate speed spell spend
    spice spike spill spin spiral splash splice splinter split spoil sponge sponsor spot spray
    spread sprinkle sprint sprout spruce spur spy squander squash squat squeeze stab stabilise
    stack staff stage stagger stain stall stammer stamp stand standardise staple stare start
    startle starve state stay steal steam steer stem step sterilise stick stifle stimulate sting
    stipulate stir stitch stock stockpile stoop stop store storm stow straighten strain strangle
    strategise stray streamline strengthen stress stretch stride strike string strip strive
    stroke structure struggle study stuff stumble stun style subcontract subdivide subdue sublet
    submerge submit subpoena subscribe subside subsidise subsist substantiate substitute
    subtract subvert succeed suck suffer suffocate suggest suit summarise summon sunbathe
    superintend supersede supervise supplement supply support suppose suppress surf surmise
    surmount surpass surrender surround survey survive suspect suspend sustain swab swallow swap
    swarm swear sweat sweep sweeten swell swerve swim swing swirl switch swoop symbolise
    sympathise synchronise synopsise synthesise systematise systemise tabulate tack tackle tag
    tailor taint take talk tally tame tamper tan tangle tap tape target tarnish taste tattoo tax
    teach tear tease telephone tell temper tempt tend terminate terrify test testify thank
    thatch thaw theorise thicken thin think thrash thread threaten thrive throw thrust thwart
    tickle tidy tie tighten tile tilt timetable tint tip tiptoe tire toil tolerate top topple
    torment toss total tour tow trace track trade train trample transcend transcribe transfer
    transform transit translate transliterate transmit transmute transpire transplant transport
    transpose trap travel traverse tread treat tremble trespass triage trial trickle trigger
    trim trip trivialise troubleshoot trudge truncate trust try tuck tug tumble tune tunnel turn
    tutor tweak twinkle twirl twist twitch type typify unbind uncover underestimate undergo
    underline undermine underpin underscore understand understate undertake underwrite undo
    undress unearth unfold unify unite unleash unload unlock unmoor unpack unravel unroll untie
    unveil unwind update upend upgrade uphold upholster uplift upload uproot upsell upset
    upskill urge use usher usurp utilise vacate vaccinate vacuum validate valorise valuate value
    vanish vaporise varnish vary vault veer vend veneer venerate vent ventilate venture
    verbalise verify vet vibrate victimise view vindicate violate visit visualise voice
    volunteer vomit vote vouch vow wade wait waive wake walk wander wane warm warn warp warrant
    wash waste watch waver wax wean wear weave wed weed weep weigh welcome weld wheel whine whip
    whisk whisper whistle whiten whittle widen wield wiggle wilt win wind wink winterise wipe
    wire wish withdraw wither withhold withstand witness wobble wonder work worry worsen wrap
    wreck wrench wrestle wriggle wring wrinkle write x-ray yawn yearn yell yield zip zone zoom
    """
)

#: Hyphenated first parts that still leave a verb ("pre-blend", "air-cure", "self-promote").
#: Other hyphenated words such as "real-time" or "low-cost" are adjectives, not verbs.
VERB_PREFIXES: frozenset[str] = _words(
    """
    air blow co cold cross de deep double fine flue freeze hand heat machine mis over pan post
    pre re self shrink spot spray steam stir sun un under vacuum
    """
)

#: Closed compounds written for a phrasal verb ("set up"), so read as that phrasal verb.
COMPOUND_GERUNDS: dict[str, str] = {
    "follow-up": "following up",
    "handover": "handing over",
    "set-up": "setting up",
    "setup": "setting up",
}

#: American word endings and their British spelling, the one the lexicon holds.
AMERICAN_ENDINGS: tuple[tuple[str, str], ...] = (
    ("yze", "yse"),
    ("ize", "ise"),
    ("or", "our"),
    ("ter", "tre"),
)

#: Words of more than one syllable stressed on the last, which double their final consonant.
DOUBLING_VERBS: frozenset[str] = _words(
    """
    abet abhor acquit admit allot beget begin commit concur confer debar debug defer degum deter
    diagram embed emit equip forbid forget format handicap imbed incur infer input kidnap occur
    omit outwit overlap permit prefer program rebut recur refer regret remit retrofit submit
    transfer transmit worship zigzag
    """
)

#: Prefixes that leave a doubling verb doubling ("reset" like "set", "underpin" like "pin").
DOUBLING_PREFIXES: tuple[str, ...] = ("under", "over", "out", "pre", "mis", "off", "up", "re", "un")

#: Gerunds no spelling rule gives: kept e for sound or sense, and -c words taking -ck-.
GERUND_EXCEPTIONS: dict[str, str] = {
    "age": "ageing",
    "be": "being",
    "binge": "bingeing",
    "cue": "cueing",
    "mimic": "mimicking",
    "panic": "panicking",
    "picnic": "picnicking",
    "queue": "queueing",
    "singe": "singeing",
    "traffic": "trafficking",
    "whinge": "whingeing",
}

#: Particles of phrasal verbs ("set up", "carry out"): a second verb may follow them.
PARTICLES: frozenset[str] = _words(
    "apart around away back down forward in off on out over through together up"
)

#: Verbs that take "of" straight after them ("dispose of waste"). Any other word that can be
#: a verb is a noun when "of" follows it ("use of instruments", "control of expenses").
OF_VERBS: frozenset[str] = _words(
    """
    accuse advise apprise approve assure beware complain consist convince despair disapprove
    dispose dream hear inform notify partake relieve remind rid speak tell think tire warn
    """
)

#: Words joining verbs that share an object ("plan and organise events").
CONJUNCTIONS: frozenset[str] = frozenset({"and", "or", "&", "and/or"})

#: Prepositions after which a bare base verb is a grammar error ("towards analyse data").
#: "to" is left out: "to analyse" is correct English. So are "but", "except" and "than",
#: which can take a bare verb ("rather than analyse").
PREPOSITIONS: frozenset[str] = _words(
    """
    about above across after against along amid among around at before behind below beneath
    beside between beyond by concerning despite during for from in including inside into like
    near of on onto outside per regarding through throughout toward towards under underneath
    unlike until upon via with within without
    """
)

#: Letters whose spoken name starts with a vowel sound ("an F", "an MRI", "an SQL").
VOWEL_SOUND_LETTERS: frozenset[str] = frozenset("AEFHILMNORSX")

#: Acronyms said as a word, not letter by letter, whose article then follows the word
#: ("a NATO", "a SCADA", "a HACCP") rather than the name of the first letter.
WORD_ACRONYMS: frozenset[str] = _words(
    """
    FIFA FORTRAN HACCP HAZOP LAN LASER LEGO LIDAR MATLAB MIDI MOOC NAFTA NASA NATO NIMBY RADAR
    RAM ROM SARS SCADA SCUBA SIM SMART SONAR SWIFT SWOT
    """
)

#: Word beginnings that start with a silent h, so take "an" ("an hour", "an honest").
SILENT_H_STARTS: tuple[str, ...] = ("heir", "honest", "honor", "honour", "hour")

#: Word beginnings whose vowel letter sounds like "you" or "w", so take "a".
CONSONANT_VOWEL_STARTS: tuple[str, ...] = (
    "eu",
    "ewe",
    "ubi",
    "uga",
    "unan",
    "ukr",
    "ura",
    "ure",
    "uri",
    "uro",
    "usa",
    "use",
    "usu",
    "uten",
    "uti",
    "uto",
)

#: English words that are verbs and also everyday nouns or adjectives. A knowledge label led by
#: one is a noun phrase ("design principles", "test procedures"); after a preposition they read
#: as nouns ("advising on risk management", "by telephone").
NOUN_VERBS: frozenset[str] = _words(
    """
    access account aid air appropriate auction audit balance bank bid blast bleach blow board
    book bridge broadcast budget call care damage chain change channel charge check clean condition
    conduct contact control correct cost cover crane credit crop cross dance design die dip
    dive document draft drill drop dry dust end enamel escort estimate exercise experience
    export face farm fashion fight file film fire fish focus foil form forward free fuel guide hand
    harm harvest heat help hop import inventory interest interview joint key kiln lacquer land
    last lead lean level lift light line link live load loan machine mail make malt market
    manufacture massage master match matter measure merchandise milk mill model monitor narrow need
    network offset oil order outline output paint park peer pen pick place plan plant play
    post power practice present press pressure price print process programme project promote
    provision pulp purchase query question range rate record release repair report request
    research resource respect rest result return reverse review rivet risk rule run sand scale
    schedule screen screw search self-service service set share ship shoe show sign signal skin ski
    sketch smoke solder sort source space speed spot spray staff stage stand staple state steam stem
    stock store study supply support survey take tape target tax telephone test thread tile
    time total track trade train transport travel treat trial tunnel type use value vacuum
    view voice warm waste water weave weigh wheel wind wire work
    """
)

#: Words after "un" that keep "un-" as a prefix ("an uninstall"), unlike "uni-" ("a unit").
UN_PREFIX_STARTS: tuple[str, ...] = ("unid", "unim", "unin")

#: Digits in a thousands group: "11" and "18" read "eleven", "eighteen" when they head a group.
_GROUP = 3

_VOWELS = "aeiou"
_TOKEN = re.compile(r"\S+")
_TRAILING_PUNCTUATION = ",;:"
_CLOSERS = "\"')]\u201d\u2019"
_SPACE_BEFORE_MARK = re.compile(r" ([,.;:!?])")
_NO_SPACE_AFTER_COMMA = re.compile(r"([,;])(?=[^\W\d_])")


def is_base_verb(word: str) -> bool:
    """Whether a lower-case word is an English verb in the base form.

    Skill labels and generated text rely on it to tell "analyse data" (a verb to turn into
    "analysing") from "data analysis". Capitalised words are names ("Excel", "Go", "Access")
    and are never treated as verbs.
    """
    if word in VERBS or _british(word) in VERBS:
        return True
    head, dash, last = word.rpartition("-")
    return bool(dash) and head in VERB_PREFIXES and last in VERBS


def _british(word: str) -> str:
    """The British spelling of an American one ("organize", "analyze", "color", "center").

    The lexicon is British, as ESCO is; other sources and alternative labels are not.
    """
    for american, british in AMERICAN_ENDINGS:
        if word.endswith(american):
            return word.removesuffix(american) + british
    return word


def _doubles(verb: str) -> bool:
    """Whether the verb doubles its last consonant before -ing ("run", "refer", "travel")."""
    if verb in DOUBLING_VERBS or _is_short_doubling(verb):
        return True
    if verb.endswith("l"):
        # British spelling doubles a final l after one vowel: "travelling", "dialling".
        before = verb[-3:-1]
        return before[-1] in _VOWELS and (before[0] not in _VOWELS or before in ("ia", "ua", "ue"))
    for prefix in DOUBLING_PREFIXES:
        rest = verb.removeprefix(prefix)
        if rest != verb and rest in VERBS and _doubles(rest):
            return True
    return False


def _is_short_doubling(verb: str) -> bool:
    """Whether a one-syllable verb ends in one vowel and one consonant ("cut", "plan")."""
    spelt = verb.replace("qu", "qw")
    syllables = re.findall(r"[aeiou]+|(?<=.)y", spelt)
    return len(syllables) == 1 and re.search(r"[^aeiou][aeiou][b-df-hj-np-tvz]$", spelt) is not None


def _gerund(verb: str) -> str:
    """The -ing form of a lower-case base verb, in British spelling as ESCO's labels are."""
    if verb in GERUND_EXCEPTIONS:
        return GERUND_EXCEPTIONS[verb]
    head, dash, last = verb.rpartition("-")
    if dash:
        return f"{head}-{_gerund(last)}"
    if verb.endswith("ie"):
        return f"{verb[:-2]}ying"
    if verb.endswith(("ee", "oe", "ye")):
        return f"{verb}ing"
    if verb.endswith("e"):
        return f"{verb[:-1]}ing"
    if _doubles(verb):
        return f"{verb}{verb[-1]}ing"
    return f"{verb}ing"


def _token_gerund(token: str) -> str | None:
    """The -ing form of a label token that is a verb, keeping trailing punctuation; else None.

    A token may be a closed compound ("setup"), or verbs sharing an object written with a
    slash ("maintain/repair"), which only count when every part is a verb.
    """
    core = token.rstrip(_TRAILING_PUNCTUATION)
    tail = token[len(core) :]
    if core in COMPOUND_GERUNDS:
        return COMPOUND_GERUNDS[core] + tail
    parts = core.split("/")
    if not all(is_base_verb(part) for part in parts):
        return None
    return "/".join(_gerund(part) for part in parts) + tail


def _is_adverb(token: str) -> bool:
    """Whether a lower-case token is an -ly adverb that may lead a verb ("safely handle")."""
    return token.isalpha() and token.islower() and token.endswith("ly") and token not in VERBS


def _noun_before_of(tokens: Sequence[re.Match[str]], index: int) -> bool:
    """Whether the token at index is a noun because "of" follows it ("use of instruments")."""
    if index + 1 >= len(tokens) or tokens[index + 1].group() != "of":
        return False
    head = tokens[index].group().rpartition("-")[2]
    return head not in OF_VERBS


def _noun_led(label: str) -> bool:
    """Whether a knowledge label starts as a noun, as nearly all do ("design principles").

    A few ESCO knowledge items are worded as tasks ("manage healthcare staff", "distinguish
    types of saws"); their first word is a verb with no everyday noun sense.
    """
    first = label.split(maxsplit=1)[0] if label.strip() else ""
    return not is_base_verb(first) or first in NOUN_VERBS


@cache
def skill_phrase(label: str, *, knowledge: bool = False) -> str:
    """The label as a gerund phrase, so it reads after a preposition or as a subject.

    Cached: a release names the same few thousand labels in many answers.

    ESCO skill and competence labels start with a verb in the base form ("plan and organise
    events"), which is ungrammatical after "towards" or "such as"; the gerund ("planning and
    organising events") is not. Knowledge labels and labels that do not start with a known verb
    are nouns already and come back unchanged (unless worded as a task, see
    :func:`_noun_led`), as does everything after the leading verbs.
    When a verb is joined by "and" or a comma to a word that is not a verb, or is followed by
    "of", the first word was a noun all along ("research and development", "use of tools") and
    the label is left alone.
    """
    if knowledge and _noun_led(label):
        return label
    tokens = list(_TOKEN.finditer(label))
    start = 1 if len(tokens) > 1 and _is_adverb(tokens[0].group()) else 0
    if start >= len(tokens):
        return label
    first = _token_gerund(tokens[start].group())
    if first is None:
        return label
    if _noun_before_of(tokens, start):
        return label
    changes = {start: first}
    index = start + 1
    while index < len(tokens):
        after = index
        while after < len(tokens) and tokens[after].group().rstrip(",") in PARTICLES:
            after += 1
        if after >= len(tokens):
            break
        word = tokens[after].group()
        if word in CONJUNCTIONS:
            after += 1
        elif not tokens[after - 1].group().endswith(","):
            break
        following = _token_gerund(tokens[after].group()) if after < len(tokens) else None
        if following is None:
            return label
        changes[after] = following
        index = after + 1
    pieces: list[str] = []
    position = 0
    for number, new in changes.items():
        match = tokens[number]
        pieces += [label[position : match.start()], new]
        position = match.end()
    return "".join([*pieces, label[position:]])


def _number_article(digits: str) -> str:
    """The article for a number by how it is said: "an 8", "an 11", "an 18,000", "a 110"."""
    if digits.startswith("8"):
        return "an"
    if digits.startswith(("11", "18")) and len(digits) % _GROUP == 2:
        return "an"
    return "a"


def _word_article(word: str) -> str:
    """The article for a lower-case word by the sound of its first letters."""
    if word.startswith(SILENT_H_STARTS):
        return "an"
    if word in ("one", "once"):
        return "a"
    if word.startswith("uni") and not word.startswith(UN_PREFIX_STARTS):
        return "a"
    if word.startswith(CONSONANT_VOWEL_STARTS):
        return "a"
    return "an" if word[0] in _VOWELS else "a"


def indefinite_article(phrase: str) -> str:
    """The article, "a" or "an", for the phrase: by the sound of its first word, not its letter.

    Titles and skills are pasted into sentences, and spelling alone gets "an MRI technician",
    "a university lecturer" and "an hour" wrong. Acronyms are read letter by letter unless
    they are said as words (WORD_ACRONYMS); numbers by how they are spoken; accents are
    ignored ("an éclair"). An empty phrase gets "a".
    """
    plain = unicodedata.normalize("NFKD", phrase)
    match = re.search(r"[A-Za-z0-9][A-Za-z0-9,.]*", plain)
    if match is None:
        return "a"
    first = match.group()
    if first[0].isdigit():
        return _number_article(re.sub(r"\D", "", first.split(".")[0]))
    word = re.split(r"[,.]", first)[0]
    said_as_letters = len(word) == 1 or (
        word[0].isupper() and (word[1].isupper() or word[1].isdigit())
    )
    said_as_word = {word.upper(), word.upper().removesuffix("S")} & WORD_ACRONYMS
    if said_as_letters and not said_as_word:
        return "an" if word[0].upper() in VOWEL_SOUND_LETTERS else "a"
    return _word_article(word.lower())


def with_article(phrase: str) -> str:
    """The phrase behind its indefinite article ("an accountant"), or "" for a blank phrase.

    Callers format "is a/an {title}" in many places; this keeps the choice in one.
    """
    phrase = phrase.strip()
    return f"{indefinite_article(phrase)} {phrase}" if phrase else ""


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """Items as an English list: "a", "a and b", "a, b and c".

    British style, without the Oxford comma, as the rest of the bot's text. Blank items are
    skipped so a missing value never leaves a stray comma.
    """
    words = [item for item in items if item.strip()]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def title_case(label: str) -> str:
    """ESCO labels are lower case; a heading or a line's start takes a capital (keeps "ICT")."""
    return label[:1].upper() + label[1:]


def sentence(text: str) -> str:
    """The text as one tidy sentence: capital first letter, tidy spaces, one final stop.

    Sentences are glued together from fragments that may each bring a space, a full stop or
    a lower-case start. Ends in "?" or "!" are kept; other closing punctuation becomes one
    full stop. A comma or semicolon gets a space after it and none before. A leading digit is
    left alone rather than capitalising a later word.
    """
    text = " ".join(text.split())
    # Searched first: most sentences need neither fix, and a search costs less than a sub.
    if _SPACE_BEFORE_MARK.search(text):
        text = _SPACE_BEFORE_MARK.sub(r"\1", text)
    if _NO_SPACE_AFTER_COMMA.search(text):
        text = _NO_SPACE_AFTER_COMMA.sub(r"\1 ", text)
    if not text:
        return ""
    first = (
        0 if text[0].isalnum() else next((i for i, char in enumerate(text) if char.isalnum()), None)
    )
    if first is not None and text[first].isalpha():
        text = text[:first] + text[first].upper() + text[first + 1 :]
    closed = text.rstrip(_CLOSERS)
    if closed.endswith(("?", "!")) or (closed != text and closed.endswith(".")):
        return text
    return text.rstrip(".,;:\u2026 ") + "."
