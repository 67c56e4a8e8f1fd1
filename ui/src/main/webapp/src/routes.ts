/**
 * The whole view lives in the URL's hash, so that any view can be shared and bookmarked:
 * #/ (datasets), #/datasets/<name>?q=<query>&page=<n>&f.<facet>=<value>...&m.<metadata field>=<value>...
 */
export const FACETS = ['predicted_as', 'annotated_as', 'predicted_by', 'annotated_by', 'status', 'predicted'] as const;
export type Facet = (typeof FACETS)[number];

/** Chosen values per facet, and per metadata field; values of one facet are OR-ed, facets AND-ed. */
export interface Filters {
  facets: Partial<Record<Facet, string[]>>;
  metadata: Record<string, string[]>;
}

export const NO_FILTERS: Filters = { facets: {}, metadata: {} };

export type Route =
  | { page: 'datasets' }
  | { page: 'dataset'; name: string; query: string; pageNumber: number; filters: Filters };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const [pathname, search = ''] = path.split('?', 2);
  const match = /^\/datasets\/([a-z0-9_-]+)$/.exec(pathname);
  if (!match) {
    return { page: 'datasets' };
  }
  const params = new URLSearchParams(search);
  const pageNumber = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const filters: Filters = { facets: {}, metadata: {} };
  params.forEach((value, key) => {
    if (key.startsWith('f.') && (FACETS as readonly string[]).includes(key.slice(2))) {
      const facet = key.slice(2) as Facet;
      filters.facets[facet] = [...(filters.facets[facet] ?? []), value];
    } else if (key.startsWith('m.') && key.length > 2) {
      filters.metadata[key.slice(2)] = [...(filters.metadata[key.slice(2)] ?? []), value];
    }
  });
  return { page: 'dataset', name: match[1], query: params.get('q') ?? '', pageNumber, filters };
}

export function formatRoute(route: Route): string {
  if (route.page === 'datasets') {
    return '#/';
  }
  const params = new URLSearchParams();
  if (route.query) {
    params.set('q', route.query);
  }
  for (const facet of FACETS) {
    (route.filters.facets[facet] ?? []).forEach((value) => params.append(`f.${facet}`, value));
  }
  Object.entries(route.filters.metadata).forEach(([field, values]) => values.forEach((v) => params.append(`m.${field}`, v)));
  if (route.pageNumber > 1) {
    params.set('page', String(route.pageNumber));
  }
  const search = params.toString();
  return `#/datasets/${route.name}${search ? `?${search}` : ''}`;
}

/** The filters with {@code value} of {@code facet} (or of metadata field {@code field}) added, or removed if there. */
export function toggle(filters: Filters, kind: 'facet' | 'metadata', key: string, value: string): Filters {
  const current = kind === 'facet' ? filters.facets[key as Facet] ?? [] : filters.metadata[key] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  if (kind === 'facet') {
    const facets = { ...filters.facets, [key]: next };
    if (next.length === 0) {
      delete facets[key as Facet];
    }
    return { ...filters, facets };
  }
  const metadata = { ...filters.metadata, [key]: next };
  if (next.length === 0) {
    delete metadata[key];
  }
  return { ...filters, metadata };
}

/** The search query of the API for a free text and filters. */
export function toQuery(text: string, filters: Filters): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (text) {
    query.query_text = text;
  }
  for (const facet of FACETS) {
    const values = filters.facets[facet];
    if (values && values.length > 0) {
      // "predicted" is one value (ok or ko): both chosen means no filter
      if (facet === 'predicted') {
        if (values.length === 1) {
          query.predicted = values[0];
        }
      } else {
        query[facet] = values;
      }
    }
  }
  if (Object.keys(filters.metadata).length > 0) {
    query.metadata = filters.metadata;
  }
  return query;
}
