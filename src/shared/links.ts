/**
 * Where a link in an article may point: web pages and e-mail, nothing that runs or embeds. It has
 * a file of its own so the editor checks links by the core's rule without loading the schemas.
 */
export const LINK_URL = /^(?:https?:\/\/|mailto:)/i;
