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
    /^(?:bai-viet\/[a-z0-9-]+\.html|trang\/[0-9]+\.html|images\/[0-9a-f]{8,128}\.(?:jpg|png|webp)|\.bientap\/bai-viet\/[0-9a-f]{32}\.json)$/,
  );

export const manifestSchema = z
  .object({
    format: z.literal(1),
    /** Names the site in its feed when it has no address of its own; made once, kept for good. */
    siteId: z.uuid(),
    articles: z.array(siteEntrySchema),
    /**
     * Files the operation in progress will remove once the new pages are written. A crash leaves them
     * here, and the next operation finishes the job before doing its own.
     */
    pendingRemovals: z.array(removablePath),
  })
  .superRefine((manifest, context) => {
    const ids = new Set<string>();
    const slugs = new Set<string>();
    for (const entry of manifest.articles) {
      if (ids.has(entry.id) || slugs.has(entry.slug))
        context.addIssue({ code: 'custom', message: `Bài ${entry.id} (${entry.slug}) có hai lần trong danh mục.` });
      ids.add(entry.id);
      slugs.add(entry.slug);
    }
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
});
export type ArticleSource = z.infer<typeof sourceSchema>;

/** Newest first, the order of every list on the site; ties broken by id so rebuilds agree. */
export function newestFirst(entries: readonly SiteEntry[]): SiteEntry[] {
  return [...entries].sort((a, b) =>
    a.publishedAt === b.publishedAt ? a.id.localeCompare(b.id) : b.publishedAt.localeCompare(a.publishedAt),
  );
}
