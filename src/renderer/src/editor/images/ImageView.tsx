import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { TextInput } from '@mantine/core';
import { $createNodeSelection, $getNodeByKey, $setSelection, type NodeKey } from 'lexical';
import { useEffect, useRef, useState, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IMAGE_TEXT_LIMITS, knownImageSize } from '../../../../shared/lexical/json';
import { $isImageNode, type ImagePayload } from './ImageNode';
import { useImageSelected } from './imageSelection';
import { imageUrl } from './imageSource';

type TextField = 'caption' | 'altText' | 'credit';

/**
 * The image as the reporter sees it: the photo with its caption and credit as text. Clicking it
 * (or reaching it with the arrow keys) selects it and opens its caption, alt text and credit for
 * editing; they stay open while focus is in them. Only the image being edited carries the form,
 * so a long article with many photos keeps a light page and typing stays quick; for the same
 * reason the words only some images show (no caption yet, a missing photo) are looked up by
 * parts mounted only when shown.
 */
export function ImageView({ nodeKey, payload }: { nodeKey: NodeKey; payload: ImagePayload }) {
  const [editor] = useLexicalComposerContext();
  const image = useRef<HTMLImageElement>(null);
  const [failed, setFailed] = useState(false);
  const selected = useImageSelected(editor, nodeKey);
  const [focused, setFocused] = useState(false);
  const editing = selected || focused;

  // The photo arrives from the store after the article is on screen. It goes straight onto the
  // image element: rendering every figure of the article again as its photo arrives cost the
  // opening of a long article for nothing the reporter sees.
  useEffect(() => {
    let live = true;
    imageUrl(payload.hash).then(
      (url) => {
        if (live && image.current) image.current.src = url;
      },
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

  const onBlur = (event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
  };
  const shown = [payload.caption, payload.credit].filter(Boolean).join(' — ');
  // An image of unknown size takes its own, rather than a 0×0 box.
  const size = knownImageSize(payload);

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
        <MissingImage onClick={select} />
      ) : (
        <img
          ref={image}
          alt={payload.altText}
          width={size?.width}
          height={size?.height}
          className="bt-figure-img"
          draggable={false}
          onClick={select}
        />
      )}
      {editing ? (
        <ImageFields payload={payload} update={update} />
      ) : (
        <figcaption className="bt-figure-caption" data-empty={shown === '' || undefined} onClick={select}>
          {shown || <AddCaption />}
        </figcaption>
      )}
    </figure>
  );
}

function MissingImage({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="bt-figure-missing" role="img" aria-label={t('image.missing')} onClick={onClick}>
      {t('image.missing')}
    </div>
  );
}

function AddCaption() {
  const { t } = useTranslation();
  return t('image.addCaption');
}

function ImageFields({
  payload,
  update,
}: {
  payload: ImagePayload;
  update: (field: TextField, value: string) => void;
}) {
  const { t } = useTranslation();
  const field = (name: TextField, label: string) => (
    <TextInput
      size="xs"
      label={label}
      value={payload[name]}
      maxLength={IMAGE_TEXT_LIMITS[name]}
      onChange={(event) => update(name, event.currentTarget.value)}
      // Typing here belongs to this box, not to the article text around it.
      onKeyDown={(event) => event.stopPropagation()}
      onPaste={(event) => event.stopPropagation()}
    />
  );
  return (
    <div className="bt-figure-fields">
      {field('caption', t('image.caption'))}
      {field('altText', t('image.alt'))}
      {field('credit', t('image.credit'))}
    </div>
  );
}
