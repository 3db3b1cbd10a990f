// The reference events of shared/FACTS.md, exactly: every figure with its qualifier, its outlet and the review's own words.
import type { IncidentKind, Qualifier, SchedulePrecision, SourceKind, ClaimStatus, Stance } from "../domain/options";
import type { MetricKey } from "../domain/metrics";

export const REVIEW_NOTE = "Attributed to this outlet by a French press review published on 2024-08-13.";

/** The review's publication date: the date every seeded quote was reported on. */
export const REVIEW_DATE = new Date("2024-08-13T00:00:00.000Z");

/** A quote in the review's own French (prisma/press-review-2024-08-13.fr.txt holds its text) and its rendering. */
export interface SeedQuote {
  quote: string;
  quoteLang: "fr";
  quoteEnglish: string;
  reportedOn: Date;
}

/** The fields of a seeded record that carry its quote: the only ones the seed fills in on records it made earlier. */
export const QUOTE_FIELDS = ["quote", "quoteLang", "quoteEnglish", "reportedOn"] as const;

// The review translates English-language outlets into French: the English beside each quote renders the review's
// French, and is not the outlet's original wording.
function fromReview(quote: string, quoteEnglish: string): SeedQuote {
  return { quote, quoteLang: "fr", quoteEnglish, reportedOn: REVIEW_DATE };
}

export interface SeedSource {
  name: string;
  kind: SourceKind;
  leaning: string | null;
  homeUrl: string | null;
}

export interface SeedEvent {
  slug: string;
  title: string;
  platform: string;
  hosts: string;
  guests: string;
  scheduledStart: Date | null;
  scheduledPrecision: SchedulePrecision;
  timeZone: string;
  actualStart: Date | null;
  status: "ended";
  notes: string;
  reports: ({
    metric: MetricKey;
    value: number;
    qualifier: Qualifier;
    source: string;
    note: string;
  } & SeedQuote)[];
  incidents: ({
    kind: IncidentKind;
    startOffsetMinutes: number | null;
    durationMinutes: number | null;
    qualifier: Qualifier;
    description: string;
    source: string;
  } & SeedQuote)[];
  claims: ({
    statement: string;
    claimant: string;
    status: ClaimStatus;
    /** The description of the incident the claim is about, if any. */
    incident: string | null;
    stances: ({ source: string; stance: Stance } & SeedQuote)[];
  } & SeedQuote)[];
}

// The leanings are the review's words; it gives none for the Los Angeles Times.
export const SEED_SOURCES: SeedSource[] = [
  { name: "Financial Times", kind: "newspaper", leaning: "liberal", homeUrl: "https://www.ft.com" },
  { name: "The New York Times", kind: "newspaper", leaning: "centre-left", homeUrl: "https://www.nytimes.com" },
  { name: "CNN", kind: "broadcaster", leaning: "centre-left", homeUrl: "https://www.cnn.com" },
  { name: "Los Angeles Times", kind: "newspaper", leaning: null, homeUrl: "https://www.latimes.com" },
  { name: "Fox News", kind: "broadcaster", leaning: "conservative, pro-Republican", homeUrl: "https://www.foxnews.com" },
  { name: "The Wall Street Journal", kind: "newspaper", leaning: "conservative", homeUrl: "https://www.wsj.com" },
  { name: "Elon Musk", kind: "person", leaning: null, homeUrl: null },
  { name: "Donald Trump", kind: "person", leaning: null, homeUrl: null },
];

const LATE_START = "The Space started 42 minutes after the time Elon Musk had announced.";
const FORTY_TWO_MINUTES = fromReview("les échanges ne démarrent que quarante-deux minutes plus tard", "the exchanges only begin forty-two minutes later");

export const SEED_EVENTS: SeedEvent[] = [
  {
    slug: "musk-trump-x-spaces-2024",
    title: "Elon Musk interviews Donald Trump on X Spaces",
    platform: "X Spaces",
    hosts: "Elon Musk",
    guests: "Donald Trump",
    // 20:00 on 2024-08-12 in New York (EDT, UTC−4).
    scheduledStart: new Date("2024-08-13T00:00:00.000Z"),
    scheduledPrecision: "minute",
    timeZone: "America/New_York",
    actualStart: new Date("2024-08-13T00:42:00.000Z"),
    status: "ended",
    notes: "Audio-only live room on X (formerly Twitter), which Elon Musk bought for $44 billion in 2022.",
    reports: [
      {
        metric: "start_delay",
        value: 42,
        qualifier: "exact",
        source: "Financial Times",
        ...FORTY_TWO_MINUTES,
        note: `${REVIEW_NOTE} "Many other US papers" reported the same delay.`,
      },
      {
        metric: "expected_audience",
        value: 8_000_000,
        qualifier: "exact",
        source: "Financial Times",
        ...fromReview(
          "avait prévu que huit millions de personnes rejoindraient l’entretien avec l’ancien président",
          "had expected eight million people to join the interview with the former president",
        ),
        note: `Elon Musk's expectation, as reported by the Financial Times. ${REVIEW_NOTE}`,
      },
      {
        metric: "average_audience",
        value: 1_100_000,
        qualifier: "exact",
        source: "Financial Times",
        ...fromReview("seul 1,1 million d’utilisateurs en moyenne ont assisté au Twitter Space", "only 1.1 million users on average attended the Twitter Space"),
        note: `Listeners on average, not at the peak. ${REVIEW_NOTE}`,
      },
      {
        metric: "duration",
        value: 120,
        qualifier: "approximate",
        source: "CNN",
        ...fromReview("l’échange long de deux heures", "the two-hour-long exchange"),
        note: `About 2 hours. ${REVIEW_NOTE}`,
      },
    ],
    incidents: [
      {
        kind: "late_start",
        startOffsetMinutes: 0,
        durationMinutes: 42,
        qualifier: "exact",
        description: LATE_START,
        source: "Financial Times",
        ...FORTY_TWO_MINUTES,
      },
    ],
    claims: [
      {
        statement: "The late start was caused by a distributed denial-of-service (DDoS) attack on X.",
        ...fromReview("attaque informatique massive", "massive cyber attack"),
        claimant: "Elon Musk",
        status: "disputed",
        incident: LATE_START,
        stances: [
          {
            source: "The New York Times",
            stance: "disputes",
            ...fromReview(
              "il n’est pas impossible que ces problèmes techniques soient de la même nature que ceux “survenus lors d’un autre événement politique organisé par Musk en 2023”",
              'it is not impossible that these technical problems are of the same nature as those "that occurred during another political event organised by Musk in 2023"',
            ),
          },
        ],
      },
      {
        statement: "A relaxed interview.",
        ...fromReview("interview décontractée", "relaxed interview"),
        claimant: "Fox News",
        status: "claimed",
        incident: null,
        stances: [],
      },
      {
        statement: "An often rambling phone conversation.",
        ...fromReview("conversation téléphonique souvent décousue", "often rambling phone conversation"),
        claimant: "The Wall Street Journal",
        status: "claimed",
        incident: null,
        stances: [],
      },
    ],
  },
  {
    slug: "desantis-twitter-spaces-2023",
    title: "Ron DeSantis announces his presidential campaign on Twitter Spaces",
    platform: "Twitter Spaces",
    hosts: "Elon Musk",
    guests: "Ron DeSantis",
    // The review gives only the year; the launch is widely dated 2023-05-24, so the day is kept and no time.
    scheduledStart: new Date("2023-05-24T00:00:00.000Z"),
    scheduledPrecision: "day",
    timeZone: "UTC",
    actualStart: null,
    status: "ended",
    notes: "Live audio chat hosted by Elon Musk. The review dates it 2023 only; it is widely dated 2023-05-24.",
    reports: [
      {
        metric: "silence_before_failure",
        value: 20,
        qualifier: "approximate",
        source: "Los Angeles Times",
        ...fromReview(
          "les dysfonctionnements sur son chat en direct sur Twitter Spaces, qui avait planté après environ 20 minutes de silence",
          "the malfunctions of his live chat on Twitter Spaces, which had crashed after about 20 minutes of silence",
        ),
        note: `About 20 minutes of silence before the Space crashed. ${REVIEW_NOTE}`,
      },
    ],
    incidents: [
      {
        kind: "dead_air",
        startOffsetMinutes: 0,
        durationMinutes: 20,
        qualifier: "approximate",
        description: "About 20 minutes of silence at the start.",
        source: "Los Angeles Times",
        ...fromReview("environ 20 minutes de silence", "about 20 minutes of silence"),
      },
      {
        kind: "crash",
        startOffsetMinutes: 20,
        durationMinutes: null,
        qualifier: "approximate",
        description: "The Space crashed after about 20 minutes of silence.",
        source: "Los Angeles Times",
        ...fromReview("qui avait planté après environ 20 minutes de silence", "which had crashed after about 20 minutes of silence"),
      },
    ],
    claims: [
      {
        statement: "Donald Trump called the launch a disaster on Truth Social.",
        ...fromReview(
          "Wow ! Le lancement de DeSantis sur TWITTER est un DÉSASTRE ! […] A SUIVRE !",
          "Wow! The DeSantis launch on TWITTER is a DISASTER! [...] STAY TUNED!",
        ),
        claimant: "Donald Trump",
        status: "claimed",
        incident: null,
        stances: [],
      },
    ],
  },
];
