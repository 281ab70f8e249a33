import type { LexicalEditor } from 'lexical';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Finding, ToneStyle } from '../../../shared/proofread/types';
import { call } from '../api';
import { afterPaint } from '../components/afterPaint';
import { pauseTimer } from '../components/pauseTimer';
import { $proofBlocks, pointAt, type ProofBlock } from './blocks';
import { $applyFix, $applyFixes, $convertTones, $selectFinding, type PinnedFinding } from './fix';
import { clearHighlights, domRange, paintHighlights } from './highlights';
import { findingAtPoint } from './pointer';
import { getBridge } from '../bridge';

/** How long typing must pause before the text is checked again. */
export const IDLE_MS = 600;
/** How long after an article is shown its first check starts: its text first, the underlines next. */
const FIRST_CHECK_MS = 250;

export interface ShownFinding extends Finding, PinnedFinding {
  id: string;
  /** Whether the fix can be applied in place: both ends of the text lie in text nodes (not on a line break). */
  fixable: boolean;
}

export type CheckState = 'waiting' | 'checking' | 'done' | 'failed';

/**
 * Proofreads the editor's text while `active`: after each pause in typing, never on a keystroke.
 * The blocks are read from the editor state, checked by the core (house style, office lexicon and
 * this article's ignores apply there), and the findings underlined in place. An edit drops the
 * findings of the blocks it touched at once, since their offsets no longer hold, and the next
 * check puts back whatever is still wrong.
 *
 * The underlines are off while a burst of typing lasts and come back with the check after the
 * pause: Chromium places every registered highlight range again after each change to the page,
 * inside the keystroke, so with a few dozen underlines on the page every key would wait for them.
 */
export function useProofreader(editorRef: RefObject<LexicalEditor | null>, articleId: string, active: boolean) {
  const [findings, setFindings] = useState<ShownFinding[]>([]);
  const [state, setState] = useState<CheckState>('waiting');
  const [failure, setFailure] = useState<unknown>(null);
  const ranges = useRef(new Map<string, { severity: Finding['severity']; range: Range }>());
  const shown = useRef<ShownFinding[]>([]);
  const edits = useRef(0);
  const painted = useRef(false);

  const show = useCallback((next: ShownFinding[]) => {
    shown.current = next;
    setFindings(next);
    paintHighlights(next.flatMap((f) => (ranges.current.has(f.id) ? [ranges.current.get(f.id)!] : [])));
    painted.current = true;
  }, []);

  const check = useCallback(async () => {
    const editor = editorRef.current;
    if (!editor) return;
    const at = edits.current;
    const blocks = editor.getEditorState().read(() => $proofBlocks());
    setState('checking');
    try {
      const { findings: found } = await call('proofread.check', { articleId, blocks: blocks.map((b) => b.text) });
      // Text typed while the core was checking moved the offsets; the check scheduled by that edit will answer.
      if (edits.current !== at) return;
      ranges.current = new Map();
      const next = found.flatMap((finding) => pin(editor, blocks, finding, ranges.current));
      show(next);
      setFailure(null);
      setState('done');
    } catch (error) {
      if (edits.current !== at) return;
      // What the last check found in the untouched blocks still stands: underline it again.
      show(shown.current);
      setFailure(error);
      setState('failed');
    }
  }, [articleId, editorRef, show]);

  // One timer waits for the typing pause; it always runs the latest check.
  const latestCheck = useRef(check);
  useEffect(() => {
    latestCheck.current = check;
  }, [check]);
  const [pause] = useState(() => pauseTimer(IDLE_MS, () => void latestCheck.current()));
  const schedule = useCallback((delay = IDLE_MS) => pause.runIn(delay), [pause]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!active || !editor) return;
    // The first check waits until the article is on screen: opening a long article shows its text
    // first, and the underlines follow a moment later, as they do after a pause in typing.
    // Typed by then, the check waits for the pause in typing instead.
    const at = edits.current;
    const cancelFirst = afterPaint(
      () => {
        if (edits.current === at) schedule(0);
      },
      { delay: FIRST_CHECK_MS },
    );
    const stop = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, editorState, prevEditorState }) => {
      if (editorState === prevEditorState || (dirtyElements.size === 0 && dirtyLeaves.size === 0)) return;
      edits.current += 1;
      if (painted.current) {
        clearHighlights();
        painted.current = false;
      }
      // The panel's list waits for the check too: re-rendering it now would take the next key's time.
      // Until then a fix on a card of an edited block finds its text changed and does nothing.
      if (shown.current.some((f) => dirtyElements.has(f.blockKey))) {
        shown.current = shown.current.filter((f) => !dirtyElements.has(f.blockKey));
      }
      schedule();
    });
    return () => {
      cancelFirst();
      stop();
      pause.cancel();
      clearHighlights();
      painted.current = false;
    };
  }, [active, editorRef, pause, schedule]);

  const applyFix = useCallback(
    (finding: ShownFinding) => {
      const editor = editorRef.current;
      if (!editor) return;
      // Committed now, so the check asked for next replaces the wait for a typing pause the edit
      // set: not a burst of typing, the underlines come back at once. A fix that no longer fits
      // the text changed nothing, and the check shows what is there now.
      editor.update(() => void $applyFix(finding), { discrete: true });
      schedule(0);
    },
    [editorRef, schedule],
  );

  const ignore = useCallback(
    async (finding: ShownFinding) => {
      await call('proofread.ignores.add', { articleId, rule: finding.rule, text: finding.text });
      show(shown.current.filter((f) => !(f.rule === finding.rule && f.text === finding.text)));
      schedule(0);
    },
    [articleId, schedule, show],
  );

  const convert = useCallback(
    (to: ToneStyle) => {
      editorRef.current?.update(() => void $convertTones(to), { discrete: true });
      schedule(0);
    },
    [editorRef, schedule],
  );

  // The desktop app's right-click menu: as it opens, the fix for the underlined text under the pointer is
  // offered to it; choosing it comes back as `app.command` `applyFix`.
  useEffect(() => {
    const editor = editorRef.current;
    if (!active || !editor) return;
    const bridge = getBridge();
    const onContextMenu = (event: MouseEvent) => {
      const finding = findingAtPoint(
        shown.current,
        (f) => [...(ranges.current.get(f.id)?.range.getClientRects() ?? [])],
        event.clientX,
        event.clientY,
      );
      bridge.offerSuggestions(finding ? [{ id: finding.id, label: finding.fix ?? '' }] : []);
    };
    const stopRoot = editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('contextmenu', onContextMenu);
      root?.addEventListener('contextmenu', onContextMenu);
    });
    const stopCommands = bridge.on('app.command', (payload) => {
      const { command, id } = (payload ?? {}) as { command?: unknown; id?: unknown };
      const finding = command === 'applyFix' ? shown.current.find((f) => f.id === id) : undefined;
      if (finding) applyFix(finding);
    });
    return () => {
      stopRoot();
      editor.getRootElement()?.removeEventListener('contextmenu', onContextMenu);
      stopCommands();
    };
  }, [active, applyFix, editorRef]);

  /** Every shown finding of this one's rule fixed in one step (one undo). */
  const applyAllOfRule = useCallback(
    (rule: Finding['rule']) => {
      const editor = editorRef.current;
      if (!editor) return 0;
      let applied = 0;
      const same = shown.current
        .filter((f) => f.rule === rule && f.fixable)
        .map((f) => ({ ...f, blockIndex: f.block }));
      editor.update(() => void (applied = $applyFixes(same)), { discrete: true });
      schedule(0);
      return applied;
    },
    [editorRef, schedule],
  );

  /** Brings the finding's text into view and selects it, so the writer sees exactly what is meant. */
  const reveal = useCallback(
    (finding: ShownFinding) => {
      const editor = editorRef.current;
      const range = ranges.current.get(finding.id)?.range;
      range?.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      if (!editor) return;
      editor.focus(() => editor.update(() => void $selectFinding(finding), { discrete: true }), {
        defaultSelection: 'rootStart',
      });
    },
    [editorRef],
  );

  return { findings, state, failure, recheck: () => schedule(0), applyFix, applyAllOfRule, ignore, convert, reveal };
}

function pin(
  editor: LexicalEditor,
  blocks: ProofBlock[],
  finding: Finding,
  ranges: Map<string, { severity: Finding['severity']; range: Range }>,
): ShownFinding[] {
  const block = blocks[finding.block];
  if (!block) return [];
  const id = `${block.key}:${finding.start}:${finding.end}:${finding.rule}`;
  const range = domRange(editor, block, finding.start, finding.end);
  if (range) ranges.set(id, { severity: finding.severity, range });
  const fixable =
    finding.fix !== undefined &&
    pointAt(block, finding.start, false) !== null &&
    (finding.end === finding.start || pointAt(block, finding.end, true) !== null);
  return [{ ...finding, id, blockKey: block.key, text: block.text.slice(finding.start, finding.end), fixable }];
}
