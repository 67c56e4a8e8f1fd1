import type {
  DriftAlert, DriftBin, DriftPoint, DriftReading, DriftStatistic, Distribution, MeasureKind, Monitor, MonitorBody,
  MonitorMeasure, MonitorReference, WatchedMonitor,
} from '../api';
import { presetBounds, RANGES } from '../monitoring';
import type { MonitoringRoute, MonitorSeed } from '../routes';

/** A monitor's name as the server takes it (ADR 0014): its key in the URL and in the dataset's descriptor. */
export const MONITOR_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** A length of time as monitors write it: 30s, 5m, 1h, 7d. */
export const SPAN = /^[1-9][0-9]{0,5}[smhd]$/;
/** A metadata field as a measure names it: a plain name, no dot and no '*'. */
export const METADATA_FIELD = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,99}$/;

export const DEFAULT_MIN_RECORDS = 50;

/** Each kind of measure: its title, and the statistic and threshold the server takes when none is given. */
export const MEASURE_KINDS: { kind: MeasureKind; title: string; statistic: DriftStatistic; threshold: number }[] = [
  { kind: 'predicted_labels', title: 'Predicted labels', statistic: 'psi', threshold: 0.2 },
  { kind: 'confidence', title: 'Confidence', statistic: 'ks', threshold: 0.1 },
  { kind: 'metadata', title: 'Metadata field', statistic: 'jensen_shannon', threshold: 0.1 },
  { kind: 'text_length', title: 'Text length', statistic: 'wasserstein', threshold: 0.1 },
  { kind: 'agents', title: 'Prediction agents', statistic: 'jensen_shannon', threshold: 0.1 },
  { kind: 'accuracy', title: 'Accuracy', statistic: 'drop', threshold: 0.05 },
  { kind: 'f1', title: 'Macro F1', statistic: 'drop', threshold: 0.05 },
];

export const STATISTIC_TITLES: Record<DriftStatistic, string> = {
  psi: 'PSI', jensen_shannon: 'Jensen-Shannon', wasserstein: 'Wasserstein', ks: 'KS', drop: 'drop',
};

/** A measure's name within its monitor: its kind, or metadata.<field> (the server's id). */
export function measureId(measure: Pick<MonitorMeasure, 'kind' | 'field'>): string {
  return measure.kind === 'metadata' ? `metadata.${measure.field ?? ''}` : measure.kind;
}

/** A measure's name for people: "Predicted labels", "Metadata: source". */
export function measureTitle(id: string): string {
  if (id.startsWith('metadata.')) return `Metadata: ${id.slice('metadata.'.length)}`;
  return MEASURE_KINDS.find((k) => k.kind === id)?.title ?? id;
}

function numericMeasure(measure: Pick<MonitorMeasure, 'kind' | 'type'>): boolean {
  return measure.kind === 'confidence' || measure.kind === 'text_length' || (measure.kind === 'metadata' && measure.type === 'numeric');
}

/** The statistics a measure may take: drop for accuracy and F1; ordered values add Wasserstein and KS. */
export function statisticsFor(measure: Pick<MonitorMeasure, 'kind' | 'type'>): DriftStatistic[] {
  if (measure.kind === 'accuracy' || measure.kind === 'f1') return ['drop'];
  return numericMeasure(measure) ? ['psi', 'jensen_shannon', 'wasserstein', 'ks'] : ['psi', 'jensen_shannon'];
}

/** The statistic and threshold the server gives a measure that names none. */
export function measureDefaults(measure: Pick<MonitorMeasure, 'kind' | 'type'>): { statistic: DriftStatistic; threshold: number } {
  const kind = MEASURE_KINDS.find((k) => k.kind === measure.kind) ?? MEASURE_KINDS[0];
  if (measure.kind === 'metadata' && measure.type === 'numeric') return { statistic: 'wasserstein', threshold: kind.threshold };
  return { statistic: kind.statistic, threshold: kind.threshold };
}

/** One measure as the form holds it: text fields, '' for "the default". */
export interface MeasureForm {
  kind: MeasureKind;
  field: string;
  type: 'categorical' | 'numeric';
  statistic: DriftStatistic | '';
  threshold: string;
}

/** A monitor as the form holds it. Times are the browser's local time, as datetime-local inputs take them. */
export interface MonitorForm {
  name: string;
  description: string;
  query: string;
  referenceKind: MonitorReference['kind'];
  from: string;
  to: string;
  referenceQuery: string;
  window: string;
  every: string;
  minRecords: string;
  measures: MeasureForm[];
  webhook: boolean;
  webhookUrl: string;
  webhookSecret: string;
  /** The saved monitor has a secret: leaving the field empty keeps it. */
  secretSet: boolean;
  /**
   * The reference's bounds as given (a saved monitor's, the monitoring view's), to the millisecond: sent back as they
   * were while their inputs, which show minutes, are left as they are.
   */
  exact?: { from?: string; to?: string };
}

export function newMeasure(kind: MeasureKind = 'predicted_labels'): MeasureForm {
  return { kind, field: '', type: 'categorical', statistic: '', threshold: '' };
}

export function emptyForm(): MonitorForm {
  return {
    name: '', description: '', query: '', referenceKind: 'preceding', from: '', to: '', referenceQuery: '',
    window: '1h', every: '5m', minRecords: String(DEFAULT_MIN_RECORDS),
    measures: [newMeasure('predicted_labels'), newMeasure('confidence')],
    webhook: false, webhookUrl: '', webhookSecret: '', secretSet: false,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a datetime-local input shows it: the browser's local time, to the minute. */
export function localInput(iso: string | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A datetime-local input's value (local time) as an instant; undefined when empty or unreadable. */
export function isoOf(local: string): string | undefined {
  if (!local.trim()) return undefined;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** A bound as given when its input still shows it, else what the input says. */
function exactOr(exact: string | undefined, local: string): string | undefined {
  return exact && localInput(exact) === local ? exact : isoOf(local);
}

/** The form of a saved monitor, to edit it: its secret is never answered, only whether one is set. */
export function formFromMonitor(monitor: Monitor): MonitorForm {
  return {
    name: monitor.name,
    description: monitor.description ?? '',
    query: monitor.query ?? '',
    referenceKind: monitor.reference.kind,
    from: localInput(monitor.reference.from),
    to: localInput(monitor.reference.to),
    referenceQuery: monitor.reference.query ?? '',
    window: monitor.window,
    every: monitor.every,
    minRecords: monitor.min_records === undefined ? '' : String(monitor.min_records),
    measures: monitor.measures.map((m) => ({
      kind: m.kind, field: m.field ?? '', type: m.type ?? 'categorical', statistic: m.statistic ?? '',
      threshold: m.threshold === undefined ? '' : String(m.threshold),
    })),
    webhook: !!monitor.webhook,
    webhookUrl: monitor.webhook?.url ?? '',
    webhookSecret: '',
    secretSet: !!monitor.webhook?.secret_set,
    exact: { from: monitor.reference.from, to: monitor.reference.to },
  };
}

/** A new monitor's form from the monitoring page's view: its query, and its range (a range reference) or its window. */
export function formFromSeed(seed: MonitorSeed): MonitorForm {
  const form = emptyForm();
  form.query = seed.query ?? '';
  if (seed.from || seed.to) {
    form.referenceKind = 'range';
    form.from = localInput(seed.from);
    form.to = localInput(seed.to);
    form.exact = { from: seed.from, to: seed.to };
  } else if (seed.window && SPAN.test(seed.window)) {
    form.referenceKind = 'preceding';
    form.window = seed.window;
  }
  return form;
}

/**
 * What "Monitor this view" opens from the monitoring page: a custom range, or the data's own range as the charts show
 * it ({@code shown}), becomes a range reference; a range back from now (last 24 hours...) is a sliding one: a preceding
 * reference with the range's length as the live window.
 */
export function seedFromView(route: MonitoringRoute, shown?: { from?: string; to?: string }): MonitorSeed {
  const seed: MonitorSeed = route.query ? { query: route.query } : {};
  if (route.range === 'custom') {
    return { ...seed, ...(route.from ? { from: route.from } : {}), ...(route.to ? { to: route.to } : {}) };
  }
  const preset = RANGES.find((r) => r.value === route.range);
  if (preset?.ms && presetBounds(route.range, new Date())) {
    return { ...seed, window: spanOf(preset.ms) };
  }
  return { ...seed, ...(shown?.from ? { from: shown.from } : {}), ...(shown?.to ? { to: shown.to } : {}) };
}

/** A length in milliseconds as a span: whole days, else hours, minutes or seconds. */
export function spanOf(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.max(1, Math.round(ms / 1000))}s`;
}

/** The body of the PUT (and of a preview) for the form: empty fields left out, the server's defaults apply. */
export function monitorBody(form: MonitorForm): MonitorBody {
  const reference: MonitorReference = { kind: form.referenceKind };
  if (form.referenceKind !== 'preceding') {
    const from = exactOr(form.exact?.from, form.from);
    const to = exactOr(form.exact?.to, form.to);
    if (from) reference.from = from;
    if (to) reference.to = to;
  }
  if (form.referenceKind === 'query') reference.query = form.referenceQuery.trim();
  const body: MonitorBody = {
    reference,
    window: form.window.trim(),
    every: form.every.trim(),
    measures: form.measures.map((m) => {
      const measure: MonitorMeasure = { kind: m.kind };
      if (m.kind === 'metadata') {
        measure.field = m.field.trim();
        measure.type = m.type;
      }
      if (m.statistic) measure.statistic = m.statistic;
      if (m.threshold.trim() !== '') measure.threshold = Number(m.threshold);
      return measure;
    }),
  };
  if (form.description.trim()) body.description = form.description.trim();
  if (form.query.trim()) body.query = form.query.trim();
  if (form.minRecords.trim() !== '') body.min_records = Number(form.minRecords);
  if (form.webhook) {
    body.webhook = { url: form.webhookUrl.trim(), ...(form.webhookSecret ? { secret: form.webhookSecret } : {}) };
  }
  return body;
}

/**
 * What the form can tell before asking the server, keyed as the server names fields ({@code window},
 * {@code measures[1].field}...), so that either's problems show at the same place. {@code named}: whether the name
 * is checked (a preview needs none).
 */
export function formProblems(form: MonitorForm, named = true): Record<string, string> {
  const problems: Record<string, string> = {};
  if (named && !MONITOR_NAME.test(form.name)) {
    problems.name = form.name ? 'letters, digits, - and _ only, starting with a letter or digit, up to 64' : 'a monitor needs a name';
  }
  if (form.referenceKind === 'range') {
    if (!isoOf(form.from) || !isoOf(form.to)) problems['reference.from'] = 'a range reference needs from and to';
  }
  const from = isoOf(form.from);
  const to = isoOf(form.to);
  if (form.referenceKind !== 'preceding' && from && to && from >= to) problems['reference.from'] = 'must be before to';
  if (form.referenceKind === 'query' && !form.referenceQuery.trim()) problems['reference.query'] = 'a query reference needs a query';
  if (!SPAN.test(form.window.trim())) problems.window = 'a length such as 15m, 1h or 7d';
  if (!SPAN.test(form.every.trim())) problems.every = 'a length such as 1m, 5m or 1h';
  if (form.minRecords.trim() !== '' && !/^\d+$/.test(form.minRecords.trim())) problems.min_records = 'a whole number from 1';
  if (form.measures.length === 0) problems.measures = 'add a measure to compare';
  form.measures.forEach((m, i) => {
    if (m.kind === 'metadata' && !METADATA_FIELD.test(m.field.trim())) {
      problems[`measures[${i}].field`] = 'the metadata field’s name (no dots)';
    }
    if (m.threshold.trim() !== '' && !(Number(m.threshold) > 0)) problems[`measures[${i}].threshold`] = 'a number above 0';
  });
  const ids = form.measures.map((m) => measureId({ kind: m.kind, field: m.field.trim() }));
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i && !problems[`measures[${i}].field`]) problems[`measures[${i}]`] = `${measureTitle(id)} is measured twice`;
  });
  if (form.webhook) {
    if (!/^https?:\/\/[^/]+/.test(form.webhookUrl.trim())) problems['webhook.url'] = 'an http or https URL';
    if (!(form.secretSet && !form.webhookSecret) && (form.webhookSecret.length < 16 || form.webhookSecret.length > 256)) {
      problems['webhook.secret'] = '16 to 256 characters: the receiver checks each POST’s signature with it';
    }
  }
  return problems;
}

/** A length of time in milliseconds ("1h" is 3,600,000), or undefined when it is none. */
export function spanMs(span: string): number | undefined {
  const match = /^([1-9][0-9]{0,5})([smhd])$/.exec(span.trim());
  if (!match) return undefined;
  return Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
}

/** Whether the form's fixed reference ends inside the live window as it would be now (its records would count twice). */
export function overlapsLive(form: MonitorForm, now = Date.now()): boolean {
  const window = spanMs(form.window);
  const to = isoOf(form.to);
  if (form.referenceKind === 'preceding' || !window || !to) return false;
  return new Date(to).getTime() > now - window;
}

/** The fields the form shows problems beside; a problem of another field (body, anything new) shows above the form. */
export function placedField(field: string): boolean {
  return ['name', 'description', 'query', 'reference.kind', 'reference.from', 'reference.to', 'reference.query', 'window',
    'every', 'min_records', 'measures', 'webhook.url', 'webhook.secret'].includes(field)
    || /^measures\[\d+\](\.(kind|field|type|statistic|threshold))?$/.test(field);
}

/** The problems no field of the form shows, as "field: reason" (or the reason alone). */
export function unplacedProblems(problems: Record<string, string>): string[] {
  return Object.entries(problems).filter(([field]) => !placedField(field))
    .map(([field, reason]) => (field ? `${field}: ${reason}` : reason));
}

/** The problems of one measure of the form: its own (measures[i]) and its fields', keyed by field (kind, '' for its own). */
export function measureProblems(problems: Record<string, string>, index: number): Record<string, string> {
  const prefix = `measures[${index}]`;
  const found: Record<string, string> = {};
  Object.entries(problems).forEach(([field, reason]) => {
    if (field === prefix) found[''] = reason;
    else if (field.startsWith(`${prefix}.`)) found[field.slice(prefix.length + 1)] = reason;
  });
  return found;
}

/** One bar of the paired histograms: a bin's label and both windows' records and shares. */
export interface BinRow {
  label: string;
  reference: number;
  live: number;
  referenceShare: number;
  liveShare: number;
}

/** A number of a bin's range for people: four significant digits, thousands separated. */
export function figure(value: number | undefined | null): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '-';
  const rounded = Math.abs(value) >= 10_000 ? Math.round(value) : Number(value.toPrecision(4));
  return rounded.toLocaleString('en', { maximumFractionDigits: 4 });
}

/**
 * A bin's label: its key, or its range. The outer numeric bins are open ([-inf, e1) and [ek, +inf)) and the server
 * bounds them by the values seen: one that saw none has no width, and reads "< e1" or "≥ ek".
 */
export function binLabel(bin: DriftBin, position: 'first' | 'last' | 'inner' = 'inner'): string {
  if (bin.key !== undefined) return bin.key;
  if (bin.from === bin.to && position === 'first') return `< ${figure(bin.to)}`;
  if (bin.from === bin.to && position === 'last') return `≥ ${figure(bin.from)}`;
  return `${figure(bin.from)}–${figure(bin.to)}`;
}

const binKey = (bin: DriftBin) => (bin.key !== undefined ? `k:${bin.key}` : `r:${bin.from ?? ''}~${bin.to ?? ''}`);

/**
 * Both windows' histograms as rows of one chart: categories by key (the reference's order, then the live window's new
 * ones), numeric bins by range in order. A share is of the window's binned records (a multi-label record counts once
 * per label; records without the field count nowhere), so each window's shares add up to 1.
 */
export function pairBins(reference: Distribution | undefined, live: Distribution | undefined): BinRow[] {
  const rows = new Map<string, { bin: DriftBin; reference: number; live: number }>();
  (reference?.bins ?? []).forEach((bin) => rows.set(binKey(bin), { bin, reference: bin.count, live: 0 }));
  (live?.bins ?? []).forEach((bin) => {
    const row = rows.get(binKey(bin));
    if (row) row.live += bin.count;
    else rows.set(binKey(bin), { bin, reference: 0, live: bin.count });
  });
  const all = [...rows.values()];
  const numeric = all.length > 0 && all.every((r) => r.bin.key === undefined);
  if (numeric) all.sort((a, b) => (a.bin.from ?? -Infinity) - (b.bin.from ?? -Infinity) || (a.bin.to ?? Infinity) - (b.bin.to ?? Infinity));
  const referenceTotal = all.reduce((sum, r) => sum + r.reference, 0);
  const liveTotal = all.reduce((sum, r) => sum + r.live, 0);
  return all.map((r, i) => ({
    label: numeric ? binLabel(r.bin, i === 0 ? 'first' : i === all.length - 1 ? 'last' : 'inner') : binLabel(r.bin),
    reference: r.reference, live: r.live,
    referenceShare: referenceTotal ? r.reference / referenceTotal : 0, liveShare: liveTotal ? r.live / liveTotal : 0,
  }));
}

/** A statistic's value: four decimals, or "-" when the measure was not judged. */
export function statisticText(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '-' : String(Number(value.toFixed(4)));
}

export const READING_TITLES: Record<DriftReading, string> = {
  ok: 'ok', drift: 'drift', insufficient: 'too few records',
};

/** "0.7167 > 0.2": a value against its threshold, as the reading judges it (drift strictly above). */
export function versusText(value: number | null | undefined, threshold: number): string {
  if (value === null || value === undefined) return `– (threshold ${statisticText(threshold)})`;
  return `${statisticText(value)} ${value > threshold ? '>' : '≤'} ${statisticText(threshold)}`;
}

/** The measures drifting, per monitor alerting: what the dataset's pages say in one line each. */
export function driftLines(monitors: WatchedMonitor[]): { monitor: string; measures: string[] }[] {
  return monitors.filter((w) => (w.status?.alerting ?? []).length > 0)
    .map((w) => ({ monitor: w.monitor.name, measures: w.status?.alerting ?? [] }));
}

/** "2 measures drifting in monitor production". */
export function driftText(line: { monitor: string; measures: string[] }): string {
  const n = line.measures.length;
  return `${n} ${n === 1 ? 'measure' : 'measures'} drifting in monitor ${line.monitor}`;
}

/** "104 measures drifting in 20 monitors": monitors alerting, said in one line. */
export function driftSummary(lines: { monitor: string; measures: string[] }[]): string {
  if (lines.length === 1) return driftText(lines[0]);
  const measures = lines.reduce((sum, line) => sum + line.measures.length, 0);
  return `${measures} ${measures === 1 ? 'measure' : 'measures'} drifting in ${lines.length} monitors`;
}

/** When: "Dec 6, 2026, 10:05:00" in the browser's time zone, or "never". */
export function when(iso: string | undefined | null): string {
  if (!iso) return 'never';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toLocaleString('en', { dateStyle: 'medium', timeStyle: 'medium' });
}

/** The reference in words: "events from … to …", "records matching … ", "the 1h before the live window". */
export function referenceText(reference: MonitorReference, window: string): string {
  if (reference.kind === 'preceding') return `the ${window} before the live window`;
  const range = reference.from || reference.to
    ? `${reference.from ? ` from ${when(reference.from)}` : ''}${reference.to ? ` to ${when(reference.to)}` : ''}` : '';
  if (reference.kind === 'query') return `records matching ${reference.query ?? ''}${range}`;
  return `events${range}`;
}

/** A measure's series: its points in time, value and threshold, oldest first. */
export interface MeasureSeries {
  measure: string;
  statistic: DriftStatistic;
  times: string[];
  values: (number | null)[];
  thresholds: number[];
}

export function seriesByMeasure(points: DriftPoint[]): MeasureSeries[] {
  const series = new Map<string, MeasureSeries>();
  [...points].sort((a, b) => a.at.localeCompare(b.at)).forEach((p) => {
    const one = series.get(p.measure) ?? { measure: p.measure, statistic: p.statistic, times: [], values: [], thresholds: [] };
    one.times.push(p.at);
    one.values.push(p.value ?? null);
    one.thresholds.push(p.threshold);
    series.set(p.measure, one);
  });
  return [...series.values()];
}

/** What became of an alert's webhook, in words: "delivered (HTTP 200, 1 attempt)", "pending, attempt 3 at …: …". */
export function webhookText(alert: DriftAlert): string {
  const hook = alert.webhook;
  if (!hook || !hook.state || hook.state === 'none') return 'no webhook';
  const attempts = hook.attempts ? `${hook.attempts} ${hook.attempts === 1 ? 'attempt' : 'attempts'}` : '';
  const status = hook.last_status ? `HTTP ${hook.last_status}` : '';
  const detail = [status, attempts].filter(Boolean).join(', ');
  let text = `${hook.state}${detail ? ` (${detail})` : ''}`;
  if (hook.state === 'pending' && hook.next_at) text += `, next at ${when(hook.next_at)}`;
  if (hook.state !== 'delivered' && hook.last_error) text += `: ${hook.last_error}`;
  return text;
}
