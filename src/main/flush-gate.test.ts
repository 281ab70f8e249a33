import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlushGate, FLUSH_TIMEOUT_MS } from './flush-gate';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createFlushGate', () => {
  it('holds the first close, asks the renderer once, and resumes when it answers', () => {
    const requestFlush = vi.fn(() => true);
    const gate = createFlushGate({ timeoutMs: FLUSH_TIMEOUT_MS, requestFlush });
    const close = vi.fn();

    expect(gate.allow(close)).toBe(false);
    expect(gate.allow(close)).toBe(false);
    expect(requestFlush).toHaveBeenCalledTimes(1);
    expect(gate.state).toBe('flushing');
    expect(close).not.toHaveBeenCalled();

    gate.acknowledge();
    expect(close).toHaveBeenCalledTimes(1);
    expect(gate.state).toBe('done');
    expect(gate.allow(close)).toBe(true);
  });

  it('gives up waiting after the timeout', () => {
    const gate = createFlushGate({ timeoutMs: FLUSH_TIMEOUT_MS, requestFlush: () => true });
    const close = vi.fn();
    expect(gate.allow(close)).toBe(false);
    vi.advanceTimersByTime(FLUSH_TIMEOUT_MS - 1);
    expect(close).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(close).toHaveBeenCalledTimes(1);
    expect(gate.allow(close)).toBe(true);
  });

  it('does not resume twice when the answer arrives after the timeout', () => {
    const gate = createFlushGate({ timeoutMs: 10, requestFlush: () => true });
    const close = vi.fn();
    gate.allow(close);
    vi.advanceTimersByTime(10);
    gate.acknowledge();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('clears its timer when the renderer answers in time', () => {
    const gate = createFlushGate({ timeoutMs: 10, requestFlush: () => true });
    const close = vi.fn();
    gate.allow(close);
    gate.acknowledge();
    vi.advanceTimersByTime(100);
    expect(close).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resumes every distinct waiter: a window close and an app quit', () => {
    const gate = createFlushGate({ timeoutMs: 10, requestFlush: () => true });
    const close = vi.fn();
    const quit = vi.fn();
    expect(gate.allow(close)).toBe(false);
    expect(gate.allow(quit)).toBe(false);
    gate.acknowledge();
    expect(close).toHaveBeenCalledTimes(1);
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('lets the close through at once when there is no renderer to ask', () => {
    const close = vi.fn();
    expect(createFlushGate({ timeoutMs: 10, requestFlush: () => false }).allow(close)).toBe(true);
    const throwing = createFlushGate({
      timeoutMs: 10,
      requestFlush: () => {
        throw new Error('Object has been destroyed');
      },
    });
    expect(throwing.allow(close)).toBe(true);
    expect(close).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores an answer nobody asked for', () => {
    const requestFlush = vi.fn(() => true);
    const gate = createFlushGate({ timeoutMs: 10, requestFlush });
    gate.acknowledge();
    expect(gate.state).toBe('idle');
    const close = vi.fn();
    expect(gate.allow(close)).toBe(false);
    expect(requestFlush).toHaveBeenCalledTimes(1);
  });
});
