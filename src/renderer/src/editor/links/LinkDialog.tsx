import { $isLinkNode, $toggleLink } from '@lexical/link';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $findMatchingParent,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_LOW,
  type BaseSelection,
} from 'lexical';
import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_LINK_DIALOG_COMMAND } from '../shortcuts/commands';
import { normalizeLinkUrl } from './linkUrl';

// The dialogs' code (Mantine's modal, its focus trap and scroll lock) is loaded the first time a
// link is added or edited, not with every article.
const LinkDialogView = lazy(() => import('./LinkDialogView').then((module) => ({ default: module.LinkDialogView })));

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
    <Suspense fallback={null}>
      <LinkDialogView
        opened={opened}
        onClose={() => setOpened(false)}
        existing={existing}
        value={value}
        onValueChange={setValue}
        error={error}
        onSubmit={submit}
        onRemove={() => apply(null)}
        confirmOpen={confirmOpen}
        onConfirmOpenChange={setConfirmOpen}
        copied={copied}
        onCopy={() => void copy()}
        onOpenExternally={openExternally}
      />
    </Suspense>
  );
}
