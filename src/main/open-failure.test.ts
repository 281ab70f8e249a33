import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { describeOpenFailure } from './open-failure';

describe('describeOpenFailure', () => {
  it("shows the core's own Vietnamese message as it is, with the folder", () => {
    const text = describeOpenFailure(new AppError('INTERNAL', 'Cơ sở dữ liệu do phiên bản mới hơn tạo ra.'), '/data');
    expect(text.split('\n')[0]).toBe('Cơ sở dữ liệu do phiên bản mới hơn tạo ra.');
    expect(text).toContain('Thư mục dữ liệu: /data');
    expect(text).toContain('giữ nguyên');
  });

  it('wraps a foreign error and explains a native module built for the wrong runtime', () => {
    const text = describeOpenFailure(
      new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115.'),
      '/d',
    );
    expect(text).toMatch(/^Không mở được cơ sở dữ liệu: The module/);
    expect(text).toContain('scripts/electron-native.mjs');
  });

  it('copes with something that is not an Error', () => {
    expect(describeOpenFailure('disk full', '/d')).toMatch(/^Không mở được cơ sở dữ liệu: disk full/);
  });
});
