import type { SeriesBucket } from './api';

/**
 * Preset ranges back from now, in milliseconds; 'data' (the default) is the data's own range, from its first event
 * time to its last (or to now when the data is live); 'all' is from the first event time up to now.
 */
export const RANGES: { value: string; title: string; ms?: number }[] = [
  { value: 'data', title: 'the data\'s own range' },
  { value: '1h', title: 'last hour', ms: 3_600_000 },
  { value: '24h', title: 'last 24 hours', ms: 86_400_000 },
  { value: '7d', title: 'last 7 days', ms: 7 * 86_400_000 },
  { value: '30d', title: 'last 30 days', ms: 30 * 86_400_000 },
  { value: '365d', title: 'last year', ms: 365 * 86_400_000 },
  { value: 'all', title: 'all time' },
];

const INTERVALS: [string, number][] = [
  ['30s', 30_000], ['1m', 60_000], ['5m', 300_000], ['15m', 900_000], ['30m', 1_800_000], ['1h', 3_600_000],
  ['3h', 10_800_000], ['6h', 21_600_000], ['12h', 43_200_000], ['1d', 86_400_000], ['7d', 604_800_000],
  ['30d', 2_592_000_000], ['90d', 7_776_000_000], ['365d', 31_536_000_000],
];

/** The finest bucket that cuts {@code from}..{@code to} into at most {@code most} buckets (the server takes 1,000). */
export function intervalFor(from: Date, to: Date, most = 120): string {
  const span = Math.max(1, to.getTime() - from.getTime());
  const fitting = INTERVALS.find(([, ms]) => span / ms <= most);
  // past centuries (a clock gone wrong in the data): whole days, as many as it takes
  return fitting ? fitting[0] : `${Math.ceil(span / most / 86_400_000)}d`;
}

/** Data whose last event is this recent is live: its range runs to now, so that the labelling going on shows. */
const LIVE = 30 * 86_400_000;

/** The data's own range: its first event to its last (past it by a second), or to now for live data. */
export function dataBounds(first: Date, last: Date, now: Date): { from: Date; to: Date } {
  const live = now.getTime() - last.getTime() < LIVE;
  return { from: first, to: live ? now : new Date(last.getTime() + 1000) };
}

/** The bounds of a preset range ending now; undefined for 'data' and 'all' (the data's own, asked of the server first). */
export function presetBounds(range: string, now: Date): { from: Date; to: Date } | undefined {
  const preset = RANGES.find((r) => r.value === range);
  return preset?.ms ? { from: new Date(now.getTime() - preset.ms), to: now } : undefined;
}

export interface Line {
  name: string;
  values: (number | null)[];
}

/** One line per key of a per-bucket count map (labels, agents, people), zeros where a bucket has none. */
export function linesOf(buckets: SeriesBucket[], pick: (b: SeriesBucket) => Record<string, number> | undefined): Line[] {
  const names = [...new Set(buckets.flatMap((b) => Object.keys(pick(b) ?? {})))].sort();
  return names.map((name) => ({ name, values: buckets.map((b) => pick(b)?.[name] ?? 0) }));
}

/** The confidence lines: mean and percentiles, empty buckets left as gaps. */
export function confidenceLines(buckets: SeriesBucket[]): Line[] {
  return (['mean', 'p50', 'p90'] as const).map((name) => ({
    name, values: buckets.map((b) => (b.count > 0 ? b.confidence?.[name] ?? null : null)),
  }));
}

/** Share of ok among the records people labelled, per bucket; gaps where none is labelled. */
export function okShareLine(buckets: SeriesBucket[]): Line[] {
  return [{ name: 'ok share', values: buckets.map((b) => (b.ok_share === undefined ? null : b.ok_share)) }];
}
