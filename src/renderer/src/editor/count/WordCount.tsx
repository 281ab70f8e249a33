import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { Text } from '@mantine/core';
import { $getRoot } from 'lexical';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pauseTimer } from '../../components/pauseTimer';
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
    // Lexical's text-content listener walks the whole article on every update to compare the text;
    // at 10,000 words that walk alone is a visible share of a keystroke. Only note when a node
    // changed, and read the text once typing pauses.
    const pause = pauseTimer(PAUSE_MS, () =>
      setCounts(countText(editor.getEditorState().read(() => $getRoot().getTextContent()))),
    );
    const unregister = editor.registerUpdateListener(({ dirtyLeaves, dirtyElements }) => {
      if (dirtyLeaves.size > 0 || dirtyElements.size > 0) pause.touch();
    });
    return () => {
      pause.cancel();
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
