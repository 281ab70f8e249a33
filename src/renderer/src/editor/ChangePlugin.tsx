import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';

/**
 * Tells autosave that the body changed. Deliberately passes nothing on: the editor state is
 * serialized only when a save starts, so typing never pays for it.
 */
export function ChangePlugin({ onChange }: { onChange: () => void }) {
  return <OnChangePlugin ignoreSelectionChange ignoreHistoryMergeTagChange onChange={onChange} />;
}
