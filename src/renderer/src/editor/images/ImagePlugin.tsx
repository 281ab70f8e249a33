import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $insertNodeToNearestRoot } from '@lexical/utils';
import {
  $createParagraphNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_HIGH,
  COMMAND_PRIORITY_LOW,
  DROP_COMMAND,
  PASTE_COMMAND,
  createCommand,
  mergeRegister,
  type LexicalEditor,
} from 'lexical';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { ImageFormPlugin } from './ImageFormPlugin';
import { $createImageNode } from './ImageNode';
import { imageFiles, uploadImage } from './imageSource';
import { useWords } from '../words';

// The status messages' code (Mantine's alert) is loaded the first time an image is stored.
const ImageStatus = lazy(() => import('./ImageStatus').then((module) => ({ default: module.ImageStatus })));

/** Opens the file picker for an image (toolbar button). */
export const OPEN_IMAGE_PICKER_COMMAND = createCommand<void>('BIENTAP_OPEN_IMAGE_PICKER');

function insertImage(editor: LexicalEditor, payload: Parameters<typeof $createImageNode>[0]): void {
  editor.update(() => {
    // Focus may be in a caption box, or nowhere: then the image goes at the end of the article.
    if (!$isRangeSelection($getSelection())) $getRoot().selectEnd();
    const node = $insertNodeToNearestRoot($createImageNode(payload));
    // A paragraph after the image, so typing can go on below it.
    if (!node.getNextSibling()) node.insertAfter($createParagraphNode());
  });
}

/**
 * Inserts images from the file picker, a drop or a paste. Each file is stored in the core first;
 * the article only references it once the store has answered, and a refused file (too large,
 * damaged, SVG) leaves the article untouched and says why.
 */
export function ImagePlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const words = useWords();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(0);

  useEffect(() => {
    const insertFiles = async (files: File[]) => {
      setError(null);
      for (const file of files) {
        setBusy((n) => n + 1);
        try {
          insertImage(editor, await uploadImage(file));
        } catch (failure) {
          setError(isApiError(failure) ? failure.message : t('image.failed'));
        } finally {
          setBusy((n) => n - 1);
        }
      }
    };
    const takeFiles = (event: DragEvent | ClipboardEvent) => {
      const files = imageFiles('dataTransfer' in event ? event.dataTransfer : event.clipboardData);
      if (files.length === 0) return false;
      event.preventDefault();
      void insertFiles(files);
      return true;
    };
    const picker = input.current;
    const onPick = () => {
      const files = Array.from(picker?.files ?? []);
      if (picker) picker.value = '';
      void insertFiles(files);
    };
    picker?.addEventListener('change', onPick);
    return mergeRegister(
      () => picker?.removeEventListener('change', onPick),
      editor.registerCommand(DROP_COMMAND, takeFiles, COMMAND_PRIORITY_HIGH),
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => (event instanceof ClipboardEvent ? takeFiles(event) : false),
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(
        OPEN_IMAGE_PICKER_COMMAND,
        () => {
          input.current?.click();
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor, t]);

  return (
    <>
      <ImageFormPlugin />
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif"
        multiple
        hidden
        data-testid="image-file-input"
        aria-label={words('image.pick')}
      />
      {(busy > 0 || error) && (
        <Suspense fallback={null}>
          <ImageStatus busy={busy > 0} error={error} onDismiss={() => setError(null)} />
        </Suspense>
      )}
    </>
  );
}
