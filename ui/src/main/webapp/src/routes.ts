/**
 * The whole view lives in the URL's hash, so that any view can be shared and bookmarked:
 * #/ (datasets), #/datasets/<name>?q=<query>&page=<n>.
 */
export type Route =
  | { page: 'datasets' }
  | { page: 'dataset'; name: string; query: string; pageNumber: number };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const [pathname, search = ''] = path.split('?', 2);
  const match = /^\/datasets\/([a-z0-9_-]+)$/.exec(pathname);
  if (!match) {
    return { page: 'datasets' };
  }
  const params = new URLSearchParams(search);
  const pageNumber = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  return { page: 'dataset', name: match[1], query: params.get('q') ?? '', pageNumber };
}

export function formatRoute(route: Route): string {
  if (route.page === 'datasets') {
    return '#/';
  }
  const params = new URLSearchParams();
  if (route.query) {
    params.set('q', route.query);
  }
  if (route.pageNumber > 1) {
    params.set('page', String(route.pageNumber));
  }
  const search = params.toString();
  return `#/datasets/${route.name}${search ? `?${search}` : ''}`;
}
