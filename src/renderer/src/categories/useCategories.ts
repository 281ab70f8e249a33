import { useEffect, useState } from 'react';
import type { CategoryChoices } from '../../../shared/categories';
import { call } from '../api';

/**
 * The office's categories as the signed-in person sees them (whether they may add one), read when
 * a screen that offers them opens: the list is short, and the answer depends on who asks.
 */
export function useCategories(): {
  choices: CategoryChoices | null;
  failure: unknown;
  setChoices: (choices: CategoryChoices) => void;
} {
  const [choices, setChoices] = useState<CategoryChoices | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    call('categories.list', {}).then(
      (value) => live && setChoices(value),
      (error: unknown) => live && setFailure(error),
    );
    return () => {
      live = false;
    };
  }, []);
  return { choices, failure, setChoices };
}
