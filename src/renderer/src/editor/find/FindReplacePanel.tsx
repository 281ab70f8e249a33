import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_LOW } from 'lexical';
import { lazy, Suspense, useEffect, useState } from 'react';
import { OPEN_FIND_COMMAND } from '../shortcuts/commands';

// The panel's code is loaded the first time it is asked for: most articles are opened and edited
// without it, and loading it with the editor made every opening compile and keep it.
const FindReplaceView = lazy(() => import('./FindReplaceView').then((module) => ({ default: module.FindReplaceView })));

/** Find and replace within the article body (Ctrl+F, Ctrl+H). */
export function FindReplacePanel() {
  const [editor] = useLexicalComposerContext();
  const [opened, setOpened] = useState(false);
  const [used, setUsed] = useState(false);

  useEffect(
    () =>
      editor.registerCommand(
        OPEN_FIND_COMMAND,
        () => {
          setUsed(true);
          setOpened(true);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  );

  if (!used) return null;
  return (
    <Suspense fallback={null}>
      <FindReplaceView opened={opened} onClose={() => setOpened(false)} />
    </Suspense>
  );
}
