import createDOMPurify, { type Config } from 'dompurify';
import { domWindow } from './dom';

/** What the published page may contain: the article's structure and nothing that runs. */
export const ALLOWED_TAGS = [
  'p',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'br',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'figure',
  'figcaption',
  'small',
  'img',
] as const;

export const ALLOWED_ATTR = ['href', 'title', 'rel', 'src', 'alt', 'width', 'height', 'style', 'colspan', 'rowspan'];

/** Links go to web pages or e-mail; images come only from the site itself (relative) or https. */
const SAFE_URL = /^(?:https?:|mailto:|\/(?!\/)|[^:/?#]+(?:[/?#]|$))/i;
/**
 * The publisher's internal image reference, `bientap-image:<sha-256>`: kept on an `<img src>` (only
 * the image node makes one) and removed from every other URL, where a site would never resolve it.
 */
const IMAGE_REFERENCE = /^bientap-image:[0-9a-f]{64}$/;
const INTERNAL_URL = /^bientap-image(?:[:/]|$)/i;
/** What browsers ignore inside a URL: whitespace and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this matches
const URL_IGNORED = /[\s\u0000-\u001f\u007f]/g;
/** The one inline style kept: the paragraph alignment a reporter chose. */
const SAFE_STYLE = /^text-align:\s*(?:left|center|right|justify);?$/;

const CONFIG: Config = {
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP: SAFE_URL,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  KEEP_CONTENT: true,
};

let purifier: ReturnType<typeof createDOMPurify> | null = null;

function instance(): ReturnType<typeof createDOMPurify> {
  if (purifier) return purifier;
  const created = createDOMPurify(domWindow() as unknown as Parameters<typeof createDOMPurify>[0]);
  created.addHook('uponSanitizeAttribute', (node, data) => {
    if (data.attrName === 'src' || data.attrName === 'href') {
      if (data.attrName === 'src' && node.tagName === 'IMG' && IMAGE_REFERENCE.test(data.attrValue)) {
        // Not a URL the allow-list knows: the publishing adapter swaps it for the image's address.
        data.forceKeepAttr = true;
      } else if (INTERNAL_URL.test(data.attrValue.replace(URL_IGNORED, ''))) {
        data.keepAttr = false;
      }
    }
    if (data.attrName === 'style') {
      const value = data.attrValue.trim();
      data.keepAttr = SAFE_STYLE.test(value);
      data.attrValue = value;
    }
  });
  created.addHook('afterSanitizeAttributes', (node) => {
    // A published link never hands the reader's page to the site it opens.
    if (node.tagName === 'A' && node.hasAttribute('href')) node.setAttribute('rel', 'noopener noreferrer');
  });
  purifier = created;
  return created;
}

/** HTML reduced to the allow-list. Idempotent: sanitizing its output again changes nothing. */
export function sanitizeHtml(html: string): string {
  return instance().sanitize(html, { ...CONFIG, RETURN_TRUSTED_TYPE: false });
}
