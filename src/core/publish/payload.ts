import type { EditorNode } from '../../shared/domain';
import { slugify, uniqueSlug } from '../../shared/slug';
import type { ReviewedArticle } from '../../shared/review';
import { isSlugTaken } from '../articles/repo';
import { loadArticle } from '../articles/view';
import type { CoreContext } from '../context';
import { isArrived } from '../images/arrived';
import { readImageBytes, findImage } from '../images/repo';
import { renderArticleHtml } from '../render/html';
import { auditAnchorText } from '../audit/log';
import { issueKeysFile } from '../seal/keysFile';
import { pageSealer } from '../seal/seal';
import { staticVerifyPageUrl } from './static/adapter';
import { listTargets } from './targets';
import { IMAGE_SCHEME, PublishError, type PublishImage, type PublishPayload } from './adapter';

/**
 * The signed body as every adapter receives it: each image node's `<img>` names its image as
 * `bientap-image:<hash>`, which the sanitizer keeps there and nowhere else.
 */
export function articleHtml(article: Pick<ReviewedArticle, 'body'>): string {
  return renderArticleHtml(article.body, { imageUrl: (hash) => `${IMAGE_SCHEME}${hash}` });
}

function altTexts(root: EditorNode): Map<string, string> {
  const alts = new Map<string, string>();
  const visit = (node: EditorNode) => {
    if (node.type === 'image' && typeof node.hash === 'string' && !alts.has(node.hash)) {
      alts.set(node.hash, typeof node.altText === 'string' ? node.altText : '');
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return alts;
}

function image(ctx: CoreContext, hash: string, alt: string): PublishImage {
  const info = findImage(ctx.db, hash);
  const bytes = readImageBytes(ctx.db, hash, 'web');
  if (!info || !bytes) {
    if (isArrived(ctx.db, hash)) {
      throw new PublishError(
        'permanent',
        `Ảnh ${hash.slice(0, 12)}… của bài nhận từ máy chủ văn phòng nhưng không giải mã được. Hãy chèn lại ảnh gốc rồi gửi duyệt lại.`,
      );
    }
    if (ctx.office.awaitingImage(hash)) {
      throw new PublishError(
        'transient',
        `Ảnh ${hash.slice(0, 12)}… của bài chưa tải xong từ máy chủ văn phòng. Biên Tập sẽ đăng lại khi ảnh về.`,
      );
    }
    throw new PublishError(
      'permanent',
      `Ảnh ${hash.slice(0, 12)}… của bài không còn trong kho ảnh. Hãy chèn lại ảnh rồi gửi duyệt lại.`,
    );
  }
  return {
    hash,
    mime: bytes.mime as PublishImage['mime'],
    bytes: bytes.bytes,
    width: info.webWidth,
    height: info.webHeight,
    alt,
  };
}

/** The page address: the signed slug, or for articles signed before slugs existed, one derived from the title. */
export function effectiveSlug(ctx: CoreContext, article: Pick<ReviewedArticle, 'id' | 'slug' | 'title'>): string {
  return article.slug || uniqueSlug(slugify(article.title), (slug) => isSlugTaken(ctx, slug, article.id));
}

/**
 * Exactly the signed article, rendered for a site. The hash is recomputed from what is stored now
 * and must be the one the approval signed and the one the publish request was made for; anything
 * else is refused, so only signed content leaves the machine.
 */
export function buildPayload(ctx: CoreContext, articleId: string, requestedHash: string | null): PublishPayload {
  const article = loadArticle(ctx, articleId);
  if (!article) throw new PublishError('permanent', 'Bài viết không còn trong cơ sở dữ liệu.');
  const approval = article.latestApproval;
  if (!approval?.valid || approval.signedHash !== article.contentHash || requestedHash !== article.contentHash) {
    throw new PublishError(
      'permanent',
      'Nội dung bài không khớp với chữ ký duyệt nên không được gửi lên trang. Bài cần được trưởng phòng duyệt lại rồi đăng lại.',
    );
  }
  const alts = altTexts(article.body.root);
  const publishedAt = new Date(article.scheduledFor ?? firstPublishedAt(ctx, articleId) ?? ctx.now().toISOString());
  const hashes = new Set(alts.keys());
  if (article.featuredImage) hashes.add(article.featuredImage);
  return {
    articleId: article.id,
    contentHash: article.contentHash,
    title: article.title,
    summary: article.summary,
    html: articleHtml(article),
    slug: effectiveSlug(ctx, article),
    byline: article.byline,
    category: article.category,
    tags: article.tags,
    featuredImageHash: article.featuredImage,
    images: [...hashes].map((hash) => image(ctx, hash, alts.get(hash) ?? article.title)),
    publishedAt,
    sealer: pageSealer(ctx, { ...article, latestApproval: approval }, publishedAt),
    keysFile: issueKeysFile(ctx),
    auditHead: auditAnchorText(ctx),
    verifyPageUrl: officeVerifyPageUrl(ctx),
  };
}

/** The verification page of the office's first static site that has a web address. */
function officeVerifyPageUrl(ctx: CoreContext): string | null {
  for (const target of listTargets(ctx, true)) {
    if (target.config.kind !== 'static') continue;
    try {
      const url = staticVerifyPageUrl(target.config.baseUrl);
      if (url) return url;
    } catch {
      // An address the static site itself refuses to publish under: not one to send readers to.
    }
  }
  return null;
}

/** When the article first went public: the portal's date line keeps that time through updates. */
function firstPublishedAt(ctx: CoreContext, articleId: string): string | null {
  const row = ctx.db
    .prepare(`SELECT min(at) AS at FROM article_events WHERE article_id = ? AND kind = 'published'`)
    .get(articleId) as { at: string | null };
  return row.at;
}
