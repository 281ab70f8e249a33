import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANISATION } from '../../shared/organisation';
import { ensureOfficeKey } from '../seal/officeKey';
import { previewHtml } from '../publish/preview';
import { openSeededCore, type TestCore } from '../testkit';

let core: TestCore | undefined;
afterEach(() => core?.close());

const HUE = {
  name: 'Trung tâm Văn hóa Thông tin và Thể thao thành phố Huế',
  parent: 'UBND thành phố Huế',
  place: 'Huế',
};

describe('the office named once, used everywhere', () => {
  it('is read by anyone, before any sign-in, and set only by an administrator, audited', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    const s = seeded.sessions;
    expect(await core.call('organisation.get', {})).toEqual(DEFAULT_ORGANISATION);
    for (const who of ['phongvien', 'truongphong']) {
      expect(await core.tryCall('organisation.set', HUE, s[who])).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await core.tryCall('organisation.set', { ...HUE, name: ' ' }, s.quantri)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await core.call('organisation.set', HUE, s.quantri)).toEqual(HUE);
    expect(await core.call('organisation.get', {})).toEqual(HUE);
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'settings.organisation'").pluck().get()).toBe(
      1,
    );
  });

  it('follows every byline as the portal prints it: the account’s own unit, else the office', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    const s = seeded.sessions;
    await core.call('organisation.set', HUE, s.quantri);
    const reporter = core.db.prepare("SELECT id FROM users WHERE username = 'phongvien'").pluck().get() as string;
    const office = await core.call('articles.create', { title: 'Bài của phòng' }, s.phongvien);
    expect((await core.call('articles.get', { id: office.id }, s.phongvien)).byline).toBe(`Huỳnh Thị Ly (${HUE.name})`);

    await core.call('users.update', { id: reporter, unit: 'Phòng Văn hóa & Thông tin TP Huế' }, s.quantri);
    const own = await core.call('articles.create', { title: 'Bài của tổ' }, s.phongvien);
    const article = await core.call('articles.get', { id: own.id }, s.phongvien);
    expect(article.byline).toBe('Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)');
    // The page the site would write prints it, and the site's title names the office.
    const page = previewHtml(core.ctx, article);
    expect(page).toContain('Huỳnh Thị Ly (Phòng Văn hóa &amp; Thông tin TP Huế)');
    expect(page).toContain(`<title>Bài của tổ — Tin tức — ${HUE.name}</title>`);
  });

  it('names the office key the office signs with', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    await core.call('organisation.set', HUE, seeded.sessions.quantri);
    expect(ensureOfficeKey(core.ctx).name).toBe(HUE.name);
  });
});
