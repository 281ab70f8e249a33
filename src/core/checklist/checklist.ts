import type { EditorNode, EditorState } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Checklist, ChecklistCheck, ChecklistItem } from '../../shared/proofreadApi';
import type { CoreContext } from '../context';
import { checkStoredBody } from '../proofread/check';
import { readHouseStyle } from '../proofread/settings';

/** What the checklist reads of an article: its stored content and the metadata signed with it. */
export interface ChecklistArticle {
  id: string;
  title: string;
  summary: string;
  byline: string;
  category: string;
  body: EditorState;
}

function imagesWithoutAlt(node: EditorNode): number {
  const own = node.type === 'image' && !(typeof node.altText === 'string' && node.altText.trim()) ? 1 : 0;
  return own + (node.children ?? []).reduce((sum, child) => sum + imagesWithoutAlt(child), 0);
}

/** Each check: the problem in Vietnamese, or null when the article passes it. */
const CHECKS: Record<ChecklistCheck, (ctx: CoreContext, article: ChecklistArticle) => string | null> = {
  title: (_ctx, a) => (a.title.trim() ? null : 'Bài chưa có tiêu đề. Hãy nhập tiêu đề ở đầu bài.'),
  summary: (_ctx, a) => (a.summary.trim() ? null : 'Bài chưa có sapo. Hãy viết đoạn sapo ngay dưới tiêu đề.'),
  category: (_ctx, a) => (a.category.trim() ? null : 'Bài chưa có chuyên mục. Hãy chọn chuyên mục cho bài.'),
  byline: (_ctx, a) => (a.byline.trim() ? null : 'Bài chưa có tác giả / bút danh. Hãy ghi bút danh cho bài.'),
  imageAlt(_ctx, a) {
    const missing = imagesWithoutAlt(a.body.root);
    return missing === 0
      ? null
      : `${missing} ảnh chưa có mô tả thay thế (alt) cho người đọc bằng máy đọc màn hình. Hãy bấm vào từng ảnh và điền mô tả.`;
  },
  proofErrors(ctx, a) {
    const errors = checkStoredBody(ctx, a.id, a.body).filter((finding) => finding.severity === 'error').length;
    return errors === 0
      ? null
      : `Còn ${errors} lỗi soát lỗi chưa sửa. Hãy mở thẻ "Soát lỗi" để sửa, hoặc bỏ qua những chỗ viết đúng ý.`;
  },
};

const ORDER = Object.keys(CHECKS) as ChecklistCheck[];

/** Every problem of the article, split by what the office set to block and what only warns. */
export function computeChecklist(ctx: CoreContext, article: ChecklistArticle): Checklist {
  const blockingChecks = new Set(readHouseStyle(ctx).blockingChecks);
  const result: Checklist = { blocking: [], warnings: [] };
  for (const check of ORDER) {
    const message = CHECKS[check](ctx, article);
    if (message === null) continue;
    const item: ChecklistItem = { check, message };
    (blockingChecks.has(check) ? result.blocking : result.warnings).push(item);
  }
  return result;
}

/**
 * Refuses a submission or a sign-off while a blocking check fails. Only the blocking checks run
 * here: proofreading a long article is the costly one and usually only warns.
 */
export function assertChecklistPasses(ctx: CoreContext, article: ChecklistArticle): void {
  const blocking: ChecklistItem[] = [];
  for (const check of readHouseStyle(ctx).blockingChecks) {
    const message = CHECKS[check](ctx, article);
    if (message !== null) blocking.push({ check, message });
  }
  if (blocking.length === 0) return;
  throw new AppError(
    'CHECKLIST_BLOCKED',
    `Bài viết chưa thể gửi đi: ${blocking.map((item) => item.message).join(' ')}`,
    blocking.map((item) => ({ path: item.check, message: item.message })),
  );
}
