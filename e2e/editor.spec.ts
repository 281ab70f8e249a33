import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { hasUnsafeCharacters } from '../src/shared/text';
import { readRuns } from './support/editorState';
import { expect, test } from './support/fixtures';
import {
  admin,
  createArticle,
  createFirstAdmin,
  ensureSignedIn,
  openArticle,
  readEditor,
  settleCaret,
  waitUntilSaved,
} from './support/flows';
import { ui, vi } from './support/ui';
import { photo } from './support/photo';

const UNDERLINE = 8;
const STRIKETHROUGH = 4;

/** Labels from the catalogue sections this spec adds to (kept out of the shared `ui` type). */
const catalogue = vi as unknown as {
  toolbar: { underline: string; strikethrough: string; quote: string; table: string };
  link: { url: string; save: string; invalid: string; open: string; remove: string };
  find: { find: string; replaceWith: string; replaceAll: string };
};

async function newArticle(page: Page, title: string): Promise<void> {
  await createFirstAdmin(page, admin);
  await createArticle(page);
  await ui(page).editor.title.fill(title);
  await ui(page).editor.body.click();
}

function pasteHtml(page: Page, html: string, text = ''): Promise<void> {
  return ui(page).editor.body.evaluate(
    (body, { markup, plain }) => {
      const data = new DataTransfer();
      data.setData('text/html', markup);
      data.setData('text/plain', plain);
      body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { markup: html, plain: text },
  );
}

function editorJson(page: Page): Promise<string> {
  return ui(page).editor.body.evaluate((root) =>
    JSON.stringify(
      (root as unknown as { __lexicalEditor: { getEditorState(): { toJSON(): unknown } } }).__lexicalEditor
        .getEditorState()
        .toJSON(),
    ),
  );
}

test('formats text from the toolbar and shortcuts, and shows the active formats', async ({ app }) => {
  const { page } = app;
  await newArticle(page, 'Định dạng');
  await page.keyboard.type('gạch chân');
  await settleCaret(page);
  await page.keyboard.press('Shift+Home');
  await settleCaret(page);
  await page.getByRole('button', { name: catalogue.toolbar.underline }).click();
  await settleCaret(page);
  await page.keyboard.press('End');
  await settleCaret(page);
  await page.keyboard.press('ControlOrMeta+Shift+X');
  await page.keyboard.type(' gạch ngang');
  await expect
    .poll(() => readRuns(page))
    .toEqual([
      [
        { text: 'gạch chân', format: UNDERLINE },
        { text: ' gạch ngang', format: UNDERLINE | STRIKETHROUGH },
      ],
    ]);
  await expect(page.getByRole('button', { name: catalogue.toolbar.strikethrough })).toHaveAttribute(
    'data-active',
    'true',
  );

  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+Alt+4');
  await page.keyboard.type('Mục nhỏ');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+Shift+9');
  await page.keyboard.type('Trích dẫn');
  await page.keyboard.press('ControlOrMeta+Shift+E');
  const body = ui(page).editor.body;
  await expect(body.locator('h4')).toHaveText('Mục nhỏ');
  await expect(body.locator('blockquote')).toHaveText('Trích dẫn');
  await expect(body.locator('blockquote')).toHaveCSS('text-align', 'center');
  await expect(page.getByRole('button', { name: catalogue.toolbar.quote })).toHaveAttribute('data-active', 'true');
  await expect(page.getByTestId('word-count')).toContainText('8 từ');
});

test('adds, checks, opens only after confirmation, and removes a link', async ({ app }) => {
  const { page } = app;
  await newArticle(page, 'Liên kết');
  await page.keyboard.type('Xem cổng thông tin');
  await settleCaret(page);
  for (let i = 0; i < 'cổng thông tin'.length; i += 1) await page.keyboard.press('Shift+ArrowLeft');
  await settleCaret(page);
  await page.keyboard.press('ControlOrMeta+K');
  const address = page.getByRole('textbox', { name: catalogue.link.url });
  await address.fill('javascript:alert(1)');
  await page.getByRole('button', { name: catalogue.link.save }).click();
  await expect(page.getByText(catalogue.link.invalid)).toBeVisible();
  await address.fill('hue.gov.vn');
  await page.getByRole('button', { name: catalogue.link.save }).click();
  const link = ui(page).editor.body.getByRole('link', { name: 'cổng thông tin' });
  await expect(link).toHaveAttribute('href', 'https://hue.gov.vn');

  // Opening asks first and shows the whole address.
  let popups = 0;
  page.on('popup', () => (popups += 1));
  await link.click();
  await settleCaret(page);
  await page.keyboard.press('ControlOrMeta+K');
  await page.getByRole('button', { name: catalogue.link.open }).click();
  await expect(page.getByTestId('link-confirm-url')).toHaveText('https://hue.gov.vn');
  expect(popups).toBe(0);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  await link.click();
  await settleCaret(page);
  await page.keyboard.press('ControlOrMeta+K');
  await page.getByRole('button', { name: catalogue.link.remove }).click();
  await expect(ui(page).editor.body.getByRole('link')).toHaveCount(0);
  await expect(ui(page).editor.body).toHaveText('Xem cổng thông tin');
});

test('tables: Tab moves between cells, a drag selects cells, a click elsewhere lets them go', async ({ app }) => {
  const { page } = app;
  await newArticle(page, 'Bảng');
  await page.keyboard.type('Đoạn đầu, xa bảng.');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Đoạn ngay trước bảng.');
  await page.getByRole('button', { name: catalogue.toolbar.table }).click();
  const body = ui(page).editor.body;
  const rows = body.locator('table tr');
  await expect(rows).toHaveCount(3);
  const cell = (row: number, column: number) => rows.nth(row).locator('th, td').nth(column);

  await cell(0, 0).click();
  await settleCaret(page);
  await page.keyboard.type('Ngày');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Sự kiện');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Nơi');
  await expect(rows.nth(0).locator('th, td')).toHaveText(['Ngày', 'Sự kiện', 'Nơi']);

  // Typing far from the table, then a drag over its cells: the cells are selected and show it.
  await body.locator('p', { hasText: 'Đoạn đầu' }).click();
  await settleCaret(page);
  await page.keyboard.press('End');
  await page.keyboard.type(' Thêm.');
  await settleCaret(page);
  const from = (await cell(1, 0).boundingBox())!;
  const to = (await cell(2, 1).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
  const selected = body.locator('.bt-table-cell-selected');
  await expect(selected).toHaveCount(4);

  await body.locator('p', { hasText: 'Đoạn đầu' }).click();
  await expect(selected).toHaveCount(0);
  await page.keyboard.press('End');
  await page.keyboard.type(' Hết.');
  await expect(body.locator('p', { hasText: 'Đoạn đầu' })).toHaveText('Đoạn đầu, xa bảng. Thêm. Hết.');
  await expect(rows.nth(0).locator('th, td')).toHaveText(['Ngày', 'Sự kiện', 'Nơi']);
});

test('finds and replaces within the article', async ({ app }) => {
  const { page } = app;
  await newArticle(page, 'Tìm và thay');
  await page.keyboard.type('Tỉnh ủy và Thành ủy');
  await page.keyboard.press('ControlOrMeta+F');
  await page.getByRole('textbox', { name: catalogue.find.find }).fill('ủy');
  await expect(page.getByTestId('find-count')).toHaveText('2 kết quả');
  await page.getByRole('textbox', { name: catalogue.find.replaceWith }).fill('uỷ');
  await page.getByRole('button', { name: catalogue.find.replaceAll }).click();
  await expect(page.getByTestId('find-count')).toHaveText('Đã thay 2 chỗ');
  await expect(ui(page).editor.body).toHaveText('Tỉnh uỷ và Thành uỷ');
});

const HOSTILE = [
  '<p onclick="window.pwned = 1">nhấp<script>window.pwned = 1</script></p>',
  '<img src="x" onerror="window.pwned = 1">',
  '<noscript><p title="</noscript><img src=x onerror=window.pwned=1>"></p></noscript>',
  '<svg onload="window.pwned = 1"><script>window.pwned = 1</script></svg>',
  '<p><a href="javascript:window.pwned=1">liên kết độc</a> <a href="data:text/html,<script>1</script>">dữ liệu</a></p>',
  '<p style="background:url(javascript:window.pwned=1); width: expression(window.pwned=1)">css</p>',
  '<iframe src="javascript:parent.pwned=1"></iframe><iframe srcdoc="<script>parent.pwned=1</script>"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.pwned=1></style></mglyph></table></mtext></math>',
  '<details open ontoggle="window.pwned = 1">chi tiết</details>',
].join('');

test('hostile paste: nothing runs, and what is stored passes the core', async ({ app }) => {
  const { page } = app;
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await newArticle(page, 'Dán độc hại');
  await pasteHtml(page, HOSTILE);
  await expect(ui(page).editor.body).toContainText('liên kết độc');
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  const json = await editorJson(page);
  expect(json).not.toMatch(/javascript:|data:|expression|onerror|onclick|onload|ontoggle|<script/i);
  // "Saved" means the core validated the state against its allow-list and stored it.
  await waitUntilSaved(page);
});

test('every node type survives autosave and a SIGKILL, and reopens identically', async ({ app }) => {
  test.setTimeout(120_000);
  let page = app.page;
  await newArticle(page, 'Mọi loại nội dung');
  await pasteHtml(
    page,
    '<h2>Tin mới</h2><h3>Phần một</h3><h4>Chi tiết</h4><p>Chữ <b>đậm</b> <i>nghiêng</i> <u>gạch chân</u> <s>gạch ngang</s></p>' +
      '<ul><li>Một</li><li>Hai<ul><li>Hai rưỡi</li></ul></li></ul><ol><li>Thứ nhất</li></ol>' +
      '<blockquote>Trích dẫn</blockquote><p><a href="https://hue.gov.vn/">Cổng thông tin</a></p><hr>' +
      '<table><tr><th>Ngày</th><th>Sự kiện</th></tr><tr><td>12/6</td><td>Khai mạc</td></tr></table><p>Hết.</p>',
  );
  await expect(ui(page).editor.body.locator('table')).toBeVisible();
  await page.keyboard.type(' Cuối bài.');
  await waitUntilSaved(page);
  const before = await editorJson(page);
  for (const type of ['heading', 'list', 'quote', 'link', 'horizontalrule', 'table', 'tablecell']) {
    expect(before).toContain(`"type":"${type}"`);
  }

  await app.kill();
  page = await app.restart();
  await ensureSignedIn(page, admin);
  await openArticle(page, 'Mọi loại nội dung');
  await expect(ui(page).editor.body.locator('table')).toBeVisible();
  expect(await editorJson(page)).toBe(before);
});

const imageText = vi as unknown as { image: { caption: string; credit: string; addCaption: string } };

/** Hands files to the body as a drop or a paste would, built in the page from these bytes. */
function giveFiles(page: Page, kind: 'drop' | 'paste', files: { name: string; type: string; base64: string }[]) {
  return ui(page).editor.body.evaluate(
    (body, { kind, files }) => {
      const data = new DataTransfer();
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
        data.items.add(new File([bytes], file.name, { type: file.type }));
      }
      const event =
        kind === 'drop'
          ? new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })
          : new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      body.dispatchEvent(event);
    },
    { kind, files },
  );
}

test('inserts images from a file, a drop and a paste, with caption and credit, and keeps them', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await newArticle(page, 'Ảnh lễ hội');
  await page.keyboard.type('Ảnh đầu tiên:');
  await page.getByTestId('image-file-input').setInputFiles({
    name: 'ngo-mon.jpg',
    mimeType: 'image/jpeg',
    buffer: await photo(2400, 1600),
  });
  const images = page.getByTestId('editor-image');
  await expect(images).toHaveCount(1);
  const first = images.first().locator('img');
  await expect(first).toHaveAttribute('width', '1600');
  await expect.poll(() => first.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1600);
  // The caption form opens on the image that is clicked, and only there.
  await expect(images.first().getByRole('textbox')).toHaveCount(0);
  await expect(images.first()).toContainText(imageText.image.addCaption);
  await first.click();
  await images.first().getByRole('textbox', { name: imageText.image.caption }).fill('Ngọ Môn về đêm');
  // Backspace in a caption box edits the caption; the selected image stays in the article.
  await page.keyboard.type('x');
  await page.keyboard.press('Backspace');
  await images.first().getByRole('textbox', { name: imageText.image.credit }).fill('Ảnh: Minh Tâm');
  await expect(images).toHaveCount(1);

  await giveFiles(page, 'drop', [
    { name: 'a.jpg', type: 'image/jpeg', base64: (await photo(800, 600)).toString('base64') },
  ]);
  await expect(images).toHaveCount(2);
  // Word puts a picture of copied text beside the text: that paste is text, not an image.
  const firstParagraph = ui(page).editor.body.locator('p').first();
  await firstParagraph.click();
  await settleCaret(page);
  await page.keyboard.press('End');
  await settleCaret(page);
  await firstParagraph.evaluate(
    (paragraph, base64) => {
      const data = new DataTransfer();
      data.setData('text/plain', ' từ Word');
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      paragraph.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    (await photo(100, 50)).toString('base64'),
  );
  await expect(ui(page).editor.body).toContainText('từ Word');
  await expect(images).toHaveCount(2);
  await giveFiles(page, 'paste', [
    { name: 'b.jpg', type: 'image/jpeg', base64: (await photo(640, 480)).toString('base64') },
  ]);
  await expect(images).toHaveCount(3);

  await waitUntilSaved(page);
  const before = await editorJson(page);
  expect(before).toContain('Ngọ Môn về đêm');
  await page.reload();
  await ensureSignedIn(page, admin);
  await openArticle(page, 'Ảnh lễ hội');
  await expect(images).toHaveCount(3);
  // The pasted image went in at the caret, after the first paragraph; find each by its size.
  const large = images.filter({ has: page.locator('img[width="1600"]') });
  await expect(large).toContainText('Ngọ Môn về đêm — Ảnh: Minh Tâm');
  await large.locator('img').click();
  await expect(large.getByRole('textbox', { name: imageText.image.caption })).toHaveValue('Ngọ Môn về đêm');
  await expect(large.getByRole('textbox', { name: imageText.image.credit })).toHaveValue('Ảnh: Minh Tâm');
  const pasted = images.filter({ has: page.locator('img[width="640"]') }).locator('img');
  await expect.poll(() => pasted.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(640);
  expect(await editorJson(page)).toBe(before);
});

test('refuses SVG and damaged images with a message, leaving the article as it was', async ({ app }) => {
  const { page } = app;
  await newArticle(page, 'Ảnh hỏng');
  await page.keyboard.type('Giữ nguyên');
  const before = await editorJson(page);
  await page.getByTestId('image-file-input').setInputFiles({
    name: 'logo.svg',
    mimeType: 'image/svg+xml',
    buffer: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="window.pwned=1"><script>window.pwned=1</script></svg>',
    ),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'SVG' })).toBeVisible();
  const truncated = (await photo(1200, 800)).subarray(0, 2000);
  await giveFiles(page, 'drop', [{ name: 'cut.jpg', type: 'image/jpeg', base64: truncated.toString('base64') }]);
  await expect(page.getByRole('alert').filter({ hasText: 'hỏng' })).toBeVisible();
  await expect(page.getByTestId('editor-image')).toHaveCount(0);
  expect(await editorJson(page)).toBe(before);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});

test('text copied out of a PDF comes back as paragraphs, not one paragraph per line', async ({ app }) => {
  const { page } = app;
  await newArticle(page, 'Dán từ PDF');
  const wrapped = [
    'Sáng ngày 15/4, tại Trung tâm Văn hóa Thông tin và Thể thao thành phố, Ủy ban',
    'nhân dân thành phố Huế tổ chức lễ ra mắt Câu lạc bộ Văn nghệ sĩ phường Thuận Hòa',
    'với sự tham gia của hơn 50 hội viên đến từ các tổ dân phố trên địa bàn.',
    '',
    'Câu lạc bộ sẽ sinh hoạt định kỳ mỗi tháng một lần, tổ chức biểu diễn phục vụ nhân',
    'dân vào các dịp lễ, Tết của địa phương.',
  ].join('\n');
  await ui(page).editor.body.evaluate((body, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, wrapped);
  const paragraphs = ui(page).editor.body.locator('p');
  await expect(paragraphs.filter({ hasText: 'Ủy ban nhân dân thành phố Huế' })).toHaveCount(1);
  await expect(paragraphs.filter({ hasText: 'phục vụ nhân dân vào các dịp lễ' })).toHaveCount(1);
  // The two paragraphs of the PDF, each whole, after the empty paragraph the article started with.
  const texts = (await paragraphs.allTextContents()).filter((text) => text.trim() !== '');
  expect(texts).toEqual([wrapped.split('\n\n')[0]?.replace(/\n/g, ' '), wrapped.split('\n\n')[1]?.replace(/\n/g, ' ')]);
  await waitUntilSaved(page);
});

test('text in the old TCVN3 and VNI fonts is pasted as Unicode', async ({ app }) => {
  const { page } = app;
  await newArticle(page, 'Dán phông cũ');
  const { unicodeToLegacy } = await import('../src/shared/legacy');
  const sentences = ['Đường phố Huế rực rỡ cờ hoa chào mừng TRƯỜNG THCS Nguyễn Tri Phương.', 'BỘ Văn hóa khen thưởng.'];
  for (const [sentence, encoding] of [
    [sentences[0]!, 'tcvn3'],
    [sentences[1]!, 'vni'],
  ] as const) {
    await ui(page).editor.body.evaluate(
      (body, text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      },
      unicodeToLegacy(sentence, encoding),
    );
    await expect(ui(page).editor.body).toContainText(sentence);
  }
  await waitUntilSaved(page);
});

const pasteText = vi as unknown as {
  paste: { pageTitle: string; place: string; placed: string; linksDropped_other: string };
  publishing: { byline: string };
};

test('a page copied from the portal: one prompt puts each part in place, links into the copied site are dropped', async ({
  app,
}) => {
  const { page } = app;
  await newArticle(page, 'Tiêu đề tạm');
  const source = readFileSync(path.resolve(import.meta.dirname, '../fixtures/sample-article.txt'), 'utf8');
  const html = source
    .split('\n')
    .map((line) =>
      line.startsWith('Các bài khác') ? '<p><a href="/tin-tuc/1.html">Các bài khác</a></p>' : `<p>${line}</p>`,
    )
    .join('');
  await pasteHtml(page, html, source);
  const dialog = page.getByRole('dialog', { name: pasteText.paste.pageTitle });
  await expect(dialog).toContainText('Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)');
  await expect(dialog).toContainText('Xem cỡ chữ:');
  await expect(dialog).toContainText('Tiêu đề tạm');
  await dialog.getByRole('button', { name: pasteText.paste.place }).click();
  await expect(page.getByText(pasteText.paste.placed)).toBeVisible();

  const content = await readEditor(page);
  expect(content.title).toBe(
    'Thành phố Huế tiếp tục đẩy mạnh công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc',
  );
  expect(content.summary).toMatch(/^Ngày 12\/4\/2021, UBND thành phố Huế ban hành Chỉ thị/);
  // Five paragraphs after the sapo: four, and the one a run of spaces had swallowed.
  expect(content.paragraphs).toHaveLength(5);
  expect(content.paragraphs[3]).toMatch(/^Thời gian qua, công tác/);
  expect(content.paragraphs.join('\n')).not.toMatch(/Xem cỡ chữ|Đọc bài viết|Các bài khác|<< <|^\s/m);
  await expect(page.getByRole('textbox', { name: pasteText.publishing.byline })).toHaveValue(
    'Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)',
  );
  await waitUntilSaved(page);

  // Any HTML paste loses the links that pointed into the page it came from, and says so.
  await ui(page).editor.body.click();
  await page.keyboard.press('ControlOrMeta+End');
  await pasteHtml(
    page,
    '<p>Xem <a href="/tin-tuc/2.html">bài trước</a> và <a href="https://hue.gov.vn/">cổng tỉnh</a>.</p>',
    'Xem bài trước và cổng tỉnh.',
  );
  await expect(page.getByText(pasteText.paste.linksDropped_other.replace('{{count}}', '1'))).toBeVisible();
  await expect(ui(page).editor.body).toContainText('Xem bài trước và cổng tỉnh.');
  expect([...(await editorJson(page)).matchAll(/"url":"([^"]+)"/g)].map((match) => match[1])).toEqual([
    'https://hue.gov.vn/',
  ]);
  await waitUntilSaved(page);
});

const saveText = vi as unknown as { save: { saved: string } };

test('an article stored with control characters opens clean and saves again', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await newArticle(page, 'Bài lưu từ trước');
  await page.keyboard.type('Đoạn văn cũ');
  await waitUntilSaved(page);
  const articleId = /bai-viet\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  expect(articleId).not.toBe('');

  // Written as text was stored before the core refused such characters.
  writeArticle(app.dataDir, articleId, (article) => ({
    title: 'Bài\u0001 lưu từ\u0008 trước',
    body_json: article.body_json.replace('Đoạn văn cũ', 'Đoạn\\u0001 văn\\u0008 cũ'),
  }));
  expect(readArticle(app.dataDir, articleId).body_json).toContain('\\u0001');
  await page.reload();
  await expect(ui(page).editor.title).toHaveValue('Bài lưu từ trước');
  await expect(ui(page).editor.body).toHaveText('Đoạn văn cũ');

  await ui(page).editor.body.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' mới');
  await waitUntilSaved(page);
  await expect(ui(page).editor.saveStatus).toContainText(saveText.save.saved);

  await page.reload();
  await expect(ui(page).editor.title).toHaveValue('Bài lưu từ trước');
  await expect(ui(page).editor.body).toHaveText('Đoạn văn cũ mới');
  const stored = readArticle(app.dataDir, articleId);
  expect(stored.title).toBe('Bài lưu từ trước');
  const texts: string[] = [];
  JSON.parse(stored.body_json, (_key, value: unknown) => {
    if (typeof value === 'string') texts.push(value);
    return value;
  });
  expect(texts).toContain('Đoạn văn cũ mới');
  expect(texts.filter(hasUnsafeCharacters)).toEqual([]);
});

interface StoredArticle {
  title: string;
  body_json: string;
}

function readArticle(dataDir: string, articleId: string): StoredArticle {
  const db = new Database(path.join(dataDir, 'bientap.sqlite'), { readonly: true });
  try {
    const row = db.prepare('SELECT title, body_json FROM articles WHERE id = ?').get(articleId) as StoredArticle;
    expect(row).toBeTruthy();
    return row;
  } finally {
    db.close();
  }
}

/** Rewrites the article's stored title and body straight in SQLite, as someone with the database file could. */
function writeArticle(dataDir: string, articleId: string, change: (article: StoredArticle) => StoredArticle): void {
  const next = change(readArticle(dataDir, articleId));
  const db = new Database(path.join(dataDir, 'bientap.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const changed = db
      .prepare('UPDATE articles SET title = ?, body_json = ? WHERE id = ?')
      .run(next.title, next.body_json, articleId).changes;
    expect(changed).toBe(1);
  } finally {
    db.close();
  }
}

test('picks the category from the office’s list, adds one, and chooses the featured image by its picture', async ({
  app,
}) => {
  const { page } = app;
  const labels = vi as unknown as { categories: { addTyped: string; added: string } };
  await newArticle(page, 'Chuyên mục và ảnh đại diện');
  await page.getByTestId('image-file-input').setInputFiles({
    name: 'ngo-mon.jpg',
    mimeType: 'image/jpeg',
    buffer: await photo(1200, 800),
  });
  await expect(page.getByTestId('editor-image')).toHaveCount(1);

  // Typed without marks, the office's "Văn hóa" is found.
  const category = page.getByTestId('meta-category');
  await category.click();
  await category.fill('van hoa');
  await page.getByRole('option', { name: 'Văn hóa', exact: true }).click();
  await expect(category).toHaveValue('Văn hóa');
  // A name the list lacks is offered for adding (an administrator may), and then chosen.
  await category.fill('Ẩm thực xứ Huế');
  const name = 'Ẩm thực xứ Huế';
  await page.getByRole('option', { name: labels.categories.addTyped.replace('{{name}}', name) }).click();
  await expect(page.getByTestId('toast')).toContainText(labels.categories.added.replace('{{name}}', name));
  await expect(category).toHaveValue(name);

  // The featured image is chosen among the article's photos, each shown small.
  const featured = page.getByTestId('meta-featured-image');
  await featured.click();
  const thumbnail = page.getByRole('option').getByTestId('featured-thumbnail');
  await expect(thumbnail).toHaveCount(1);
  await expect.poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await page.getByRole('option').first().click();
  await expect(page.getByTestId('publish-metadata').getByTestId('featured-thumbnail')).toBeVisible();
  const chosen = await featured.inputValue();
  expect(chosen).toMatch(/^1\. /);

  await waitUntilSaved(page);
  await page.reload();
  await ensureSignedIn(page, admin);
  await openArticle(page, 'Chuyên mục và ảnh đại diện');
  await expect(category).toHaveValue(name);
  // After a reload the choice reads as it did, never as the image's raw id.
  await expect(featured).toHaveValue(chosen);
});
