import { INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/extension';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { INSERT_TABLE_COMMAND } from '@lexical/table';
import { Toolbar } from '@mantine/core';
import {
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
  mergeRegister,
  type TextFormatType,
} from 'lexical';
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type MouseEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import { OPEN_IMAGE_PICKER_COMMAND } from './images/ImagePlugin';
import { OPEN_FIND_COMMAND, OPEN_LINK_DIALOG_COMMAND } from './shortcuts/commands';
import { TOOLBAR_ICONS, type ToolbarIconName } from './toolbar/icons';
import { useToolbarNavigation } from './toolbar/navigation';
import { useWords } from './words';
import {
  $currentFormats,
  INITIAL_FORMATS,
  sameFormats,
  setBlock,
  type Align,
  type Formats,
  type SettableBlock,
} from './toolbar/blocks';

/** Toolbar buttons must not take focus from the text, or the caret and selection would be lost. */
const keepFocus = (event: MouseEvent) => event.preventDefault();

/**
 * The toolbar as plain elements with the markup and classes Mantine's Toolbar gives its root,
 * toggles, groups and dividers, so its styles apply unchanged; its keyboard behaviour comes from
 * useToolbarNavigation. Two dozen Mantine components each read the theme and resolve their styles
 * while an article opens, for a toolbar whose look never changes; the active colours Mantine would
 * set on every button are set once in editor.css.
 */
const ROOT_CLASS = `bt-toolbar ${Toolbar.classes.root} mantine-Toolbar-root`;
const ROOT_STYLE = {
  '--toolbar-toggle-size': 'var(--toolbar-toggle-size-sm)',
  '--toolbar-padding': 'var(--toolbar-padding-sm)',
  '--toolbar-gap': 'var(--toolbar-gap-sm)',
} as CSSProperties;
const TOGGLE_CLASS = `mantine-focus-auto ${Toolbar.classes.toggle} mantine-Toolbar-toggle`;
const GROUP_CLASS = `${Toolbar.classes.group} mantine-Toolbar-group`;
const DIVIDER_CLASS = `${Toolbar.classes.divider} mantine-Toolbar-divider`;

function ToolButton(props: {
  label: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  const disabled = props.disabled ?? false;
  const active = props.active ?? false;
  return (
    <button
      type="button"
      className={TOGGLE_CLASS}
      aria-label={props.label}
      data-tip={props.label}
      data-toolbar-toggle
      data-active={active || undefined}
      data-disabled={disabled || undefined}
      data-auto-width
      disabled={disabled}
      aria-disabled={disabled || undefined}
      aria-pressed={active}
      onMouseDown={keepFocus}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

function ToolGroup({ children }: { children: ReactNode }) {
  return (
    <div className={GROUP_CLASS} role="group" data-orientation="horizontal">
      {children}
    </div>
  );
}

function ToolDivider() {
  return <div className={DIVIDER_CLASS} role="separator" aria-orientation="vertical" data-orientation="horizontal" />;
}

// The tooltip and its floating positioning are loaded the first time a name is shown: opening an
// article does not need them.
const ToolbarTip = lazy(() => import('./toolbar/ToolbarTip').then((module) => ({ default: module.ToolbarTip })));

/** How long the pointer rests on a button before its name shows. */
const TIP_DELAY_MS = 400;

/**
 * One tooltip for the whole toolbar, shown beside the button the pointer rests on. A tooltip of
 * its own for each of the two dozen buttons set up their floating positions every time an article
 * opened, for names read only when the pointer stops on one.
 */
function useToolbarTip() {
  const [tip, setTip] = useState<{ label: string; target: HTMLElement } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const over = useRef<HTMLElement | null>(null);
  const clear = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => clear, []);

  const buttonAt = (target: EventTarget | null) =>
    target instanceof Element ? target.closest<HTMLElement>('[data-tip]') : null;
  const onPointerOver = (event: PointerEvent) => {
    // As Mantine's own tooltips: on hover, not on a tap.
    if (event.pointerType === 'touch') return;
    const button = buttonAt(event.target);
    if (button === over.current) return;
    over.current = button;
    clear();
    setTip(null);
    if (!button) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      setTip({ label: button.dataset.tip ?? '', target: button });
    }, TIP_DELAY_MS);
  };
  const onPointerLeave = () => {
    over.current = null;
    clear();
    setTip(null);
  };

  const element = tip ? (
    <Suspense fallback={null}>
      <ToolbarTip label={tip.label} target={tip.target} />
    </Suspense>
  ) : null;
  return { element, onPointerOver, onPointerLeave };
}

/**
 * Icons come from an icon font-free SVG set: symbol characters render as empty boxes where no
 * system font has them. The markup is the icon set's own, bundled with the app (no user input).
 * It is parsed once, all icons together, and each button gets a copy: parsing every button's markup
 * again each time an article opened was a visible share of building the toolbar.
 */
let parsedIcons: Map<ToolbarIconName, Element> | null = null;

function iconElement(name: ToolbarIconName): Node | null {
  if (!parsedIcons) {
    const names = Object.keys(TOOLBAR_ICONS) as ToolbarIconName[];
    const template = document.createElement('template');
    template.innerHTML = names.map((icon) => TOOLBAR_ICONS[icon]).join('');
    const parsed = Array.from(template.content.children);
    parsedIcons = new Map(names.map((icon, index) => [icon, parsed[index]!]));
  }
  return parsedIcons.get(name)?.cloneNode(true) ?? null;
}

function ToolIcon({ name }: { name: ToolbarIconName }) {
  // Called when the span is attached, and again only if the icon changes.
  const place = useCallback(
    (span: HTMLSpanElement | null) => {
      const icon = span ? iconElement(name) : null;
      if (span && icon) span.replaceChildren(icon);
    },
    [name],
  );
  return <span className="bt-tool-icon" aria-hidden ref={place} />;
}

const TEXT_FORMATS: { format: TextFormatType & keyof Formats; label: string; mark: ReactNode }[] = [
  { format: 'bold', label: 'toolbar.bold', mark: <ToolIcon name="bold" /> },
  { format: 'italic', label: 'toolbar.italic', mark: <ToolIcon name="italic" /> },
  { format: 'underline', label: 'toolbar.underline', mark: <ToolIcon name="underline" /> },
  { format: 'strikethrough', label: 'toolbar.strikethrough', mark: <ToolIcon name="strikethrough" /> },
];

const ALIGNS: { align: Align; label: string; mark: ReactNode }[] = [
  { align: 'left', label: 'toolbar.alignLeft', mark: <ToolIcon name="alignLeft" /> },
  { align: 'center', label: 'toolbar.alignCenter', mark: <ToolIcon name="alignCenter" /> },
  { align: 'right', label: 'toolbar.alignRight', mark: <ToolIcon name="alignRight" /> },
  { align: 'justify', label: 'toolbar.alignJustify', mark: <ToolIcon name="alignJustify" /> },
];

export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext();
  const t = useWords();
  const [formats, setFormats] = useState<Formats>(INITIAL_FORMATS);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const tip = useToolbarTip();
  const navigation = useToolbarNavigation();

  // The active formats are read once per frame, after the keystroke's update is committed and
  // painted, not inside every update: typing pays nothing for the toolbar.
  const frame = useRef<number | null>(null);
  const refresh = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const next = editor.getEditorState().read($currentFormats);
      setFormats((prev) => (sameFormats(prev, next) ? prev : next));
    });
  }, [editor]);
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

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

  const toggleBlock = (block: Exclude<SettableBlock, 'paragraph'>) =>
    setBlock(editor, formats.block === block ? 'paragraph' : block);
  const toggleList = (kind: 'bullet' | 'number') => {
    if (formats.block === kind) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    else
      editor.dispatchCommand(
        kind === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND,
        undefined,
      );
  };

  return (
    <>
      <div
        ref={navigation.ref}
        role="toolbar"
        aria-orientation="horizontal"
        aria-label={t('toolbar.label')}
        className={ROOT_CLASS}
        style={ROOT_STYLE}
        data-variant="filled"
        data-size="sm"
        data-orientation="horizontal"
        data-with-border
        onKeyDown={navigation.onKeyDown}
        onFocus={navigation.onFocus}
        onPointerOver={tip.onPointerOver}
        onPointerLeave={tip.onPointerLeave}
      >
        <ToolGroup>
          <ToolButton
            label={t('toolbar.paragraph')}
            active={formats.block === 'paragraph'}
            onClick={() => setBlock(editor, 'paragraph')}
          >
            <ToolIcon name="paragraph" />
          </ToolButton>
          {(['h2', 'h3', 'h4'] as const).map((tag) => (
            <ToolButton
              key={tag}
              label={t(`toolbar.${tag}`)}
              active={formats.block === tag}
              onClick={() => toggleBlock(tag)}
            >
              <ToolIcon name={tag} />
            </ToolButton>
          ))}
        </ToolGroup>
        <ToolDivider />
        <ToolGroup>
          {TEXT_FORMATS.map(({ format, label, mark }) => (
            <ToolButton
              key={format}
              label={t(label)}
              active={formats[format]}
              onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format)}
            >
              {mark}
            </ToolButton>
          ))}
        </ToolGroup>
        <ToolDivider />
        <ToolGroup>
          <ToolButton
            label={t('toolbar.bullet')}
            active={formats.block === 'bullet'}
            onClick={() => toggleList('bullet')}
          >
            <ToolIcon name="bullet" />
          </ToolButton>
          <ToolButton
            label={t('toolbar.number')}
            active={formats.block === 'number'}
            onClick={() => toggleList('number')}
          >
            <ToolIcon name="numbered" />
          </ToolButton>
          <ToolButton
            label={t('toolbar.quote')}
            active={formats.block === 'quote'}
            onClick={() => toggleBlock('quote')}
          >
            <ToolIcon name="quote" />
          </ToolButton>
        </ToolGroup>
        <ToolDivider />
        <ToolGroup>
          <ToolButton
            label={t('toolbar.link')}
            active={formats.link}
            onClick={() => editor.dispatchCommand(OPEN_LINK_DIALOG_COMMAND, undefined)}
          >
            <ToolIcon name="link" />
          </ToolButton>
          <ToolButton
            label={t('toolbar.image')}
            onClick={() => editor.dispatchCommand(OPEN_IMAGE_PICKER_COMMAND, undefined)}
          >
            <ToolIcon name="image" />
          </ToolButton>
          <ToolButton
            label={t('toolbar.table')}
            onClick={() => editor.dispatchCommand(INSERT_TABLE_COMMAND, { rows: '3', columns: '3' })}
          >
            <ToolIcon name="table" />
          </ToolButton>
          <ToolButton
            label={t('toolbar.rule')}
            onClick={() => editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined)}
          >
            <ToolIcon name="rule" />
          </ToolButton>
        </ToolGroup>
        <ToolDivider />
        <ToolGroup>
          {ALIGNS.map(({ align, label, mark }) => (
            <ToolButton
              key={align}
              label={t(label)}
              active={formats.align === align}
              onClick={() => editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, align)}
            >
              {mark}
            </ToolButton>
          ))}
        </ToolGroup>
        <ToolDivider />
        <ToolGroup>
          <ToolButton
            label={t('toolbar.undo')}
            disabled={!canUndo}
            onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}
          >
            <ToolIcon name="undo" />
          </ToolButton>
          <ToolButton
            label={t('toolbar.redo')}
            disabled={!canRedo}
            onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}
          >
            <ToolIcon name="redo" />
          </ToolButton>
          <ToolButton label={t('toolbar.find')} onClick={() => editor.dispatchCommand(OPEN_FIND_COMMAND, undefined)}>
            <ToolIcon name="find" />
          </ToolButton>
        </ToolGroup>
      </div>
      {tip.element}
    </>
  );
}
