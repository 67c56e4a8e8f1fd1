import type { SeriesBucket } from './api';
import { confidenceLines, dataBounds, intervalFor, linesOf, okShareLine, presetBounds } from './monitoring';

const at = (iso: string) => new Date(iso);

describe('monitoring series', () => {
  it('chooses the finest bucket that keeps a range within 120 buckets', () => {
    expect(intervalFor(at('2026-11-28T10:00:00Z'), at('2026-11-28T11:00:00Z'))).toBe('30s');
    expect(intervalFor(at('2026-11-27T12:00:00Z'), at('2026-11-28T12:00:00Z'))).toBe('15m');
    expect(intervalFor(at('2026-11-21T12:00:00Z'), at('2026-11-28T12:00:00Z'))).toBe('3h');
    expect(intervalFor(at('2002-01-01T00:00:00Z'), at('2026-11-28T00:00:00Z'))).toBe('90d');
    expect(intervalFor(at('1950-01-01T00:00:00Z'), at('2026-11-28T00:00:00Z'))).toBe('365d');
    // a clock gone wrong in the data (year 2): whole days, still at most 120 buckets
    const days = Number.parseInt(intervalFor(at('0002-08-03T00:00:00Z'), at('2026-11-28T00:00:00Z')), 10);
    expect((at('2026-11-28T00:00:00Z').getTime() - at('0002-08-03T00:00:00Z').getTime()) / (days * 86_400_000)).toBeLessThanOrEqual(120);
    expect(days).toBeGreaterThan(6000);
  });

  it('runs the data\'s own range from its first to its last event, or to now when the data is live', () => {
    const now = at('2026-11-28T12:00:00Z');
    expect(dataBounds(at('2002-01-10T00:00:00Z'), at('2002-12-01T00:00:00Z'), now))
      .toEqual({ from: at('2002-01-10T00:00:00Z'), to: at('2002-12-01T00:00:01Z') });
    expect(dataBounds(at('2026-11-01T00:00:00Z'), at('2026-11-28T11:00:00Z'), now))
      .toEqual({ from: at('2026-11-01T00:00:00Z'), to: now });
    expect(presetBounds('data', now)).toBeUndefined();
  });

  it('ends preset ranges now and leaves "all" to the data', () => {
    const now = at('2026-11-28T12:00:00Z');
    expect(presetBounds('24h', now)).toEqual({ from: at('2026-11-27T12:00:00Z'), to: now });
    expect(presetBounds('all', now)).toBeUndefined();
  });

  it('makes one line per label, agent or person, zero where a bucket has none', () => {
    const buckets: SeriesBucket[] = [
      { time: 't1', count: 3, predicted_as: { spam: 2, ham: 1 }, confidence: { mean: 0.8, p50: 0.7, p90: 0.9 }, ok_share: 0.5 },
      { time: 't2', count: 0, predicted_as: {}, confidence: { mean: 0, p50: 0, p90: 0 } },
      { time: 't3', count: 1, predicted_as: { spam: 1 }, confidence: { mean: 0.6, p50: 0.6, p90: 0.6 }, ok_share: 1 },
    ];
    expect(linesOf(buckets, (b) => b.predicted_as)).toEqual([
      { name: 'ham', values: [1, 0, 0] }, { name: 'spam', values: [2, 0, 1] }]);
    expect(confidenceLines(buckets)[0]).toEqual({ name: 'mean', values: [0.8, null, 0.6] });
    expect(okShareLine(buckets)[0].values).toEqual([0.5, null, 1]);
  });
});
