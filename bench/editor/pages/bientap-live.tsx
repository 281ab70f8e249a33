import { createHeadlessEditor } from '@lexical/headless';
import * as Y from 'yjs';
import { bindFlow } from '../../../src/shared/collab/binding';
import { CONTENT_ROOT } from '../../../src/shared/collab/meta';
import { FROM_CORE, LiveSession, fromBase64, toBase64, type LiveSyncInput } from '../../../src/shared/collab/session';
import type { EditorState } from '../../../src/shared/domain';
import { articleNodes } from '../../../src/shared/lexical/nodes';
import { installBientap } from './bientapPage';

// The editor as an office workstation opens it: bound to a replica of the article's document, what
// is typed written into it and sent 100 ms after a pause (at least every 400 ms), as the app's editor
// screen does. The page's stand-in for the core holds the document and answers collab.sync as the
// core does (its own work, storing and the row, happens in the core's process, not here).

const ARTICLE_ID = '00000000-0000-4000-8000-000000000001';
const body = (await (await fetch('/article.json')).json()) as EditorState;

const held = new Y.Doc();
const writer = createHeadlessEditor({ namespace: 'bench-core', nodes: [...articleNodes()], onError: console.error });
const binding = bindFlow(writer, held.getText(CONTENT_ROOT), { writes: true });
writer.setEditorState(writer.parseEditorState(JSON.stringify(body)));
binding.dispose();

const sync = async (input: LiveSyncInput) => {
  if (input.update) Y.applyUpdate(held, fromBase64(input.update));
  const vector = fromBase64(input.stateVector);
  return {
    shared: true,
    update: toBase64(Y.encodeStateAsUpdate(held, vector.length > 0 ? vector : undefined)),
    version: 1,
    status: 'draft',
    approvalVoided: false,
    viewers: [],
  };
};
const live = new LiveSession(ARTICLE_ID, sync);
// What the bench reads back: the text the stand-in core holds, proof that what was typed was sent.
(window as { benchHeld?: () => string }).benchHeld = () => held.getText(CONTENT_ROOT).toString();
// The core's answer to the editor's first exchange; the editor takes it in as the opening starts.
const first = toBase64(Y.encodeStateAsUpdate(held));

let pause: ReturnType<typeof setTimeout> | null = null;
let longest: ReturnType<typeof setTimeout> | null = null;
const send = () => {
  if (pause) clearTimeout(pause);
  if (longest) clearTimeout(longest);
  pause = longest = null;
  void live.sync();
};
live.doc.on('update', () => {
  if (pause) clearTimeout(pause);
  pause = setTimeout(send, 100);
  longest ??= setTimeout(send, 400);
});

await installBientap({ body, live, beforeMount: () => Y.applyUpdate(live.doc, fromBase64(first), FROM_CORE) });
