import { mkdirSync } from 'node:fs';
import { startServerProcess, type ServerProcess } from '../src/core/office/testServer';
import { test, expect } from './support/fixtures';
import { admin, createAccount, createFirstAdmin, reporter, signIn } from './support/flows';
import { startHost, type RunningHost } from './support/host';

// The office made from the app's own screens, with no command line but the server's: the
// administrator reads the office key on "Phòng làm việc chung", starts the server with it, pastes
// the two lines it prints and her password, and makes an invitation; a new laptop, on its first-run
// screen, joins with that line and its reporter signs in with her usual password. Neither restarts.

test('the administrator creates the office and invites a laptop from the screens', async ({
  app,
  browser,
}, testInfo) => {
  test.skip(app.target !== 'web', 'Two workstations at once need the web target.');
  test.setTimeout(120_000);
  let server: ServerProcess | null = null;
  let laptopHost: RunningHost | null = null;
  try {
    const desk = app.page;
    await createFirstAdmin(desk);
    await createAccount(desk, reporter);
    await desk.getByTestId('nav-office').click();
    const screen = desk.getByTestId('office-screen');
    await expect(screen.getByRole('heading', { name: 'Phòng làm việc chung', level: 2 })).toBeVisible();

    // The office key, and the command that starts the server with it.
    await screen.getByTestId('office-make-key').click();
    const command = screen.getByTestId('office-server-command');
    await expect(command).toContainText('npm run server -- --data');
    const fingerprint = /--office ([0-9a-f]{64})/.exec((await command.textContent()) ?? '')?.[1];
    expect(fingerprint).toBeTruthy();
    server = await startServerProcess({ data: testInfo.outputPath('server'), office: fingerprint! });

    // A certificate pin that is not the server's: refused, in words that say why.
    await screen.getByTestId('office-server-url').fill(server.url);
    await screen.getByTestId('office-server-cert').fill(`sha256:${'ab'.repeat(32)}`);
    await screen.getByTestId('office-password').fill(admin.password);
    await screen.getByTestId('office-create').click();
    await expect(screen.getByRole('alert')).toContainText('chứng chỉ');
    await screen.getByTestId('office-server-cert').fill(`sha256:${server.certSha256}`);
    await screen.getByTestId('office-password').fill(admin.password);
    await screen.getByTestId('office-create').click();
    await expect(screen.getByTestId('office-notice')).toContainText('Đã tạo phòng làm việc chung');
    await expect(screen.getByTestId('office-membership')).toContainText(server.url);
    await expect(desk.getByTestId('office-status')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });

    // An invitation, one line to copy.
    await screen.getByTestId('office-invite-password').fill(admin.password);
    await screen.getByTestId('office-invite').click();
    const invitation = await screen.getByTestId('office-invitation').inputValue();
    expect(invitation).toMatch(/^bientap-moi:/);

    // The laptop: a new data folder, its first-run screen, "Tham gia phòng".
    const laptopData = testInfo.outputPath('laptop');
    mkdirSync(laptopData, { recursive: true });
    laptopHost = await startHost({ dataDir: laptopData });
    const laptop = await (await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
    await laptop.goto(laptopHost.openUrl);
    await laptop.getByTestId('setup-join').click();
    await laptop.getByTestId('join-invitation').fill('bientap-moi:không-phải-lời-mời');
    await laptop.getByTestId('join-submit').click();
    await expect(laptop.getByRole('alert')).toContainText('lời mời');
    await laptop.getByTestId('join-invitation').fill(invitation);
    await laptop.getByTestId('join-submit').click();
    await signIn(laptop, reporter);
    await expect(laptop.getByTestId('office-status')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });

    // On a workstation of the office, the backups say what a restore cannot take back.
    await desk.getByRole('navigation').getByRole('button', { name: 'Quy chuẩn soát lỗi' }).click();
    await expect(desk.getByTestId('backup-row').first()).toBeVisible();
    await expect(desk.getByTestId('backup-office-note')).toContainText('máy nhận lại từ máy chủ');
  } finally {
    await laptopHost?.kill('SIGTERM');
    await server?.kill();
  }
});
