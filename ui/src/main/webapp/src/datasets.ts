import type { Dataset } from './api';
import { markedRanges } from './highlight';

export type DatasetSort = 'name' | 'task' | 'created_at' | 'last_updated';

/** The datasets whose name contains {@code filter}, sorted (dates newest first). */
export function visibleDatasets(datasets: Dataset[], filter: string, sort: DatasetSort): Dataset[] {
  const needle = filter.trim().toLowerCase();
  const shown = datasets.filter((d) => d.name.toLowerCase().includes(needle));
  const newestFirst = sort === 'created_at' || sort === 'last_updated';
  return shown.sort((a, b) => {
    const left = String(a[sort] ?? '');
    const right = String(b[sort] ?? '');
    return newestFirst ? right.localeCompare(left) : left.localeCompare(right) || a.name.localeCompare(b.name);
  });
}

export interface LabellingProgress {
  labelled: number;
  validated: number;
  discarded: number;
  records: number;
  /** Whole percent labelled, rounded down: 100 % only when every record is. */
  percent: number;
  /** The figures in words, the bar's text equivalent. */
  said: string;
}

/** How far a listed dataset's labelling is (labelled: validated + discarded, as the progress sidebar counts). */
export function labellingProgress(dataset: Dataset): LabellingProgress | undefined {
  if (dataset.records === undefined || dataset.labelled === undefined) {
    return undefined;
  }
  const { records, labelled } = dataset;
  const validated = dataset.validated ?? 0;
  const discarded = dataset.discarded ?? 0;
  const percent = records > 0 ? Math.floor((labelled * 100) / records) : 0;
  const said = `${labelled.toLocaleString('en')} of ${records.toLocaleString('en')} records labelled (${percent} %): `
    + `${validated.toLocaleString('en')} validated, ${discarded.toLocaleString('en')} discarded`;
  return { labelled, validated, discarded, records, percent, said };
}

/** The text a record shows: its inputs joined for classification, its text or raw text otherwise. */
export function recordText(record: { inputs?: Record<string, unknown>; text?: string; raw_text?: string }): string {
  if (record.inputs) {
    return Object.entries(record.inputs)
      .map(([key, value]) => (Object.keys(record.inputs ?? {}).length > 1 ? `${key}: ${String(value)}` : String(value)))
      .join('\n');
  }
  return record.text ?? record.raw_text ?? '';
}

/**
 * Where the search query matched in the text {@link recordText} shows, from the record's highlighted fields
 * ({@code inputs.<key>}, {@code text}, {@code raw_text}).
 */
export function recordMatches(record: { inputs?: Record<string, unknown>; highlight?: Record<string, string> }): { start: number; end: number }[] {
  const highlight = record.highlight ?? {};
  if (!record.inputs) {
    const field = highlight.raw_text ?? highlight.text;
    return field ? markedRanges(field) : [];
  }
  const keys = Object.keys(record.inputs);
  const ranges: { start: number; end: number }[] = [];
  let offset = 0;
  for (const key of keys) {
    const prefix = keys.length > 1 ? `${key}: ` : '';
    const field = highlight[`inputs.${key}`];
    if (field) {
      const at = offset + prefix.length;
      ranges.push(...markedRanges(field).map((r) => ({ start: r.start + at, end: r.end + at })));
    }
    offset += prefix.length + String(record.inputs[key]).length + 1; // the newline between inputs
  }
  return ranges;
}
