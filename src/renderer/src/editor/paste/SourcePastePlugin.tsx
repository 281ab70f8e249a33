import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyDone } from '../../components/notify';
import { registerSourcePaste, type PageOffer } from './sourcePaste';

/** Hands a pasted portal page to the screen, which owns the title, sapo and byline fields. */
export function SourcePastePlugin({ onPage }: { onPage: (offer: PageOffer) => void }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const onPageRef = useRef(onPage);
  onPageRef.current = onPage;
  useEffect(
    () =>
      registerSourcePaste(editor, {
        onPage: (offer) => onPageRef.current(offer),
        onLinksDropped: (count) => notifyDone(t('paste.linksDropped', { count }), { warning: true }),
      }),
    [editor, t],
  );
  return null;
}
