import type { Highlight } from '../../../shared/search';

/** Text with the core's match ranges as <mark>: plain React text nodes, so nothing is parsed as HTML. */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly Highlight[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start < at || range.end > text.length) continue;
    if (range.start > at) parts.push(text.slice(at, range.start));
    parts.push(<mark key={range.start}>{text.slice(range.start, range.end)}</mark>);
    at = range.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
