import { z } from 'zod';
import { text } from './api/fields';
import { fold } from './text';

/**
 * The office's categories: a list the administrator keeps, so an article's category is picked,
 * never typed (a typo would start a new category on the site). Administrators, editors and heads
 * may add to it from the article itself; reporters too when the office allows it.
 */
export const categoryNameSchema = text(200, { trim: true, min: 1, minMessage: 'Hãy nhập tên chuyên mục.' });

/** Two names for one category: the same letters, whatever the case or the tone marks' placement. */
export function sameCategory(a: string, b: string): boolean {
  return fold(a.trim()) === fold(b.trim());
}

/** The listed name `name` stands for, case and tone marks aside. */
export function listedCategory(names: readonly string[], name: string): string | undefined {
  return names.find((listed) => sameCategory(listed, name));
}

/** The list's fields, as stored. */
export const categoryListFields = z
  .object({
    names: z.array(categoryNameSchema).max(500, 'Danh sách có nhiều nhất 500 chuyên mục.'),
    reportersMayAdd: z.boolean(),
  })
  .strict();

/** The list as an administrator saves it: no name twice. */
export const categoryListSchema = categoryListFields.superRefine((list, issues) => {
  list.names.forEach((name, index) => {
    const first = list.names.findIndex((other) => sameCategory(other, name));
    if (first !== index) {
      issues.addIssue({
        code: 'custom',
        path: ['names', index],
        message: `Chuyên mục “${name}” trùng với “${list.names[first]}”. Hãy giữ một tên.`,
      });
    }
  });
});
export type CategoryList = z.infer<typeof categoryListSchema>;

/** The list as the caller sees it: whether they themselves may add a category to it. */
export const categoryChoicesSchema = z.object({
  names: z.array(z.string()),
  reportersMayAdd: z.boolean(),
  mayAdd: z.boolean(),
});
export type CategoryChoices = z.infer<typeof categoryChoicesSchema>;

/** What an office starts with, before its administrator edits the list. */
export const DEFAULT_CATEGORIES: readonly string[] = [
  'Tin tức - Sự kiện',
  'Văn hóa',
  'Di sản',
  'Lễ hội',
  'Du lịch',
  'Thể thao',
  'Thông tin - Truyền thông',
  'Thông báo',
];
