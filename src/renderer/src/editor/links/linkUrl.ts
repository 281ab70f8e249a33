import { LINK_URL } from '../../../../shared/links';

/** Whether a link may point there: web pages and e-mail only, as the core stores them. */
export function isSafeLinkUrl(url: string): boolean {
  return LINK_URL.test(url.trim()) && url.length <= 2000;
}

/**
 * What a reporter typed into the link box, as a storable address, or null if it cannot be one.
 * `hue.gov.vn` becomes `https://hue.gov.vn`, `bbt@hue.gov.vn` becomes a mailto: link.
 */
export function normalizeLinkUrl(input: string): string | null {
  const value = input.trim();
  if (value === '') return null;
  if (isSafeLinkUrl(value)) return value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return null;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(value)) return `mailto:${value}`;
  if (/^[^\s/]+\.[^\s/]+/.test(value)) return `https://${value}`;
  return null;
}
