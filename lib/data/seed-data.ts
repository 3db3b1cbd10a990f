// The reference events of shared/FACTS.md, exactly: every figure with its qualifier and the outlet it is attributed to.
import type { IncidentKind, Qualifier, SchedulePrecision, SourceKind, ClaimStatus, Stance } from "../domain/options";
import type { MetricKey } from "../domain/metrics";

export const REVIEW_NOTE = "Attributed to this outlet by a French press review published on 2024-08-13.";

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
  reports: {
    metric: MetricKey;
    value: number;
    qualifier: Qualifier;
    source: string;
    quote: string | null;
    note: string;
  }[];
  incidents: {
    kind: IncidentKind;
    startOffsetMinutes: number | null;
    durationMinutes: number | null;
    qualifier: Qualifier;
    description: string;
    source: string;
    quote: string | null;
  }[];
  claims: {
    statement: string;
    quote: string | null;
    claimant: string;
    status: ClaimStatus;
    /** The description of the incident the claim is about, if any. */
    incident: string | null;
    stances: { source: string; stance: Stance; quote: string | null }[];
  }[];
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
        quote: null,
        note: `${REVIEW_NOTE} "Many other US papers" reported the same delay.`,
      },
      {
        metric: "expected_audience",
        value: 8_000_000,
        qualifier: "exact",
        source: "Financial Times",
        quote: null,
        note: `Elon Musk's expectation, as reported by the Financial Times. ${REVIEW_NOTE}`,
      },
      {
        metric: "average_audience",
        value: 1_100_000,
        qualifier: "exact",
        source: "Financial Times",
        quote: null,
        note: `Listeners on average, not at the peak. ${REVIEW_NOTE}`,
      },
      { metric: "duration", value: 120, qualifier: "approximate", source: "CNN", quote: null, note: `About 2 hours. ${REVIEW_NOTE}` },
    ],
    incidents: [
      {
        kind: "late_start",
        startOffsetMinutes: 0,
        durationMinutes: 42,
        qualifier: "exact",
        description: LATE_START,
        source: "Financial Times",
        quote: null,
      },
    ],
    claims: [
      {
        statement: "The late start was caused by a distributed denial-of-service (DDoS) attack on X.",
        quote: "massive cyber attack",
        claimant: "Elon Musk",
        status: "disputed",
        incident: LATE_START,
        stances: [
          {
            source: "The New York Times",
            stance: "disputes",
            quote: 'The problems were possibly "of the same nature" as those during another political event Musk organised in 2023.',
          },
        ],
      },
      { statement: "A relaxed interview.", quote: "relaxed interview", claimant: "Fox News", status: "claimed", incident: null, stances: [] },
      {
        statement: "An often rambling phone conversation.",
        quote: "often rambling phone conversation",
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
        quote: null,
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
        quote: null,
      },
      {
        kind: "crash",
        startOffsetMinutes: 20,
        durationMinutes: null,
        qualifier: "approximate",
        description: "The Space crashed after about 20 minutes of silence.",
        source: "Los Angeles Times",
        quote: "had crashed",
      },
    ],
    claims: [
      {
        statement: "Donald Trump called the launch a disaster on Truth Social.",
        quote: "Wow! The DeSantis launch on TWITTER is a DISASTER! [...] STAY TUNED!",
        claimant: "Donald Trump",
        status: "claimed",
        incident: null,
        stances: [],
      },
    ],
  },
];
