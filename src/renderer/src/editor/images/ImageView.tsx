import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { TextInput } from '@mantine/core';
import { $createNodeSelection, $getNodeByKey, $setSelection, type NodeKey } from 'lexical';
import { useEffect, useState, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { $isImageNode, type ImagePayload } from './ImageNode';
import { useImageSelected } from './imageSelection';
import { imageUrl } from './imageSource';

type TextField = 'caption' | 'altText' | 'credit';

/**
 * The image as the reporter sees it: the photo with its caption and credit as text. Clicking it
 * (or reaching it with the arrow keys) selects it and opens its caption, alt text and credit for
 * editing; they stay open while focus is in them. Only the image being edited carries the form,
 * so a long article with many photos keeps a light page and typing stays quick.
 */
export function ImageView({ nodeKey, payload }: { nodeKey: NodeKey; payload: ImagePayload }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const selected = useImageSelected(editor, nodeKey);
  const [focused, setFocused] = useState(false);
  const editing = selected || focused;

  useEffect(() => {
    let live = true;
    imageUrl(payload.hash).then(
      (url) => live && setSrc(url),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [payload.hash]);

  const select = () =>
    editor.update(() => {
      const selection = $createNodeSelection();
      selection.add(nodeKey);
      $setSelection(selection);
    });

  const update = (field: TextField, value: string) =>
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if ($isImageNode(node)) node.setText({ [field]: value.normalize('NFC') });
    });

  const field = (name: TextField, label: string) => (
    <TextInput
      size="xs"
      label={label}
      value={payload[name]}
      maxLength={name === 'credit' ? 200 : 1000}
      onChange={(event) => update(name, event.currentTarget.value)}
      // Typing here belongs to this box, not to the article text around it.
      onKeyDown={(event) => event.stopPropagation()}
      onPaste={(event) => event.stopPropagation()}
    />
  );

  const onBlur = (event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
  };
  const shown = [payload.caption, payload.credit].filter(Boolean).join(' — ');

  return (
    <figure
      className="bt-figure"
      contentEditable={false}
      data-testid="editor-image"
      data-selected={selected || undefined}
      onFocus={() => setFocused(true)}
      onBlur={onBlur}
    >
      {failed ? (
        <div className="bt-figure-missing" role="img" aria-label={t('image.missing')} onClick={select}>
          {t('image.missing')}
        </div>
      ) : (
        <img
          src={src ?? undefined}
          alt={payload.altText}
          width={payload.width}
          height={payload.height}
          className="bt-figure-img"
          draggable={false}
          onClick={select}
        />
      )}
      {editing ? (
        <div className="bt-figure-fields">
          {field('caption', t('image.caption'))}
          {field('altText', t('image.alt'))}
          {field('credit', t('image.credit'))}
        </div>
      ) : (
        <figcaption className="bt-figure-caption" data-empty={shown === '' || undefined} onClick={select}>
          {shown || t('image.addCaption')}
        </figcaption>
      )}
    </figure>
  );
}
