/**
 * Every failure that crosses the API boundary is one of these codes, with a Vietnamese
 * message that says what happened and what to do. The renderer may translate by code.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'ALREADY_SET_UP',
  'INVALID_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'TOO_MANY_ATTEMPTS',
  'WRONG_PASSWORD',
  'INVALID_TRANSITION',
  'APPROVAL_INVALID',
  'IN_REVIEW',
  'CHECKLIST_BLOCKED',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  BAD_REQUEST: 'Yêu cầu không đúng định dạng. Hãy tải lại ứng dụng rồi thử lại.',
  UNKNOWN_METHOD: 'Ứng dụng gọi một chức năng không tồn tại. Hãy cập nhật hoặc tải lại ứng dụng.',
  INVALID_INPUT: 'Dữ liệu gửi lên không hợp lệ. Hãy kiểm tra lại các ô đã nhập.',
  UNAUTHENTICATED: 'Phiên làm việc đã hết hoặc chưa đăng nhập. Hãy đăng nhập lại.',
  FORBIDDEN: 'Tài khoản của bạn không có quyền làm việc này. Hãy liên hệ quản trị viên nếu cần.',
  NOT_FOUND: 'Không tìm thấy dữ liệu được yêu cầu. Có thể nó đã bị xóa.',
  CONFLICT:
    'Bài viết đã được lưu từ một nơi khác trong lúc bạn sửa. Hãy sao chép phần vừa viết, tải lại bài rồi dán vào.',
  ALREADY_SET_UP: 'Ứng dụng đã có quản trị viên. Hãy đăng nhập bằng tài khoản đã tạo.',
  INVALID_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng. Hãy nhập lại.',
  ACCOUNT_DISABLED: 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.',
  TOO_MANY_ATTEMPTS: 'Mật khẩu đã bị nhập sai nhiều lần từ đây. Hãy chờ một lát rồi thử lại.',
  WRONG_PASSWORD: 'Mật khẩu không đúng. Hãy nhập lại mật khẩu của chính bạn.',
  INVALID_TRANSITION: 'Bài viết đang ở trạng thái không cho phép việc này. Hãy tải lại bài để xem trạng thái hiện tại.',
  APPROVAL_INVALID: 'Chữ ký duyệt không còn khớp với nội dung bài. Bài cần được trưởng phòng duyệt lại trước khi đăng.',
  IN_REVIEW:
    'Bài đang chờ duyệt nên tác giả không sửa được. Hãy chờ bài được trả lại, hoặc bấm “Rút lại” để lấy bài về sửa rồi gửi duyệt lại.',
  CHECKLIST_BLOCKED:
    'Bài viết còn thiếu những mục bắt buộc trước khi gửi duyệt hoặc ký duyệt. Hãy xem danh sách kiểm tra, sửa bài rồi thử lại.',
  PAYLOAD_TOO_LARGE: 'Dữ liệu gửi lên quá lớn. Hãy chia nhỏ bài viết hoặc bớt ảnh.',
  UNAVAILABLE: 'Không kết nối được tới Biên Tập trên máy này. Hãy kiểm tra ứng dụng còn đang chạy rồi thử lại.',
  INTERNAL:
    'Đã có lỗi trong ứng dụng; dữ liệu đã lưu trước đó vẫn còn nguyên. Hãy thử lại, nếu vẫn lỗi hãy báo quản trị viên.',
};

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** Field paths with problems, for INVALID_INPUT. */
  issues?: { path: string; message: string }[];
  /** Seconds to wait before trying again, for TOO_MANY_ATTEMPTS. */
  retryAfter?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ApiErrorBody['issues'];
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message?: string, issues?: ApiErrorBody['issues'], extra: { retryAfter?: number } = {}) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
    this.retryAfter = extra.retryAfter;
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.message };
    if (this.issues) body.issues = this.issues;
    if (this.retryAfter !== undefined) body.retryAfter = this.retryAfter;
    return body;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
