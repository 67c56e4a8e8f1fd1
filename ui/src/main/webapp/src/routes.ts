/**
 * The whole view lives in the URL's hash, so that any view can be shared and bookmarked:
 * #/ (datasets), #/datasets/<name>?q=<query>&page=<n>&f.<facet>=<value>...&m.<metadata field>=<value>...
 * &r.<numeric metadata field>=<min>~<max> (either side may be empty)
 * &c=<from>~<to> (confidence)&sort=<field>~<asc|desc>&after=<cursor>&mode=<annotate|queue|review|agreement|settings|rules>, and
 * #/datasets/<name>/monitoring?range=<7d|...>|from=<iso>&to=<iso>&q=<query>, and
 * #/datasets/<name>/monitors?m=<monitor> (drift monitors; new=1&q=&from=&to=&window=: a new monitor's form, prefilled);
 * w=<workspace> on all for people in several.
 */
export const FACETS = ['predicted_as', 'annotated_as', 'predicted_by', 'annotated_by', 'status', 'predicted'] as const;
export type Facet = (typeof FACETS)[number];

/** A range of a numeric metadata field, both ends inclusive; a missing end is open. */
export interface NumberRange {
  from?: number;
  to?: number;
}

/** Chosen values per facet, and per metadata field; values of one facet are OR-ed, facets AND-ed. */
export interface Filters {
  facets: Partial<Record<Facet, string[]>>;
  metadata: Record<string, string[]>;
  /** Ranges of numeric metadata fields; a field has either chosen values or a range, never both. */
  ranges?: Record<string, NumberRange>;
  /** Top prediction confidence, from inclusive to exclusive. */
  confidence?: { from: number; to: number };
}

export interface Sort {
  field: string;
  order: 'asc' | 'desc';
}

export const NO_FILTERS: Filters = { facets: {}, metadata: {} };

export interface DatasetRoute {
  page: 'dataset';
  name: string;
  /** The dataset's workspace, for people in several; absent: their default workspace. */
  workspace?: string;
  query: string;
  pageNumber: number;
  filters: Filters;
  sort?: Sort;
  /** The cursor of this page, for pages past Elasticsearch's 10,000 window. */
  cursor?: string;
  mode?: Mode;
}

/**
 * What the dataset's page shows: the records (explore, none), labelling them (annotate), the person's queue of held
 * records (queue), the records whose answers need a reviewer (review), the agreement of the view (agreement), the
 * dataset's settings (settings), its labelling rules (rules: weak supervision).
 */
export const MODES = ['annotate', 'queue', 'review', 'agreement', 'settings', 'rules'] as const;
export type Mode = (typeof MODES)[number];

export interface MonitoringRoute {
  page: 'monitoring';
  name: string;
  workspace?: string;
  /** The data's own range ('data', the default), a preset range back from now ('24h', '7d', '30d', '365d'), 'all', or a custom from/to. */
  range: string;
  from?: string;
  to?: string;
  /** Only the records matching this query (the search box's syntax). */
  query?: string;
}

/** What a new monitor's form starts from: the monitoring page's view (its query, and its range or its sliding window). */
export interface MonitorSeed {
  query?: string;
  from?: string;
  to?: string;
  window?: string;
}

/** A dataset's drift monitors: the list, the one shown, and a new monitor's form when {@code seed} is given. */
export interface MonitorsRoute {
  page: 'monitors';
  name: string;
  workspace?: string;
  monitor?: string;
  seed?: MonitorSeed;
}

export type Route = { page: 'datasets' } | DatasetRoute | MonitoringRoute | MonitorsRoute;

/** The monitors page of a dataset, showing {@code monitor} when given. */
export function monitorsRoute(name: string, workspace?: string, monitor?: string): MonitorsRoute {
  return { page: 'monitors', name, ...(workspace ? { workspace } : {}), ...(monitor ? { monitor } : {}) };
}

export function datasetRoute(name: string, workspace?: string): DatasetRoute {
  return { page: 'dataset', name, query: '', pageNumber: 1, filters: NO_FILTERS, ...(workspace ? { workspace } : {}) };
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const [pathname, search = ''] = path.split('?', 2);
  const match = /^\/datasets\/([a-z0-9_-]+)(\/monitoring|\/monitors)?$/.exec(pathname);
  if (!match) {
    return { page: 'datasets' };
  }
  const params = new URLSearchParams(search);
  if (match[2] === '/monitors') {
    const monitors: MonitorsRoute = { page: 'monitors', name: match[1] };
    if (params.get('w')) monitors.workspace = params.get('w') ?? undefined;
    if (params.get('m')) monitors.monitor = params.get('m') ?? undefined;
    if (params.get('new') === '1') {
      const seed: MonitorSeed = {};
      for (const [key, param] of [['query', 'q'], ['from', 'from'], ['to', 'to'], ['window', 'window']] as const) {
        if (params.get(param)) seed[key] = params.get(param) ?? undefined;
      }
      monitors.seed = seed;
    }
    return monitors;
  }
  if (match[2]) {
    const from = params.get('from') ?? undefined;
    const to = params.get('to') ?? undefined;
    const monitoring: MonitoringRoute = { page: 'monitoring', name: match[1], range: from || to ? 'custom' : params.get('range') ?? 'data', from, to };
    if (params.get('w')) {
      monitoring.workspace = params.get('w') ?? undefined;
    }
    if (params.get('q')) {
      monitoring.query = params.get('q') ?? undefined;
    }
    return monitoring;
  }
  const pageNumber = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const filters: Filters = { facets: {}, metadata: {} };
  params.forEach((value, key) => {
    if (key.startsWith('f.') && (FACETS as readonly string[]).includes(key.slice(2))) {
      const facet = key.slice(2) as Facet;
      filters.facets[facet] = [...(filters.facets[facet] ?? []), value];
    } else if (key.startsWith('m.') && key.length > 2) {
      filters.metadata[key.slice(2)] = [...(filters.metadata[key.slice(2)] ?? []), value];
    } else if (key.startsWith('r.') && key.length > 2) {
      const range = parseRange(value);
      if (range) {
        filters.ranges = { ...filters.ranges, [key.slice(2)]: range };
      }
    }
  });
  const confidence = /^(\d*\.?\d+)~(\d*\.?\d+)$/.exec(params.get('c') ?? '');
  if (confidence) {
    filters.confidence = { from: Number(confidence[1]), to: Number(confidence[2]) };
  }
  const route: DatasetRoute = { page: 'dataset', name: match[1], query: params.get('q') ?? '', pageNumber, filters };
  const sort = /^([\w.-]+)~(asc|desc)$/.exec(params.get('sort') ?? '');
  if (sort) {
    route.sort = { field: sort[1], order: sort[2] as 'asc' | 'desc' };
  }
  if (params.get('after')) {
    route.cursor = params.get('after') ?? undefined;
  }
  const mode = params.get('mode');
  if (mode && (MODES as readonly string[]).includes(mode)) {
    route.mode = mode as Mode;
  }
  if (params.get('w')) {
    route.workspace = params.get('w') ?? undefined;
  }
  return route;
}

export function formatRoute(route: Route): string {
  if (route.page === 'datasets') {
    return '#/';
  }
  const params = new URLSearchParams();
  if (route.workspace) {
    params.set('w', route.workspace);
  }
  if (route.page === 'monitoring') {
    if (route.range === 'custom') {
      if (route.from) params.set('from', route.from);
      if (route.to) params.set('to', route.to);
    } else {
      params.set('range', route.range);
    }
    if (route.query) {
      params.set('q', route.query);
    }
    return `#/datasets/${route.name}/monitoring?${params}`;
  }
  if (route.page === 'monitors') {
    if (route.monitor) params.set('m', route.monitor);
    if (route.seed) {
      params.set('new', '1');
      if (route.seed.query) params.set('q', route.seed.query);
      if (route.seed.from) params.set('from', route.seed.from);
      if (route.seed.to) params.set('to', route.seed.to);
      if (route.seed.window) params.set('window', route.seed.window);
    }
    const search = params.toString();
    return `#/datasets/${route.name}/monitors${search ? `?${search}` : ''}`;
  }
  if (route.query) {
    params.set('q', route.query);
  }
  for (const facet of FACETS) {
    (route.filters.facets[facet] ?? []).forEach((value) => params.append(`f.${facet}`, value));
  }
  Object.entries(route.filters.metadata).forEach(([field, values]) => values.forEach((v) => params.append(`m.${field}`, v)));
  Object.entries(route.filters.ranges ?? {}).forEach(([field, range]) => params.set(`r.${field}`, formatRange(range)));
  if (route.filters.confidence) {
    params.set('c', `${route.filters.confidence.from}~${route.filters.confidence.to}`);
  }
  if (route.sort) {
    params.set('sort', `${route.sort.field}~${route.sort.order}`);
  }
  if (route.pageNumber > 1) {
    params.set('page', String(route.pageNumber));
  }
  if (route.cursor) {
    params.set('after', route.cursor);
  }
  if (route.mode) {
    params.set('mode', route.mode);
  }
  const search = params.toString().replace(/%7E/g, '~'); // '~' is unreserved in URLs: keep it readable
  return `#/datasets/${route.name}${search ? `?${search}` : ''}`;
}

/** A range as the URL keeps it: {@code 1.5~10}, {@code ~10}, {@code 1.5~}. */
export function formatRange(range: NumberRange): string {
  return `${range.from ?? ''}~${range.to ?? ''}`;
}

/** A range from the URL; nothing for text that is not one (no end at all, an end that is no number). */
export function parseRange(text: string): NumberRange | undefined {
  const ends = /^([^~]*)~([^~]*)$/.exec(text);
  if (!ends) {
    return undefined;
  }
  const [from, to] = [ends[1], ends[2]].map((end) => (end.trim() === '' ? undefined : Number(end)));
  if ((from === undefined && to === undefined) || [from, to].some((end) => end !== undefined && !Number.isFinite(end))) {
    return undefined;
  }
  return numberRange(from, to);
}

/** A range of the ends given in either order (a person may type the larger first); nothing when both are open. */
export function numberRange(a?: number, b?: number): NumberRange | undefined {
  if (a === undefined && b === undefined) {
    return undefined;
  }
  const [from, to] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** The filters with the range of metadata field {@code field} set (its chosen values dropped), or removed. */
export function setRange(filters: Filters, field: string, range: NumberRange | undefined): Filters {
  const ranges = { ...filters.ranges };
  delete ranges[field];
  if (range) {
    ranges[field] = range;
  }
  const metadata = { ...filters.metadata };
  if (range) {
    delete metadata[field];
  }
  const next: Filters = { ...filters, metadata, ranges };
  if (Object.keys(ranges).length === 0) {
    delete next.ranges;
  }
  return next;
}

/**
 * The filters with {@code value} of {@code facet} (or of metadata field {@code field}) added, or removed if there.
 * A metadata value replaces a range of its field: the API takes one or the other per field.
 */
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
  return filters.ranges?.[key] ? { ...setRange(filters, key, undefined), metadata } : { ...filters, metadata };
}

/** Results of Elasticsearch past which {@code from} cannot page; a cursor goes on. */
export const WINDOW = 10_000;

/** The route of the next page: by number while inside the window, by the last page's cursor beyond it. */
export function nextPage(route: DatasetRoute, pageSize: number, nextCursor: string | undefined): DatasetRoute {
  const next = route.pageNumber + 1;
  if (!route.cursor && next * pageSize <= WINDOW) {
    return { ...route, pageNumber: next };
  }
  return { ...route, pageNumber: next, cursor: nextCursor };
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
  // a field's range wins over values of it in a hand-made URL: the API takes one or the other
  const metadata: Record<string, unknown> = { ...filters.metadata };
  Object.entries(filters.ranges ?? {}).forEach(([field, range]) => {
    metadata[field] = { ...(range.from !== undefined ? { gte: range.from } : {}), ...(range.to !== undefined ? { lte: range.to } : {}) };
  });
  if (Object.keys(metadata).length > 0) {
    query.metadata = metadata;
  }
  if (filters.confidence) {
    query.confidence = filters.confidence;
  }
  return query;
}
