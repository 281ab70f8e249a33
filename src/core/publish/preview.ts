import type { ReviewedArticle } from '../../shared/review';
import type { CoreContext } from '../context';
import { findImage, readImageBytes } from '../images/repo';
import { articleHtml } from './payload';
import { readOrganisation } from '../organisation/settings';
import { renderPortalPage, siteTitleOf, STYLESHEET } from './static';
import { listTargets } from './targets';

/**
 * The article "as on the portal": the page the static site would write, with its stylesheet
 * inlined and images as data URLs so the page stands alone inside the app, and no script.
 */
export function previewHtml(ctx: CoreContext, article: ReviewedArticle): string {
  const site = listTargets(ctx).find((target) => target.config.kind === 'static')?.config;
  const siteTitle =
    site?.kind === 'static' && site.siteTitle ? site.siteTitle : siteTitleOf(readOrganisation(ctx).name);
  const dataUrl = (hash: string) => {
    const image = readImageBytes(ctx.db, hash, 'web');
    return image ? `data:${image.mime};base64,${image.bytes.toString('base64')}` : '';
  };
  const featured = article.featuredImage ? findImage(ctx.db, article.featuredImage) : null;
  return renderPortalPage(
    {
      title: article.title,
      summary: article.summary,
      html: articleHtml(article),
      byline: article.byline,
      publishedAt: new Date(article.scheduledFor ?? ctx.now().toISOString()),
      featuredImage: featured
        ? { hash: featured.hash, width: featured.webWidth, height: featured.webHeight, alt: article.title }
        : null,
    },
    { siteTitle, imageUrl: dataUrl, stylesheet: { inline: STYLESHEET }, scriptHref: null },
  );
}
