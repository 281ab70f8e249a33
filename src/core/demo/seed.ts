import { appendAudit } from '../audit/log';
import type { CoreContext } from '../context';
import { isoNow } from '../context';
import { prepareContent } from '../articles/content';
import { emptyEditorState, paragraphNode, textNode } from '../articles/editorState';
import { insertArticle, recordRevision } from '../articles/repo';
import { articleParts } from '../../shared/portal/page';
import { parsePortalArticle } from './sampleArticle';

/**
 * With demo content asked for, the first administrator finds the sample article waiting.
 * There is no demo account: an article needs an author, so it waits for the first real one.
 */
export function seedDemoIfWanted(ctx: CoreContext): void {
  if (!ctx.demoText) return;
  const articles = (ctx.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  if (articles > 0) return;
  const admin = ctx.db.prepare("SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1").get() as
    { id: string } | undefined;
  if (!admin) return;

  const sample = articleParts(parsePortalArticle(ctx.demoText));
  const body = emptyEditorState();
  body.root.children = sample.body.map((text) => paragraphNode([textNode(text)]));
  const content = prepareContent(sample.title, sample.summary, body);
  const id = ctx.newId();
  const at = isoNow(ctx);
  ctx.db
    .transaction(() => {
      insertArticle(ctx, id, admin.id, content, at);
      recordRevision(ctx, id, 1, 'created', admin.id, content, at);
      appendAudit(ctx, { actorId: null, action: 'article.create', subjectId: id, details: { demo: true } });
    })
    .immediate();
}
