import { html, type SafeHtml } from '@remix-run/html-template';

export type { SafeHtml };

/**
 * All HTML the publisher writes is built with this tag (the static site's pages and feed, the
 * byline WordPress posts end with): each `${value}` is escaped (`& < > " '`, so it is
 * safe in text and in a quoted attribute alike) unless it is already a `SafeHtml` made by `markup`,
 * `lines`, `joined` or `trusted`; an array of them is joined. Nothing reaches a page by concatenation.
 * (Not named `html`: Prettier would reformat the fragments as whole HTML documents.)
 */
export const markup = html;

/**
 * Markup that comes from elsewhere and is already safe where it goes: the sanitized article body,
 * the site's own stylesheet. Nothing a user typed may pass through here unsanitized.
 */
export function trusted(fragment: string): SafeHtml {
  return html.raw`${fragment}`;
}

/** One fragment per line, the empty ones (a left-out element) dropped. */
export function lines(...parts: (SafeHtml | null | false | undefined)[]): SafeHtml {
  return trusted(parts.filter((part): part is SafeHtml => Boolean(part) && String(part) !== '').join('\n'));
}

/** The fragments with `separator` (itself markup) between them. */
export function joined(parts: readonly SafeHtml[], separator: SafeHtml): SafeHtml {
  return trusted(parts.join(String(separator)));
}

/**
 * Characters XML 1.0 forbids (controls other than tab and line breaks, U+FFFE/U+FFFF, unpaired
 * surrogates) and the C1 controls HTML reports as errors. Text stored before the contract refused
 * them must still give a well-formed feed and valid pages, so they are dropped on the way out.
 */
const NOT_DOCUMENT_TEXT =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The finished document as text to write: nothing in it a strict parser would refuse. */
export function documentText(document: SafeHtml): string {
  return String(document).replace(NOT_DOCUMENT_TEXT, '');
}
