import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalExtensionComposer } from '@lexical/react/LexicalExtensionComposer';
import type { LexicalEditor } from 'lexical';
import { useMemo, type FocusEvent, type RefObject } from 'react';
import type { EditorState } from '../../../shared/domain';
import type { LiveSession } from '../../../shared/collab/session';
import { LivePlugin } from '../collab/LivePlugin';
import { ChangePlugin } from './ChangePlugin';
import { WordCount } from './count/WordCount';
import { EditorHandlePlugin } from './EditorHandlePlugin';
import { createBodyExtension } from './extension';
import { FindReplacePanel } from './find/FindReplacePanel';
import { ImagePlugin } from './images/ImagePlugin';
import { LinkDialog } from './links/LinkDialog';
import type { PageOffer } from './paste/sourcePaste';
import { SourcePastePlugin } from './paste/SourcePastePlugin';
import { ToolbarPlugin } from './ToolbarPlugin';
import { useWords } from './words';
import './editor.css';

interface Props {
  /** The stored body; read once when the editor is created. */
  body: EditorState;
  editorRef: RefObject<LexicalEditor | null>;
  /** The id of the visible label that names the text area. */
  labelledBy: string;
  onChange: () => void;
  /** Focus left the editor (its toolbar included). */
  onLeave: () => void;
  /** On an office workstation: the article's shared document, which the editor is bound to. */
  live?: LiveSession | null;
  /** A portal page was pasted: the screen asks where its parts go. */
  onPageOffer?: (offer: PageOffer) => void;
}

export function BodyEditor({ body, editorRef, labelledBy, onChange, onLeave, live = null, onPageOffer }: Props) {
  const words = useWords();
  const placeholder = words('editor.bodyPlaceholder');
  const extension = useMemo(
    () =>
      createBodyExtension(
        // Bound to a shared document, the editor takes its content from the document (LivePlugin):
        // building it from the stored body first would build the whole article twice.
        live ? null : body,
        (error) => {
          console.error(error);
        },
        { history: live === null },
      ),
    [body, live],
  );

  const handleBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onLeave();
  };

  return (
    <div className="bt-editor" onBlur={handleBlur}>
      <LexicalExtensionComposer extension={extension} contentEditable={null}>
        <ToolbarPlugin />
        <FindReplacePanel />
        <ImagePlugin />
        <div className="bt-editor-surface">
          <ContentEditable
            className="bt-content"
            data-testid="editor-body"
            aria-labelledby={labelledBy}
            aria-multiline
            spellCheck
            lang="vi"
            aria-placeholder={placeholder}
            placeholder={<div className="bt-placeholder">{placeholder}</div>}
          />
        </div>
        <WordCount />
        <LinkDialog />
        <ChangePlugin onChange={onChange} />
        <EditorHandlePlugin editorRef={editorRef} />
        {live ? <LivePlugin live={live} /> : null}
        {onPageOffer ? <SourcePastePlugin onPage={onPageOffer} /> : null}
      </LexicalExtensionComposer>
    </div>
  );
}
