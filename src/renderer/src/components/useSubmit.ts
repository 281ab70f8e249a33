import { useCallback, useState, type FormEvent } from 'react';

/**
 * A form's action: `busy` while it runs, its failure kept for the form to show (cleared when it runs
 * again). `submit` is the form's onSubmit; `run` the same for a button outside one.
 */
export function useSubmit(action: () => Promise<void>): {
  busy: boolean;
  failure: unknown;
  run: () => Promise<void>;
  submit: (event: FormEvent) => void;
} {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const run = useCallback(async () => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }, [action]);
  const submit = useCallback(
    (event: FormEvent) => {
      event.preventDefault();
      void run();
    },
    [run],
  );
  return { busy, failure, run, submit };
}
