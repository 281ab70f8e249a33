import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './router';

const ID = '0b7e5a4e-3f0c-4d8e-9a51-6f2d1c3b4a59';

describe('routes', () => {
  it('round-trips every screen through the URL hash', () => {
    const routes: Route[] = [
      { name: 'list' },
      { name: 'article', id: ID },
      { name: 'slip', id: ID },
      { name: 'queue' },
      { name: 'returned' },
      { name: 'accounts' },
      { name: 'houseStyle' },
      { name: 'publishQueue' },
      { name: 'sites' },
      { name: 'office' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('falls back to the list for anything it does not know', () => {
    expect(parseRoute('#/bai-viet/not-an-id')).toEqual({ name: 'list' });
    expect(parseRoute('#/phieu-duyet/')).toEqual({ name: 'list' });
    expect(parseRoute('')).toEqual({ name: 'list' });
  });
});
