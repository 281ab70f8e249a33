import { TextInput } from '@mantine/core';
import type { FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IMAGE_TEXT_LIMITS } from '../../../../shared/lexical/json';
import type { ImagePayload } from './ImageNode';

export type TextField = 'caption' | 'altText' | 'credit';

/** The caption, alt text and credit boxes of the image being edited (see ImageFormPlugin). */
export function ImageFields({
  payload,
  update,
  onFocus,
  onBlur,
}: {
  payload: ImagePayload;
  update: (field: TextField, value: string) => void;
  onFocus: () => void;
  onBlur: (event: FocusEvent<HTMLElement>) => void;
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
    <div className="bt-figure-fields" onFocus={onFocus} onBlur={onBlur}>
      {field('caption', t('image.caption'))}
      {field('altText', t('image.alt'))}
      {field('credit', t('image.credit'))}
    </div>
  );
}
