import { describe, expect, it } from 'vitest';
import { parseServerArgs } from './args';
import { ServerStartError } from './errors';

describe('parseServerArgs', () => {
  it('reads the data folder, the port, the office and the Redis that relays between processes', () => {
    expect(parseServerArgs(['--data', 'd', '--port', '0'])).toEqual({ dataDir: 'd', port: 0, host: '127.0.0.1' });
    expect(
      parseServerArgs(['--data=d', '--port=8443', '--office', 'f'.repeat(64), '--redis', 'redis://10.0.0.5:6379/2']),
    ).toEqual({
      dataDir: 'd',
      port: 8443,
      host: '127.0.0.1',
      office: 'f'.repeat(64),
      redis: 'redis://10.0.0.5:6379/2',
    });
    expect(parseServerArgs(['--data', 'd', '--port', '1', '--redis=rediss://:mật@redis.văn-phòng']).redis).toBe(
      'rediss://:mật@redis.văn-phòng',
    );
  });

  it('refuses a Redis address that is not redis:// or rediss://, naming the usage', () => {
    for (const redis of ['http://127.0.0.1:6379', '127.0.0.1:6379', 'redis://', 'redis://h/x']) {
      expect(() => parseServerArgs(['--data', 'd', '--port', '0', '--redis', redis])).toThrow(ServerStartError);
      expect(() => parseServerArgs(['--data', 'd', '--port', '0', '--redis', redis])).toThrow(
        /Địa chỉ Redis .* không hợp lệ: cần dạng redis:\/\/máy:cổng/,
      );
    }
    expect(() => parseServerArgs(['--data', 'd', '--port', '0', '--redis'])).toThrow(
      /Thiếu giá trị cho --redis\. .*\[--redis redis:\/\/MÁY:CỔNG\]/,
    );
  });
});
