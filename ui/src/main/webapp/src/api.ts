/** Calls to the API through the gateway, with the browser's session cookie; the gateway relays the token. */

export interface Dataset {
  name: string;
  task: 'TextClassification' | 'TokenClassification' | 'Text2Text';
  tags?: Record<string, string>;
  owner?: string;
  workspace?: string;
  created_at?: string;
  last_updated?: string;
  /** Records in the dataset; answered by the datasets list. */
  records?: number;
  /** Records people have labelled (validated + discarded, as the progress sidebar counts); answered by the datasets list. */
  labelled?: number;
  validated?: number;
  discarded?: number;
  settings?: { labels?: string[]; guidelines?: string; team?: TeamSettings; monitors?: Record<string, Monitor> };
}

/** How a team labels a dataset's records (ADR 0012); absent on a dataset: one answer per record, Rubrix's way. */
export interface TeamSettings {
  min_submitted: number;
  resolution: 'review' | 'majority';
  responses_visible_after_submit: boolean;
}

/** One person's answer to a record. */
export interface TeamResponse {
  user: string;
  status: 'draft' | 'submitted' | 'discarded';
  annotation?: Annotation;
  at?: string;
  /** The response's own version (If-Match of the next write of it). */
  version: number | string;
}

/** A record with its team state: the caller's response (annotators) or everyone's (reviewers, admins). */
export interface TeamView {
  version: string;
  record: RecordView;
  responses: TeamResponse[];
  answers: number;
  complete: boolean;
  needs_review: boolean;
  agreed?: boolean;
  review?: { by: string; at: string; pick?: string | null } | null;
  /** queue:next only: until when the record is held for the caller, and how many records are left for them. */
  claimed_until?: string;
  remaining?: number;
}

/** What a person answers: a draft, a submitted answer, or a discard. */
export interface ResponseChange {
  status: TeamResponse['status'];
  annotation?: Annotation;
}

/** A reviewer's decision: one person's response, or an annotation of their own. */
export type ReviewDecision = { pick: string } | { annotation: Annotation; status: 'Validated' | 'Discarded' };

export interface Agreement {
  records: { total: number; answered: number; complete: number; pairable: number; needs_review: number; reviewed: number };
  alpha: { overall: number | null; labels: Record<string, number | null> };
  kappa: { first: string; second: string; kappa: number | null; units: number; agreeing: number }[];
  annotators: AnnotatorProgress[];
}

export interface AnnotatorProgress {
  user: string;
  submitted: number;
  discarded: number;
  drafts: number;
  last_hour: number;
}

export interface Me {
  username: string;
  full_name?: string;
  user_groups?: string[];
  roles?: string[];
}

export interface SearchResults {
  total: number;
  records: RecordView[];
  aggregations?: Aggregations;
  /** Sent back as {@code cursor}, answers the page after this one (no 10,000 wall). */
  next_cursor?: string;
}

export interface Aggregations {
  predicted_as?: Record<string, number>;
  annotated_as?: Record<string, number>;
  predicted_by?: Record<string, number>;
  annotated_by?: Record<string, number>;
  status?: Record<string, number>;
  predicted?: Record<string, number>;
  confidence?: Record<string, number>;
  metadata?: Record<string, Record<string, number>>;
  /** Per numeric metadata field, what its range filter shows. */
  metadata_ranges?: Record<string, RangeFacet>;
}

/**
 * A numeric metadata field over the records its facet counts: lowest and highest value (null when none has one), how
 * many have one, and a histogram over the dataset's own range (from <= value < to; the last bucket also its to).
 */
export interface RangeFacet {
  min: number | null;
  max: number | null;
  count: number;
  histogram: { from: number; to: number; count: number }[];
}

export interface RecordView {
  id: string | number;
  inputs?: Record<string, unknown>;
  text?: string;
  raw_text?: string;
  tokens?: string[];
  status?: string;
  metadata?: Record<string, unknown>;
  prediction?: Annotation;
  annotation?: Annotation;
  predicted?: 'ok' | 'ko';
  explanation?: Record<string, { token: string; attributions?: Record<string, number> }[]>;
  multi_label?: boolean;
  /** The record's version, sent back as If-Match when labelling it. */
  version?: string;
  /** Per text field, the field HTML-escaped with the query's matches between <mark> and </mark>. */
  highlight?: Record<string, string>;
  event_timestamp?: string;
  last_updated?: string;
}

export interface Annotation {
  agent?: string;
  labels?: { class: string; confidence?: number }[];
  entities?: { start: number; end: number; label: string }[];
  sentences?: { text: string; score?: number }[];
}

export interface DatasetSummary {
  total: number;
  status: Record<string, number>;
  annotated_as: Record<string, number>;
  quality?: {
    ok: number;
    ko: number;
    macro_f1: number;
    labels: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  };
}

/** What a person changes on one record: the task's annotation (without agent) and/or the status. */
export interface LabelChange {
  annotation?: Annotation;
  status?: 'Default' | 'Edited' | 'Discarded' | 'Validated';
}

export interface LabelledRecord {
  version: string;
  record: RecordView;
}

export interface Job {
  id: string;
  kind: 'annotate' | 'delete' | 'weak_labels';
  state: 'running' | 'done' | 'cancelled' | 'failed';
  total: number;
  done: number;
  failed: number;
  conflicts: number;
  conflicted_ids?: string[];
  errors?: { id: string; field: string; reason: string }[];
  message?: string;
  /** weak_labels jobs, once finished: what the label model did. */
  outcome?: WeakLabelOutcome;
}

/** What a rule (or an unsaved query and label) covers, and how it agrees with the people's labels (ADR 13). */
export interface RuleFigures {
  total_records: number;
  annotated_records: number;
  matched: number;
  coverage: number;
  matched_annotated: number;
  coverage_annotated: number;
  correct: number;
  incorrect: number;
  /** correct / (correct + incorrect); null when the rule matched no annotated record. */
  precision: number | null;
  overlaps: number;
  conflicts: number;
}

/** A labelling rule: a query that votes for its labels on the records it matches. */
export interface Rule {
  name: string;
  query: string;
  labels: string[];
  description?: string | null;
  author?: string;
  created_at?: string;
  updated_at?: string;
  figures?: RuleFigures;
}

export interface RulesList {
  rules: Rule[];
  /** The set's figures: coverage is of the union, overlaps of two rules or more, conflicts of two labels. */
  totals: RuleFigures & { rules: number };
}

export type LabelModel = 'generative' | 'majority';

/** The finished weak-labels job's outcome: the model, and its labels against the people's. */
export interface WeakLabelOutcome {
  model: LabelModel;
  agent: string;
  abstained: number;
  kept_predictions: number;
  /** text classification: accuracy and macro F1 over records; token classification: entity by entity. */
  against_annotations: {
    annotated: number; correct: number; accuracy?: number | null; macro_f1?: number | null;
    entities_predicted?: number; entities_annotated?: number; precision?: number | null; recall?: number | null;
    f1?: number | null;
  };
  /** generative model: each rule's accuracy, learnt without labels. */
  rules?: { name: string; learnt_accuracy: number | null }[];
  converged?: boolean;
  iterations?: number;
}

export interface HistoryEvent {
  event_id: string;
  /**
   * import: a person logged the record with their work on it (rb.log), rather than labelling it here; comment: a
   * person's note on the record (text), which changes nothing of it.
   */
  action: 'annotate' | 'import' | 'delete' | 'comment';
  at: string;
  agent: string;
  record_id: string;
  job_id?: string;
  before?: { status?: string; annotation?: Annotation } | null;
  after?: { status?: string; annotation?: Annotation } | null;
  text?: string;
}

/** A comment as the server kept it: the history event it became. */
export interface Comment {
  event_id: string;
  action: 'comment';
  at: string;
  agent: string;
  record_id: string;
  text: string;
}

export interface SeriesBucket {
  time: string;
  count: number;
  predicted_as?: Record<string, number>;
  predicted_by?: Record<string, number>;
  confidence?: { mean?: number | null; p50?: number | null; p90?: number | null; p99?: number | null };
  ok?: number;
  ko?: number;
  ok_share?: number | null;
  annotated?: number;
  labelled?: number;
  labelled_by?: Record<string, number>;
}

export interface Series {
  interval: string;
  from?: string;
  to?: string;
  buckets: SeriesBucket[];
}

/** What a drift monitor compares (ADR 0014): a kind, a metadata field's name and type, the statistic and threshold. */
export type MeasureKind = 'predicted_labels' | 'confidence' | 'metadata' | 'text_length' | 'agents' | 'accuracy' | 'f1';
export type DriftStatistic = 'psi' | 'jensen_shannon' | 'wasserstein' | 'ks' | 'drop';
export type DriftReading = 'ok' | 'drift' | 'insufficient';

export interface MonitorMeasure {
  kind: MeasureKind;
  field?: string;
  type?: 'categorical' | 'numeric';
  statistic?: DriftStatistic;
  threshold?: number;
}

/** What the live window is compared with: a fixed range, a query's records, or the window right before the live one. */
export interface MonitorReference {
  kind: 'range' | 'query' | 'preceding';
  from?: string;
  to?: string;
  query?: string;
}

/** A drift monitor as the dataset's descriptor keeps it: the webhook's URL cut to its host, its secret never answered. */
export interface Monitor {
  name: string;
  description?: string;
  query?: string;
  reference: MonitorReference;
  window: string;
  every: string;
  min_records?: number;
  measures: MonitorMeasure[];
  webhook?: { url: string; secret_set?: boolean };
  author?: string;
  created_at?: string;
  updated_at?: string;
}

/** The body of a monitor's PUT and of a preview: the secret is written, never read back; left out, it is kept. */
export interface MonitorBody {
  description?: string;
  query?: string;
  reference: MonitorReference;
  window: string;
  every: string;
  min_records?: number;
  measures: MonitorMeasure[];
  webhook?: { url: string; secret?: string };
}

/** One measure at one evaluation: a point of its series, and its line in a monitor's status. */
export interface DriftPoint {
  at: string;
  measure: string;
  statistic: DriftStatistic;
  value?: number | null;
  threshold: number;
  reading: DriftReading;
  reference_count: number;
  live_count: number;
}

export interface MonitorStatus {
  evaluated_at?: string;
  alerting?: string[];
  measures?: DriftPoint[];
  /** Why the last evaluation failed (Elasticsearch's reason), when it did. */
  error?: string;
}

/** A bar of a window's histogram: a category, or a numeric range [from, to) with the mean of its values. */
export interface DriftBin {
  key?: string;
  from?: number;
  to?: number;
  count: number;
  mean?: number;
}

export interface Distribution {
  count: number;
  /** Accuracy or F1 of the window. */
  figure?: number | null;
  bins?: DriftBin[];
}

export interface MeasureResult {
  measure: string;
  kind: MeasureKind;
  statistic: DriftStatistic;
  threshold: number;
  value?: number | null;
  reading: DriftReading;
  reference?: Distribution;
  live?: Distribution;
}

export interface DriftWindow {
  from?: string;
  to?: string;
  count?: number;
}

export interface Evaluation {
  evaluation_id?: string;
  monitor?: string;
  at: string;
  reference?: DriftWindow;
  live?: DriftWindow;
  measures: MeasureResult[];
}

export interface WatchedMonitor {
  monitor: Monitor;
  status?: MonitorStatus;
}

export interface MonitorDetail extends WatchedMonitor {
  last_evaluation?: Evaluation;
}

/** An alert raised or cleared, with what became of it: published to Kafka, and its webhook's delivery. */
export interface DriftAlert {
  event_id: string;
  type: 'raised' | 'cleared';
  at: string;
  measure: string;
  statistic: DriftStatistic;
  value?: number | null;
  threshold: number;
  published: boolean;
  webhook?: {
    state?: 'none' | 'pending' | 'delivered' | 'failed';
    url?: string;
    attempts?: number;
    next_at?: string;
    last_status?: number;
    last_error?: string;
    delivered_at?: string;
  };
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly body?: Record<string, unknown>) {
    super(message);
  }
}

/** The workspace of the dataset on screen (from the URL), for people in several workspaces; none: their default. */
let workspace: string | undefined;

export function setWorkspace(name: string | undefined) {
  workspace = name;
}

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const answer = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(workspace ? { 'X-Rubrix-Workspace': workspace } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!answer.ok) {
    let detail = answer.statusText;
    let problem: Record<string, unknown> | undefined;
    try {
      problem = await answer.json();
      detail = String(problem?.detail ?? problem?.title ?? detail);
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(answer.status, detail, problem);
  }
  const text = await answer.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const records = (name: string, task: string) => `/api/datasets/${encodeURIComponent(name)}/${task}`;

export const api = {
  me: () => call<Me>('GET', '/api/me'),
  datasets: () => call<Dataset[]>('GET', '/api/datasets/'),
  dataset: (name: string) => call<Dataset>('GET', `/api/datasets/${encodeURIComponent(name)}`),
  summary: (name: string, task: string) => call<DatasetSummary>('POST', `${records(name, task)}:summary`, {}),
  /**
   * Facets on every page (the API sends them with the first page only unless asked: Rubrix v0.1's rule), each counted
   * over the other facets' filters (facets=multi), so that a ticked value leaves the facet's other values to add.
   */
  search: (name: string, task: string, body: SearchBody, from: number, limit: number) =>
    call<SearchResults>('POST', `${records(name, task)}:search?from=${from}&limit=${limit}&aggregations=true&facets=multi`, body),
  deleteDataset: (name: string, inWorkspace?: string) => call<void>('DELETE',
    `/api/datasets/${encodeURIComponent(name)}${inWorkspace ? `?workspace=${encodeURIComponent(inWorkspace)}` : ''}`),
  /** Labels one record as the caller; a stale version answers 409 with the record as it is now. */
  label: (name: string, task: string, id: string | number, version: string, change: LabelChange) =>
    call<LabelledRecord>('PUT', `${records(name, task)}/records/${encodeURIComponent(String(id))}/annotation`,
      change, { 'If-Match': version }),
  /** Comments on one record as the caller; it joins the record's history. */
  comment: (name: string, task: string, id: string | number, text: string) =>
    call<Comment>('POST', `${records(name, task)}/records/${encodeURIComponent(String(id))}/comments`, { text }),
  history: (name: string, task: string, id: string | number) =>
    call<HistoryEvent[]>('GET', `${records(name, task)}/records/${encodeURIComponent(String(id))}/history`),
  /** By ids the job is done when this answers; by query it runs on and {@link job} tells its progress. */
  bulkLabel: (name: string, task: string, selection: { ids: string[]; versions?: Record<string, string> } | { query: Record<string, unknown> },
    change: LabelChange) => call<Job>('POST', `${records(name, task)}/bulk-annotations`, { ...selection, ...change }),
  job: (id: string) => call<Job>('GET', `/api/jobs/${encodeURIComponent(id)}`),
  cancelJob: (id: string) => call<Job>('POST', `/api/jobs/${encodeURIComponent(id)}/cancel`),
  /** Admins: how many answers each record needs and how they become its annotation. */
  teamSettings: (name: string, settings: TeamSettings) =>
    call<TeamSettings>('PUT', `/api/datasets/${encodeURIComponent(name)}/settings/team`, settings),
  /** Admins: the label schema ([] allows any label) and the guidelines. */
  settings: (name: string, labels: string[], guidelines: string) =>
    call<Dataset['settings']>('PUT', `/api/datasets/${encodeURIComponent(name)}/settings`, { labels, guidelines }),
  /** The record held for the caller (the same one again until they answer it), or nothing when none is left for them. */
  queueNext: (name: string, task: string) => call<TeamView | undefined>('POST', `${records(name, task)}/queue:next`),
  /** The caller's response; {@code version}: their response's version, none for a first response (409 when it moved). */
  respond: (name: string, task: string, id: string | number, change: ResponseChange, version?: number | string) =>
    call<TeamView>('PUT', `${records(name, task)}/records/${encodeURIComponent(String(id))}/responses/me`, change,
      version === undefined ? {} : { 'If-Match': `"${version}"` }),
  /** The record's responses the caller may read (own; everyone's for reviewers and admins). */
  responses: (name: string, task: string, id: string | number) =>
    call<TeamView>('GET', `${records(name, task)}/records/${encodeURIComponent(String(id))}/responses`),
  /** A reviewer's decision over the record's version (409 with the record as it is now when it moved). */
  review: (name: string, task: string, id: string | number, version: string, decision: ReviewDecision) =>
    call<TeamView>('PUT', `${records(name, task)}/records/${encodeURIComponent(String(id))}/review`, decision,
      { 'If-Match': `"${version}"` }),
  agreement: (name: string, task: string, query: Record<string, unknown>) =>
    call<Agreement>('POST', `${records(name, task)}:agreement`, { query }),
  /** Records by their team state (the review queue): a page of {@code limit} from {@code from}, no facets. */
  teamSearch: (name: string, task: string, query: Record<string, unknown>, from: number, limit: number) =>
    call<SearchResults>('POST', `${records(name, task)}:search?from=${from}&limit=${limit}`, { query }),
  rules: (name: string, task: string) => call<RulesList>('GET', `${records(name, task)}/labeling/rules`),
  /** The figures of an unsaved query voting for {@code labels}, beside the saved rules ({@code name}: the rule it would replace). */
  ruleFigures: (name: string, task: string, body: { query: string; labels: string[]; name?: string }) =>
    call<{ figures: RuleFigures }>('POST', `${records(name, task)}/labeling/rules:figures`, body),
  /** Creates (201) or replaces (200) a rule. */
  saveRule: (name: string, task: string, rule: string, body: { query: string; labels: string[]; description?: string }) =>
    call<Rule>('PUT', `${records(name, task)}/labeling/rules/${encodeURIComponent(rule)}`, body),
  deleteRule: (name: string, task: string, rule: string) =>
    call<void>('DELETE', `${records(name, task)}/labeling/rules/${encodeURIComponent(rule)}`),
  /** Writes the rules' weak labels as predictions (a job: follow it with {@link job}). */
  applyRules: (name: string, task: string, model: LabelModel, replacePredictions: boolean) =>
    call<Job>('POST', `${records(name, task)}/labeling/rules:apply`, { model, replace_predictions: replacePredictions }),
  series: (name: string, task: string, body: { query?: Record<string, unknown>; from?: string; to?: string; interval: string }) =>
    call<Series>('POST', `${records(name, task)}:series`, body),
  /** The dataset's monitors and where each stands; {@code inWorkspace}: another workspace than the page's (the datasets list). */
  monitors: (name: string, task: string, inWorkspace?: string) => call<{ monitors: WatchedMonitor[] }>('GET',
    `${records(name, task)}/monitors`, undefined, inWorkspace ? { 'X-Rubrix-Workspace': inWorkspace } : {}),
  monitor: (name: string, task: string, monitor: string) =>
    call<MonitorDetail>('GET', `${records(name, task)}/monitors/${encodeURIComponent(monitor)}`),
  /** A monitor's measures over time, oldest first (all its measures unless {@code measure} is given). */
  monitorSeries: (name: string, task: string, monitor: string, size = 500) =>
    call<{ points: DriftPoint[] }>('GET', `${records(name, task)}/monitors/${encodeURIComponent(monitor)}/evaluations?size=${size}`),
  monitorAlerts: (name: string, task: string, monitor: string, size = 50) =>
    call<{ alerts: DriftAlert[] }>('GET', `${records(name, task)}/monitors/${encodeURIComponent(monitor)}/alerts?size=${size}`),
  /** Admins: creates (201) or replaces (200) a monitor. */
  saveMonitor: (name: string, task: string, monitor: string, body: MonitorBody) =>
    call<Monitor>('PUT', `${records(name, task)}/monitors/${encodeURIComponent(monitor)}`, body),
  deleteMonitor: (name: string, task: string, monitor: string) =>
    call<void>('DELETE', `${records(name, task)}/monitors/${encodeURIComponent(monitor)}`),
  /** Admins: evaluates a saved monitor now (kept; alerts raised or cleared). */
  evaluateMonitor: (name: string, task: string, monitor: string) =>
    call<Evaluation>('POST', `${records(name, task)}/monitors/${encodeURIComponent(monitor)}:evaluate`),
  /** A monitor not saved, evaluated now; nothing is kept. */
  previewMonitor: (name: string, task: string, body: MonitorBody) =>
    call<Evaluation>('POST', `${records(name, task)}/monitors:preview`, body),
};

export interface SearchBody {
  query: Record<string, unknown>;
  sort?: { field: string; order: 'asc' | 'desc' }[];
  cursor?: string;
}

export type ExportFormat = 'jsonl' | 'csv' | 'conll';

/** The files a dataset of {@code task} downloads as: CoNLL (a token and its BIO tag per line) is for token classification. */
export function exportFormats(task: Dataset['task']): ExportFormat[] {
  return task === 'TokenClassification' ? ['jsonl', 'csv', 'conll'] : ['jsonl', 'csv'];
}

/**
 * Longest download address a service takes: its request line is at most 4,096 bytes (`GET `, the address,
 * ` HTTP/1.1`). The address is all ASCII once encoded, so its length is its size.
 */
export const MAX_EXPORT_URL = 4000;

/**
 * The address of the download of a query's records (`GET .../data`): a plain link, so the browser streams the file to
 * disk with the session cookie. The query goes as JSON, the workspace as a parameter (a link sends no header);
 * encodeURIComponent, not URLSearchParams, so that a space is %20 and never a '+' the server would keep.
 */
export function exportUrl(name: string, task: Dataset['task'], query: Record<string, unknown>, format: ExportFormat,
  inWorkspace?: string): string {
  const params: [string, string][] = [['format', format]];
  if (Object.keys(query).length > 0) {
    params.push(['query', JSON.stringify(query)]);
  }
  if (inWorkspace) {
    params.push(['workspace', inWorkspace]);
  }
  return `${records(name, task)}/data?${params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`;
}
