import '@mantine/core/styles.css';
import '../../../src/renderer/src/styles.css';
import { MantineProvider } from '@mantine/core';
import type { LexicalEditor } from 'lexical';
import { createRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { BientapBridge } from '../../../src/shared/api/envelope';
import type { LiveSession } from '../../../src/shared/collab/session';
import type { EditorState } from '../../../src/shared/domain';
import { BodyEditor } from '../../../src/renderer/src/editor/BodyEditor';
import { i18n } from '../../../src/renderer/src/i18n';
import { install, recordCommit } from './harness';

export type EditorRef = { current: LexicalEditor | null };

export interface BientapPageOptions {
  /** The value the core would answer `method` with; undefined for a method the page does not serve. */
  answer?: (method: string, input: unknown) => unknown;
  /** Rendered beside the editor, into the page's #panel, in the same React tree as in the app. */
  aside?: (editorRef: EditorRef) => ReactNode;
  /** The bench article, when the page has read it already. */
  body?: EditorState;
  /** The article's shared document, as an office workstation's editor opens bound to it. */
  live?: LiveSession;
  /** Runs as the opening starts, before the editor mounts (its time counts in the opening). */
  beforeMount?: () => void;
}

/** The article editor of the app on the bench article, with the host bridge standing in for the core. */
export async function installBientap({
  answer,
  aside,
  body: given,
  live,
  beforeMount,
}: BientapPageOptions = {}): Promise<void> {
  const body = given ?? ((await (await fetch('/article.json')).json()) as EditorState);
  const photo = new Uint8Array(await (await fetch('/photo.jpg')).arrayBuffer());
  const blocks = Number(new URL(location.href).searchParams.get('blocks'));

  // The page has no core behind it: the host bridge answers the image store with the bench photo,
  // as the core answers with a stored image's web rendition.
  const photoBase64 = btoa(Array.from(photo, (byte) => String.fromCharCode(byte)).join(''));
  const api = new Proxy(
    {},
    {
      get: (_target, method) => async (input: unknown) => {
        if (method === 'images.get') return { ok: true, value: { mime: 'image/jpeg', data: photoBase64 } };
        const value = typeof method === 'string' ? answer?.(method, input) : undefined;
        return value !== undefined
          ? { ok: true, value }
          : { ok: false, error: { code: 'NOT_FOUND', message: 'Trang đo không có lõi phía sau.' } };
      },
    },
  );
  (window as { bientap?: BientapBridge }).bientap = {
    api: api as BientapBridge['api'],
    on: () => () => undefined,
    flushed: () => undefined,
    setLanguage: () => undefined,
    offerSuggestions: () => undefined,
    kind: 'web',
  };

  const editorRef = createRef<LexicalEditor | null>() as EditorRef;

  install(() => {
    beforeMount?.();
    const panel = document.getElementById('panel');
    createRoot(document.getElementById('root')!).render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider>
          <BodyEditor
            body={body}
            editorRef={editorRef}
            labelledBy="title"
            onChange={() => undefined}
            onLeave={() => undefined}
            live={live ?? null}
          />
          {aside && panel ? createPortal(aside(editorRef), panel) : null}
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
}
