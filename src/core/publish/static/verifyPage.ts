import { documentText, lines, markup } from '../html';
import { pageHead, siteHeader } from './page';

export interface VerifyPageOptions {
  siteTitle: string;
  stylesheetHref: string;
  /** The verifier bundle (assets/kiem-tra.js). */
  scriptHref: string;
  /** The office's keys file (`.well-known/bientap-keys.json`), relative to this page. */
  keysHref: string;
}

/**
 * `kiem-tra.html`: the page where any reader checks that an article on the site shows exactly what
 * a head of department signed. Plain HTML and one script (no inline script, so it works under a
 * strict Content-Security-Policy); the script does the checking in the reader's browser, with the
 * keys this site publishes, and shows the office's fingerprint for her to compare.
 */
export function renderVerifyPage(options: VerifyPageOptions): string {
  const page = lines(
    pageHead(`Kiểm tra bài viết — ${options.siteTitle}`, {
      description: 'Kiểm tra một bài đăng trên trang có đúng như bài đã được ký duyệt.',
      stylesheet: { href: options.stylesheetHref },
      scriptHref: options.scriptHref,
    }),
    markup`<body>`,
    // The page sits at the site's root, beside the first index page.
    siteHeader(options.siteTitle, 'index.html'),
    markup`<main>`,
    markup`<article class="bai-viet" data-kiem-tra="trang" data-keys="${options.keysHref}">`,
    markup`<h1 class="tieu-de">Kiểm tra bài viết</h1>`,
    markup`<div class="noi-dung-bai">`,
    markup`<p class="sapo">Mỗi bài đăng trên trang này mang một dấu ký duyệt: chữ ký của lãnh đạo phòng đã duyệt bài và xác nhận của văn phòng. Trang này kiểm tra ngay trong trình duyệt của bạn xem bài trên trang có đúng từng chữ, từng ảnh như bài đã được ký duyệt hay không.</p>`,
    markup`<form class="cong-cu" data-kiem-tra="dia-chi">`,
    markup`<label for="dia-chi">Địa chỉ bài viết:</label>`,
    markup`<input id="dia-chi" name="dia-chi" type="text" inputmode="url" autocomplete="url" size="50" placeholder="https://…/bai-viet/….html">`,
    markup`<button type="submit">Kiểm tra</button>`,
    markup`</form>`,
    markup`<div class="cong-cu">`,
    markup`<label for="tep">Hoặc mở trang đã lưu (Ctrl+S) — tệp .html và các ảnh của nó:</label>`,
    markup`<input id="tep" name="tep" type="file" multiple accept=".html,.htm,text/html,image/*">`,
    markup`</div>`,
    markup`<p class="ngay" data-kiem-tra="van-phong">Đang tải danh sách khóa của văn phòng…</p>`,
    markup`<section data-kiem-tra="ket-qua" aria-live="polite" hidden></section>`,
    markup`<noscript><p>Trang kiểm tra cần JavaScript. Không bật được JavaScript thì dùng lệnh <code>bientap verify-page ĐỊA_CHỈ</code> của Biên Tập.</p></noscript>`,
    markup`</div>`,
    markup`</article>`,
    markup`</main>`,
    markup`</body>`,
    markup`</html>`,
  );
  return `${documentText(page)}\n`;
}
