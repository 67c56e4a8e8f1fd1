/** Calls to the API through the gateway, with the browser's session cookie; the gateway relays the token. */

export interface Dataset {
  name: string;
  task: 'TextClassification' | 'TokenClassification' | 'Text2Text';
  tags?: Record<string, string>;
  owner?: string;
  workspace?: string;
  created_at?: string;
  last_updated?: string;
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

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const answer = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!answer.ok) {
    let detail = answer.statusText;
    try {
      const problem = await answer.json();
      detail = problem.detail ?? problem.title ?? detail;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(answer.status, detail);
  }
  return (await answer.json()) as T;
}

export const api = {
  me: () => call<Me>('GET', '/api/me'),
  datasets: () => call<Dataset[]>('GET', '/api/datasets/'),
  dataset: (name: string) => call<Dataset>('GET', `/api/datasets/${name}`),
  summary: (name: string, task: string) => call<DatasetSummary>('POST', `/api/datasets/${name}/${task}:summary`, {}),
  search: (name: string, task: string, query: Record<string, unknown>, from: number, limit: number) =>
    call<SearchResults>('POST', `/api/datasets/${name}/${task}:search?from=${from}&limit=${limit}`, { query }),
};
