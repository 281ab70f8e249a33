import { z } from 'zod';
import { text } from './api/fields';
import { needsEncryption } from './publishing';

/**
 * Where the desktop app looks for new versions: a folder on a web server holding what `npm run dist`
 * made (latest.yml and the installers), for example on the office server. Empty: no automatic updates.
 * Over https:// (or to this machine): the update's checksum comes from that address, so it must not be
 * open to whoever sits on the network between.
 */
export const updateSettingsSchema = z
  .object({
    feedUrl: text(500, { trim: true })
      .refine((value) => value === '' || /^https?:\/\/[^\s/?#]+/i.test(value), 'Địa chỉ phải bắt đầu bằng https://.')
      .refine(
        (value) => !needsEncryption(value),
        'Bản cập nhật phải tải qua https:// (hoặc từ chính máy này), để không ai trên đường mạng đánh tráo được.',
      ),
  })
  .strict();
export type UpdateSettings = z.infer<typeof updateSettingsSchema>;

export const DEFAULT_UPDATE_SETTINGS: UpdateSettings = { feedUrl: '' };
