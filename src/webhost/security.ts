import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The origins this host answers to: itself on loopback, nothing else (no DNS rebinding, no other site). */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && allowedHosts(port).has(host.toLowerCase());
}

/** A request with an Origin must come from our own page; a missing Origin (same-origin GET, tools) is fine. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  for (const host of allowedHosts(port)) if (origin === `http://${host}`) return true;
  return false;
}

export function tokenMatches(req: IncomingMessage, token: string): boolean {
  const given = req.headers['x-bientap-token'];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
