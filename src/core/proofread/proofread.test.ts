import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESS_ABBREVIATIONS } from '../../shared/proofread/rules/abbreviation';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/proofread/types';
import { DEFAULT_HOUSE_STYLE } from '../../shared/proofreadApi';
import type { EditorState } from '../../shared/domain';
import { body, writeArticle } from '../reviewkit';
import { seededCorePerTest } from '../seededTests';
import { editorStateBlocks } from './blocks';
import { withoutIgnored } from './ignores';

const seeded = seededCorePerTest();

describe('house style settings', () => {
  it('starts from the defaults, which everyone signed in may read', async () => {
    const { core, sessions } = await seeded();
    expect(await core.call('proofread.settings.get', {}, sessions.phongvien)).toEqual(DEFAULT_HOUSE_STYLE);
    expect(await core.tryCall('proofread.settings.get', {}, null)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('lets only an administrator change them, and keeps what was saved', async () => {
    const { core, sessions } = await seeded();
    const style = { toneStyle: 'new' as const, blockingChecks: ['title', 'summary'] as const, disabledRules: [] };
    for (const who of ['phongvien', 'bientap', 'truongphong']) {
      const before = core.changes();
      expect(
        await core.tryCall(
          'proofread.settings.set',
          { ...style, blockingChecks: [...style.blockingChecks] },
          sessions[who],
        ),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(core.changes()).toBe(before);
    }
    await core.call(
      'proofread.settings.set',
      { ...style, blockingChecks: [...style.blockingChecks] },
      sessions.quantri,
    );
    expect(await core.call('proofread.settings.get', {}, sessions.phongvien)).toEqual({
      toneStyle: 'new',
      blockingChecks: ['title', 'summary'],
      disabledRules: [],
      // Not sent: the press list stays as it was.
      pressAbbreviations: [...PRESS_ABBREVIATIONS],
    });
    const audit = core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'settings.houseStyle'").get();
    expect(audit).toEqual({ n: 1 });
  });

  it('accepts the office’s own press abbreviations and no longer flags them; one dropped is flagged again', async () => {
    const { core, sessions } = await seeded();
    const { id } = await core.call('articles.create', { title: 'Viết tắt' }, sessions.phongvien);
    const blocks = ['Đoàn ĐBQH tỉnh làm việc với Sở KHCN và UBND thành phố.'];
    const flagged = async () =>
      (await core.call('proofread.check', { articleId: id, blocks }, sessions.phongvien)).findings
        .filter((finding) => finding.rule === 'abbreviation.undefined')
        .map((finding) => blocks[0]!.slice(finding.start, finding.end));
    expect(await flagged()).toEqual(['KHCN']);
    const style = await core.call('proofread.settings.get', {}, sessions.quantri);
    await core.call(
      'proofread.settings.set',
      { ...style, pressAbbreviations: [...style.pressAbbreviations.filter((abbr) => abbr !== 'ĐBQH'), 'KHCN'] },
      sessions.quantri,
    );
    expect(await flagged()).toEqual(['ĐBQH']);
    expect(
      await core.tryCall('proofread.settings.set', { ...style, pressAbbreviations: ['viết thường'] }, sessions.quantri),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses a tone style or a check it does not know', async () => {
    const { core, sessions } = await seeded();
    const bad = { toneStyle: 'cũ', blockingChecks: [], disabledRules: [] };
    expect(await core.tryCall('proofread.settings.set', bad, sessions.quantri)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const badCheck = { toneStyle: null, blockingChecks: ['title', 'tags'], disabledRules: [] };
    expect(await core.tryCall('proofread.settings.set', badCheck, sessions.quantri)).toMatchObject({ ok: false });
  });
});

describe('the office lexicon', () => {
  it('is read by everyone and changed only by an administrator', async () => {
    const { core, sessions } = await seeded();
    expect(await core.tryCall('proofread.lexicon.add', { word: 'Phú Xuân' }, sessions.phongvien)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Decomposed input (as some keyboards send it) is stored composed, once.
    await core.call('proofread.lexicon.add', { word: ' Phu\u0301 Xuân ' }, sessions.quantri);
    await core.call('proofread.lexicon.add', { word: 'Phú Xuân' }, sessions.quantri);
    await core.call('proofread.lexicon.add', { word: 'UBND' }, sessions.quantri);
    const { items } = await core.call('proofread.lexicon.list', {}, sessions.phongvien);
    expect(items.map((item) => item.word)).toEqual(['Phú Xuân', 'UBND']);
    expect(items[0]).toMatchObject({ addedBy: 'Quản Trị Viên' });

    expect(await core.tryCall('proofread.lexicon.remove', { word: 'UBND' }, sessions.bientap)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await core.call('proofread.lexicon.remove', { word: 'UBND' }, sessions.quantri);
    expect(await core.tryCall('proofread.lexicon.remove', { word: 'UBND' }, sessions.quantri)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await core.call('proofread.lexicon.list', {}, sessions.phongvien)).items).toHaveLength(1);
  });
});

describe('ignored findings', () => {
  it('are kept per article, for those who may edit it', async () => {
    const { core, sessions } = await seeded();
    const article = await writeArticle(core, sessions.phongvien!);
    const ignore = { articleId: article.id, rule: 'spelling.unknown' as const, text: 'Camara' };
    await core.call('proofread.ignores.add', ignore, sessions.phongvien);
    await core.call('proofread.ignores.add', ignore, sessions.phongvien);
    // Another reporter cannot see the article at all; an editor may edit it.
    expect(await core.tryCall('proofread.ignores.add', ignore, sessions.phongvien2)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await core.tryCall('proofread.ignores.list', { articleId: article.id }, sessions.phongvien2)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await core.call('proofread.ignores.add', { ...ignore, rule: 'spacing.double', text: '  ' }, sessions.bientap);
    expect((await core.call('proofread.ignores.list', { articleId: article.id }, sessions.truongphong)).items).toEqual([
      { rule: 'spelling.unknown', text: 'Camara' },
      { rule: 'spacing.double', text: '  ' },
    ]);
    await core.call('proofread.ignores.remove', ignore, sessions.phongvien);
    expect((await core.call('proofread.ignores.list', { articleId: article.id }, sessions.phongvien)).items).toEqual([
      { rule: 'spacing.double', text: '  ' },
    ]);
  });

  it('hide a finding only where the same rule matched the same text', () => {
    const blocks = ['Camara ghi hình.', 'Máy Camara mới  đây.'];
    const finding = (block: number, start: number, end: number, rule: Finding['rule']): Finding => ({
      block,
      start,
      end,
      rule,
      severity: 'error',
      message: 'x',
    });
    const findings = [
      finding(0, 0, 6, 'spelling.unknown'),
      finding(1, 4, 10, 'spelling.unknown'),
      finding(1, 4, 10, 'capitalization.term'),
      finding(1, 14, 16, 'spacing.double'),
    ];
    const kept = withoutIgnored(findings, blocks, [{ rule: 'spelling.unknown', text: 'Camara' }]);
    expect(kept.map((f) => f.rule)).toEqual(['capitalization.term', 'spacing.double']);
  });
});

describe('blocks of a stored body', () => {
  it('are its paragraphs, headings, quotes, list items and cell paragraphs, in order', () => {
    const text = (t: string) => ({ type: 'text' as const, text: t });
    const state = {
      root: {
        type: 'root',
        children: [
          { type: 'heading', children: [text('Tiêu đề phụ')] },
          {
            type: 'paragraph',
            children: [
              text('Một '),
              { type: 'link', children: [text('liên kết')] },
              { type: 'linebreak' },
              text('dòng hai'),
            ],
          },
          {
            type: 'list',
            children: [
              { type: 'listitem', children: [text('Mục một')] },
              {
                type: 'listitem',
                children: [{ type: 'list', children: [{ type: 'listitem', children: [text('Mục con')] }] }],
              },
            ],
          },
          { type: 'image', altText: 'Ảnh', caption: 'Chú thích' },
          {
            type: 'table',
            children: [
              {
                type: 'tablerow',
                children: [{ type: 'tablecell', children: [{ type: 'paragraph', children: [text('Ô')] }] }],
              },
            ],
          },
          { type: 'quote', children: [text('Trích\tdẫn')] },
        ],
      },
    } as unknown as EditorState;
    expect(editorStateBlocks(state)).toEqual([
      'Tiêu đề phụ',
      'Một liên kết\ndòng hai',
      'Mục một',
      '',
      'Mục con',
      'Ô',
      'Trích\tdẫn',
    ]);
    expect(editorStateBlocks(body('a', 'b'))).toEqual(['a', 'b']);
  });
});

describe('proofread.check', () => {
  const sample = readFileSync(join(import.meta.dirname, '../../../fixtures/sample-article.txt'), 'utf8');

  it('finds "Camara" in the sample article as stored, and honours this article\'s ignores', async () => {
    const { core, sessions } = await seeded();
    const { id } = await core.call('articles.create', {}, sessions.phongvien);
    await core.call(
      'articles.save',
      { id, baseVersion: 1, title: 'Mẫu', summary: '', body: body(...sample.split('\n')) },
      sessions.phongvien,
    );
    const { findings } = await core.call('proofread.check', { articleId: id }, sessions.phongvien);
    const camara = findings.find((f) => f.rule === 'spelling.known');
    expect(camara).toMatchObject({ severity: 'error', fix: 'Camera' });
    const blocks = sample.split('\n');
    expect(blocks[camara!.block]!.slice(camara!.start, camara!.end)).toBe('Camara');

    await core.call(
      'proofread.ignores.add',
      { articleId: id, rule: 'spelling.known', text: 'Camara' },
      sessions.phongvien,
    );
    const after = (await core.call('proofread.check', { articleId: id }, sessions.phongvien)).findings;
    expect(after.some((f) => f.rule === 'spelling.known')).toBe(false);
    // Only that finding went: the double space is still reported.
    expect(after.filter((f) => f.rule !== 'spelling.known')).toEqual(findings.filter((f) => f !== camara));

    // Another article of the same text keeps its own findings.
    const other = await writeArticle(core, sessions.phongvien!, 'Máy Camara mới.');
    const elsewhere = await core.call('proofread.check', { articleId: other.id }, sessions.phongvien);
    expect(elsewhere.findings.map((f) => f.rule)).toContain('spelling.known');
    expect(await core.tryCall('proofread.check', { articleId: id }, sessions.phongvien2)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('checks the blocks on screen with the office lexicon and house style', async () => {
    const { core, sessions } = await seeded();
    const article = await writeArticle(core, sessions.phongvien!);
    const blocks = ['Đoàn đến Kkrông hôm qua.', 'Tỉnh ủy họp bàn.'];
    const check = async () =>
      (await core.call('proofread.check', { articleId: article.id, blocks }, sessions.phongvien)).findings;
    expect((await check()).map((f) => f.rule)).toEqual(['spelling.unknown']);

    await core.call('proofread.lexicon.add', { word: 'Kkrông' }, sessions.quantri);
    expect(await check()).toEqual([]);

    await core.call(
      'proofread.settings.set',
      { toneStyle: 'new', blockingChecks: ['title'], disabledRules: [] },
      sessions.quantri,
    );
    const toned = await check();
    expect(toned).toMatchObject([{ block: 1, rule: 'tone.style', fix: 'uỷ' }]);
    expect(blocks[1]!.slice(toned[0]!.start, toned[0]!.end)).toBe('ủy');
  });

  it('blocks a submission on proofreading errors once the office says so', async () => {
    const { core, sessions } = await seeded();
    const article = await writeArticle(core, sessions.phongvien!, 'Máy Camara mới.');
    await core.call(
      'proofread.settings.set',
      { toneStyle: null, blockingChecks: ['title', 'proofErrors'], disabledRules: [] },
      sessions.quantri,
    );
    expect(await core.tryCall('workflow.submit', { articleId: article.id }, sessions.phongvien)).toMatchObject({
      ok: false,
      error: { code: 'CHECKLIST_BLOCKED', issues: [{ path: 'proofErrors' }] },
    });
    await core.call(
      'proofread.ignores.add',
      { articleId: article.id, rule: 'spelling.known', text: 'Camara' },
      sessions.phongvien,
    );
    expect((await core.call('workflow.submit', { articleId: article.id }, sessions.phongvien)).status).toBe(
      'submitted',
    );
  });
});
