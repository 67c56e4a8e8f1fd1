import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { applyOffered, correctText, count, coverageText, decimal, fieldProblems, modelsOffered, percent, ruleNameProblem, rulesOffered, useDebounced } from './rules';

describe('rule names', () => {
  it('takes letters, digits, - and _, 1 to 64 characters, starting with a letter or digit', () => {
    for (const ok of ['a', 'free-money', 'Rule_2', '9lives', 'x'.repeat(64)]) {
      expect(ruleNameProblem(ok), ok).toBeUndefined();
    }
  });
  it('says why a name cannot be used', () => {
    expect(ruleNameProblem('')).toBe('a rule needs a name');
    expect(ruleNameProblem('x'.repeat(65))).toBe('at most 64 characters (this one has 65)');
    for (const bad of ['-lead', '_lead', 'with space', 'a/b', 'a,b', 'a*', '..', 'é']) {
      expect(ruleNameProblem(bad), bad).toBe('letters, digits, - and _ only, starting with a letter or digit');
    }
  });
});

describe('figures', () => {
  it('shows shares as percentages, small ones with a decimal, none as "-"', () => {
    expect(percent(0.19285478001984782)).toBe('19 %');
    expect(percent(0.0074429374793251735)).toBe('0.7 %');
    expect(percent(0)).toBe('0 %');
    expect(percent(1)).toBe('100 %');
    expect(percent(0.996)).toBe('99.6 %');
    expect(percent(null)).toBe('-');
    expect(percent(undefined)).toBe('-');
    expect(percent(Number.NaN)).toBe('-');
  });
  it('counts with separators, decimals to two places', () => {
    expect(count(6046)).toBe('6,046');
    expect(count(null)).toBe('-');
    expect(decimal(0.8333)).toBe('0.83');
    expect(decimal(null)).toBe('-');
  });
  it('says coverage and correct / incorrect in words', () => {
    expect(coverageText({ matched: 1166, total_records: 6046, coverage: 0.1928 })).toBe('1,166 of 6,046 records (19 %)');
    expect(coverageText({ matched: 0, total_records: 1, coverage: 0 })).toBe('0 of 1 record (0 %)');
    expect(correctText({ correct: 113, incorrect: 54 })).toBe('113 / 54');
  });
});

describe('refusals', () => {
  it('are read field by field', () => {
    const refused = new ApiError(400, 'query: Failed to parse query [free AND (]', {
      detail: 'query: Failed to parse query [free AND (]', errors: [{ field: 'query', reason: 'Failed to parse query [free AND (]' }],
    });
    expect(fieldProblems(refused)).toEqual({ query: 'Failed to parse query [free AND (]' });
    expect(fieldProblems(new ApiError(403, 'Forbidden'))).toEqual({ '': 'Forbidden' });
    expect(fieldProblems(new Error('offline'))).toEqual({ '': 'offline' });
  });
});

describe('tasks', () => {
  it('rules for text and token classification, applying them for text classification', () => {
    expect(rulesOffered('TextClassification')).toBe(true);
    expect(rulesOffered('TokenClassification')).toBe(true);
    expect(rulesOffered('Text2Text')).toBe(false);
    expect(applyOffered('TextClassification')).toBe(true);
    expect(applyOffered('TokenClassification')).toBe(true);
    expect(modelsOffered('TextClassification')).toEqual(['generative', 'majority']);
    expect(modelsOffered('TokenClassification')).toEqual(['majority']);
  });
});

describe('useDebounced', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  it('gives the value once the typing pauses, skipping the values in between', () => {
    const seen: string[] = [];
    const { result, rerender } = renderHook(({ value }) => {
      const settled = useDebounced(value, 250);
      seen.push(settled);
      return settled;
    }, { initialProps: { value: '' } });
    rerender({ value: 'f' });
    act(() => { vi.advanceTimersByTime(100); });
    rerender({ value: 'fr' });
    act(() => { vi.advanceTimersByTime(200); });
    rerender({ value: 'free' });
    act(() => { vi.advanceTimersByTime(249); });
    expect(result.current).toBe('');
    act(() => { vi.advanceTimersByTime(1); });
    expect(result.current).toBe('free');
    expect(new Set(seen)).toEqual(new Set(['', 'free']));
  });
});
