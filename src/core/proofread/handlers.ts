import { AppError } from '../../shared/errors';
import type { Caller, FeatureHandlers } from '../api/handler';
import { assertEditable, assertReadable } from '../articles/handlers';
import { findArticle, findArticleMeta } from '../articles/repo';
import { appendAudit } from '../audit/log';
import type { CoreContext } from '../context';
import { checkBlocks, checkStoredBody } from './check';
import { addIgnore, listIgnores, removeIgnore } from './ignores';
import { addLexiconWord, listLexicon, removeLexiconWord } from './lexicon';
import { readHouseStyle, writeHouseStyle } from './settings';

function readableMeta(ctx: CoreContext, articleId: string, caller: Caller) {
  const meta = findArticleMeta(ctx, articleId);
  assertReadable(meta, caller);
  return meta;
}

function editableMeta(ctx: CoreContext, articleId: string, caller: Caller) {
  const meta = findArticleMeta(ctx, articleId);
  assertEditable(meta, caller);
  return meta;
}

export const proofreadHandlers: FeatureHandlers<
  | 'proofread.settings.get'
  | 'proofread.settings.set'
  | 'proofread.lexicon.list'
  | 'proofread.lexicon.add'
  | 'proofread.lexicon.remove'
  | 'proofread.ignores.list'
  | 'proofread.ignores.add'
  | 'proofread.ignores.remove'
  | 'proofread.check'
> = {
  'proofread.settings.get': {
    access: 'session',
    run: (ctx) => readHouseStyle(ctx),
  },

  'proofread.settings.set': {
    access: 'settings.manage',
    run(ctx, input, caller) {
      return ctx.db.transaction(() => {
        const saved = writeHouseStyle(ctx, input, caller.user.id);
        appendAudit(ctx, { actorId: caller.user.id, action: 'settings.houseStyle', details: { ...saved } });
        return saved;
      })();
    },
  },

  'proofread.lexicon.list': {
    access: 'session',
    run: (ctx) => ({ items: listLexicon(ctx) }),
  },

  'proofread.lexicon.add': {
    access: 'settings.manage',
    run(ctx, input, caller) {
      return ctx.db.transaction(() => {
        const entry = addLexiconWord(ctx, input.word, caller.user.id);
        appendAudit(ctx, { actorId: caller.user.id, action: 'lexicon.add', details: { word: entry.word } });
        return entry;
      })();
    },
  },

  'proofread.lexicon.remove': {
    access: 'settings.manage',
    run(ctx, input, caller) {
      ctx.db.transaction(() => {
        if (!removeLexiconWord(ctx, input.word)) {
          throw new AppError('NOT_FOUND', 'Từ này không có trong từ điển của cơ quan. Hãy tải lại danh sách.');
        }
        appendAudit(ctx, { actorId: caller.user.id, action: 'lexicon.remove', details: { word: input.word } });
      })();
      return { ok: true as const };
    },
  },

  'proofread.ignores.list': {
    access: 'article.readOwn',
    run(ctx, input, caller) {
      readableMeta(ctx, input.articleId, caller);
      return { items: listIgnores(ctx, input.articleId) };
    },
  },

  'proofread.ignores.add': {
    access: 'article.editOwn',
    run(ctx, input, caller) {
      editableMeta(ctx, input.articleId, caller);
      addIgnore(ctx, input.articleId, { rule: input.rule, text: input.text }, caller.user.id);
      return { ok: true as const };
    },
  },

  'proofread.ignores.remove': {
    access: 'article.editOwn',
    run(ctx, input, caller) {
      editableMeta(ctx, input.articleId, caller);
      removeIgnore(ctx, input.articleId, { rule: input.rule, text: input.text });
      return { ok: true as const };
    },
  },

  'proofread.check': {
    access: 'article.readOwn',
    run(ctx, input, caller) {
      if (input.blocks) {
        readableMeta(ctx, input.articleId, caller);
        return { findings: checkBlocks(ctx, input.articleId, input.blocks) };
      }
      const article = findArticle(ctx, input.articleId);
      assertReadable(article, caller);
      return { findings: checkStoredBody(ctx, input.articleId, article.body) };
    },
  },
};
