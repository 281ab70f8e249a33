import { useCallback, useEffect, useState } from 'react';

export type Route = { name: 'list' } | { name: 'article'; id: string };

const ARTICLE = /^#\/bai-viet\/([0-9a-f-]{36})$/i;

function parse(hash: string): Route {
  const match = ARTICLE.exec(hash);
  return match?.[1] ? { name: 'article', id: match[1] } : { name: 'list' };
}

function format(route: Route): string {
  return route.name === 'article' ? `#/bai-viet/${route.id}` : '#/';
}

/** The screen lives in the URL hash, so a reload reopens the same article. */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parse(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    const hash = format(next);
    if (location.hash !== hash) location.hash = hash;
    setRoute(next);
  }, []);
  return [route, navigate];
}
