import type { EditorThemeClasses } from 'lexical';

/** CSS classes Lexical puts on the nodes it renders; styled in editor.css. */
export const editorTheme: EditorThemeClasses = {
  paragraph: 'bt-paragraph',
  heading: { h2: 'bt-h2', h3: 'bt-h3', h4: 'bt-h4' },
  quote: 'bt-quote',
  list: {
    ul: 'bt-ul',
    ol: 'bt-ol',
    listitem: 'bt-listitem',
    nested: { listitem: 'bt-listitem-nested' },
  },
  link: 'bt-link',
  hr: 'bt-hr',
  image: 'bt-image',
  table: 'bt-table',
  tableRow: 'bt-table-row',
  tableCell: 'bt-table-cell',
  tableCellHeader: 'bt-table-cell-header',
  tableCellSelected: 'bt-table-cell-selected',
  tableSelection: 'bt-table-selection',
  text: {
    bold: 'bt-bold',
    italic: 'bt-italic',
    underline: 'bt-underline',
    strikethrough: 'bt-strikethrough',
    underlineStrikethrough: 'bt-underline-strikethrough',
  },
};
