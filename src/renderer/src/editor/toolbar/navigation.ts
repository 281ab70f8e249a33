import { useCallback, useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react';

/** What marks a toolbar button, as on Mantine's toolbar toggles; a disabled one is skipped. */
const ITEMS = '[data-toolbar-toggle]:not([data-disabled])';

/**
 * The keyboard behaviour of a horizontal toolbar (WAI-ARIA toolbar pattern, as Mantine's Toolbar
 * has it): one Tab stop, the button last focused (the first at the start); the arrow keys move
 * between buttons, wrapping round; Home and End go to the first and last. The tab stop is set
 * again after every render, which is when a button is enabled or disabled.
 */
export function useToolbarNavigation() {
  const toolbar = useRef<HTMLDivElement | null>(null);
  const current = useRef<HTMLElement | null>(null);

  const items = useCallback(
    () => (toolbar.current ? Array.from(toolbar.current.querySelectorAll<HTMLElement>(ITEMS)) : []),
    [],
  );
  const syncTabStop = useCallback(() => {
    const all = items();
    const stop = current.current && all.includes(current.current) ? current.current : all[0];
    for (const item of all) {
      const index = item === stop ? '0' : '-1';
      if (item.getAttribute('tabindex') !== index) item.setAttribute('tabindex', index);
    }
  }, [items]);

  // After every render: a button may have been enabled or disabled.
  useLayoutEffect(syncTabStop);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const all = items();
      const at = all.findIndex((item) => item === document.activeElement);
      if (at === -1) return;
      let next: number | null = null;
      if (event.key === 'ArrowRight') next = at < all.length - 1 ? at + 1 : 0;
      else if (event.key === 'ArrowLeft') next = at > 0 ? at - 1 : all.length - 1;
      else if (event.key === 'Home') next = 0;
      else if (event.key === 'End') next = all.length - 1;
      if (next === null) return;
      event.preventDefault();
      all[next]!.focus();
    },
    [items],
  );

  const onFocus = useCallback(
    (event: FocusEvent<HTMLDivElement>) => {
      const target = event.target as HTMLElement;
      if (!items().includes(target)) return;
      current.current = target;
      syncTabStop();
    },
    [items, syncTabStop],
  );

  return { ref: toolbar, onKeyDown, onFocus };
}
