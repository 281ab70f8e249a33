import type { EditorThemeClasses } from 'lexical';

/** CSS classes Lexical puts on the nodes it renders; styled in editor.css. */
export const editorTheme: EditorThemeClasses = {
  paragraph: 'bt-paragraph',
  heading: { h2: 'bt-h2', h3: 'bt-h3' },
  quote: 'bt-quote',
  list: {
    ul: 'bt-ul',
    ol: 'bt-ol',
    listitem: 'bt-listitem',
    nested: { listitem: 'bt-listitem-nested' },
  },
  text: { bold: 'bt-bold', italic: 'bt-italic' },
};
