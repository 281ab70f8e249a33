import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import { DecoratorNode, type NodeKey, type SerializedLexicalNode } from 'lexical';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { install, recordCommit } from './harness';

const article = await (await fetch('/article.json')).text();
const blocks = Number(new URL(location.href).searchParams.get('blocks'));

/** The least an image needs to be shown in bare Lexical: a figure with the same picture and caption. */
class FigureNode extends DecoratorNode<null> {
  __caption: string;

  static override getType() {
    return 'image';
  }
  static override clone(node: FigureNode) {
    return new FigureNode(node.__caption, node.__key);
  }
  static override importJSON(json: SerializedLexicalNode & { caption?: string }) {
    return new FigureNode(json.caption ?? '');
  }
  constructor(caption: string, key?: NodeKey) {
    super(key);
    this.__caption = caption;
  }
  override exportJSON() {
    return { ...super.exportJSON(), caption: this.__caption };
  }
  override createDOM() {
    const figure = document.createElement('figure');
    const image = document.createElement('img');
    image.src = '/photo.jpg';
    image.style.maxWidth = '100%';
    image.style.height = 'auto';
    const caption = document.createElement('figcaption');
    caption.textContent = this.__caption;
    figure.append(image, caption);
    return figure;
  }
  override updateDOM() {
    return false;
  }
  override decorate() {
    return null;
  }
}

function CommitPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerUpdateListener(({ dirtyLeaves }) => {
        if (dirtyLeaves.size > 0) recordCommit();
      }),
    [editor],
  );
  return null;
}

install(() => {
  const container = document.getElementById('root')!;
  createRoot(container).render(
    <LexicalComposer
      initialConfig={{
        namespace: 'bare',
        nodes: [TableNode, TableRowNode, TableCellNode, FigureNode],
        editorState: article,
        onError: (error) => console.error(error),
      }}
    >
      <RichTextPlugin contentEditable={<ContentEditable className="surface" />} ErrorBoundary={LexicalErrorBoundary} />
      <HistoryPlugin />
      <CommitPlugin />
    </LexicalComposer>,
  );
}, blocks);
