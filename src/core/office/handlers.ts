import * as Y from 'yjs';
import { contract } from '../../shared/api/contract';
import { cleanStrings } from '../../shared/cleanStrings';
import { AppError } from '../../shared/errors';
import type { ArticleStatus } from '../../shared/domain';
import type { FeatureHandlers } from '../api/handler';
import { parseInput } from '../api/dispatcher';
import { assertReadable, assertTextEditable } from '../articles/handlers';
import { prepareContent } from '../articles/content';
import { findArticle, findArticleMeta } from '../articles/repo';
import { saveContent } from '../articles/save';
import { isoNow, type CoreContext } from '../context';
import { assertImagesStored, imageHashesOf } from '../images/references';
import type { ArticleContent } from '../sync/contentDoc';
import { countUsers } from '../users/repo';
import { findOfficeKey, ensureOfficeKey } from '../seal/officeKey';
import { InvitationError } from '../../shared/sync/invitation';
import { OfficeError } from './client';
import { unsealOfficeSigner } from './connection';
import { createInvitation, createOffice, joinOffice, readOfficeConnection } from './invitations';
import { officeStatus } from './status';

type SaveInput = (typeof contract)['articles.save'];

/** Bytes from base64 that decode as a state vector (empty: nothing yet), or BAD_REQUEST. */
function decodeStateVector(data: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.from(data, 'base64'));
  if (bytes.length === 0) return bytes;
  try {
    Y.decodeStateVector(bytes);
  } catch {
    throw new AppError('BAD_REQUEST');
  }
  return bytes;
}

/**
 * Writes the article as its document now holds it into the row, as a save by `editorId` would
 * (checked as articles.save checks what it takes; an approval it no longer matches is voided).
 */
function saveFromDocument(
  ctx: CoreContext,
  articleId: string,
  current: ArticleContent,
  editorId: string,
  at: string,
): { version: number; status: ArticleStatus; approvalVoided: boolean } {
  const row = findArticle(ctx, articleId)!;
  // Captions are typed outside the editor's text transforms: what the core refuses in a save is
  // taken out here, as the editor takes it out of a save.
  const input = parseInput(contract['articles.save'], {
    id: articleId,
    baseVersion: row.version,
    ...cleanStrings(current),
  }) as ReturnType<SaveInput['input']['parse']>;
  const content = prepareContent(input.title, input.summary, input.body);
  const unchanged =
    row.title === content.title &&
    row.summary === content.summary &&
    JSON.stringify(row.body) === content.bodyJson &&
    row.byline === input.byline &&
    row.category === input.category &&
    row.slug === input.slug &&
    row.featuredImage === input.featuredImage &&
    JSON.stringify(row.tags) === JSON.stringify(input.tags);
  if (unchanged) return { version: row.version, status: row.status, approvalVoided: false };
  const named = new Set(imageHashesOf(row.body));
  if (row.featuredImage) named.add(row.featuredImage);
  assertImagesStored(ctx.db, input.body, input.featuredImage, named);
  return saveContent(ctx, articleId, row.version, content, input, editorId, at, row.status);
}

/**
 * The office's own refusals (a server that cannot be reached or presents another certificate, an
 * invitation mistyped or spent) as API errors, their words kept.
 */
async function asApiError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvitationError) throw new AppError('INVALID_INPUT', error.message);
    if (!(error instanceof OfficeError)) throw error;
    throw new AppError(error.code === 'credentials' ? 'WRONG_PASSWORD' : 'INVALID_INPUT', error.message);
  }
}

export const officeHandlers: FeatureHandlers<
  'office.status' | 'office.info' | 'office.prepare' | 'office.create' | 'office.invite' | 'office.join' | 'collab.sync'
> = {
  'office.status': {
    // Everyone who signs in sees where the workstation stands with the office: it is their work that waits.
    access: 'article.readOwn',
    run: (ctx) => ({ ...officeStatus(ctx), articlesToSync: ctx.office.articlesToSync() }),
  },

  'office.info': {
    access: 'settings.manage',
    run(ctx) {
      const connection = readOfficeConnection(ctx);
      const officeKey = findOfficeKey(ctx)?.fingerprint ?? null;
      return {
        membership: !connection ? 'none' : connection.office === officeKey ? 'holder' : 'member',
        server: connection?.url ?? null,
        officeKey,
      };
    },
  },

  'office.prepare': {
    access: 'settings.manage',
    run: (ctx) => ({ officeKey: ensureOfficeKey(ctx).fingerprint }),
  },

  'office.create': {
    access: 'settings.manage',
    async run(ctx, input, caller) {
      if (readOfficeConnection(ctx)) {
        throw new AppError('INVALID_INPUT', 'Máy này đã thuộc một phòng làm việc chung.');
      }
      // Her key signs the workstation in to the server: a wrong password stops here, before anything is sent.
      if (!(await unsealOfficeSigner(ctx, caller.user.id, input.password))) throw new AppError('WRONG_PASSWORD');
      const { connection, accepted } = await asApiError(() =>
        createOffice(ctx, { url: input.server, cert: input.cert }),
      );
      ctx.startOffice();
      ctx.office.signedIn(caller.user.id, input.password);
      ctx.emit('office.changed', {});
      return { server: connection.url, accounts: accepted };
    },
  },

  'office.invite': {
    access: 'user.manage',
    async run(ctx, input, caller) {
      const invitation = await asApiError(() =>
        createInvitation(ctx, { username: caller.user.username, password: input.password, hours: input.hours }),
      );
      return { line: invitation.line, expiresAt: invitation.expiresAt };
    },
  },

  'office.join': {
    // A new workstation has nobody to sign in yet: whoever sets it up joins it, as she would create its first account.
    access: 'public',
    async run(ctx, input) {
      if (countUsers(ctx) > 0) {
        throw new AppError(
          'ALREADY_SET_UP',
          'Máy này đã có tài khoản nên không tham gia phòng từ màn hình này được. Quản trị viên dùng lệnh “bientap office join”.',
        );
      }
      const { connection, applied } = await asApiError(() => joinOffice(ctx, input.invitation));
      ctx.startOffice();
      ctx.emit('office.changed', {});
      return { server: connection.url, accounts: applied.created.length + applied.updated.length };
    },
  },

  'collab.sync': {
    access: 'article.readOwn',
    run(ctx, input, caller) {
      const known = findArticleMeta(ctx, input.articleId);
      assertReadable(known, caller);
      const stateVector = decodeStateVector(input.stateVector);
      const doc = ctx.office.liveDocument(input.articleId);
      if (!doc) {
        return {
          shared: false,
          update: '',
          version: known.version,
          status: known.status,
          approvalVoided: false,
          viewers: [],
        };
      }
      let approvalVoided = false;
      if (input.update !== undefined) {
        const update = new Uint8Array(Buffer.from(input.update, 'base64'));
        const at = isoNow(ctx);
        approvalVoided = ctx.office.applyFromEditor(input.articleId, update, input.session, {
          editorId: caller.user.id,
          check() {
            const article = findArticleMeta(ctx, input.articleId);
            assertTextEditable(ctx, article && { ...article, id: input.articleId }, caller);
          },
          save: (current) => saveFromDocument(ctx, input.articleId, current, caller.user.id, at),
        }).approvalVoided;
      }
      const after = findArticleMeta(ctx, input.articleId)!;
      // Lists, search and other windows follow a row that moved.
      if (after.version !== known.version) ctx.emit('articles.changed', { id: input.articleId });
      const viewer = input.leaving ? null : { userId: caller.user.id, name: caller.user.displayName };
      ctx.office.setViewer(input.articleId, input.session, viewer);
      return {
        shared: true,
        // What this editor lacks: everything when it has nothing yet.
        update: Buffer.from(Y.encodeStateAsUpdate(doc, stateVector.length > 0 ? stateVector : undefined)).toString(
          'base64',
        ),
        version: after.version,
        status: after.status,
        approvalVoided,
        viewers: ctx.office.viewersOf(input.articleId, caller.user.id),
      };
    },
  },
};
