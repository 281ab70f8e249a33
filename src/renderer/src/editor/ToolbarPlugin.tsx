import {
  $isListNode,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $isHeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $getNearestNodeOfType } from '@lexical/utils';
import { Toolbar, Tooltip } from '@mantine/core';
import {
  $createParagraphNode,
  $findMatchingParent,
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
  mergeRegister,
  type LexicalEditor,
} from 'lexical';
import { useCallback, useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type BlockType = 'paragraph' | 'h2' | 'h3' | 'bullet' | 'number' | 'other';

interface Formats {
  block: BlockType;
  bold: boolean;
  italic: boolean;
}

const INITIAL: Formats = { block: 'paragraph', bold: false, italic: false };

/** Reads the formats at the caret; call inside editor.read/update. */
function $currentFormats(): Formats {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return INITIAL;
  const anchor = selection.anchor.getNode();
  const topLevel =
    anchor.getKey() === 'root'
      ? anchor
      : ($findMatchingParent(anchor, (node) => {
          const parent = node.getParent();
          return parent !== null && $isRootOrShadowRoot(parent);
        }) ?? anchor.getTopLevelElementOrThrow());
  let block: BlockType = 'other';
  if ($isListNode(topLevel)) {
    const list = $getNearestNodeOfType(anchor, ListNode) ?? topLevel;
    block = list.getListType() === 'number' ? 'number' : 'bullet';
  } else if ($isHeadingNode(topLevel)) {
    const tag = topLevel.getTag();
    block = tag === 'h2' || tag === 'h3' ? tag : 'other';
  } else if (topLevel.getType() === 'paragraph') {
    block = 'paragraph';
  }
  return { block, bold: selection.hasFormat('bold'), italic: selection.hasFormat('italic') };
}

function setBlock(editor: LexicalEditor, block: 'paragraph' | 'h2' | 'h3'): void {
  editor.update(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    $setBlocksType(selection, () => (block === 'paragraph' ? $createParagraphNode() : $createHeadingNode(block)));
  });
}

/** Toolbar buttons must not take focus from the text, or the caret and selection would be lost. */
const keepFocus = (event: MouseEvent) => event.preventDefault();

function ToolButton(props: {
  label: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Tooltip label={props.label} openDelay={400} withArrow>
      <Toolbar.Toggle
        aria-label={props.label}
        active={props.active ?? false}
        disabled={props.disabled}
        onMouseDown={keepFocus}
        onClick={props.onClick}
        autoWidth
      >
        {props.children}
      </Toolbar.Toggle>
    </Tooltip>
  );
}

export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [formats, setFormats] = useState<Formats>(INITIAL);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);

  const refresh = useCallback(() => {
    const next = editor.getEditorState().read($currentFormats);
    setFormats((prev) =>
      prev.block === next.block && prev.bold === next.bold && prev.italic === next.italic ? prev : next,
    );
  }, [editor]);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(refresh),
        editor.registerCommand(
          SELECTION_CHANGE_COMMAND,
          () => {
            refresh();
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (value) => {
            setCanUndo(value);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (value) => {
            setCanRedo(value);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor, refresh],
  );

  const toggleHeading = (tag: 'h2' | 'h3') => setBlock(editor, formats.block === tag ? 'paragraph' : tag);
  const toggleList = (kind: 'bullet' | 'number') => {
    if (formats.block === kind) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    else
      editor.dispatchCommand(
        kind === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND,
        undefined,
      );
  };

  return (
    <Toolbar aria-label={t('toolbar.label')} size="sm" className="bt-toolbar">
      <Toolbar.Group>
        <ToolButton
          label={t('toolbar.paragraph')}
          active={formats.block === 'paragraph'}
          onClick={() => setBlock(editor, 'paragraph')}
        >
          ¶
        </ToolButton>
        <ToolButton label={t('toolbar.h2')} active={formats.block === 'h2'} onClick={() => toggleHeading('h2')}>
          H2
        </ToolButton>
        <ToolButton label={t('toolbar.h3')} active={formats.block === 'h3'} onClick={() => toggleHeading('h3')}>
          H3
        </ToolButton>
      </Toolbar.Group>
      <Toolbar.Divider />
      <Toolbar.Group>
        <ToolButton
          label={t('toolbar.bold')}
          active={formats.bold}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold')}
        >
          <strong>B</strong>
        </ToolButton>
        <ToolButton
          label={t('toolbar.italic')}
          active={formats.italic}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic')}
        >
          <em>I</em>
        </ToolButton>
      </Toolbar.Group>
      <Toolbar.Divider />
      <Toolbar.Group>
        <ToolButton
          label={t('toolbar.bullet')}
          active={formats.block === 'bullet'}
          onClick={() => toggleList('bullet')}
        >
          •≡
        </ToolButton>
        <ToolButton
          label={t('toolbar.number')}
          active={formats.block === 'number'}
          onClick={() => toggleList('number')}
        >
          1.≡
        </ToolButton>
      </Toolbar.Group>
      <Toolbar.Divider />
      <Toolbar.Group>
        <ToolButton
          label={t('toolbar.undo')}
          disabled={!canUndo}
          onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}
        >
          ↶
        </ToolButton>
        <ToolButton
          label={t('toolbar.redo')}
          disabled={!canRedo}
          onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}
        >
          ↷
        </ToolButton>
      </Toolbar.Group>
    </Toolbar>
  );
}
