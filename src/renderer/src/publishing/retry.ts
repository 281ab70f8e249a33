import { call } from '../api';
import { notifyDone } from '../components/notify';

/** Puts a failed or waiting publish request back in the queue, and says so. */
export async function retryEntry(entryId: string, done: string): Promise<void> {
  await call('publishing.retry', { entryId });
  notifyDone(done);
}
