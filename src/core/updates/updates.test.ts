import { afterEach, describe, expect, it } from 'vitest';
import { openSeededCore, type TestCore } from '../testkit';

let core: TestCore | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

describe('the update address', () => {
  it('is read by anyone, even before signing in, and set by administrators alone, over https', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    const { sessions } = seeded;
    expect(await core.call('updates.get', {})).toEqual({ feedUrl: '' });

    const refused = await core.tryCall(
      'updates.set',
      { feedUrl: 'https://vanphong.example/cap-nhat' },
      sessions.truongphong,
    );
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    for (const feedUrl of ['http://192.168.1.10/cap-nhat', 'ftp://vanphong/cap-nhat', 'vanphong/cap-nhat']) {
      const bad = await core.tryCall('updates.set', { feedUrl }, sessions.quantri);
      expect(bad.ok ? null : bad.error.code, feedUrl).toBe('INVALID_INPUT');
    }
    const changed: string[] = [];
    core.ctx.emit = (event) => changed.push(event);
    expect(
      await core.call('updates.set', { feedUrl: ' https://vanphong.example/cap-nhat ' }, sessions.quantri),
    ).toEqual({
      feedUrl: 'https://vanphong.example/cap-nhat',
    });
    expect(changed).toContain('updates.changed');
    expect(await core.call('updates.get', {})).toEqual({ feedUrl: 'https://vanphong.example/cap-nhat' });
    // This machine may serve itself over plain http; empty turns updates off.
    expect(await core.call('updates.set', { feedUrl: 'http://127.0.0.1:8080/cap-nhat' }, sessions.quantri)).toEqual({
      feedUrl: 'http://127.0.0.1:8080/cap-nhat',
    });
    expect(await core.call('updates.set', { feedUrl: '' }, sessions.quantri)).toEqual({ feedUrl: '' });
  });
});
