import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, type LexicalEditor, type NodeKey } from 'lexical';
import { lazy, Suspense, useEffect, useLayoutEffect, useState, type FocusEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { $isImageNode, FIGURE_TEXT_ATTRIBUTE, type FigureTextKey, type ImagePayload } from './ImageNode';
import type { TextField } from './ImageFields';
import { registerImageSelection } from './imageSelection';

// The form's code (Mantine's text inputs) is loaded the first time an image is edited: most
// articles are opened and written without touching a caption.
const ImageFields = lazy(() => import('./ImageFields').then((module) => ({ default: module.ImageFields })));

interface Edited {
  key: NodeKey;
  figure: HTMLElement;
  payload: ImagePayload;
}

const samePayload = (a: ImagePayload, b: ImagePayload) =>
  a.hash === b.hash &&
  a.width === b.width &&
  a.height === b.height &&
  a.altText === b.altText &&
  a.caption === b.caption &&
  a.credit === b.credit;

function readEdited(editor: LexicalEditor, key: NodeKey): Edited | null {
  const payload = editor.getEditorState().read(() => {
    const node = $getNodeByKey(key);
    return $isImageNode(node) ? node.getPayload() : null;
  });
  const figure = editor.getElementByKey(key);
  return payload && figure ? { key, figure, payload } : null;
}

/** The image `key` as it stands (its figure and fields), followed through the editor's updates. */
function useEdited(editor: LexicalEditor, key: NodeKey | null): Edited | null {
  const [edited, setEdited] = useState<Edited | null>(null);
  useEffect(() => {
    if (key === null) {
      setEdited(null);
      return;
    }
    const follow = () =>
      setEdited((current) => {
        const next = readEdited(editor, key);
        if (current && next && current.figure === next.figure && samePayload(current.payload, next.payload)) {
          return current;
        }
        return next;
      });
    follow();
    return editor.registerUpdateListener(follow);
  }, [editor, key]);
  return edited && edited.key === key ? edited : null;
}

/**
 * The caption, alt text and credit form, mounted only on the image being edited: the one selected
 * as a whole (clicked, or reached with the arrow keys), or the one whose form holds the focus. It
 * goes into that image's figure (see EditorImageNode), in place of the caption text. A form per
 * image would cost a long article's opening a React root for every photo.
 */
export function ImageFormPlugin() {
  const [editor] = useLexicalComposerContext();
  const { i18n } = useTranslation();
  const [selected, setSelected] = useState<NodeKey | null>(null);
  const [focused, setFocused] = useState<NodeKey | null>(null);
  const edited = useEdited(editor, selected ?? focused);

  useEffect(() => registerImageSelection(editor, setSelected), [editor]);

  // Selecting another image moves the form there: the focus left with the old one.
  useEffect(() => {
    if (selected !== null) setFocused((key) => (key === selected ? key : null));
  }, [selected]);

  // While the form shows, the figure hides its caption text (editor.css), before it is painted.
  const figure = edited?.figure;
  useLayoutEffect(() => {
    if (!figure) return;
    figure.setAttribute('data-editing', '');
    return () => figure.removeAttribute('data-editing');
  }, [figure]);

  // The figures show a few words by themselves; they follow a change of language.
  useEffect(() => {
    const retranslate = () => {
      const root = editor.getRootElement();
      for (const element of root?.querySelectorAll<HTMLElement>(`.bt-figure [${FIGURE_TEXT_ATTRIBUTE}]`) ?? []) {
        const text = i18n.t(element.getAttribute(FIGURE_TEXT_ATTRIBUTE) as FigureTextKey);
        element.textContent = text;
        if (element.hasAttribute('aria-label')) element.setAttribute('aria-label', text);
      }
    };
    i18n.on('languageChanged', retranslate);
    return () => i18n.off('languageChanged', retranslate);
  }, [editor, i18n]);

  if (!edited) return null;
  const { key, payload } = edited;

  const update = (field: TextField, value: string) =>
    // Committed at once, so the box shows its new value within the keystroke and keeps its caret.
    editor.update(
      () => {
        const node = $getNodeByKey(key);
        if ($isImageNode(node)) node.setText({ [field]: value.normalize('NFC') });
      },
      { discrete: true },
    );

  const onBlur = (event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(null);
  };

  return createPortal(
    <Suspense fallback={null}>
      <ImageFields payload={payload} update={update} onFocus={() => setFocused(key)} onBlur={onBlur} />
    </Suspense>,
    edited.figure,
    key,
  );
}
