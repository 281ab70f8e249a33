import * as Y from 'yjs';
import WebSocket from 'ws';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { $getRoot } from 'lexical';
import { pinnedTlsOptions, serverToken, type OfficeServerPin } from '../../src/core/office/client';
import { OfficeConnection, unsealOfficeSigner, type OfficeSigner } from '../../src/core/office/connection';
import { officeHooks } from '../../src/core/office/hooks';
import { readOfficeConnection } from '../../src/core/office/invitations';
import { bindEditor, loadFromDoc } from '../../src/core/sync/binding';
import { PASSWORD, type TestCore } from '../../src/core/testkit';
import { LiveSession } from '../../src/shared/collab/session';

// What the sync benches do on a workstation: link it to the office as the app does, and open an
// article in a live editor bound as the renderer's is (headless).

/** Milliseconds on the machine's monotonic clock, the same in every process: a time taken in one compares with another's. */
export const clockMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** A socket to the office server that trusts only its pinned certificate, as a workstation's. */
export function bareSocket(pin: OfficeServerPin): HocuspocusProviderWebsocket {
  const tls = pinnedTlsOptions(pin);
  const Pinned = class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols ?? [], tls as unknown as WebSocket.ClientOptions);
    }
  } as typeof WebSocket;
  return new HocuspocusProviderWebsocket({ url: pin.url, WebSocketPolyfill: Pinned });
}

/** A bare provider on its own pinned socket, as a workstation's would be without the core around it. */
export function bareProvider(pin: OfficeServerPin, name: string, signer: OfficeSigner): HocuspocusProvider {
  const socket = bareSocket(pin);
  const provider = new HocuspocusProvider({
    name,
    document: new Y.Doc(),
    websocketProvider: socket,
    token: () => serverToken(pin, signer),
  });
  // A socket given to a provider outlives it (its timers would keep the process alive): it goes too
  // (once: the socket's own destroy event comes back through the provider).
  let destroyed = false;
  provider.on('destroy', () => {
    if (destroyed) return;
    destroyed = true;
    socket.destroy();
  });
  provider.attach();
  return provider;
}

/** Resolves once `check` holds, polling. */
export async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Hết thời gian chờ: ${what}`);
    await new Promise((done) => setTimeout(done, 5));
  }
}

/**
 * Resolves when `check` holds, tested as each update reaches `doc`: no polling interval in the
 * measurement (both sides of a comparison wait this way).
 */
export function whenUpdated(doc: Y.Doc, check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => {
      doc.off('update', onUpdate);
      reject(new Error(`Hết thời gian chờ: ${what}`));
    }, timeoutMs);
    const onUpdate = () => {
      if (!check()) return;
      clearTimeout(timer);
      doc.off('update', onUpdate);
      resolve();
    };
    doc.on('update', onUpdate);
  });
}

/** The running core's link to the office, signed in as `username`, retrying quickly. */
export async function connect(
  core: TestCore,
  username: string,
  onLiveChange?: (articleId: string, session: string | null) => void,
): Promise<{ connection: OfficeConnection; signer: OfficeSigner }> {
  const id = core.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string;
  const signer = (await unsealOfficeSigner(core.ctx, id, PASSWORD))!;
  const connection = new OfficeConnection(core.ctx, readOfficeConnection(core.ctx)!, {
    signer,
    minDelayMs: 50,
    maxDelayMs: 400,
    log: () => undefined,
    onLiveChange: (articleId, session) => onLiveChange?.(articleId, session),
  });
  core.ctx.office = officeHooks(core.ctx, connection, () => undefined);
  connection.start();
  return { connection, signer };
}

/** A headless editor bound to `doc` as a live editor is, and the text it shows. */
export function boundEditor(doc: Y.Doc) {
  const bound = bindEditor(doc, { writes: true });
  loadFromDoc(bound);
  const shown = () => bound.editor.getEditorState().read(() => $getRoot().getTextContent());
  return { bound, shown };
}

/** The renderer's live editor, headless: a replica of the article's document and an editor bound to it. */
export async function liveEditor(core: TestCore, session: string, articleId: string) {
  const live = new LiveSession(articleId, (input) => core.call('collab.sync', input, session));
  await live.sync();
  return { live, ...boundEditor(live.doc) };
}
