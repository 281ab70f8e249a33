import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot } from 'lexical';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { afterPaint } from '../../components/afterPaint';
import { pauseTimer } from '../../components/pauseTimer';
import { countText, type TextCounts } from './count';

/** Counting a long article on every keystroke would cost typing latency; wait for a pause. */
const PAUSE_MS = 250;

/** One number format per language: building one loads the language's data, a cost to pay once. */
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: string): Intl.NumberFormat {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language);
    formats.set(language, format);
  }
  return format;
}

/**
 * The live count of words, characters and reading time under the body. The first count waits
 * until the article is on screen: opening a long article shows its text first, the count a moment
 * later.
 */
export function WordCount() {
  const [editor] = useLexicalComposerContext();
  const { t, i18n } = useTranslation();
  const [counts, setCounts] = useState<TextCounts | null>(null);

  useEffect(() => {
    const count = () => setCounts(countText(editor.getEditorState().read(() => $getRoot().getTextContent())));
    // Opening counts as the start of a pause: the first count follows it as one follows typing.
    const cancelFirst = afterPaint(count, { delay: PAUSE_MS });
    // Lexical's text-content listener walks the whole article on every update to compare the text;
    // at 10,000 words that walk alone is a visible share of a keystroke. Only note when a node
    // changed, and read the text once typing pauses.
    const pause = pauseTimer(PAUSE_MS, count);
    const unregister = editor.registerUpdateListener(({ dirtyLeaves, dirtyElements }) => {
      if (dirtyLeaves.size > 0 || dirtyElements.size > 0) pause.touch();
    });
    return () => {
      cancelFirst();
      pause.cancel();
      unregister();
    };
  }, [editor]);

  const number = (value: number) => numberFormat(i18n.language).format(value);
  return (
    // A plain element styled in editor.css: Mantine's colour prop parses the theme's colours on every
    // mount, a few milliseconds of opening each article.
    <div className="bt-count" data-testid="word-count" aria-live="off">
      {counts
        ? t('count.summary', {
            words: number(counts.words),
            characters: number(counts.characters),
            minutes: number(counts.minutes),
          })
        : '\u00a0'}
    </div>
  );
}
