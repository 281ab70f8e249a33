import { useCallback, useEffect, useState } from 'react';

export type Route =
  | { name: 'list' }
  | { name: 'article'; id: string }
  | { name: 'queue' }
  | { name: 'returned' }
  | { name: 'slip'; id: string }
  | { name: 'accounts' }
  | { name: 'houseStyle' }
  | { name: 'publishQueue' }
  | { name: 'sites' }
  | { name: 'office' };

const UUID = '([0-9a-f-]{36})';
const PATTERNS: [RegExp, (id: string) => Route][] = [
  [new RegExp(`^#/bai-viet/${UUID}$`, 'i'), (id) => ({ name: 'article', id })],
  [new RegExp(`^#/phieu-duyet/${UUID}$`, 'i'), (id) => ({ name: 'slip', id })],
  [/^#\/hang-doi-duyet$/, () => ({ name: 'queue' })],
  [/^#\/tra-ve$/, () => ({ name: 'returned' })],
  [/^#\/tai-khoan$/, () => ({ name: 'accounts' })],
  [/^#\/quy-chuan$/, () => ({ name: 'houseStyle' })],
  [/^#\/hang-doi-dang$/, () => ({ name: 'publishQueue' })],
  [/^#\/trang-dang-bai$/, () => ({ name: 'sites' })],
  [/^#\/phong-lam-viec$/, () => ({ name: 'office' })],
];

export function parseRoute(hash: string): Route {
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(hash);
    if (match) return build(match[1] ?? '');
  }
  return { name: 'list' };
}

export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'article':
      return `#/bai-viet/${route.id}`;
    case 'slip':
      return `#/phieu-duyet/${route.id}`;
    case 'queue':
      return '#/hang-doi-duyet';
    case 'returned':
      return '#/tra-ve';
    case 'accounts':
      return '#/tai-khoan';
    case 'houseStyle':
      return '#/quy-chuan';
    case 'publishQueue':
      return '#/hang-doi-dang';
    case 'sites':
      return '#/trang-dang-bai';
    case 'office':
      return '#/phong-lam-viec';
    case 'list':
      return '#/';
  }
}

/** The screen lives in the URL hash, so a reload reopens the same article. */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    const hash = formatRoute(next);
    if (location.hash !== hash) location.hash = hash;
    setRoute(next);
  }, []);
  return [route, navigate];
}
