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
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value);
}

/** Events the host pushes to the renderer. */
export const EVENT_NAMES = ['app.flush', 'articles.changed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];
