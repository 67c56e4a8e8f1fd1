import { useEffect, useState } from 'react';
import { formatRoute, parseRoute, type Route } from './routes';

/** The route in the URL's hash, and a way to go to another one (a new history entry, so Back works). */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [route, (next: Route) => { window.location.hash = formatRoute(next); }];
}
