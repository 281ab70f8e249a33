/**
 * The names of every API method, and nothing else: the preload script builds
 * `window.bientap` from this list without bundling the schemas.
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
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value);
}

/** Events the host pushes to the renderer. */
export const EVENT_NAMES = ['app.flush', 'articles.changed', 'publishing.changed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];
