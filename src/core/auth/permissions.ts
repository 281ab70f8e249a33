import type { Role } from '../../shared/domain';

/** What a signed-in person may ask the core to do. The renderer only mirrors this. */
export const ACTIONS = [
  'session',
  'article.readOwn',
  'article.readOthers',
  'article.create',
  'article.editOwn',
  'article.editOthers',
  'user.list',
  'user.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const MATRIX: Record<Role, readonly Action[]> = {
  reporter: ['session', 'article.readOwn', 'article.create', 'article.editOwn'],
  editor: [
    'session',
    'article.readOwn',
    'article.readOthers',
    'article.create',
    'article.editOwn',
    'article.editOthers',
  ],
  head: [
    'session',
    'article.readOwn',
    'article.readOthers',
    'article.create',
    'article.editOwn',
    'article.editOthers',
    'user.list',
  ],
  admin: ACTIONS,
};

export function can(role: Role, action: Action): boolean {
  return MATRIX[role].includes(action);
}
