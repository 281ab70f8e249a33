// The toolbar's icons as the SVG markup Tabler publishes, bundled as text. Drawn by the icon
// components of @tabler/icons-react they cost two dozen components and a hundred element nodes
// in React's tree for every article opened, for pictures that never change.
import alignCenter from '@tabler/icons/outline/align-center.svg?raw';
import alignJustify from '@tabler/icons/outline/align-left-justified.svg?raw';
import alignLeft from '@tabler/icons/outline/align-left.svg?raw';
import alignRight from '@tabler/icons/outline/align-right.svg?raw';
import redo from '@tabler/icons/outline/arrow-forward-up.svg?raw';
import undo from '@tabler/icons/outline/arrow-back-up.svg?raw';
import bold from '@tabler/icons/outline/bold.svg?raw';
import h2 from '@tabler/icons/outline/h-2.svg?raw';
import h3 from '@tabler/icons/outline/h-3.svg?raw';
import h4 from '@tabler/icons/outline/h-4.svg?raw';
import italic from '@tabler/icons/outline/italic.svg?raw';
import link from '@tabler/icons/outline/link.svg?raw';
import numbered from '@tabler/icons/outline/list-numbers.svg?raw';
import bullet from '@tabler/icons/outline/list.svg?raw';
import image from '@tabler/icons/outline/photo.svg?raw';
import paragraph from '@tabler/icons/outline/pilcrow.svg?raw';
import quote from '@tabler/icons/outline/quote.svg?raw';
import find from '@tabler/icons/outline/search.svg?raw';
import rule from '@tabler/icons/outline/separator-horizontal.svg?raw';
import strikethrough from '@tabler/icons/outline/strikethrough.svg?raw';
import table from '@tabler/icons/outline/table.svg?raw';
import underline from '@tabler/icons/outline/underline.svg?raw';

export const TOOLBAR_ICONS = {
  alignCenter,
  alignJustify,
  alignLeft,
  alignRight,
  bold,
  bullet,
  find,
  h2,
  h3,
  h4,
  image,
  italic,
  link,
  numbered,
  paragraph,
  quote,
  redo,
  rule,
  strikethrough,
  table,
  underline,
  undo,
} as const;

export type ToolbarIconName = keyof typeof TOOLBAR_ICONS;
