import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES } from '../shared/api/methods';
import { createBridge, type BridgeTransport } from './bridge';

function fakeTransport() {
  let deliver: (message: unknown) => void = () => {};
  const transport = {
    call: vi.fn(async (envelope: unknown) => ({ ok: true, value: envelope })),
    listen: vi.fn((onMessage: (message: unknown) => void) => {
      deliver = onMessage;
    }),
    flushed: vi.fn(),
    language: vi.fn(),
    suggestions: vi.fn(),
  } satisfies BridgeTransport;
  return { transport, deliver: (message: unknown) => deliver(message) };
}

describe('createBridge', () => {
  it('has exactly one function per contract method, and nothing else', () => {
    const bridge = createBridge(fakeTransport().transport);
    expect(Object.keys(bridge.api).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(bridge).sort()).toEqual(['api', 'flushed', 'kind', 'offerSuggestions', 'on', 'setLanguage']);
    expect(bridge.kind).toBe('electron');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.api)).toBe(true);
  });

  it('sends the method, session and input as one envelope', async () => {
    const { transport } = fakeTransport();
    const bridge = createBridge(transport);
    const result = await bridge.api['articles.get']({ id: 'x' } as never, 'session-1');
    expect(transport.call).toHaveBeenCalledWith({ method: 'articles.get', session: 'session-1', input: { id: 'x' } });
    expect(result).toEqual({ ok: true, value: { method: 'articles.get', session: 'session-1', input: { id: 'x' } } });
    await bridge.api['setup.status']({}, null);
    expect(transport.call).toHaveBeenLastCalledWith({ method: 'setup.status', session: null, input: {} });
  });

  it('turns a broken transport into a typed error instead of a rejection', async () => {
    const { transport } = fakeTransport();
    transport.call.mockRejectedValueOnce(new Error('No handler registered'));
    const result = await createBridge(transport).api['auth.me']({}, 's');
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('delivers only known events, with the payload alone, until unsubscribed', () => {
    const { transport, deliver } = fakeTransport();
    const bridge = createBridge(transport);
    const listener = vi.fn();
    const off = bridge.on('app.flush', listener);

    deliver({ event: 'app.flush', payload: { reason: 'close' } });
    deliver({ event: 'articles.changed', payload: 1 });
    deliver({ event: 'something.else', payload: 2 });
    deliver('garbage');
    deliver(null);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ reason: 'close' });

    off();
    deliver({ event: 'app.flush', payload: null });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering when one listener throws', () => {
    const { transport, deliver } = fakeTransport();
    const bridge = createBridge(transport);
    const second = vi.fn();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    bridge.on('app.flush', () => {
      throw new Error('boom');
    });
    bridge.on('app.flush', second);
    deliver({ event: 'app.flush', payload: null });
    expect(second).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it('refuses to subscribe to an unknown event', () => {
    const bridge = createBridge(fakeTransport().transport);
    expect(() => bridge.on('ipc.raw' as never, () => {})).toThrow(TypeError);
    for (const name of EVENT_NAMES) expect(() => bridge.on(name, () => {})).not.toThrow();
  });

  it('passes the flush answer on', () => {
    const { transport } = fakeTransport();
    createBridge(transport).flushed();
    expect(transport.flushed).toHaveBeenCalledTimes(1);
  });

  it('is built from the method names alone: the preload bundle carries no schema and no zod', async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.filter((input) => input.includes('node_modules'))).toEqual([]);
    expect(inputs.map((input) => input.replace(/^.*src\//, 'src/')).sort()).toEqual([
      'src/preload/bridge.ts',
      'src/preload/index.ts',
      'src/shared/api/methods.ts',
      'src/shared/errors.ts',
      'src/shared/ipc.ts',
    ]);
  });
});
