import type { Contract } from './contract';

/** A method is whatever the contract (src/shared/api/contract.ts) has a schema for. */
export type MethodName = keyof Contract & string;

/**
 * The contract's method names as plain strings: the preload script builds `window.bientap` from
 * this list without bundling the schemas. The type checker holds it to the contract both ways
 * (no name the contract lacks, none it has left out), and the dispatcher's test compares it with
 * the contract's keys at run time.
 */
export const METHOD_NAMES = [
  'setup.status',
  'setup.createAdmin',
  'auth.login',
  'auth.logout',
  'auth.me',
  'auth.changePassword',
  'users.list',
  'users.create',
  'users.update',
  'users.disable',
  'users.enable',
  'users.resetPassword',
  'articles.list',
  'articles.get',
  'articles.create',
  'articles.save',
  'articles.search',
  'workflow.submit',
  'workflow.retract',
  'workflow.settings.get',
  'workflow.settings.set',
  'organisation.get',
  'organisation.set',
  'categories.list',
  'categories.set',
  'categories.add',
  'backup.status',
  'backup.settings.set',
  'backup.now',
  'backup.restore',
  'backup.check',
  'logs.export',
  'updates.get',
  'updates.set',
  'recovery.status',
  'recovery.restore',
  'recovery.export',
  'workflow.requestChanges',
  'workflow.approve',
  'workflow.publish',
  'workflow.withdraw',
  'workflow.schedule',
  'workflow.history',
  'comments.add',
  'comments.reply',
  'comments.resolve',
  'comments.list',
  'review.queue',
  'revisions.list',
  'revisions.get',
  'revisions.compare',
  'revisions.restore',
  'images.upload',
  'images.get',
  'proofread.settings.get',
  'proofread.settings.set',
  'proofread.lexicon.list',
  'proofread.lexicon.add',
  'proofread.lexicon.remove',
  'proofread.ignores.list',
  'proofread.ignores.add',
  'proofread.ignores.remove',
  'proofread.check',
  'checklist.get',
  'publishing.targets.list',
  'publishing.targets.save',
  'publishing.targets.remove',
  'publishing.status',
  'publishing.queue',
  'publishing.retry',
  'publishing.conflict',
  'publishing.resolve',
  'publishing.preview',
  'office.status',
  'office.info',
  'office.prepare',
  'office.create',
  'office.invite',
  'office.join',
  'collab.sync',
] as const satisfies readonly MethodName[];

type Unlisted = Exclude<MethodName, (typeof METHOD_NAMES)[number]>;
type Holds<T extends true> = T;
/** Fails to compile, naming the method, when the contract has a method the list above lacks. */
export type EveryMethodListed = Holds<[Unlisted] extends [never] ? true : Unlisted>;

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value);
}

/** Events the host pushes to the renderer. */
/**
 * `collab.changed` ({ articleId, session? }): an article's shared document changed (from the office
 * server, another window, or the editor named by `session`); an open editor fetches what it lacks.
 * `images.stored` ({ hash }): an image articles name arrived from the office server; a placeholder
 * shown for it is replaced by the photo.
 */
export const EVENT_NAMES = [
  'app.flush',
  'articles.changed',
  'publishing.changed',
  'office.changed',
  'collab.changed',
  'images.stored',
  'updates.changed',
  'app.updateReady',
  /** main → renderer: a menu item of the desktop app (`newArticle`, `search`, `nextInQueue`). */
  'app.command',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];
