import { useEffect, useState } from 'react';
import { ApiError, type Dataset, type RuleFigures } from '../api';

/** A rule's name as the server takes it (ADR 13): the rule's key in the URL and its column in the label matrix. */
export const RULE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Why a rule name cannot be used, or nothing when it can. */
export function ruleNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a rule needs a name';
  if (name.length > 64) return `at most 64 characters (this one has ${name.length})`;
  if (!RULE_NAME.test(name)) return 'letters, digits, - and _ only, starting with a letter or digit';
  return undefined;
}

/** A share as a percentage: one decimal under 10 %, none above; "-" when there is no figure. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '-';
  const value = share * 100;
  if (value > 0 && value < 10) return `${value.toFixed(1)} %`;
  if (value > 99 && value < 100) return `${value.toFixed(1)} %`; // never round 99.6 % up to "100 %"
  return `${Math.round(value)} %`;
}

/** A count with thousands separators. */
export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : value.toLocaleString('en');
}

/** A figure in [0, 1] to two decimals (accuracy, F1), or "-" when there is none. */
export function decimal(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '-' : value.toFixed(2);
}

/** "1,166 of 6,046 records (19 %)": the coverage of a rule in words. */
export function coverageText(figures: Pick<RuleFigures, 'matched' | 'total_records' | 'coverage'>): string {
  return `${count(figures.matched)} of ${count(figures.total_records)} ${figures.total_records === 1 ? 'record' : 'records'} (${percent(figures.coverage)})`;
}

/** "113 / 54": correct and incorrect among the annotated records a rule matches. */
export function correctText(figures: Pick<RuleFigures, 'correct' | 'incorrect'>): string {
  return `${count(figures.correct)} / ${count(figures.incorrect)}`;
}

/** The problem of a refused request, field by field ({@code errors[].field} and {@code reason}); '' holds the rest. */
export function fieldProblems(error: unknown): Record<string, string> {
  if (error instanceof ApiError) {
    const errors = (error.body?.errors as { field?: string; reason?: string; message?: string }[] | undefined) ?? [];
    if (errors.length > 0) {
      return Object.fromEntries(errors.map((e) => [e.field ?? '', e.reason ?? e.message ?? error.message]));
    }
    return { '': error.message };
  }
  return { '': error instanceof Error ? error.message : String(error) };
}

/** Whether the dataset's task has rules (Text2Text has no labels to vote for) and whether its rules can be applied. */
export function rulesOffered(task: Dataset['task'] | undefined): boolean {
  return task === 'TextClassification' || task === 'TokenClassification';
}

export function applyOffered(task: Dataset['task'] | undefined): boolean {
  return task === 'TextClassification' || task === 'TokenClassification';
}

/** The label models a task offers: token classification's spans have the majority vote only. */
export function modelsOffered(task: Dataset['task'] | undefined): ('generative' | 'majority')[] {
  return task === 'TokenClassification' ? ['majority'] : ['generative', 'majority'];
}

/**
 * {@code value} once it has stayed the same for {@code wait} ms: the rules page asks for a query's figures and records
 * once the person stops typing, not at every key.
 */
export function useDebounced<T>(value: T, wait: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), wait);
    return () => clearTimeout(timer);
  }, [value, wait]);
  return settled;
}
