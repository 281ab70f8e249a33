import { describe, expect, it } from 'vitest';
import { isAbsoluteFolder } from './paths';

describe('isAbsoluteFolder', () => {
  it('takes folders named from the root on Linux, macOS and Windows', () => {
    for (const folder of ['/', '/srv/www/bientap', 'D:\\Website', 'c:/web', '\\\\may-chu\\chia-se\\trang']) {
      expect(isAbsoluteFolder(folder), folder).toBe(true);
    }
  });

  it('refuses folders relative to wherever the app happens to run', () => {
    for (const folder of [
      'site',
      './site',
      '../www',
      '~/www',
      'C:Website',
      'D:',
      '\\\\may-chu',
      'file:///srv/www',
      '',
    ]) {
      expect(isAbsoluteFolder(folder), folder).toBe(false);
    }
  });
});
