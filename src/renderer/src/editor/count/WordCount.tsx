import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { Text } from '@mantine/core';
import { $getRoot } from 'lexical';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countText, type TextCounts } from './count';

/** Counting a long article on every keystroke would cost typing latency; wait for a pause. */
const PAUSE_MS = 250;

/** The live count of words, characters and reading time under the body. */
export function WordCount() {
  const [editor] = useLexicalComposerContext();
  const { t, i18n } = useTranslation();
  const [counts, setCounts] = useState<TextCounts>(() =>
    countText(editor.getEditorState().read(() => $getRoot().getTextContent())),
  );

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const recount = (text: string) => setCounts(countText(text));
    const unregister = editor.registerTextContentListener((text) => {
      clearTimeout(timer);
      timer = setTimeout(() => recount(text), PAUSE_MS);
    });
    return () => {
      clearTimeout(timer);
      unregister();
    };
  }, [editor]);

  const number = (value: number) => value.toLocaleString(i18n.language);
  return (
    <Text size="xs" c="dimmed" className="bt-count" data-testid="word-count" aria-live="off">
      {t('count.summary', {
        words: number(counts.words),
        characters: number(counts.characters),
        minutes: number(counts.minutes),
      })}
    </Text>
  );
}
