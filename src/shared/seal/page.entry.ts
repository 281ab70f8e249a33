/**
 * The site's verification page (`kiem-tra.html`): a reader gives the address of an article, or
 * opens a page she saved with its images, and the page says whether it shows exactly what a head
 * of department signed. Everything runs in her browser with the same verifier as
 * `bientap verify-page`; the office trusted is the one whose keys this site publishes at
 * `.well-known/bientap-keys.json`, and its fingerprint is shown for her to compare with the one the
 * office publishes elsewhere. Bundled into assets/kiem-tra.js by `npm run build:verifier`.
 */
import { KEYS_PATH, type KeysFile } from './format';
import { imageFileName, imagesFromFiles, imagesFromUrl, keysFileFrom } from './sources';
import { displayTime, groupedFingerprint, verifyDocument, type VerifyResult } from './verify';

const MARK = { true: '✓', false: '✗', null: '?' } as const;

function element<K extends keyof HTMLElementTagNameMap>(
  document: Document,
  tag: K,
  text?: string,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

async function fetchBytes(url: string): Promise<Uint8Array | null> {
  try {
    const response = await fetch(url, { cache: 'no-store' });
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

/** Wires the page's fields to the verifier; `search` is the page address's query (`?dia-chi=…`). */
export function startVerifyPage(document: Document, search: string): void {
  const root = document.querySelector<HTMLElement>('[data-kiem-tra="trang"]');
  if (!root) return;
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attributes?: Record<string, string>) =>
    element(document, tag, text, attributes);
  const addressForm = root.querySelector<HTMLFormElement>('form[data-kiem-tra="dia-chi"]');
  const addressInput = root.querySelector<HTMLInputElement>('input[name="dia-chi"]');
  const fileInput = root.querySelector<HTMLInputElement>('input[type="file"]');
  const officeLine = root.querySelector<HTMLElement>('[data-kiem-tra="van-phong"]');
  const output = root.querySelector<HTMLElement>('[data-kiem-tra="ket-qua"]');
  if (!addressForm || !addressInput || !fileInput || !officeLine || !output) return;

  // The office this site publishes: the one a reader of this site trusts.
  const keysUrl = new URL(root.dataset.keys || KEYS_PATH, document.baseURI).href;
  const keysLoaded: Promise<KeysFile | null> = fetchBytes(keysUrl).then((bytes) =>
    bytes ? keysFileFrom(bytes) : null,
  );
  void keysLoaded.then((keys) => {
    officeLine.replaceChildren();
    if (keys) {
      officeLine.append(
        `Trang này tin khóa của văn phòng "${keys.office.name}", mã khóa: `,
        make('code', groupedFingerprint(keys.office.fingerprint)),
        '. Hãy so mã này với mã khóa văn phòng công bố ở nơi khác (văn bản, trang chính thức).',
      );
    } else {
      officeLine.append(
        'Không tải được danh sách khóa của văn phòng: kết quả sẽ chỉ cho biết dấu có nhất quán với chính nó hay không.',
      );
    }
  });

  // One check at a time on screen: each check has a number, and a slower earlier one never
  // overwrites what the latest shows.
  let latest = 0;

  const show = (result: VerifyResult, source: string, check: number): void => {
    if (check !== latest) return;
    output.replaceChildren();
    output.hidden = false;
    output.dataset.ketQua = result.verdict;
    output.append(make('h2', result.headline, { 'data-ket-luan': result.verdict }));
    output.append(make('p', `Trang đã kiểm tra: ${source}`, { class: 'ngay' }));
    const checks = make('ul');
    for (const check of result.checks) {
      checks.append(make('li', `${MARK[String(check.ok) as keyof typeof MARK]} ${check.message}`));
    }
    output.append(checks);
    if (result.differences.length > 0) {
      output.append(make('h3', 'Chỗ khác so với bài đã ký duyệt'));
      const list = make('ul');
      for (const difference of result.differences) list.append(make('li', difference.message));
      if (result.moreDifferences > 0) list.append(make('li', `… và ${result.moreDifferences} chỗ khác nữa.`));
      output.append(list);
    }
    const details: string[] = [];
    if (result.signer) {
      details.push(
        `Người ký duyệt: ${result.signer.name}${result.signedAt ? `, lúc ${displayTime(result.signedAt)}` : ''}.`,
      );
    }
    if (result.selfApproved) details.push('Tác giả tự ký duyệt bài của mình (văn phòng cho phép).');
    if (result.office) {
      details.push(
        `Văn phòng đóng dấu: ${result.office.name}, mã khóa ${groupedFingerprint(result.office.fingerprint)}.`,
      );
    }
    if (result.auditHead) details.push(`Đầu chuỗi nhật ký khi đăng: ${result.auditHead}.`);
    for (const line of details) output.append(make('p', line));
  };

  const problem = (message: string, check: number): void => {
    if (check !== latest) return;
    output.replaceChildren(make('p', message, { role: 'alert' }));
    output.hidden = false;
    output.dataset.ketQua = 'loi';
  };

  const busy = (check: number): void => {
    if (check !== latest) return;
    output.replaceChildren(make('p', 'Đang kiểm tra…'));
    output.hidden = false;
    delete output.dataset.ketQua;
  };

  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

  const checkAddress = async (address: string, check: number): Promise<void> => {
    let url: string;
    try {
      url = new URL(address.trim(), document.baseURI).href;
    } catch {
      problem('Địa chỉ không hợp lệ. Hãy dán địa chỉ đầy đủ của bài viết, ví dụ https://…/bai-viet/….html.', check);
      return;
    }
    busy(check);
    let html: string;
    let pageUrl: string;
    try {
      const response = await fetch(url, { cache: 'no-store' });
      if (!response.ok) throw new Error(String(response.status));
      html = await response.text();
      pageUrl = response.url || url;
    } catch {
      problem(
        `Không tải được trang ${url} từ trình duyệt (trang ở máy chủ khác thường không cho phép). ` +
          'Hãy mở trang đó, lưu lại (Ctrl+S, chọn "Trang web, hoàn chỉnh"), rồi mở tệp .html đã lưu và các ảnh của nó ở ô bên dưới.',
        check,
      );
      return;
    }
    const keys = await keysLoaded;
    const result = await verifyDocument(parse(html), {
      keys,
      office: keys?.office.fingerprint ?? null,
      image: imagesFromUrl(pageUrl, fetchBytes),
    });
    show(result, pageUrl, check);
  };

  // A saved page comes with its images, often picked in a second go from the folder beside it:
  // the files picked so far are kept, and the page is checked again with each new pick.
  const picked = new Map<string, File>();
  const checkFiles = async (check: number): Promise<void> => {
    const pages = [...picked.values()].filter((file) => /\.x?html?$/i.test(file.name) || file.type === 'text/html');
    const page = pages.at(-1);
    if (!page) {
      problem('Hãy chọn tệp .html của trang đã lưu (cùng các ảnh của nó).', check);
      return;
    }
    busy(check);
    const images = new Map<string, Uint8Array>();
    for (const file of picked.values()) {
      if (file !== page) images.set(imageFileName(file.name), new Uint8Array(await file.arrayBuffer()));
    }
    const keys = await keysLoaded;
    const result = await verifyDocument(parse(await page.text()), {
      keys,
      office: keys?.office.fingerprint ?? null,
      image: imagesFromFiles(images),
    });
    show(result, `${page.name} (tệp đã lưu, ${images.size} ảnh kèm theo)`, check);
  };

  const run = (start: (check: number) => Promise<void>): void => {
    const check = ++latest;
    start(check).catch((error: unknown) => {
      problem(`Không kiểm tra được: ${error instanceof Error ? error.message : String(error)}`, check);
    });
  };

  addressForm.addEventListener('submit', (event) => {
    event.preventDefault();
    run((check) => checkAddress(addressInput.value, check));
  });
  fileInput.addEventListener('change', () => {
    for (const file of Array.from(fileInput.files ?? [])) picked.set(file.name, file);
    fileInput.value = '';
    run(checkFiles);
  });

  // "kiểm tra" under an article opens this page with `?dia-chi=<the article>`.
  const given = new URLSearchParams(search).get('dia-chi');
  if (given) {
    try {
      addressInput.value = new URL(given, document.baseURI).href;
    } catch {
      addressInput.value = given;
    }
    run((check) => checkAddress(given, check));
  }
}

// The bundle's entry: the one place that reaches the page it runs in.
// eslint-disable-next-line no-restricted-globals
startVerifyPage(document, location.search);
