import { Redis } from '@hocuspocus/extension-redis';
import { OutgoingMessage, type afterUnloadDocumentPayload } from '@hocuspocus/server';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ServerStartError } from './errors';

/**
 * Hocuspocus's Redis extension without its store lock. The lock stops two processes writing one
 * shared database at once; here each process writes every update, its own workstations' and those
 * relayed to it, into its own office.sqlite, so there is nothing to guard, and taking the lock on
 * every update would cost a Redis round trip for nothing.
 */
export class RedisRelay extends Redis {
  private closed = false;

  override async onStoreDocument(): Promise<void> {}
  override async afterStoreDocument(): Promise<void> {}

  override async afterUnloadDocument(data: afterUnloadDocumentPayload): Promise<void> {
    // A document unloaded after the server closed has no subscription left to end.
    if (!this.closed) await super.afterUnloadDocument(data);
  }

  /**
   * Offers the other processes the state of every document open here and asks for what it lacks,
   * as the extension does when it loads one: Redis keeps nothing for a process that was not
   * listening, so what changed while it was away would otherwise wait for the document's next change.
   */
  resync(): void {
    for (const document of this.instance.documents.values()) {
      const message = new OutgoingMessage(document.name).createSyncMessage().writeFirstSyncStepFor(document);
      this.pub
        .publish(
          `${this.configuration.prefix}:${document.name}`,
          Buffer.concat([this.messagePrefix, Buffer.from(message.toUint8Array())]),
        )
        // Only a closed connection refuses it; the next resync sends it again.
        .catch(() => {});
    }
  }

  /** Lets go of Redis at once: whatever this process was sent is in its own store already. */
  close(): void {
    this.closed = true;
    this.pub.disconnect();
    this.sub.disconnect();
  }
}

/**
 * Connects this process to the Redis that relays documents between the office's server processes
 * (`--redis`). A process that cannot reach it does not start: it would serve as if it were alone.
 */
export async function connectRedis(url: string, log: (line: string) => void, timeoutMs = 5000): Promise<RedisRelay> {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  // Never the password, which the URL may carry.
  const where = `${parsed.protocol}//${parsed.host}`;
  const relay = new RedisRelay({
    host,
    port: Number(parsed.port || 6379),
    // Redis hands a process its own messages back; this is how it knows them.
    identifier: `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
    options: {
      username: decodeURIComponent(parsed.username) || undefined,
      password: decodeURIComponent(parsed.password) || undefined,
      db: Number(parsed.pathname.slice(1) || 0),
      ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
      // While Redis is away what is to be relayed waits for it, instead of failing in a hook whose
      // rejection nobody handles: the updates themselves are stored already.
      maxRetriesPerRequest: null,
    },
  });
  let started = false;
  let refuseStart: (error: Error) => void = () => {};
  const refused = new Promise<never>((_, fail) => (refuseStart = fail));
  let outage: string | null = null;
  for (const client of [relay.pub, relay.sub]) {
    client.on('error', (error: Error) => {
      // At start the administrator is there to read why; later the clients retry on their own.
      if (!started) return refuseStart(error);
      if (outage === null) log(`Mất kết nối tới Redis ${where}: ${error.message}. Đang thử lại…`);
      outage = error.message;
    });
    client.on('ready', () => {
      if (outage !== null) log(`Đã kết nối lại Redis ${where}.`);
      outage = null;
    });
  }
  relay.sub.on('ready', () => {
    if (started) relay.resync();
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.all([relay.pub.ping(), relay.sub.ping()]),
      refused,
      new Promise((_, fail) => (timer = setTimeout(() => fail(new Error('hết thời gian chờ')), timeoutMs))),
    ]);
  } catch (error) {
    relay.close();
    throw new ServerStartError(
      `Không kết nối được Redis ${where} (${(error as Error).message}). ` +
        'Hãy kiểm tra địa chỉ --redis và Redis đã chạy chưa.',
    );
  } finally {
    clearTimeout(timer);
  }
  started = true;
  return relay;
}
