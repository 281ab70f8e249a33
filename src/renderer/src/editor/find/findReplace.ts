import { $getRoot, $isTextNode, type TextNode } from 'lexical';

export interface Match {
  key: string;
  start: number;
  end: number;
}

/** Text nodes in reading order. */
function $textNodes(): TextNode[] {
  return $getRoot()
    .getAllTextNodes()
    .filter((node): node is TextNode => $isTextNode(node));
}

/**
 * Every place `query` occurs, within one text run each (a word split across a format change,
 * half bold, is not a match). The query is compared in NFC, the form the text is kept in.
 */
export function $findMatches(query: string): Match[] {
  const needle = query.normalize('NFC');
  if (needle === '') return [];
  const matches: Match[] = [];
  for (const node of $textNodes()) {
    const text = node.getTextContent();
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
      matches.push({ key: node.getKey(), start: at, end: at + needle.length });
    }
  }
  return matches;
}

/** Replaces every occurrence, keeping each run's format; returns how many were replaced. */
export function $replaceAll(query: string, replacement: string): number {
  const needle = query.normalize('NFC');
  if (needle === '') return 0;
  const next = replacement.normalize('NFC');
  let count = 0;
  for (const node of $textNodes()) {
    const text = node.getTextContent();
    if (!text.includes(needle)) continue;
    const parts = text.split(needle);
    count += parts.length - 1;
    node.setTextContent(parts.join(next));
  }
  return count;
}
