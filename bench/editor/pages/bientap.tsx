import '@mantine/core/styles.css';
import '../../../src/renderer/src/styles.css';
import { MantineProvider } from '@mantine/core';
import type { LexicalEditor } from 'lexical';
import { createRef } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { BientapBridge } from '../../../src/shared/api/envelope';
import type { EditorState } from '../../../src/shared/domain';
import { BodyEditor } from '../../../src/renderer/src/editor/BodyEditor';
import { i18n } from '../../../src/renderer/src/i18n';
import { install, recordCommit } from './harness';

const body = (await (await fetch('/article.json')).json()) as EditorState;
const photo = new Uint8Array(await (await fetch('/photo.jpg')).arrayBuffer());
const blocks = Number(new URL(location.href).searchParams.get('blocks'));

// The page has no core behind it: the host bridge answers the image store with the bench photo,
// as the core answers with a stored image's web rendition.
const photoBase64 = btoa(Array.from(photo, (byte) => String.fromCharCode(byte)).join(''));
const api = new Proxy(
  {},
  {
    get: (_target, method) => async () =>
      method === 'images.get'
        ? { ok: true, value: { mime: 'image/jpeg', data: photoBase64 } }
        : { ok: false, error: { code: 'NOT_FOUND', message: 'Trang đo không có lõi phía sau.' } },
  },
);
(window as { bientap?: BientapBridge }).bientap = {
  api: api as BientapBridge['api'],
  on: () => () => undefined,
  flushed: () => undefined,
  kind: 'web',
};

const editorRef = createRef<LexicalEditor | null>() as { current: LexicalEditor | null };

install(() => {
  createRoot(document.getElementById('root')!).render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider>
        <BodyEditor
          body={body}
          editorRef={editorRef}
          labelledBy="title"
          onChange={() => undefined}
          onLeave={() => undefined}
        />
      </MantineProvider>
    </I18nextProvider>,
  );
  // The ref is set while React commits; listen from the first frame it is there.
  const listen = () => {
    const editor = editorRef.current;
    if (!editor) return void requestAnimationFrame(listen);
    editor.registerUpdateListener(({ dirtyLeaves }) => {
      if (dirtyLeaves.size > 0) recordCommit();
    });
  };
  listen();
}, blocks);
