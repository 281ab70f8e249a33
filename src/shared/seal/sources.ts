import { KEYS_PATH, type KeysFile } from './format';
import { parseKeysFile } from './schema';

/**
 * Where a verifier finds what a page does not carry itself: its images and the office's keys file.
 * Both the command line and the verification page read them through these, with their own fetch.
 */

/** Reads bytes from an address; null when they cannot be had. */
export type FetchBytes = (url: string) => Promise<Uint8Array | null>;

/** The last segment of an image address (no query or fragment), decoded: how a saved page's images are matched. */
export function imageFileName(src: string): string {
  const path = src.split(/[?#]/)[0] ?? '';
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Images of a page read from its address: each `src` resolved against the page's URL. */
export function imagesFromUrl(pageUrl: string, fetchBytes: FetchBytes): (src: string) => Promise<Uint8Array | null> {
  return async (src) => {
    let url: string;
    try {
      url = new URL(src, pageUrl).href;
    } catch {
      return null;
    }
    return fetchBytes(url);
  };
}

/** Images of a saved page among the files the reader gave, matched by file name. */
export function imagesFromFiles(files: ReadonlyMap<string, Uint8Array>): (src: string) => Promise<Uint8Array | null> {
  return (src) => Promise.resolve(files.get(imageFileName(src)) ?? null);
}

/**
 * Where a page's site may publish its keys file: `.well-known/bientap-keys.json` in the page's
 * folder, then in each folder above it up to the host's root (a site need not sit at the root).
 */
export function keysUrlCandidates(pageUrl: string): string[] {
  const url = new URL(pageUrl);
  const candidates: string[] = [];
  let folder = new URL('./', url);
  for (;;) {
    candidates.push(new URL(KEYS_PATH, folder).href);
    if (folder.pathname === '/') break;
    folder = new URL('../', folder);
  }
  return candidates;
}

/** The keys file in some bytes, or null when they are not one. */
export function keysFileFrom(bytes: Uint8Array): KeysFile | null {
  try {
    return parseKeysFile(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown);
  } catch {
    return null;
  }
}
