import { MEMORY_TYPES, type MemoryType } from '@hb/contracts';

/** Spec 003's test tenant, which holds 975 sample memories across all memory types. */
export const TEST_TENANT_ID = '00000000-0000-0000-0000-000000000001';
export const SAMPLE_COUNT = 975;

const PEOPLE = ['Sarah Chen', 'Marcus Webb', 'Priya Nair', 'Tom Alvarez', 'Lena Fischer', 'Kenji Sato', 'Amara Okafor', 'Diego Ruiz'];
const TOPICS = ['Q4 revenue goals', 'the pricing page', 'onboarding emails', 'the data warehouse migration', 'hiring for support', 'the mobile release', 'customer churn', 'the annual offsite'];
const PLACES = ['Lisbon', 'the Berlin office', 'a coffee shop downtown', 'the client site in Austin', 'a video call', 'the quarterly review'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const TOOLS = ['Slack', 'email', 'the CRM', 'Notion', 'the issue tracker', 'a shared spreadsheet'];

type Template = (pick: <T>(items: readonly T[]) => T) => string;

const TEMPLATES: Record<MemoryType, Template[]> = {
  episodic: [
    (p) => `Met with ${p(PEOPLE)} at ${p(PLACES)} to talk about ${p(TOPICS)}.`,
    (p) => `Had a long call with ${p(PEOPLE)} on ${p(DAYS)}; we went through ${p(TOPICS)} line by line.`,
  ],
  semantic: [
    (p) => `${p(PEOPLE)} prefers ${p(TOOLS)} over meetings for updates on ${p(TOPICS)}.`,
    (p) => `The team tracks ${p(TOPICS)} in ${p(TOOLS)}.`,
  ],
  procedural: [
    (p) => `To ship ${p(TOPICS)}: open a ticket in ${p(TOOLS)}, get a review from ${p(PEOPLE)}, deploy on ${p(DAYS)}.`,
    (p) => `Weekly report steps: export numbers for ${p(TOPICS)}, summarise them, post in ${p(TOOLS)}.`,
  ],
  working: [
    (p) => `Currently drafting notes on ${p(TOPICS)} for ${p(PEOPLE)}.`,
    (p) => `Waiting on numbers from ${p(PEOPLE)} before finishing ${p(TOPICS)}.`,
  ],
  prospective: [
    (p) => `Follow up with ${p(PEOPLE)} on ${p(DAYS)} about ${p(TOPICS)}.`,
    (p) => `Plan to revisit ${p(TOPICS)} at ${p(PLACES)} next month.`,
  ],
  emotional: [
    (p) => `Felt energised after the discussion with ${p(PEOPLE)} about ${p(TOPICS)}.`,
    (p) => `Frustrated that ${p(TOPICS)} slipped again; ${p(PEOPLE)} was understanding.`,
  ],
  contextual: [
    (p) => `Working from ${p(PLACES)} this week while ${p(TOPICS)} is in progress.`,
    (p) => `The focus this quarter is ${p(TOPICS)}; updates go through ${p(TOOLS)}.`,
  ],
  identity: [
    (p) => `I lead the work on ${p(TOPICS)} and report to ${p(PEOPLE)}.`,
    (p) => `I prefer written updates in ${p(TOOLS)} and mornings without meetings.`,
  ],
  relational: [
    (p) => `${p(PEOPLE)} and ${p(PEOPLE)} worked together on ${p(TOPICS)} last year.`,
    (p) => `${p(PEOPLE)} is the best contact for questions about ${p(TOPICS)}.`,
  ],
  event: [
    (p) => `Review of ${p(TOPICS)} scheduled for ${p(DAYS)} at ${p(PLACES)}.`,
    (p) => `${p(PEOPLE)} presents ${p(TOPICS)} at the all-hands on ${p(DAYS)}.`,
  ],
  predictive: [
    (p) => `${p(TOPICS)} will likely need another sprint; ${p(PEOPLE)} expects a delay.`,
    (p) => `If ${p(TOPICS)} lands on time, churn should drop next quarter.`,
  ],
  task: [
    (p) => `Send ${p(PEOPLE)} the summary of ${p(TOPICS)} by ${p(DAYS)}.`,
    (p) => `Update ${p(TOOLS)} with the latest status of ${p(TOPICS)}.`,
  ],
  decision: [
    (p) => `Decided with ${p(PEOPLE)} to prioritise ${p(TOPICS)} over ${p(TOPICS)}.`,
    (p) => `We chose ${p(TOOLS)} as the single place for updates on ${p(TOPICS)}.`,
  ],
};

export interface SampleMemory {
  id: string;
  type: MemoryType;
  content: string;
  importance: number;
  tags: string[];
  metadata: Record<string, unknown>;
  createdAt: Date;
}

/** The same 975 memories every time: a fixed seed, fixed ids, fixed dates. */
export function sampleMemories(): SampleMemory[] {
  const random = mulberry32(20251119);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const start = Date.UTC(2025, 8, 1);
  return Array.from({ length: SAMPLE_COUNT }, (_, i) => {
    const type = MEMORY_TYPES[i % MEMORY_TYPES.length];
    const content = pick(TEMPLATES[type])(pick);
    const topic = TOPICS.find((t) => content.includes(t));
    return {
      id: `mem_sample${String(i + 1).padStart(4, '0')}`,
      type,
      content,
      importance: Math.round(random() * 100) / 100,
      tags: [type, ...(topic ? [topic.replace(/^the /, '').split(' ')[0].toLowerCase()] : [])],
      metadata: { source: 'sample', contact_name: PEOPLE.find((name) => content.includes(name)) ?? null },
      createdAt: new Date(start + i * 2 * 3600 * 1000),
    };
  });
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
