import * as Y from 'yjs';

// An article's content document: its body (a flow in CONTENT_ROOT) and its fields beside the body in
// the `meta` map, written the same way by the core (a save made here, a first document) and by the
// renderer's live editor.

/** The article's fields beside its body, as the content document holds them. */
export interface ContentMeta {
  title: string;
  summary: string;
  byline: string;
  category: string;
  tags: string[];
  slug: string;
  featuredImage: string | null;
}

/**
 * The name of the Y.Text that holds an article's body as a flow (./flow.ts). The core's headless
 * editors and the renderer's live one bind to the same name.
 */
export const CONTENT_ROOT = 'body';

/** The name of the Y.Map beside the body that holds an article's other fields. */
export const CONTENT_META = 'meta';

/**
 * Shared types by field. Words people type (title, summary, byline) are Y.Text, so two people
 * editing a title offline both keep their letters; tags are a Y.Array, so tags added on two
 * machines are both kept; the rest are chosen, not typed, and the last choice wins.
 */
export const TEXT_FIELDS = ['title', 'summary', 'byline'] as const;
const VALUE_FIELDS = ['category', 'slug', 'featuredImage'] as const;

export function readMeta(doc: Y.Doc): ContentMeta {
  const meta = doc.getMap<unknown>(CONTENT_META);
  const text = (field: string) => {
    const value = meta.get(field);
    return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
  };
  const value = (field: string) => {
    const found = meta.get(field);
    return typeof found === 'string' ? found : '';
  };
  const tags = meta.get('tags');
  return {
    title: text('title'),
    summary: text('summary'),
    byline: text('byline'),
    category: value('category'),
    tags: tags instanceof Y.Array ? tags.toArray().filter((tag): tag is string => typeof tag === 'string') : [],
    slug: value('slug'),
    featuredImage: value('featuredImage') || null,
  };
}

/** Sets `text` to `value` by the letters that differ at its ends, so concurrent edits elsewhere in it stay. */
function setText(text: Y.Text, value: string): void {
  const old = text.toString();
  if (old === value) return;
  let prefix = 0;
  const max = Math.min(old.length, value.length);
  while (prefix < max && old[prefix] === value[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && old[old.length - 1 - suffix] === value[value.length - 1 - suffix]) suffix++;
  text.delete(prefix, old.length - prefix - suffix);
  text.insert(prefix, value.slice(prefix, value.length - suffix));
}

/**
 * Writes the given fields into the meta map where they differ from what it holds, in one
 * transaction: typed fields by the letters that changed, tags as a set. Fields not given stay.
 */
export function writeMetaChanges(doc: Y.Doc, fields: Partial<ContentMeta>, origin: unknown = null): void {
  const meta = doc.getMap<unknown>(CONTENT_META);
  doc.transact(() => {
    for (const field of TEXT_FIELDS) {
      const wanted = fields[field];
      if (wanted === undefined) continue;
      const text = meta.get(field);
      if (text instanceof Y.Text) setText(text, wanted);
      else meta.set(field, new Y.Text(wanted));
    }
    for (const field of VALUE_FIELDS) {
      const wanted = fields[field];
      if (wanted !== undefined && meta.get(field) !== wanted) meta.set(field, wanted);
    }
    if (fields.tags !== undefined) writeTags(meta, fields.tags);
  }, origin);
}

/** Tags are a set: those gone are removed, those new added, so tags added on two machines both stay. */
function writeTags(meta: Y.Map<unknown>, wantedTags: readonly string[]): void {
  const tags = meta.get('tags');
  if (!(tags instanceof Y.Array)) {
    meta.set('tags', Y.Array.from([...wantedTags]));
    return;
  }
  const wanted = new Set(wantedTags);
  const present = tags.toArray() as unknown[];
  for (let index = present.length - 1; index >= 0; index--) {
    if (!wanted.has(present[index] as string)) tags.delete(index, 1);
  }
  const have = new Set(tags.toArray() as unknown[]);
  const added = wantedTags.filter((tag) => !have.has(tag));
  if (added.length > 0) tags.push(added);
}
