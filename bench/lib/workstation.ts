import * as Y from 'yjs';
import { $getRoot } from 'lexical';
import { OfficeConnection, unsealOfficeSigner, type OfficeSigner } from '../../src/core/office/connection';
import { officeHooks } from '../../src/core/office/hooks';
import { readOfficeConnection } from '../../src/core/office/invitations';
import { bindEditor, loadFromDoc } from '../../src/core/sync/binding';
import { PASSWORD, type TestCore } from '../../src/core/testkit';
import { LiveSession } from '../../src/shared/collab/session';

// What the sync benches do on a workstation: link it to the office as the app does, and open an
// article in a live editor bound as the renderer's is (headless).

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

/** The renderer's live editor, headless: a replica of the article's document and an editor bound to it. */
export async function liveEditor(core: TestCore, session: string, articleId: string) {
  const live = new LiveSession(articleId, (input) => core.call('collab.sync', input, session));
  await live.sync();
  const bound = bindEditor(live.doc, { writes: true });
  loadFromDoc(bound);
  const shown = () => bound.editor.getEditorState().read(() => $getRoot().getTextContent());
  return { live, bound, shown };
}
