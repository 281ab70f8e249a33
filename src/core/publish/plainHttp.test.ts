import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { needsEncryption } from '../../shared/publishing';
import { openSeededCore, type TestCore } from '../testkit';
import { adapterFor } from './adapters';
import { PublishError } from './adapter';
import { createKeyFileSecretBox } from './secrets';
import { findTarget } from './targets';

let core: TestCore | undefined;
afterEach(() => core?.close());

const site = (siteUrl: string, allowPlainHttp?: boolean) => ({
  name: 'Cổng thông tin',
  enabled: true,
  config: {
    kind: 'wordpress' as const,
    siteUrl,
    user: 'bientap',
    ...(allowPlainHttp === undefined ? {} : { allowPlainHttp }),
  },
  secret: 'abcd efgh ijkl mnop qrst uvwx',
});

describe('WordPress over plain http://', () => {
  it('is plain to another machine only: this machine and https are fine', () => {
    for (const url of ['http://192.168.1.20/wp', 'http://cong.hue.gov.vn', 'HTTP://user@10.0.0.5:8080/'])
      expect(needsEncryption(url), url).toBe(true);
    for (const url of ['https://cong.hue.gov.vn', 'http://127.0.0.1:8081', 'http://localhost/wp', 'http://[::1]:80'])
      expect(needsEncryption(url), url).toBe(false);
  });

  it('is refused when saved unless the administrator ticks the override, which is kept', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    core.ctx.secrets = createKeyFileSecretBox(join(core.dir, 'secret.key'));
    const admin = seeded.sessions.quantri;
    const refused = await core.tryCall('publishing.targets.save', site('http://192.168.1.20'), admin);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(refused)).toContain('https://');
    const saved = await core.call('publishing.targets.save', site('http://192.168.1.20', true), admin);
    expect(saved.config).toMatchObject({ kind: 'wordpress', allowPlainHttp: true });
    // A site on this machine needs no override.
    expect((await core.tryCall('publishing.targets.save', site('http://127.0.0.1:8081'), admin)).ok).toBe(true);
  });

  it('stops a site saved before the rule until the administrator chooses, with a message saying so', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    core.ctx.secrets = createKeyFileSecretBox(join(core.dir, 'secret.key'));
    const saved = await core.call(
      'publishing.targets.save',
      site('http://192.168.1.20', true),
      seeded.sessions.quantri,
    );
    // As stored by a version without the setting.
    core.db
      .prepare("UPDATE publish_targets SET config_json = json_remove(config_json, '$.allowPlainHttp') WHERE id = ?")
      .run(saved.id);
    const target = findTarget(core.ctx, saved.id)!;
    expect(() => adapterFor(core!.ctx, target)).toThrow(PublishError);
    expect(() => adapterFor(core!.ctx, target)).toThrow(/không mã hóa/);
  });
});
