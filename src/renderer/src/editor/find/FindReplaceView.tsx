import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { Button, CloseButton, Group, Text, TextInput } from '@mantine/core';
import { $createRangeSelection, $getNodeByKey, $isTextNode, $setSelection } from 'lexical';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $findMatches, $replaceAll } from './findReplace';

/**
 * The find and replace panel. It stays mounted once shown, so the query and replacement are
 * still there when it is opened again.
 */
export function FindReplaceView({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [replacement, setReplacement] = useState('');
  const [count, setCount] = useState(0);
  const [current, setCurrent] = useState(-1);
  const [replaced, setReplaced] = useState<number | null>(null);

  // Recounted as the text or the query changes, so the number never lies.
  useEffect(() => {
    if (!opened) return;
    const recount = () => setCount(editor.getEditorState().read(() => $findMatches(query).length));
    recount();
    return editor.registerTextContentListener(recount);
  }, [editor, opened, query]);

  if (!opened) return null;

  const next = () => {
    const matches = editor.getEditorState().read(() => $findMatches(query));
    if (matches.length === 0) return;
    const index = (current + 1) % matches.length;
    const match = matches[index];
    if (!match) return;
    setCurrent(index);
    editor.update(() => {
      const first = $getNodeByKey(match.startKey);
      const last = $getNodeByKey(match.endKey);
      if (!$isTextNode(first) || !$isTextNode(last)) return;
      const selection = $createRangeSelection();
      selection.anchor.set(first.getKey(), match.start, 'text');
      selection.focus.set(last.getKey(), match.end, 'text');
      $setSelection(selection);
    });
  };

  const replaceAll = () => {
    let total = 0;
    editor.update(
      () => {
        total = $replaceAll(query, replacement);
      },
      { discrete: true },
    );
    setReplaced(total);
    setCurrent(-1);
  };

  return (
    <div className="bt-find" role="search" aria-label={t('find.label')}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          size="xs"
          label={t('find.find')}
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setReplaced(null);
            setCurrent(-1);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              next();
            }
          }}
          data-autofocus
          autoFocus
        />
        <Button size="xs" variant="default" onClick={next} disabled={count === 0}>
          {t('find.next')}
        </Button>
        <TextInput
          size="xs"
          label={t('find.replaceWith')}
          value={replacement}
          onChange={(event) => setReplacement(event.currentTarget.value)}
        />
        <Button size="xs" onClick={replaceAll} disabled={count === 0}>
          {t('find.replaceAll')}
        </Button>
        <Text size="xs" c="dimmed" aria-live="polite" data-testid="find-count">
          {replaced !== null ? t('find.replaced', { count: replaced }) : t('find.matches', { count })}
        </Text>
        <CloseButton size="sm" aria-label={t('find.close')} onClick={onClose} />
      </Group>
    </div>
  );
}
