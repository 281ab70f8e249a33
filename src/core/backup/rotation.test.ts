import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToKeep, parseBackupName, type BackupName } from './rotation';

const at = (iso: string) => new Date(iso);
const named = (iso: string, reason: BackupName['reason'] = 'dinh-ky'): BackupName => ({
  file: backupFileName(at(iso), reason),
  at: at(iso),
  reason,
});

describe('backup file names', () => {
  it('say when and why, sort by time, and are read back; other files are not backups', () => {
    const name = backupFileName(at('2026-12-03T07:05:09.500Z'), 'truoc-nang-cap');
    expect(name).toBe('bientap-20261203-070509-truoc-nang-cap.sqlite');
    expect(parseBackupName(name)).toEqual({ file: name, at: at('2026-12-03T07:05:09Z'), reason: 'truoc-nang-cap' });
    for (const other of ['bientap.sqlite', 'bientap-20261203-070509-la.sqlite', 'ghi-chu.txt', `${name}.tmp`])
      expect(parseBackupName(other)).toBeNull();
  });
});

describe('which backups are kept', () => {
  it('keeps every backup of the last day, the newest of each of the last seven days and of the last four weeks', () => {
    const backups: BackupName[] = [];
    // Every six hours for six weeks, Huế time midnights at 17:00 UTC.
    for (let hour = 0; hour < 42 * 24; hour += 6)
      backups.push(named(new Date(Date.UTC(2026, 9, 19, 0) + hour * 3_600_000).toISOString()));
    const keep = backupsToKeep(backups, { daily: 7, weekly: 4 });
    const kept = backups.filter((backup) => keep.has(backup.file)).map((backup) => backup.at.toISOString());
    // Seven days, Huế time: the last backup (18:00 UTC, 01:00 on Monday 30 November in Huế) alone on its
    // day, then the last of each day before it (12:00 UTC, 19:00 in Huế); and all of the last 24 hours.
    expect(kept.filter((iso) => iso >= '2026-11-23')).toEqual([
      '2026-11-24T12:00:00.000Z',
      '2026-11-25T12:00:00.000Z',
      '2026-11-26T12:00:00.000Z',
      '2026-11-27T12:00:00.000Z',
      '2026-11-28T12:00:00.000Z',
      '2026-11-29T00:00:00.000Z',
      '2026-11-29T06:00:00.000Z',
      '2026-11-29T12:00:00.000Z',
      '2026-11-29T18:00:00.000Z',
    ]);
    // Four weeks, Monday to Sunday: this week's and last week's newest are kept already, then the two before.
    expect(kept.filter((iso) => iso < '2026-11-23')).toEqual(['2026-11-15T12:00:00.000Z', '2026-11-22T12:00:00.000Z']);
    expect(keep.size).toBe(11);
  });

  it('always keeps the newest, and keeps everything while there are few', () => {
    const few = [named('2026-12-01T01:00:00Z'), named('2026-12-02T01:00:00Z', 'thu-cong')];
    expect(backupsToKeep(few, { daily: 7, weekly: 4 }).size).toBe(2);
    expect([...backupsToKeep(few, { daily: 0, weekly: 0 })]).toEqual([few[1]!.file]);
    // Within a day of each other, both stay whatever the rule.
    const close = [named('2026-12-02T01:00:00Z'), named('2026-12-02T20:00:00Z', 'thu-cong')];
    expect(backupsToKeep(close, { daily: 0, weekly: 0 }).size).toBe(2);
    expect(backupsToKeep([], { daily: 7, weekly: 4 }).size).toBe(0);
  });
});
