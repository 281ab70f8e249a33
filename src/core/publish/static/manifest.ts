import { z } from 'zod';
import { SLUG_PATTERN } from '../../../shared/slug';

const hash = z.string().regex(/^[0-9a-f]{8,128}$/);

export const siteImageSchema = z.object({
  hash,
  /** Site path, `images/<hash>.<ext>`. */
  file: z.string().regex(/^images\/[0-9a-f]{8,128}\.(?:jpg|png|webp)$/),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  alt: z.string(),
});
export type SiteImage = z.infer<typeof siteImageSchema>;

/** What the site keeps of each published article: enough to rebuild every list without the database. */
export const siteEntrySchema = z.object({
  id: z.string().min(1),
  slug: z.string().regex(SLUG_PATTERN),
  title: z.string(),
  summary: z.string(),
  byline: z.string(),
  publishedAt: z.iso.datetime(),
  /** When this article's content was last written; the feed's `updated`. */
  updatedAt: z.iso.datetime(),
  contentHash: z.string(),
  /** The `remoteModified` handed back to the workstation. */
  stamp: z.string(),
  featured: siteImageSchema.nullable(),
  images: z.array(siteImageSchema),
  /** SHA-256 of the page as last written: anything else on disk is a hand edit. */
  pageHash: z.string(),
  /**
   * The page's hash before the write in progress. Set in the manifest written before the pages and
   * cleared after, so a crash between the two is not mistaken for a hand edit.
   */
  previousPageHash: z.string().optional(),
});
export type SiteEntry = z.infer<typeof siteEntrySchema>;

/** Only files the site itself made may ever be scheduled for removal, whatever the manifest says. */
const removablePath = z
  .string()
  .regex(
    /^(?:bai-viet\/[a-z0-9-]+\.html|trang\/[0-9]+\.html|images\/[0-9a-f]{8,128}\.(?:jpg|png|webp)|\.bientap\/bai-viet\/[0-9a-f]{32}\.json|\.bientap\/danh-muc\/[0-9]+\.json|\.bientap\/anh\/[0-9a-f]{8,128}\.json)$/,
  );

function uniqueEntries(entries: readonly SiteEntry[], context: z.RefinementCtx) {
  const ids = new Set<string>();
  const slugs = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.id) || slugs.has(entry.slug))
      context.addIssue({ code: 'custom', message: `Bài ${entry.id} (${entry.slug}) có hai lần trong danh mục.` });
    ids.add(entry.id);
    slugs.add(entry.slug);
  }
}

/** The manifest sites written before the archive was cut into files: every entry in one file. */
export const legacyManifestSchema = z
  .object({
    format: z.literal(1),
    siteId: z.uuid(),
    articles: z.array(siteEntrySchema),
    pendingRemovals: z.array(removablePath),
  })
  .superRefine((manifest, context) => uniqueEntries(manifest.articles, context));
export type LegacyManifest = z.infer<typeof legacyManifestSchema>;

/** One file of the archive: up to ten entries, oldest first. */
export const chunkSchema = z.array(siteEntrySchema).superRefine(uniqueEntries);

/**
 * What an operation is about to make of the site, written before it touches a page: the archive
 * files it rewrites (entries whose page it writes keep the hash the page had), the pages it writes,
 * the files it removes. A crash leaves it here and the next operation finishes it first.
 */
export const journalSchema = z.object({
  count: z.number().int().nonnegative(),
  chunks: z.record(z.string().regex(/^[1-9][0-9]*$/), chunkSchema),
  /** Articles whose own page is written. */
  dirty: z.array(z.string().min(1)),
  /** Archive pages (`trang/k.html`) written. */
  archivePages: z.array(z.number().int().positive()),
  /** Which articles show each image named, as the operation leaves it; an empty list removes the image. */
  imageRefs: z.record(hash, z.array(z.string().min(1))),
  /** The published article's new source, written with the pages. */
  source: z.lazy(() => sourceSchema).optional(),
  removals: z.array(removablePath),
  /** Every page is rendered again (the template or the site's title changed, or the site was converted). */
  rebuild: z.boolean().optional(),
});
export type Journal = z.infer<typeof journalSchema>;

/** `.bientap/site.json`: the archive's size and the operation under way, if one was interrupted. */
export const manifestSchema = z.object({
  format: z.literal(2),
  /** Names the site in its feed when it has no address of its own; made once, kept for good. */
  siteId: z.uuid(),
  count: z.number().int().nonnegative(),
  /** What the pages were last rendered with (see `lookOf`): when it changes, every page is rendered again. */
  look: z.string(),
  pending: journalSchema.nullable(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The body and the rest of the article that only its own page needs, one file per article. */
export const sourceSchema = z.object({
  id: z.string().min(1),
  html: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  /** The page's seal, `<!-- bientap:seal=… -->` exactly (it goes into the page as it is). */
  seal: z
    .string()
    .regex(/^<!-- bientap:seal=[A-Za-z0-9_-]+ -->$/)
    .optional(),
  /** The signer wrote the article herself (the seal says so too). */
  selfApproved: z.boolean().optional(),
  /** Where the article stands in the archive's order; absent in sources written before the archive was cut into files. */
  publishedAt: z.iso.datetime().optional(),
});
export type ArticleSource = z.infer<typeof sourceSchema>;

/**
 * The archive's order, oldest first: by publishing time, ties broken by id so rebuilds agree. Every
 * list on the site reads it backwards, newest first.
 */
export function compareOldestFirst(a: Pick<SiteEntry, 'publishedAt' | 'id'>, b: Pick<SiteEntry, 'publishedAt' | 'id'>) {
  return a.publishedAt === b.publishedAt ? b.id.localeCompare(a.id) : a.publishedAt.localeCompare(b.publishedAt);
}

export function oldestFirst(entries: readonly SiteEntry[]): SiteEntry[] {
  return [...entries].sort(compareOldestFirst);
}
