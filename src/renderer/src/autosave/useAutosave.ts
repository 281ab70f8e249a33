import { useEffect, useState, useSyncExternalStore } from 'react';
import { AutosaveController, type AutosaveOptions, type AutosaveStatus } from './AutosaveController';
import { registerFlusher } from './registry';

/**
 * One autosave controller for the lifetime of a component. The status comes through
 * useSyncExternalStore so the indicator is updated in the same task as the edit that changed it.
 */
export function useAutosave<T>(createOptions: () => AutosaveOptions<T>): {
  controller: AutosaveController<T>;
  status: AutosaveStatus;
} {
  const [controller] = useState(() => new AutosaveController(createOptions()));
  const status = useSyncExternalStore(controller.subscribe, controller.getStatus);

  useEffect(() => {
    const unregister = registerFlusher(() => controller.flush());
    return () => {
      unregister();
      // Leaving the screen writes what is pending; retries after a failure go on in the background.
      void controller.flush();
    };
  }, [controller]);

  return { controller, status };
}
