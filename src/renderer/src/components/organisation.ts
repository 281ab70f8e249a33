import { useEffect, useSyncExternalStore } from 'react';
import { DEFAULT_ORGANISATION, type Organisation } from '../../../shared/organisation';
import { call } from '../api';

/** Who the office is, read once and shared by every screen that names it; saved → shown everywhere. */
let current: Organisation | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(value: Organisation) {
  current = value;
  for (const listener of listeners) listener();
}

export function loadOrganisation(): Promise<void> {
  loading ??= call('organisation.get', {}).then(publish, () => {
    // Shown with the defaults; the next screen that asks tries again.
    loading = null;
  });
  return loading;
}

export async function saveOrganisation(value: Organisation): Promise<Organisation> {
  const saved = await call('organisation.set', value);
  publish(saved);
  return saved;
}

/** The office as last read: the defaults until the core answers. */
export function useOrganisation(): Organisation & { loaded: boolean } {
  useEffect(() => {
    if (current === null) void loadOrganisation();
  }, []);
  const value = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
  return { ...(value ?? DEFAULT_ORGANISATION), loaded: value !== null };
}
