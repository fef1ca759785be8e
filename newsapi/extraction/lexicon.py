"""Word lists of the extraction steps, as data, one section per kind.

Entries are spaCy lemmas (lower case) as ``en_core_web_sm`` gives them. Code reads these tables and
never spells a word list of its own.
"""

from __future__ import annotations

# --- event types --------------------------------------------------------------------------------
#
# The documented set of event types. Every article that reports something gets one of them for its
# main event; a happening that no trigger names is OTHER, never nothing.
DISASTER = "disaster"  # natural hazards: earthquakes, floods, storms, fires, eruptions
ACCIDENT = "accident"  # crashes, derailments, collapses, explosions without an attacker
CRIME = "crime"  # offences and police action: murders, robberies, arrests, charges
COURT = "court"  # trials, verdicts, sentences, lawsuits, rulings
ELECTION = "election"  # elections, votes, referendums, their results
BUSINESS = "business"  # deals, acquisitions, results, layoffs, launches of products
APPOINTMENT = "appointment"  # appointments, nominations, resignations, dismissals
PROTEST = "protest"  # protests, rallies, marches, strikes by workers, riots
SPORTS = "sports"  # matches, races, titles and their results
DIPLOMACY = "diplomacy"  # talks, meetings, visits, calls, treaties, exchanges of prisoners
CONFLICT = "conflict"  # attacks, bombings, battles, invasions, air strikes
STATEMENT = "statement"  # something said, announced, claimed or denied in public
OTHER = "other"  # any other happening
EVENT_TYPES = (
    DISASTER,
    ACCIDENT,
    CRIME,
    COURT,
    ELECTION,
    BUSINESS,
    APPOINTMENT,
    PROTEST,
    SPORTS,
    DIPLOMACY,
    CONFLICT,
    STATEMENT,
    OTHER,
)

# Trigger lemmas per type: verbs and nouns that name a happening of that type. A lemma listed under
# several types votes for each of them; the words around it decide ("won the vote", "won the race").
EVENT_TRIGGERS: dict[str, dict[str, frozenset[str]]] = {
    DISASTER: {
        "verbs": frozenset({"erupt", "flood", "evacuate", "rescue"}),
        "nouns": frozenset(
            {
                "earthquake",
                "quake",
                "tremor",
                "aftershock",
                "flood",
                "flooding",
                "storm",
                "hurricane",
                "typhoon",
                "cyclone",
                "tornado",
                "snowstorm",
                "blizzard",
                "heatwave",
                "drought",
                "wildfire",
                "bushfire",
                "avalanche",
                "landslide",
                "mudslide",
                "eruption",
                "volcano",
                "tsunami",
                "disaster",
                "evacuation",
                "rescue",
                "rescuer",
                "outbreak",
                "epidemic",
            }
        ),  # fmt: skip
    },
    ACCIDENT: {
        "verbs": frozenset(
            {"crash", "collide", "derail", "overturn", "capsize", "sink", "collapse", "explode"}
        ),
        "nouns": frozenset(
            {
                "crash",
                "collision",
                "derailment",
                "accident",
                "wreck",
                "explosion",
                "blast",
                "blaze",
                "fire",
                "collapse",
                "spill",
                "leak",
                "capsizing",
                "shipwreck",
                "pile-up",
                "incident",
            }
        ),  # fmt: skip
    },
    CRIME: {
        "verbs": frozenset(
            {
                "murder",
                "stab",
                "rob",
                "steal",
                "kidnap",
                "abduct",
                "arrest",
                "detain",
                "charge",
                "rape",
                "smuggle",
                "hack",
                "loot",
                "shoot",
                "assault",
                "burgle",
                "investigate",
            }
        ),  # fmt: skip
        "nouns": frozenset(
            {
                "murder",
                "homicide",
                "stabbing",
                "robbery",
                "theft",
                "burglary",
                "kidnapping",
                "abduction",
                "arrest",
                "fraud",
                "shooting",
                "gunman",
                "suspect",
                "police",
                "crime",
                "smuggling",
                "hacking",
                "heist",
                "investigation",
                "inquiry",
                "probe",
            }
        ),  # fmt: skip
    },
    COURT: {
        "verbs": frozenset(
            {
                "sentence",
                "convict",
                "acquit",
                "sue",
                "indict",
                "testify",
                "plead",
                "jail",
                "fine",
                "rule",
                "appeal",
            }
        ),
        "nouns": frozenset(
            {
                "trial",
                "verdict",
                "sentence",
                "conviction",
                "acquittal",
                "lawsuit",
                "ruling",
                "court",
                "judge",
                "jury",
                "hearing",
                "appeal",
                "indictment",
                "prosecutor",
                "case",
            }
        ),  # fmt: skip
    },
    ELECTION: {
        "verbs": frozenset({"elect", "vote", "campaign", "re-elect", "concede", "win", "defeat", "beat"}),
        "nouns": frozenset(
            {
                "election",
                "vote",
                "referendum",
                "ballot",
                "runoff",
                "poll",
                "primary",
                "campaign",
                "candidate",
                "voter",
                "nominee",
                "victory",
                "defeat",
                "presidency",
                "inauguration",
                "turnout",
                "caucus",
            }
        ),  # fmt: skip
    },
    BUSINESS: {
        "verbs": frozenset(
            {"acquire", "merge", "buy", "sell", "invest", "cut", "launch", "raise", "shrink", "price"}
        ),
        "nouns": frozenset(
            {
                "acquisition",
                "merger",
                "takeover",
                "deal",
                "purchase",
                "sale",
                "investment",
                "profit",
                "revenue",
                "earnings",
                "layoff",
                "job",
                "share",
                "stock",
                "ipo",
                "bankruptcy",
                "price",
                "product",
                "company",
                "firm",
                "market",
                "customer",
                "brand",
            }
        ),  # fmt: skip
    },
    APPOINTMENT: {
        "verbs": frozenset(
            {"appoint", "nominate", "resign", "quit", "sack", "dismiss", "oust", "hire", "retire", "name"}
        ),
        "nouns": frozenset(
            {"appointment", "nomination", "resignation", "dismissal", "successor", "retirement", "cabinet"}
        ),
    },
    PROTEST: {
        "verbs": frozenset({"protest", "demonstrate", "march", "riot", "boycott", "rally"}),
        "nouns": frozenset(
            {
                "protest",
                "protester",
                "protestor",
                "demonstration",
                "demonstrator",
                "rally",
                "march",
                "riot",
                "walkout",
                "boycott",
                "sit-in",
                "placard",
                "banner",
            }
        ),  # fmt: skip
    },
    SPORTS: {
        "verbs": frozenset({"win", "beat", "defeat", "score", "qualify", "clinch", "race", "draw"}),
        "nouns": frozenset(
            {
                "match",
                "game",
                "final",
                "semi-final",
                "championship",
                "tournament",
                "race",
                "cup",
                "league",
                "title",
                "goal",
                "season",
                "grand",
                "prix",
                "series",
                "team",
                "player",
                "coach",
                "fan",
                "stadium",
                "win",
                "victory",
                "defeat",
                "driver",
                "pole",
                "lap",
                "inning",
            }
        ),  # fmt: skip
    },
    DIPLOMACY: {
        "verbs": frozenset({"meet", "negotiate", "visit", "host", "sign", "phone", "swap"}),
        "nouns": frozenset(
            {
                "talks",
                "negotiation",
                "meeting",
                "summit",
                "visit",
                "trip",
                "treaty",
                "accord",
                "agreement",
                "ceasefire",
                "truce",
                "sanction",
                "diplomat",
                "delegation",
                "envoy",
                "dialogue",
                "swap",
                "exchange",
            }
        ),  # fmt: skip
    },
    CONFLICT: {
        "verbs": frozenset(
            {"attack", "bomb", "shell", "invade", "ambush", "raid", "strike", "fight", "annex", "ram"}
        ),
        "nouns": frozenset(
            {
                "attack",
                "assault",
                "airstrike",
                "bombing",
                "bomb",
                "bomber",
                "shelling",
                "raid",
                "ambush",
                "invasion",
                "offensive",
                "massacre",
                "war",
                "battle",
                "fighting",
                "clash",
                "militant",
                "insurgent",
                "troop",
                "soldier",
                "missile",
                "drone",
                "rocket",
                "strike",
                "annexation",
                "gunfire",
                "explosive",
                "terrorist",
                "terrorism",
                "explosion",
                "blast",
            }
        ),  # fmt: skip
    },
    STATEMENT: {
        "verbs": frozenset(
            {
                "say",
                "announce",
                "claim",
                "declare",
                "warn",
                "blame",
                "insist",
                "deny",
                "urge",
                "criticise",
                "criticize",
                "slam",
                "accuse",
                "reveal",
                "admit",
                "confirm",
                "tell",
                "tweet",
                "pledge",
                "promise",
                "vow",
                "threaten",
                "condemn",
                "praise",
                "call",
            }
        ),  # fmt: skip
        "nouns": frozenset(
            {"statement", "announcement", "speech", "interview", "letter", "remark", "comment"}
        ),
    },
}


# --- kinds of dated happenings ---------------------------------------------------------------------
#
# The dated-event pass (events.py) names each happening with a finer kind than its type: two reports
# of one day are the same event when their kinds agree ("talks" and "meeting"), not merely their
# types. ELECTION, DISASTER and OTHER are kinds as well as types.
KIND_TALKS = "talks"
KIND_MEETING = "meeting"
KIND_CALL = "call"
KIND_VISIT = "visit"
KIND_ATTACK = "attack"
KIND_AGREEMENT = "agreement"
KIND_EXCHANGE = "exchange"
KIND_DEATH = "death"
KIND_ANNOUNCEMENT = "announcement"

# The type of each kind; DISASTER, DEATH and OTHER kinds take their type from the trigger word
# (EVENT_TRIGGERS): a "crash" is an accident, a "flood" a disaster, an "arrest" a crime.
KIND_TYPES: dict[str, str] = {
    KIND_TALKS: DIPLOMACY,
    KIND_MEETING: DIPLOMACY,
    KIND_CALL: DIPLOMACY,
    KIND_VISIT: DIPLOMACY,
    KIND_AGREEMENT: DIPLOMACY,
    KIND_EXCHANGE: DIPLOMACY,
    KIND_ATTACK: CONFLICT,
    KIND_ANNOUNCEMENT: STATEMENT,
    ELECTION: ELECTION,
}

# Nouns that name an event by themselves (lemma -> type).
DATED_NOUN_KINDS: dict[str, str] = {
    "negotiation": KIND_TALKS,
    "discussion": KIND_TALKS,
    "dialogue": KIND_TALKS,
    "meeting": KIND_MEETING,
    "summit": KIND_MEETING,
    "conference": KIND_MEETING,
    "session": KIND_MEETING,
    "visit": KIND_VISIT,
    "trip": KIND_VISIT,
    "tour": KIND_VISIT,
    "attack": KIND_ATTACK,
    "assault": KIND_ATTACK,
    "airstrike": KIND_ATTACK,
    "bombing": KIND_ATTACK,
    "shelling": KIND_ATTACK,
    "shooting": KIND_ATTACK,
    "raid": KIND_ATTACK,
    "ambush": KIND_ATTACK,
    "invasion": KIND_ATTACK,
    "offensive": KIND_ATTACK,
    "massacre": KIND_ATTACK,
    "election": ELECTION,
    "vote": ELECTION,
    "referendum": ELECTION,
    "ballot": ELECTION,
    "runoff": ELECTION,
    "agreement": KIND_AGREEMENT,
    "deal": KIND_AGREEMENT,
    "accord": KIND_AGREEMENT,
    "treaty": KIND_AGREEMENT,
    "truce": KIND_AGREEMENT,
    "ceasefire": KIND_AGREEMENT,
    "exchange": KIND_EXCHANGE,
    "swap": KIND_EXCHANGE,
    "crash": DISASTER,
    "collision": DISASTER,
    "derailment": DISASTER,
    "flood": DISASTER,
    "flooding": DISASTER,
    "earthquake": DISASTER,
    "quake": DISASTER,
    "wildfire": DISASTER,
    "blaze": DISASTER,
    "explosion": DISASTER,
    "blast": DISASTER,
    "hurricane": DISASTER,
    "typhoon": DISASTER,
    "cyclone": DISASTER,
    "tornado": DISASTER,
    "storm": DISASTER,
    "snowstorm": DISASTER,
    "blizzard": DISASTER,
    "avalanche": DISASTER,
    "landslide": DISASTER,
    "mudslide": DISASTER,
    "eruption": DISASTER,
    "tsunami": DISASTER,
    "death": KIND_DEATH,
    "killing": KIND_DEATH,
    "murder": KIND_DEATH,
    "assassination": KIND_DEATH,
    "homicide": KIND_DEATH,
    "funeral": KIND_DEATH,
    "announcement": KIND_ANNOUNCEMENT,
    "arrest": OTHER,
    "trial": OTHER,
    "verdict": OTHER,
    "ruling": OTHER,
    "resignation": OTHER,
    "annexation": OTHER,
    "protest": OTHER,
    "demonstration": OTHER,
    "rally": OTHER,
    "inauguration": OTHER,
    "ceremony": OTHER,
    "abduction": OTHER,
    "kidnapping": OTHER,
    "evacuation": OTHER,
    "rescue": OTHER,
    "release": OTHER,
    "launch": OTHER,
    "landing": OTHER,
}

# Verbs that report an event by themselves (lemma -> type).
DATED_VERB_KINDS: dict[str, str] = {
    "negotiate": KIND_TALKS,
    "meet": KIND_MEETING,
    "visit": KIND_VISIT,
    "phone": KIND_CALL,
    "attack": KIND_ATTACK,
    "bomb": KIND_ATTACK,
    "shell": KIND_ATTACK,
    "shoot": KIND_ATTACK,
    "invade": KIND_ATTACK,
    "raid": KIND_ATTACK,
    "ambush": KIND_ATTACK,
    "elect": ELECTION,
    "vote": ELECTION,
    "sign": KIND_AGREEMENT,
    "swap": KIND_EXCHANGE,
    "crash": DISASTER,
    "collide": DISASTER,
    "derail": DISASTER,
    "explode": DISASTER,
    "erupt": DISASTER,
    "capsize": DISASTER,
    "sink": DISASTER,
    "overturn": DISASTER,
    "die": KIND_DEATH,
    "kill": KIND_DEATH,
    "murder": KIND_DEATH,
    "assassinate": KIND_DEATH,
    "announce": KIND_ANNOUNCEMENT,
    "unveil": KIND_ANNOUNCEMENT,
    "arrest": OTHER,
    "detain": OTHER,
    "sentence": OTHER,
    "convict": OTHER,
    "resign": OTHER,
    "annex": OTHER,
    "protest": OTHER,
    "abduct": OTHER,
    "kidnap": OTHER,
    "evacuate": OTHER,
    "rescue": OTHER,
    "launch": OTHER,
    "free": OTHER,
}

# The noun a verb trigger is named by in a title.
VERB_EVENT_LABELS: dict[str, str] = {
    "negotiate": "negotiations",
    "meet": "meeting",
    "phone": "phone call",
    "speak": "phone call",
    "bomb": "bombing",
    "shell": "shelling",
    "shoot": "shooting",
    "invade": "invasion",
    "elect": "election",
    "sign": "signing",
    "collide": "collision",
    "derail": "derailment",
    "explode": "explosion",
    "erupt": "eruption",
    "capsize": "capsizing",
    "sink": "sinking",
    "die": "death",
    "kill": "killing",
    "assassinate": "assassination",
    "announce": "announcement",
    "unveil": "unveiling",
    "detain": "detention",
    "convict": "conviction",
    "resign": "resignation",
    "abduct": "abduction",
    "kidnap": "kidnapping",
    "evacuate": "evacuation",
    "free": "release",
    "annex": "annexation",
    "down": "downing",
    "intercept": "interception",
}


# Words that report harm without saying what caused it ("killed", "injured", "the death toll"):
# they make a sentence newsworthy but leave the type to the words around them.
CASUALTY_LEMMAS = frozenset(
    {"kill", "die", "injure", "wound", "dead", "death", "toll", "victim", "casualty", "fatality", "injury"}
)

# Reporting verbs: their clause is a statement whose content may name the happening.
REPORTING_VERBS = frozenset(
    {
        "say", "tell", "state", "add", "claim", "report", "note", "write", "confirm", "insist", "argue",
        "warn", "announce", "explain", "stress", "declare", "believe", "think", "accord",
    }
)  # fmt: skip

# Prepositions that place a happening: "in Croydon", "at the White House", "outside Trump Tower".
PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "inside", "on", "across", "off", "from", "into"}
)

# Words that make a clause about the future ("will meet", "is set to vote", "plans to resign").
FUTURE_MARKERS = frozenset({"will", "shall", "'ll", "plan", "set", "schedule", "expect", "due", "going"})


def trigger_types(lemma: str, pos: str) -> tuple[str, ...]:
    """The event types a lemma names as a verb (``pos`` "VERB") or a noun (anything else)."""
    key = "verbs" if pos == "VERB" else "nouns"
    return tuple(kind for kind, words in EVENT_TRIGGERS.items() if lemma in words[key])
