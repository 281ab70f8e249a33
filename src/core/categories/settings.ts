import {
  DEFAULT_CATEGORIES,
  categoryListFields,
  listedCategory,
  type CategoryChoices,
  type CategoryList,
} from '../../shared/categories';
import type { Role } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { nfc } from '../../shared/text';
import type { CoreContext } from '../context';
import { settingStore } from '../settings/store';

const EMPTY: CategoryList = { names: [], reportersMayAdd: false };
const store = settingStore<CategoryList>('categories', categoryListFields, EMPTY);

function isSaved(ctx: CoreContext): boolean {
  return ctx.db.prepare("SELECT 1 FROM settings WHERE key = 'categories'").get() !== undefined;
}

/**
 * The office's categories. Until an administrator saves a list, the defaults plus every category
 * an article already carries, so an office that typed its categories keeps them all.
 */
export function readCategories(ctx: CoreContext): CategoryList {
  if (isSaved(ctx)) return store.read(ctx);
  const names = [...DEFAULT_CATEGORIES];
  const used = ctx.db
    .prepare("SELECT DISTINCT category FROM articles WHERE category <> '' ORDER BY category")
    .pluck()
    .all() as string[];
  for (const name of used) if (!listedCategory(names, name)) names.push(name);
  return { names, reportersMayAdd: false };
}

export function writeCategories(ctx: CoreContext, list: CategoryList, userId: string): CategoryList {
  const names = list.names.map((name) => nfc(name));
  return store.write(ctx, { names, reportersMayAdd: list.reportersMayAdd }, userId);
}

/** Whoever reviews or administers may add a category from an article; reporters when the office allows it. */
export function mayAddCategory(role: Role, list: CategoryList): boolean {
  return role !== 'reporter' || list.reportersMayAdd;
}

export function choicesFor(list: CategoryList, role: Role): CategoryChoices {
  return { ...list, mayAdd: mayAddCategory(role, list) };
}

/**
 * Refuses a category the list does not hold, when a save changes it: an article keeps the category
 * it has even after the list drops it, but none takes a new name that is not listed.
 */
export function assertCategoryListed(ctx: CoreContext, category: string, stored: string): void {
  const name = nfc(category.trim());
  if (name === '' || name === stored) return;
  const names = readCategories(ctx).names;
  if (names.includes(name)) return;
  const near = listedCategory(names, name);
  throw new AppError(
    'INVALID_INPUT',
    near
      ? `Chuyên mục “${name}” không có trong danh sách; danh sách có “${near}”. Hãy chọn chuyên mục trong danh sách.`
      : `Chuyên mục “${name}” không có trong danh sách của cơ quan. Hãy chọn một chuyên mục trong danh sách, hoặc nhờ biên tập viên hay quản trị viên thêm chuyên mục mới.`,
    [{ path: 'category', message: 'Chuyên mục không có trong danh sách.' }],
  );
}
