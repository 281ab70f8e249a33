import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startServerProcess, type ServerProcess } from '../src/core/office/testServer';
import { test, expect } from './support/fixtures';
import { Ime } from './support/editorState';
import {
  admin,
  createAccount,
  createFirstAdmin,
  openArticle,
  openPanel,
  settleCaret,
  signIn,
  signOut,
  waitUntilSaved,
} from './support/flows';
import { ROOT, startHost, type RunningHost } from './support/host';
import { photo } from './support/photo';
import { ui, vi } from './support/ui';

// Two workstations and the office server: the administrator's desktop turns into the office
// (`bientap office create`), a reporter's new laptop joins with an invitation, her article reaches
// the desktop's list without a reload, and what she types while the server is down reaches it
// once the server is back. The status line says where each stands throughout. With the article
// open on both, each screen shows the other's typing live, and undo takes back only one's own.

const reporter = {
  username: 'phongvien',
  displayName: 'Huỳnh Thị Ly',
  password: 'mật khẩu phóng viên 2026',
  role: 'reporter' as const,
};

const copyEditor = {
  username: 'bientap',
  displayName: 'Lê Thị Hoà',
  password: 'mật khẩu biên tập 2026',
  role: 'editor' as const,
};

/** The administrator's command line, as an administrator runs it (passwords on standard input). */
function bientap(args: string[], input = ''): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`bientap ${args.join(' ')} → ${run.status}\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

const departmentHead = {
  username: 'truongphong',
  displayName: 'Nguyễn Văn Duyệt',
  password: 'trưởng phòng ký duyệt 2026',
  role: 'head' as const,
};

const status = (page: Page) => page.getByTestId('office-status');

async function expectStatus(page: Page, state: keyof typeof vi.status): Promise<void> {
  await expect(ui(page).panel.status).toHaveText(vi.status[state], { timeout: 15_000 });
}

test('a reporter’s laptop joins the office; her article and her offline typing reach the desktop', async ({
  app,
  browser,
}, testInfo) => {
  test.skip(app.target !== 'web', 'Two workstations at once need the web target.');
  test.setTimeout(300_000);
  let server: ServerProcess | null = null;
  let laptopHost: RunningHost | null = null;
  try {
    // The desktop: its first administrator and the reporter's account, as today.
    await createFirstAdmin(app.page);
    await createAccount(app.page, reporter);
    await createAccount(app.page, copyEditor);
    await createAccount(app.page, departmentHead);

    // The office server, pinned to the office key, and the desktop turned into the office.
    const { fingerprint } = JSON.parse(bientap(['office-key', '--data', app.dataDir, '--create', '--json'])) as {
      fingerprint: string;
    };
    const serverData = testInfo.outputPath('server');
    server = await startServerProcess({ data: serverData, office: fingerprint });
    const port = server.port;
    bientap([
      'office',
      'create',
      '--data',
      app.dataDir,
      '--server',
      server.url,
      '--cert',
      `sha256:${server.certSha256}`,
    ]);
    const invitation = bientap(
      ['office', 'invite', '--data', app.dataDir, '--username', admin.username],
      `${admin.password}\n`,
    ).trim();
    expect(invitation).toMatch(/^bientap-moi:/);

    // The reporter's laptop: a fresh data folder joined with the invitation, then the app.
    const laptopData = testInfo.outputPath('laptop');
    mkdirSync(laptopData, { recursive: true });
    bientap(['office', 'join', '--data', laptopData, '--invite', invitation]);
    laptopHost = await startHost({ dataDir: laptopData });
    const laptop = await (await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
    await laptop.goto(laptopHost.openUrl);
    // She signs in with her usual password, which only the desktop had set.
    await signIn(laptop, reporter);
    await expect(ui(laptop).list.heading).toBeVisible();
    await expect(status(laptop)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
    await expect(status(laptop)).toContainText('Đã đồng bộ lúc');

    // The desktop, started again as an office workstation; a sign-in opens its link.
    const desk = await app.restart();
    await expect(ui(desk).login.heading.or(ui(desk).shell.signOut).first()).toBeVisible();
    if (await ui(desk).shell.signOut.isVisible()) await signOut(desk);
    await signIn(desk, copyEditor);
    await expect(status(desk)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });

    // Her article appears on the desktop's list without a reload.
    const { list, editor } = ui(laptop);
    await list.create.click();
    await editor.title.fill('Lễ hội Huế 2026 khai mạc');
    await editor.body.click();
    await laptop.keyboard.type('Festival Huế diễn ra vào tháng sáu.');
    await waitUntilSaved(laptop);
    await expect(ui(desk).list.rows.filter({ hasText: 'Lễ hội Huế 2026 khai mạc' })).toHaveCount(1, {
      timeout: 15_000,
    });

    // The server goes away: she keeps typing, and the status line counts what waits.
    await server.kill();
    server = null;
    await expect(status(laptop)).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
    await laptop.keyboard.press('Enter');
    await laptop.keyboard.type('Đoạn viết khi mất mạng.');
    await waitUntilSaved(laptop);
    await expect(status(laptop)).toContainText(/Ngoại tuyến — \d+ thay đổi chưa gửi/, { timeout: 15_000 });

    // Back: everything goes up, and the desktop has her offline paragraph.
    server = await startServerProcess({ data: serverData, office: fingerprint, port });
    await expect(status(laptop)).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
    await openArticle(desk, 'Lễ hội Huế 2026 khai mạc');
    await expect(ui(desk).editor.body).toContainText('Đoạn viết khi mất mạng.', { timeout: 15_000 });

    // Both have it open, and each sees who else does.
    await expect(ui(desk).editor.viewers).toHaveText('Đang mở bài này: Huỳnh Thị Ly', { timeout: 10_000 });
    await expect(ui(laptop).editor.viewers).toHaveText('Đang mở bài này: Lê Thị Hoà', { timeout: 10_000 });

    // What one types shows on the other's screen at once, both ways, and each one's undo takes back
    // only her own words.
    await laptop.keyboard.type(' Câu gõ khi cả hai cùng mở.');
    await expect(ui(desk).editor.body).toContainText('Câu gõ khi cả hai cùng mở.', { timeout: 2_000 });
    await ui(desk).editor.body.click();
    await desk.keyboard.press('Control+Home');
    await desk.keyboard.type('Huế — ');
    await expect(ui(laptop).editor.body).toContainText('Huế — Festival Huế', { timeout: 2_000 });
    await laptop.keyboard.press('Control+z');
    await expect(ui(laptop).editor.body).not.toContainText('Câu gõ khi cả hai cùng mở.');
    await expect(ui(laptop).editor.body).toContainText('Huế — Festival Huế diễn ra vào tháng sáu.');
    await expect(ui(laptop).editor.body).toContainText('Đoạn viết khi mất mạng.');
    await expect(ui(desk).editor.body).not.toContainText('Câu gõ khi cả hai cùng mở.', { timeout: 2_000 });
    await waitUntilSaved(laptop);
    await waitUntilSaved(desk);
    await expect(ui(desk).editor.body).toHaveText((await ui(laptop).editor.body.textContent()) ?? '');

    // Vietnamese composed on the desktop while the laptop types into the same paragraph: the word
    // being composed is neither broken nor doubled, and the laptop's words show once it is done.
    const before = (await ui(desk).editor.body.textContent()) ?? '';
    const ime = await Ime.attach(desk);
    await ui(desk).editor.body.click();
    await desk.keyboard.press('Control+End');
    await settleCaret(desk);
    await desk.keyboard.type(' ');
    await ime.compose(['V', 'Vi', 'Vie']);
    await laptop.keyboard.press('Control+End');
    await laptop.keyboard.type(' Gõ cùng lúc.');
    await waitUntilSaved(laptop);
    // Long enough for the laptop's words to reach the desktop in the middle of the word.
    await desk.waitForTimeout(1_000);
    await ime.compose(['Viê', 'Việ', 'Việt']);
    await ime.commit('Việt');
    await expect(ui(desk).editor.body).toContainText('Gõ cùng lúc.', { timeout: 5_000 });
    const after = (await ui(desk).editor.body.textContent()) ?? '';
    expect(after.match(/Việt/g)).toHaveLength(1);
    expect(after.length).toBe(before.length + ' Việt'.length + ' Gõ cùng lúc.'.length);
    await waitUntilSaved(desk);
    await expect(ui(laptop).editor.body).toHaveText(after, { timeout: 5_000 });

    // A photo she inserts shows on the desktop too: its bytes follow the text through the server.
    await laptop.keyboard.press('Control+End');
    await laptop.getByTestId('image-file-input').setInputFiles({
      name: 'cau-truong-tien.jpg',
      mimeType: 'image/jpeg',
      buffer: await photo(800, 600, '#8a3b12'),
    });
    const shown = desk.getByTestId('editor-image').locator('img');
    await expect
      .poll(() => shown.evaluate((img) => (img as HTMLImageElement).naturalWidth).catch(() => 0), { timeout: 15_000 })
      .toBe(800);

    // The fields below the summary follow too, and a field changed on one screen is not written
    // back, with the value it had before, by the other screen's next change to another field.
    const field = (page: Page, name: 'byline' | 'category') => page.getByTestId(`meta-${name}`);
    await field(laptop, 'byline').fill('Huỳnh Thị Ly');
    await expect(field(desk, 'byline')).toHaveValue('Huỳnh Thị Ly', { timeout: 5_000 });
    await field(desk, 'byline').fill('Huỳnh Thị Ly và Lê Thị Hoà');
    await expect(field(laptop, 'byline')).toHaveValue('Huỳnh Thị Ly và Lê Thị Hoà', { timeout: 5_000 });
    // The category is picked from the office's list.
    await field(laptop, 'category').click();
    await field(laptop, 'category').fill('Văn hóa');
    await laptop.getByRole('option', { name: 'Văn hóa', exact: true }).click();
    await expect(field(desk, 'category')).toHaveValue('Văn hóa', { timeout: 5_000 });
    await waitUntilSaved(laptop);
    await waitUntilSaved(desk);
    await expect(field(desk, 'byline')).toHaveValue('Huỳnh Thị Ly và Lê Thị Hoà');
    await expect(field(laptop, 'byline')).toHaveValue('Huỳnh Thị Ly và Lê Thị Hoà');

    // The desktop closes the article: the laptop no longer shows her among those viewing.
    await ui(desk).editor.back.click();
    await expect(ui(laptop).editor.viewers).toHaveCount(0, { timeout: 5_000 });

    // Review across the two: she submits on the laptop; the head, signed in at the desktop, finds
    // it in her queue without a reload, asks for changes; the laptop's open article shows it came
    // back; she submits again and the head signs; the laptop shows the approval, checked there.
    await signOut(desk);
    await signIn(desk, departmentHead);
    await expect(status(desk)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
    const reviewed = 'Huế đón khách dịp Festival';
    await ui(laptop).editor.back.click();
    await ui(laptop).list.create.click();
    await ui(laptop).editor.title.fill(reviewed);
    await ui(laptop).editor.summary.fill('Các điểm tham quan mở cửa đến khuya.');
    await ui(laptop).editor.body.click();
    await laptop.keyboard.type('Đại Nội mở cửa đêm suốt tuần lễ Festival.');
    await waitUntilSaved(laptop);
    await openPanel(laptop, 'review');
    await ui(laptop).panel.action('submit').click();
    await expectStatus(laptop, 'submitted');
    await expect(ui(desk).nav.queue).toContainText('1', { timeout: 15_000 });
    await ui(desk).nav.queue.click();
    await ui(desk).list.rows.filter({ hasText: reviewed }).getByRole('button').first().click();
    await expectStatus(desk, 'submitted');
    await ui(desk).panel.action('requestChanges').click();
    await ui(desk).panel.dialog.getByRole('textbox', { name: vi.review.note }).fill('Thêm ngày khai mạc.');
    await ui(desk).panel.dialog.getByRole('button', { name: vi.review.requestChanges }).click();
    await expectStatus(desk, 'changes_requested');
    await expectStatus(laptop, 'changes_requested');
    await ui(laptop).panel.action('submit').click();
    await expectStatus(desk, 'submitted');
    await ui(desk).panel.action('approve').click();
    await ui(desk)
      .panel.dialog.getByRole('textbox', { name: vi.review.password, exact: true })
      .fill(departmentHead.password);
    await ui(desk).panel.dialog.getByRole('button', { name: vi.review.sign }).click();
    await expectStatus(desk, 'approved');
    await expectStatus(laptop, 'approved');
    await expect(ui(laptop).panel.approvalBadge).toHaveAttribute('data-state', 'valid');
  } finally {
    await laptopHost?.kill('SIGTERM');
    await server?.kill();
  }
});
