import { $getRoot, $isTextNode, type ElementNode, type LexicalNode, type TextNode } from 'lexical';

/** Where a match lies: from `start` in the first text node to `end` in the last one. */
export interface Match {
  startKey: string;
  start: number;
  endKey: string;
  end: number;
}

interface Piece {
  node: TextNode;
  /** Offset of this node's text within its run. */
  at: number;
}

/**
 * Runs of adjacent text nodes, in reading order: a word half bold, half plain is two nodes but
 * one run, so it is still found. Anything else between text nodes (a line break, an image, a
 * new paragraph) ends the run.
 */
function $textRuns(): Piece[][] {
  const runs: Piece[][] = [];
  const visit = (parent: ElementNode) => {
    let run: Piece[] = [];
    let length = 0;
    const close = () => {
      if (run.length > 0) runs.push(run);
      run = [];
      length = 0;
    };
    for (const child of parent.getChildren<LexicalNode>()) {
      if ($isTextNode(child) && child.isSimpleText()) {
        run.push({ node: child, at: length });
        length += child.getTextContentSize();
      } else {
        close();
        if ('getChildren' in child) visit(child as ElementNode);
      }
    }
    close();
  };
  visit($getRoot());
  return runs;
}

function runText(run: Piece[]): string {
  return run.map((piece) => piece.node.getTextContent()).join('');
}

/** The piece holding offset `offset` of the run; an end offset belongs to the piece it closes. */
function pieceAt(run: Piece[], offset: number, isEnd: boolean): Piece {
  for (const piece of run) {
    const size = piece.node.getTextContentSize();
    if (isEnd ? offset <= piece.at + size : offset < piece.at + size) return piece;
  }
  return run[run.length - 1] as Piece;
}

function* occurrences(text: string, needle: string): Generator<number> {
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) yield at;
}

/**
 * Every place `query` occurs, also across format changes within a run. The query is compared in
 * NFC, the form the text is kept in.
 */
export function $findMatches(query: string): Match[] {
  const needle = query.normalize('NFC');
  if (needle === '') return [];
  const matches: Match[] = [];
  for (const run of $textRuns()) {
    for (const at of occurrences(runText(run), needle)) {
      const first = pieceAt(run, at, false);
      const last = pieceAt(run, at + needle.length, true);
      matches.push({
        startKey: first.node.getKey(),
        start: at - first.at,
        endKey: last.node.getKey(),
        end: at + needle.length - last.at,
      });
    }
  }
  return matches;
}

/**
 * Replaces every occurrence; returns how many were replaced. The replacement takes the format of
 * the text where the match starts; the matched text in the following runs is removed.
 */
export function $replaceAll(query: string, replacement: string): number {
  const needle = query.normalize('NFC');
  if (needle === '') return 0;
  const next = replacement.normalize('NFC');
  let count = 0;
  for (const run of $textRuns()) {
    const text = runText(run);
    const found = [...occurrences(text, needle)];
    if (found.length === 0) continue;
    count += found.length;
    // New text per node: each node keeps what lies outside the matches, and the node where a
    // match starts receives the replacement.
    const pieces = run.map((piece) => ({ ...piece, size: piece.node.getTextContentSize(), out: '' }));
    let cursor = 0;
    const copy = (from: number, to: number) => {
      for (const piece of pieces) {
        const a = Math.max(from, piece.at);
        const b = Math.min(to, piece.at + piece.size);
        if (a < b) piece.out += text.slice(a, b);
      }
    };
    for (const at of found) {
      copy(cursor, at);
      const owner = pieces.find((piece) => at < piece.at + piece.size) ?? pieces[pieces.length - 1];
      if (owner) owner.out += next;
      cursor = at + needle.length;
    }
    copy(cursor, text.length);
    for (const piece of pieces) {
      if (piece.out === piece.node.getTextContent()) continue;
      if (piece.out === '') piece.node.remove();
      else piece.node.setTextContent(piece.out);
    }
  }
  return count;
}
