import type { CoreContext, OfficeHooks } from '../context';
import { unsealOfficeSigner, type OfficeConnection } from './connection';

/**
 * What the rest of the core tells a workstation's office connection, as the running core wires it:
 * who signs in (the connection signs the server's challenge with her key, unsealed with the
 * password just checked), accounts that changed, articles saved here and live editors' updates.
 */
export function officeHooks(ctx: CoreContext, office: OfficeConnection, log: (line: string) => void): OfficeHooks {
  return {
    signedIn(userId, password) {
      unsealOfficeSigner(ctx, userId, password).then(
        (signer) => office.setSigner(signer),
        (error: unknown) => log(`Không mở được khóa để đăng nhập máy chủ văn phòng: ${(error as Error).message}`),
      );
    },
    signedOut(userId) {
      if (office.signerUserId === userId) office.setSigner(null);
      else office.forgetKey(userId);
    },
    accountsChanged() {
      // The change itself is committed: a directory that cannot take it now gets it at the next change.
      try {
        office.publishAccounts();
      } catch (error) {
        log(`Không đưa được thay đổi tài khoản vào danh bạ văn phòng: ${(error as Error).message}`);
      }
    },
    articleSaved(articleId) {
      office.articleSaved(articleId);
      // One more change waits for the server: the status line counts it.
      ctx.emit('office.changed', {});
    },
    recordEvent(event, signer) {
      const recorded = office.recordEvent(event, signer);
      if (recorded) ctx.emit('office.changed', {});
      return recorded;
    },
    commentAdded(entry) {
      office.commentAdded(entry);
      ctx.emit('office.changed', {});
    },
    imageStored() {
      office.imageStored();
      ctx.emit('office.changed', {});
    },
    awaitingImage: (hash) => office.awaitingImage(hash),
    liveDocument: (articleId) => office.liveDocument(articleId),
    setViewer: (articleId, session, viewer) => office.setViewer(articleId, session, viewer),
    viewersOf: (articleId, exceptUserId) => office.viewersOf(articleId, exceptUserId),
    articlesToSync: () => office.articlesToSync(),
    applyFromEditor(articleId, update, session, steps) {
      const result = office.applyFromEditor(articleId, update, session, steps);
      ctx.emit('office.changed', {});
      return result;
    },
  };
}
