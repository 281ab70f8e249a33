export { createStaticAdapter, DEFAULT_SITE_TITLE, siteTitleOf, type StaticSiteConfig } from './adapter';
export { SCRIPT, STYLESHEET } from './assets';
export {
  renderPortalPage,
  type OtherArticleLink,
  type PortalArticle,
  type PortalImage,
  type PortalPageOptions,
  type StyleOption,
} from './page';
