import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { openTestCore, type TestCore } from '../testkit';
import { describeOfficeStatus, officeStatusCommand } from './cli';
import { LocalDocumentStore } from './store';
import { HEARTBEAT_MS, officeStatus, writeLinkState } from './status';

const cores: TestCore[] = [];

function joined(): TestCore {
  const core = openTestCore();
  cores.push(core);
  core.db
    .prepare(`INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES ('office.connection', ?, ?, NULL)`)
    .run(
      JSON.stringify({
        url: 'wss://10.0.0.5:8443',
        certSha256: 'ab'.repeat(32),
        cert: '-----BEGIN CERTIFICATE-----',
        office: 'cd'.repeat(32),
        officeKey: 'k',
        since: core.clock.now.toISOString(),
      }),
      core.clock.now.toISOString(),
    );
  return core;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const core of cores.splice(0)) core.close();
});

describe('the office sync status', () => {
  it('is none without an office and offline before any connection ran', () => {
    const alone = openTestCore();
    cores.push(alone);
    expect(officeStatus(alone.ctx)).toEqual({
      server: null,
      state: 'none',
      lastSyncAt: null,
      pendingChanges: 0,
      problem: null,
    });
    expect(describeOfficeStatus(officeStatus(alone.ctx))).toBe(
      'Máy này chưa tạo hay tham gia phòng làm việc chung nào.',
    );
    const core = joined();
    expect(officeStatus(core.ctx)).toMatchObject({ server: 'wss://10.0.0.5:8443', state: 'offline', lastSyncAt: null });
  });

  it('counts updates made here until acknowledged, keeps the last sync, and reads a silent state as offline', () => {
    const core = joined();
    writeLinkState(core.ctx, 'synced', null);
    const syncedAt = core.clock.now.toISOString();
    const store = new LocalDocumentStore(core.ctx);
    store.append('office/directory', new Uint8Array([0, 0]), false);
    store.append('office/directory', new Uint8Array([0, 0]), true);
    store.append('office/directory', new Uint8Array([0, 0]), true);
    core.clock.advance(5_000);
    writeLinkState(core.ctx, 'offline', 'Không kết nối được tới máy chủ wss://10.0.0.5:8443 (ECONNREFUSED).');
    expect(officeStatus(core.ctx)).toMatchObject({ state: 'offline', lastSyncAt: syncedAt, pendingChanges: 2 });
    expect(describeOfficeStatus(officeStatus(core.ctx))).toBe('Ngoại tuyến — 2 thay đổi chưa gửi');

    const upTo = store.mark('office/directory');
    store.append('office/directory', new Uint8Array([0, 0]), true);
    expect(store.acknowledged('office/directory', upTo)).toBe(2);
    writeLinkState(core.ctx, 'syncing', null);
    expect(officeStatus(core.ctx)).toMatchObject({ state: 'syncing', pendingChanges: 1, lastSyncAt: syncedAt });
    expect(describeOfficeStatus(officeStatus(core.ctx))).toBe('Đang đồng bộ');

    writeLinkState(core.ctx, 'synced', null);
    expect(describeOfficeStatus(officeStatus(core.ctx))).toBe('Đã đồng bộ lúc 15/04/2026 10:51:43 SA');
    // The process that wrote "synced" stopped (closed or killed) and nobody confirmed it since.
    core.clock.advance(3 * HEARTBEAT_MS + 1);
    expect(officeStatus(core.ctx)).toMatchObject({ state: 'offline', lastSyncAt: '2026-04-15T03:51:43.000Z' });
  });

  it('merges acknowledged rows past the threshold and leaves pending ones alone', () => {
    const core = joined();
    const store = new LocalDocumentStore(core.ctx, 3);
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => store.append('office/directory', update, false));
    for (let i = 0; i < 5; i++) doc.getArray('entries').push([i]);
    const mine = new Y.Doc();
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(doc));
    mine.on('update', (update: Uint8Array) => store.append('office/directory', update, true));
    mine.getArray('entries').push(['của tôi']);
    expect(store.compactIfLong('office/directory')).toBe(true);
    const rows = core.db.prepare('SELECT pending FROM office_document_updates ORDER BY id').all();
    expect(rows).toEqual([{ pending: 1 }, { pending: 0 }]);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, store.load('office/directory'));
    expect(reloaded.getArray('entries').toArray()).toEqual([0, 1, 2, 3, 4, 'của tôi']);
    expect(store.pending('office/directory')).toBe(1);
  });

  it('prints the status as JSON for `bientap office status --json`', async () => {
    const core = joined();
    writeLinkState(core.ctx, 'syncing', null);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    // The command opens the data folder itself, as the command line does.
    const dir = core.dir;
    core.db.close();
    cores.splice(cores.indexOf(core), 1);
    expect(await officeStatusCommand({ data: dir, json: true })).toBe(0);
    const printed = JSON.parse(lines[0] as string);
    expect(printed).toMatchObject({ server: 'wss://10.0.0.5:8443', pendingChanges: 0 });
    // The command runs on the real clock, long after the test clock's instant: nobody is connected.
    expect(printed.state).toBe('offline');
    lines.length = 0;
    expect(await officeStatusCommand({ data: dir })).toBe(0);
    expect(lines).toEqual(['Ngoại tuyến — 0 thay đổi chưa gửi', 'Máy chủ: wss://10.0.0.5:8443']);
  });
});
