import { AppError } from '../../shared/errors';
import type { Caller, FeatureHandlers } from '../api/handler';
import { assertReadable } from '../articles/handlers';
import { loadArticle } from '../articles/view';
import { isoNow, type CoreContext } from '../context';
import { renderArrivedOf } from '../images/arrived';
import { adapterFor, assertAdapterAvailable } from './adapters';
import { findEntry, listQueue, placements, requeue, settle, toPublicEntry, type EntryRecord } from './outbox';
import { articleHtml } from './payload';
import { previewHtml } from './preview';
import type { RemoteSnapshot } from './adapter';
import { acceptRemoteStamp, findRemote } from './remote';
import { findTarget, listTargets, removeTarget, saveTarget, toPublic } from './targets';

function readableEntry(ctx: CoreContext, entryId: string, caller: Caller): EntryRecord {
  const entry = findEntry(ctx, entryId);
  if (!entry) throw new AppError('NOT_FOUND');
  assertReadable(loadArticle(ctx, entry.articleId), caller);
  return entry;
}

/** The site's current copy of the entry's article, or null when the site has none. */
async function remoteCopy(ctx: CoreContext, entry: EntryRecord): Promise<RemoteSnapshot | null> {
  const target = findTarget(ctx, entry.targetId);
  if (!target) throw new AppError('NOT_FOUND');
  const known = findRemote(ctx, entry.articleId, entry.targetId);
  try {
    return await adapterFor(ctx, target).fetchRemote(entry.articleId, known, {});
  } catch (error) {
    throw new AppError('UNAVAILABLE', `Không đọc được bản trên trang: ${(error as Error).message}`);
  }
}

function announce(ctx: CoreContext, entry: EntryRecord): void {
  ctx.emit('publishing.changed', { articleId: entry.articleId, entryId: entry.id });
}

export const publishingHandlers: FeatureHandlers<
  | 'publishing.targets.list'
  | 'publishing.targets.save'
  | 'publishing.targets.remove'
  | 'publishing.status'
  | 'publishing.queue'
  | 'publishing.retry'
  | 'publishing.conflict'
  | 'publishing.resolve'
  | 'publishing.preview'
> = {
  'publishing.targets.list': {
    access: 'session',
    run: (ctx) => ({ items: listTargets(ctx).map(toPublic) }),
  },

  'publishing.targets.save': {
    access: 'settings.manage',
    run(ctx, input) {
      // A site whose adapter cannot be built (bad address, credential that does not decrypt) is not stored.
      const saved = ctx.db
        .transaction(() => {
          const target = saveTarget(ctx, input);
          if (target.enabled) assertAdapterAvailable(ctx, target);
          return target;
        })
        .immediate();
      ctx.emit('publishing.changed', {});
      return toPublic(saved);
    },
  },

  'publishing.targets.remove': {
    access: 'settings.manage',
    run(ctx, input) {
      if (!findTarget(ctx, input.id)) throw new AppError('NOT_FOUND');
      ctx.db.transaction(() => removeTarget(ctx, input.id)).immediate();
      ctx.emit('publishing.changed', {});
      return { ok: true as const };
    },
  },

  'publishing.status': {
    access: 'article.readOwn',
    run(ctx, input, caller) {
      assertReadable(loadArticle(ctx, input.articleId), caller);
      return { items: placements(ctx, input.articleId) };
    },
  },

  'publishing.queue': {
    access: 'article.publish',
    run(ctx) {
      const { items, counts } = listQueue(ctx);
      return { items: items.map((item) => toPublicEntry(ctx, item)), counts };
    },
  },

  'publishing.retry': {
    access: 'article.publish',
    run(ctx, input, caller) {
      readableEntry(ctx, input.entryId, caller);
      const entry = ctx.db.transaction(() => requeue(ctx, input.entryId)).immediate();
      announce(ctx, entry);
      return toPublicEntry(ctx, entry);
    },
  },

  'publishing.conflict': {
    access: 'article.publish',
    async run(ctx, input, caller) {
      const entry = readableEntry(ctx, input.entryId, caller);
      const article = loadArticle(ctx, entry.articleId)!;
      const remote = await remoteCopy(ctx, entry);
      return {
        entryId: entry.id,
        local: { title: article.title, html: articleHtml(article) },
        remote: remote
          ? { title: remote.title, html: remote.html, url: remote.url, remoteModified: remote.remoteModified }
          : null,
      };
    },
  },

  'publishing.resolve': {
    access: 'article.publish',
    async run(ctx, input, caller) {
      const entry = readableEntry(ctx, input.entryId, caller);
      if (entry.state !== 'conflict') {
        throw new AppError(
          'INVALID_TRANSITION',
          'Yêu cầu đăng này không còn ở trạng thái xung đột. Hãy tải lại hàng đợi.',
        );
      }
      if (input.choice === 'overwrite') {
        const updated = ctx.db.transaction(() => requeue(ctx, entry.id, true)).immediate();
        announce(ctx, updated);
        return toPublicEntry(ctx, updated);
      }
      // Keeping the site's version: its current stamp becomes the last sync, so the next update
      // compares against the version the user has now seen and accepted.
      const remote = await remoteCopy(ctx, entry);
      const updated = ctx.db
        .transaction(() => {
          const at = isoNow(ctx);
          if (remote) acceptRemoteStamp(ctx, entry.articleId, entry.targetId, remote.remoteModified, at);
          settle(ctx, entry.id, 'superseded', { lastError: 'Giữ bản trên trang theo lựa chọn của người dùng.' });
          return findEntry(ctx, entry.id)!;
        })
        .immediate();
      announce(ctx, updated);
      return toPublicEntry(ctx, updated);
    },
  },

  'publishing.preview': {
    access: 'article.readOwn',
    async run(ctx, input, caller) {
      const article = loadArticle(ctx, input.articleId);
      assertReadable(article, caller);
      await renderArrivedOf(ctx.db, input.articleId);
      return { html: previewHtml(ctx, article) };
    },
  },
};
