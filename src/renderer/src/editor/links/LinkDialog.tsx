import { $isLinkNode, $toggleLink } from '@lexical/link';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import {
  $findMatchingParent,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_LOW,
  type BaseSelection,
} from 'lexical';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_LINK_DIALOG_COMMAND } from '../shortcuts/commands';
import { normalizeLinkUrl } from './linkUrl';

/** The link under the caret, if any; call inside a read. */
function $currentLinkUrl(): string | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const link = $findMatchingParent(selection.anchor.getNode(), $isLinkNode);
  return $isLinkNode(link) ? link.getURL() : null;
}

/**
 * Adds, edits, removes and opens the link at the selection. Opening never happens on a click in
 * the text: it asks first, showing the full address, and offers to copy it instead (the app's
 * window does not navigate away, so the address is handed to the system browser or the clipboard).
 */
export function LinkDialog() {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [existing, setExisting] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  // The dialogs are built the first time one is asked for and kept from then on (so they close
  // with their animation): two closed modals under every article cost its opening for nothing.
  const [used, setUsed] = useState(false);
  const saved = useRef<BaseSelection | null>(null);

  useEffect(
    () =>
      editor.registerCommand(
        OPEN_LINK_DIALOG_COMMAND,
        () => {
          const url = editor.getEditorState().read($currentLinkUrl);
          saved.current = editor.getEditorState().read(() => $getSelection()?.clone() ?? null);
          setExisting(url);
          setValue(url ?? '');
          setError(null);
          setCopied(false);
          setUsed(true);
          setOpened(true);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  );

  const apply = (url: string | null) => {
    editor.update(() => {
      if (saved.current) $setSelection(saved.current.clone());
      $toggleLink(url);
    });
    setOpened(false);
    editor.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const url = normalizeLinkUrl(value);
    if (!url) {
      setError(t('link.invalid'));
      return;
    }
    apply(url);
  };

  const copy = async () => {
    if (!existing) return;
    await navigator.clipboard.writeText(existing).catch(() => undefined);
    setCopied(true);
  };

  const openExternally = () => {
    if (existing) window.open(existing, '_blank', 'noopener,noreferrer');
    setConfirmOpen(false);
  };

  if (!used) return null;
  return (
    <>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t(existing ? 'link.editTitle' : 'link.addTitle')}>
        <form onSubmit={submit}>
          <Stack>
            <TextInput
              label={t('link.url')}
              description={t('link.hint')}
              value={value}
              onChange={(event) => setValue(event.currentTarget.value)}
              error={error}
              data-autofocus
            />
            <Group justify="space-between">
              <Group gap="xs">
                {existing && (
                  <>
                    <Button variant="subtle" color="red" onClick={() => apply(null)}>
                      {t('link.remove')}
                    </Button>
                    <Button variant="subtle" onClick={() => setConfirmOpen(true)}>
                      {t('link.open')}
                    </Button>
                  </>
                )}
              </Group>
              <Button type="submit">{t('link.save')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Modal opened={confirmOpen} onClose={() => setConfirmOpen(false)} title={t('link.confirmTitle')}>
        <Stack>
          <Text>{t('link.confirmText')}</Text>
          <Text ff="monospace" style={{ wordBreak: 'break-all' }} data-testid="link-confirm-url">
            {existing}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void copy()}>
              {copied ? t('link.copied') : t('link.copy')}
            </Button>
            <Button onClick={openExternally}>{t('link.openConfirm')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
