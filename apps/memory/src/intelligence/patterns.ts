import { cosine, type Similarity } from './cosine';
import type { ImplicitPatternsResponse, PatternOccurrence } from '@hb/contracts';

export interface PatternInput {
  id: string;
  content: string;
  tags: string[];
  createdAt: Date;
  vector: number[];
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Two memories belong to one theme when their embeddings are at least this similar. */
export const THEME_SIMILARITY = 0.75;
const EXAMPLES = 5;
const MAX_RESULTS = 20;
const STOPWORDS = new Set(
  'a an and are as at be but by for from had has have he her his i in is it its of on or our she that the their they this to was we were will with about after before over under into than then there these those what when which who why how all any can could did do does not no so too very just also'.split(' '),
);

/** Deterministic for the same memories: inputs are taken oldest first, ties broken by id. */
export function findPatterns(memories: PatternInput[], minOccurrences: number, similarity: Similarity = cosine): Omit<ImplicitPatternsResponse, 'analyzed'> {
  const ordered = [...memories].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return {
    themes: themesOf(ordered, minOccurrences, similarity),
    tagCombinations: tagCombinationsOf(ordered, minOccurrences),
    timeRegularities: timeRegularitiesOf(ordered, minOccurrences),
  };
}

function occurrence(ids: string[]): PatternOccurrence {
  return { occurrences: ids.length, memoryIds: ids.slice(0, EXAMPLES) };
}

function byCount<T extends PatternOccurrence>(a: T, b: T): number {
  return b.occurrences - a.occurrences || a.memoryIds[0].localeCompare(b.memoryIds[0]);
}

/** Greedy single pass: each memory joins the first theme whose centroid is close enough. */
function themesOf(memories: PatternInput[], min: number, similarity: Similarity): ImplicitPatternsResponse['themes'] {
  const clusters: Array<{ sum: number[]; members: PatternInput[] }> = [];
  for (const memory of memories) {
    const home = clusters.find((c) => similarity(c.sum, memory.vector) >= THEME_SIMILARITY);
    if (home) {
      home.members.push(memory);
      memory.vector.forEach((x, i) => (home.sum[i] += x));
    } else {
      clusters.push({ sum: [...memory.vector], members: [memory] });
    }
  }
  return clusters
    .filter((c) => c.members.length >= min)
    .map((c) => ({ label: labelOf(c.members), ...occurrence(c.members.map((m) => m.id)) }))
    .sort(byCount)
    .slice(0, MAX_RESULTS);
}

function labelOf(members: PatternInput[]): string {
  const counts = new Map<string, number>();
  for (const member of members) {
    const words = new Set(member.content.toLowerCase().match(/[a-z][a-z'-]{2,}/g) ?? []);
    for (const word of words) if (!STOPWORDS.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([word]) => word)
    .join(', ');
}

/** Pairs and triples of tags that recur together. */
function tagCombinationsOf(memories: PatternInput[], min: number): ImplicitPatternsResponse['tagCombinations'] {
  const seen = new Map<string, string[]>();
  for (const memory of memories) {
    const tags = [...new Set(memory.tags)].sort().slice(0, 8);
    for (const combo of combinations(tags)) {
      const key = JSON.stringify(combo);
      seen.set(key, [...(seen.get(key) ?? []), memory.id]);
    }
  }
  return [...seen.entries()]
    .filter(([, ids]) => ids.length >= min)
    .map(([key, ids]) => ({ tags: JSON.parse(key) as string[], ...occurrence(ids) }))
    .sort(byCount)
    .slice(0, MAX_RESULTS);
}

function combinations(tags: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < tags.length; i++) {
    for (let j = i + 1; j < tags.length; j++) {
      out.push([tags[i], tags[j]]);
      for (let k = j + 1; k < tags.length; k++) out.push([tags[i], tags[j], tags[k]]);
    }
  }
  return out;
}

function timeRegularitiesOf(memories: PatternInput[], min: number): ImplicitPatternsResponse['timeRegularities'] {
  const buckets = (kind: 'weekday' | 'hour', of: (d: Date) => string | number, slots: number) => {
    const groups = new Map<string | number, string[]>();
    for (const memory of memories) {
      const value = of(memory.createdAt);
      groups.set(value, [...(groups.get(value) ?? []), memory.id]);
    }
    const share = memories.length / slots;
    return [...groups.entries()]
      .filter(([, ids]) => ids.length >= min && ids.length >= 2 * share)
      .map(([value, ids]) => ({ kind, value, ...occurrence(ids) }));
  };
  return [...buckets('weekday', (d) => WEEKDAYS[d.getUTCDay()], 7), ...buckets('hour', (d) => d.getUTCHours(), 24)]
    .sort(byCount)
    .slice(0, MAX_RESULTS);
}
