import { useEffect, useMemo, useState } from 'react';
import type { MethodOutput } from '../../../shared/api/contract';
import { call } from '../api';
import { getBridge } from '../bridge';
import { coalesce } from '../components/coalesce';

export type ReviewQueue = MethodOutput<'review.queue'>;

/** What waits for the signed-in user, kept current as articles change anywhere. */
export function useReviewQueue(signedIn: boolean, signInCount: number): ReviewQueue | null {
  const [queue, setQueue] = useState<ReviewQueue | null>(null);

  // A burst of changes (an office's articles arriving together) asks again a few times, not once each.
  const load = useMemo(
    () =>
      coalesce(async () => {
        try {
          setQueue(await call('review.queue', {}));
        } catch {
          // The counts are a convenience; the screens show their own errors.
        }
      }),
    [],
  );

  useEffect(() => {
    if (!signedIn) {
      setQueue(null);
      return;
    }
    void load();
    return getBridge().on('articles.changed', () => void load());
  }, [signedIn, signInCount, load]);

  return queue;
}
