import { call } from '../../api';
import { getBridge } from '../../bridge';
import type { ImagePayload } from './ImageNode';

const urls = new Map<string, Promise<string>>();

type Base64Decoder = { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> };

/**
 * The bytes of a base64 text. A photo is a few hundred kilobytes: mapping it a character at a time
 * through a callback took tens of milliseconds of the page opening an article with photos.
 */
export function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  const decoder = Uint8Array as unknown as Base64Decoder;
  if (decoder.fromBase64) return decoder.fromBase64(data);
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Photos fetched while the article is being built, decoded together once its text has painted. */
let waiting: (() => void)[] = [];

function decodeAfterPaint(decode: () => void): void {
  waiting.push(decode);
  if (waiting.length > 1) return;
  // A frame callback runs before that frame is painted; a task it queues runs after the paint. Not
  // an idle callback: one batch right after the text shows, before anyone starts typing, rather
  // than photo by photo in the pauses of the first sentence typed.
  requestAnimationFrame(() =>
    setTimeout(() => {
      const batch = waiting;
      waiting = [];
      for (const run of batch) run();
    }, 0),
  );
}

/**
 * A blob: URL for the web rendition, fetched once per hash for the life of the page. Decoding a
 * photo's bytes takes milliseconds; an article opening asks for all its photos at once, so they are
 * decoded once the page has painted what it is building (the article's text).
 */
export function imageUrl(hash: string): Promise<string> {
  listen();
  let url = urls.get(hash);
  if (!url) {
    url = call('images.get', { hash, rendition: 'web' }).then(
      ({ mime, data }) =>
        new Promise<string>((resolve, reject) => {
          decodeAfterPaint(() => {
            try {
              resolve(URL.createObjectURL(new Blob([fromBase64(data)], { type: mime })));
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        }),
    );
    url.catch(() => urls.delete(hash));
    urls.set(hash, url);
  }
  return url;
}

/** What to do when an image shown as missing arrives (from the office server), by hash. */
const awaiting = new Map<string, Set<() => void>>();
/** Images that arrived since this page opened: one may arrive between a failed fetch and the wait for it. */
const arrived = new Set<string>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  getBridge().on('images.stored', (payload) => {
    const stored = (payload as { hash?: unknown } | null)?.hash;
    if (typeof stored !== 'string') return;
    arrived.add(stored);
    const waiters = awaiting.get(stored);
    awaiting.delete(stored);
    for (const run of waiters ?? []) run();
  });
}

/**
 * Runs `arrived` once the image arrives in the store (an image another workstation inserted,
 * fetched after its text), at once if it already has; returns a function that stops waiting.
 */
export function whenImageArrives(hash: string, then: () => void): () => void {
  listen();
  if (arrived.has(hash)) {
    then();
    return () => undefined;
  }
  let waiters = awaiting.get(hash);
  if (!waiters) awaiting.set(hash, (waiters = new Set()));
  waiters.add(then);
  return () => {
    waiters.delete(then);
    if (waiters.size === 0 && awaiting.get(hash) === waiters) awaiting.delete(hash);
  };
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  // In slices: one String.fromCharCode call per byte would be slow, one for all would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Sends a file to the core's image store and resolves once it is stored: only then may the text
 * reference it, so an autosave never points at an image that is not saved.
 */
export async function uploadImage(file: Blob): Promise<ImagePayload> {
  const info = await call('images.upload', { data: toBase64(await file.arrayBuffer()) });
  return { hash: info.hash, width: info.webWidth, height: info.webHeight, altText: '', caption: '', credit: '' };
}

/**
 * The image files among dropped or pasted items. Word and some browsers put a picture of the
 * copied text on the clipboard beside the text itself; when there is text, the text wins.
 */
export function imageFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  if (data.types.includes('text/html') || data.types.includes('text/plain')) return [];
  return Array.from(data.files).filter((file) => file.type.startsWith('image/') || file.type === '');
}
