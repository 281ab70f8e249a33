import { join } from 'node:path';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { pinOf, readOfficeConnection } from '../../src/core/office/invitations';
import { PASSWORD, openTestCore, runOnRealTime } from '../../src/core/testkit';
import { bareProvider, boundEditor, clockMs, connect, liveEditor, until, whenUpdated } from './workstation';

// The office desktop as a workstation of its own: its own process and event loop, as on another
// machine (another workstation's wait for its disk never holds this one up), its core linked to
// the office and an article open in a live editor. The sync bench drives it by messages:
// `open` an article, `watch` for a word (answered `watching`, then `shown` once the editor shows
// it, with the time on the machine's clock), `close`; and, for the baselines, `bare`: a bare
// provider on a document (answered `synced` once synced), with a headless editor bound to it when
// `editor` says so, whose text (or editor) `watch` with `bare` naming the document watches.
// It starts from a copy of the database file named by its first argument.

type Message =
  | { kind: 'open'; articleId: string }
  | { kind: 'bare'; name: string; editor?: boolean }
  | { kind: 'watch'; word: string; bare?: string }
  | { kind: 'close' };

const send = (message: object) => process.send!(message);
const desk = openTestCore({ copyOf: process.argv[2]! });
runOnRealTime(desk);
const session = (await desk.call('auth.login', { username: 'bientap', password: PASSWORD })).session;
let editor: Awaited<ReturnType<typeof liveEditor>> | null = null;
// Its live editor fetches what it lacks whenever its core announces a change, as the app's does.
const { connection, signer } = await connect(desk, 'quantri', (_articleId, from) => {
  if (editor && from !== editor.live.id) void editor.live.sync();
});
const bare = new Map<string, { provider: HocuspocusProvider; shown: () => string }>();
await until(() => connection.status().state === 'synced', 'the desk synced', 60_000);

async function handle(message: Message): Promise<void> {
  if (message.kind === 'open') {
    editor = await liveEditor(desk, session, message.articleId);
    send({ kind: 'opened' });
  } else if (message.kind === 'bare') {
    const provider = bareProvider(pinOf(readOfficeConnection(desk.ctx)!), message.name, signer);
    await until(() => provider.isSynced, 'the bare provider synced');
    const text = provider.document.getText('body');
    bare.set(message.name, {
      provider,
      shown: message.editor ? boundEditor(provider.document).shown : () => text.toString(),
    });
    send({ kind: 'synced' });
  } else if (message.kind === 'watch') {
    const { word } = message;
    let shown: Promise<void>;
    if (message.bare) {
      const { provider, shown: text } = bare.get(message.bare)!;
      shown = whenUpdated(provider.document, () => text().includes(word), `“${word}” bare on the desk`);
    } else {
      const open = editor!;
      shown = whenUpdated(open.live.doc, () => open.shown().includes(word), `“${word}” on the desk`);
    }
    send({ kind: 'watching' });
    await shown;
    send({ kind: 'shown', at: clockMs() });
  } else {
    for (const { provider } of bare.values()) provider.destroy();
    await connection.close();
    desk.close();
    process.exit(0);
  }
}

process.on('message', (message: Message) => {
  handle(message).catch((error: unknown) => send({ kind: 'error', message: String((error as Error)?.stack ?? error) }));
});
send({ kind: 'ready', file: join(desk.dir, 'bientap.sqlite') });
