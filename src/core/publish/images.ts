import { decodeHTMLAttribute } from 'entities';
import type { JSDOM } from 'jsdom';
import { jsdom } from '../render/jsdom';
import { IMAGE_SCHEME } from './adapter';

/**
 * The article HTML names each image as `<img src="bientap-image:<hash>">`, and only there. Text may
 * hold the same characters (`src="bientap-image:…"` survives serialization, quotes unescaped), so a
 * reference is recognised only as the `src` of an `<img>` element, as an HTML parser sees it.
 *
 * The bodies are the sanitizer's serialization, whose grammar is small: text never holds `<`, every
 * attribute value is double-quoted and never holds `"`. Read token by token in that grammar, the
 * tags are exactly the parser's (and a page renders in a fraction of a millisecond, where parsing
 * each body into a DOM costs tens). HTML outside that grammar (a comment, a script, a stray `<`)
 * is parsed into a DOM instead.
 */

const REFERENCE = new RegExp(`^${IMAGE_SCHEME}([0-9a-f]{8,128})$`);

/** Text, or a start or end tag with double-quoted attribute values, as the serializer writes them. */
const TOKEN = /[^<]+|<(\/?)([a-zA-Z][^\s/>]*)((?:\s+[^\s"'<>/=]+(?:="[^"]*")?)*)\s*(\/?)>/y;
const ATTRIBUTE = /\s+([^\s"'<>/=]+)(?:="([^"]*)")?/g;
/** Elements whose text the serializer writes unescaped: their content is not in the grammar. */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'noscript']);

interface Source {
  /** Where the attribute value starts and ends in the HTML. */
  start: number;
  end: number;
  /** The value as the parser reads it. */
  value: string;
}

/** The `src` of every `<img>`, in order; null when the HTML is not in the serializer's grammar. */
function imageSources(html: string): Source[] | null {
  const sources: Source[] = [];
  let at = 0;
  while (at < html.length) {
    TOKEN.lastIndex = at;
    const token = TOKEN.exec(html);
    if (!token) return null;
    const [, closing, tagName, attributes] = token;
    const name = tagName?.toLowerCase();
    if (name !== undefined && closing === '') {
      if (RAW_TEXT.has(name)) return null;
      if (name === 'img' && attributes) {
        const offset = at + 1 + (tagName as string).length;
        for (const attribute of attributes.matchAll(ATTRIBUTE)) {
          if (attribute[1]!.toLowerCase() !== 'src') continue;
          // The parser keeps the first of repeated attributes.
          if (attribute[2] !== undefined) {
            const end = offset + attribute.index + attribute[0].length - 1;
            const raw = attribute[2];
            sources.push({ start: end - raw.length, end, value: raw.includes('&') ? decodeHTMLAttribute(raw) : raw });
          }
          break;
        }
      }
    }
    at = TOKEN.lastIndex;
  }
  return sources;
}

/** As the serializer writes an attribute value. */
function attributeValue(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/\u00a0/g, '&nbsp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

let dom: JSDOM | null = null;

/** Outside the grammar: the HTML parsed as an inert fragment (nothing loads, nothing runs). */
function fragment(html: string): HTMLTemplateElement {
  dom ??= new (jsdom().JSDOM)('<!doctype html><html><body></body></html>');
  const template = dom.window.document.createElement('template');
  template.innerHTML = html;
  return template;
}

/**
 * The HTML with the `src` of each `<img>` replaced by `rewrite(src)`, or left where it returns
 * null. Everything else is kept byte for byte (outside the grammar: as the parser reserializes it).
 */
function rewriteImageSources(html: string, rewrite: (src: string) => string | null): string {
  const sources = imageSources(html);
  if (sources === null) {
    const template = fragment(html);
    let changed = false;
    for (const img of template.content.querySelectorAll('img[src]')) {
      const next = rewrite(img.getAttribute('src') ?? '');
      if (next === null) continue;
      img.setAttribute('src', next);
      changed = true;
    }
    return changed ? template.innerHTML : html;
  }
  let out = '';
  let copied = 0;
  for (const source of sources) {
    const next = rewrite(source.value);
    if (next === null) continue;
    out += html.slice(copied, source.start) + attributeValue(next);
    copied = source.end;
  }
  return copied === 0 ? html : out + html.slice(copied);
}

const hashOf = (src: string) => REFERENCE.exec(src)?.[1] ?? null;

/** The image hashes the body's `<img>` elements name, in order, each once. */
export function imageHashesIn(html: string): string[] {
  // Most bodies are read once per page render: skip the work when no image can be named.
  if (!html.includes(IMAGE_SCHEME)) return [];
  const sources =
    imageSources(html)?.map((source) => source.value) ??
    Array.from(fragment(html).content.querySelectorAll('img[src]'), (img) => img.getAttribute('src') ?? '');
  return [...new Set(sources.map(hashOf).filter((hash) => hash !== null))];
}

/**
 * The body with each image reference pointing where the caller put that image; `url` returning
 * null leaves that reference as it is.
 */
export function resolveImages(html: string, url: (hash: string) => string | null): string {
  if (!html.includes(IMAGE_SCHEME)) return html;
  return rewriteImageSources(html, (src) => {
    const hash = hashOf(src);
    return hash === null ? null : url(hash);
  });
}

/**
 * The reverse, for a copy read back from a site: each `<img>` whose `src` is the site's own address
 * for an image (`hashOfUrl` finds the hash in it) named by its reference again. Text is never touched.
 */
export function referenceImages(html: string, hashOfUrl: (src: string) => string | null): string {
  if (!html.includes('<img')) return html;
  return rewriteImageSources(html, (src) => {
    const hash = hashOfUrl(src);
    return hash === null ? null : `${IMAGE_SCHEME}${hash}`;
  });
}

/** For tests: whether `html` is read token by token (true) or parsed into a DOM (false). */
export function inSerializedGrammar(html: string): boolean {
  return imageSources(html) !== null;
}
