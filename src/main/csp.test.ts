import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { devContentSecurityPolicy, withContentSecurityPolicy } from './csp';

describe('withContentSecurityPolicy', () => {
  it('adds the policy and keeps the other headers', () => {
    const headers = withContentSecurityPolicy({ 'content-type': ['text/html'] }, CONTENT_SECURITY_POLICY);
    expect(headers).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('replaces a looser policy sent by the server, whatever its case', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ["script-src 'unsafe-eval'"], 'CONTENT-SECURITY-POLICY': ['default-src *'] },
      CONTENT_SECURITY_POLICY,
    );
    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('works when the response has no headers', () => {
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('the policy itself', () => {
  it('allows no inline script and no eval in the built app', () => {
    const script = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src '));
    expect(script).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('loosens only script-src and connect-src for the dev server, and only to its origin', () => {
    const dev = devContentSecurityPolicy('http://localhost:5173/');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).not.toContain('unsafe-eval');
    const untouched = (policy: string) => policy.split('; ').filter((d) => !/^(script|connect)-src /.test(d));
    expect(untouched(dev)).toEqual(untouched(CONTENT_SECURITY_POLICY));
  });
});
