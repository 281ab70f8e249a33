import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { TextInput } from '@mantine/core';
import { $getNodeByKey, type NodeKey } from 'lexical';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $isImageNode, type ImagePayload } from './ImageNode';
import { imageUrl } from './imageSource';

type TextField = 'caption' | 'altText' | 'credit';

/** The image as the reporter sees it, with its caption, alt text and credit editable in place. */
export function ImageView({ nodeKey, payload }: { nodeKey: NodeKey; payload: ImagePayload }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

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

  return (
    <figure className="bt-figure" contentEditable={false} data-testid="editor-image">
      {failed ? (
        <div className="bt-figure-missing" role="img" aria-label={t('image.missing')}>
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
        />
      )}
      <figcaption className="bt-figure-fields">
        {field('caption', t('image.caption'))}
        {field('altText', t('image.alt'))}
        {field('credit', t('image.credit'))}
      </figcaption>
    </figure>
  );
}
