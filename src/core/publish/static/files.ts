import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PublishError } from '../adapter';

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The site folder's files by their `/`-separated site path. */
export class SiteFiles {
  constructor(readonly root: string) {}

  absolute(sitePath: string): string {
    return path.join(this.root, ...sitePath.split('/'));
  }

  /** Refuses to write into a folder that is not there: a drive that is not mounted must not get a fresh site. */
  async assertRoot(): Promise<void> {
    let info;
    try {
      info = await stat(this.root);
    } catch (error) {
      throw fileError(error, this.root);
    }
    if (!info.isDirectory())
      throw new PublishError(
        'permanent',
        `"${this.root}" không phải là thư mục. Hãy chọn đúng thư mục trang web trong Cài đặt → Trang web.`,
      );
  }

  async read(sitePath: string): Promise<Buffer | null> {
    try {
      return await readFile(this.absolute(sitePath));
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return null;
      throw fileError(error, this.absolute(sitePath));
    }
  }

  /**
   * `read`, at once: for a whole-site rebuild, which reads every page and source in turn while its
   * writes hold the threads asynchronous reads would wait for.
   */
  readNow(sitePath: string): Buffer | null {
    try {
      return readFileSync(this.absolute(sitePath));
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return null;
      throw fileError(error, this.absolute(sitePath));
    }
  }

  /** The names of the files in a folder of the site; none when it is not there. */
  async list(sitePath: string): Promise<string[]> {
    try {
      return await readdir(this.absolute(sitePath));
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return [];
      throw fileError(error, this.absolute(sitePath));
    }
  }

  async exists(sitePath: string): Promise<boolean> {
    try {
      await stat(this.absolute(sitePath));
      return true;
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return false;
      throw fileError(error, this.absolute(sitePath));
    }
  }

  /**
   * Writes through a temporary file beside the target, flushed to disk, then renamed over it: a
   * reader or a crash sees the old file or the new one, never half of either.
   */
  async write(sitePath: string, data: string | Buffer): Promise<void> {
    const target = this.absolute(sitePath);
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await openCreating(temp);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      throw fileError(error, target);
    }
  }

  async modifiedAt(sitePath: string): Promise<Date | null> {
    try {
      return (await stat(this.absolute(sitePath))).mtime;
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return null;
      throw fileError(error, this.absolute(sitePath));
    }
  }

  /** Creates the file only if it does not exist yet; false when it does. */
  async create(sitePath: string, data: string): Promise<boolean> {
    const target = this.absolute(sitePath);
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, data, { flag: 'wx' });
      return true;
    } catch (error) {
      if (codeOf(error) === 'EEXIST') return false;
      throw fileError(error, target);
    }
  }

  async remove(sitePath: string): Promise<void> {
    try {
      await rm(this.absolute(sitePath), { force: true });
    } catch (error) {
      throw fileError(error, this.absolute(sitePath));
    }
  }
}

/** Opens a new file for writing, making its folder only when it is missing (a rebuild writes thousands into a few). */
async function openCreating(file: string) {
  try {
    return await open(file, 'w');
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true });
    return open(file, 'w');
  }
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** A file-system failure as the publish queue needs it: whether retrying can help, and what the user should do. */
export function fileError(error: unknown, file: string): PublishError {
  if (error instanceof PublishError) return error;
  const code = codeOf(error);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new PublishError(
        'permanent',
        `Không có quyền ghi vào "${file}". Hãy cấp quyền ghi cho thư mục trang web hoặc chọn thư mục khác trong Cài đặt → Trang web, rồi đăng lại.`,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new PublishError(
        'permanent',
        `Ổ đĩa chứa thư mục trang web đã đầy (khi ghi "${file}"). Hãy giải phóng dung lượng rồi đăng lại.`,
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return new PublishError(
        'permanent',
        `Không tìm thấy thư mục trang web "${file}". Hãy kiểm tra ổ đĩa đã được gắn và đường dẫn trong Cài đặt → Trang web đúng, rồi đăng lại.`,
      );
    case 'EBUSY':
    case 'EAGAIN':
    case 'EMFILE':
    case 'ENFILE':
    case 'ETIMEDOUT':
    case 'EIO':
      return new PublishError(
        'transient',
        `Tệp "${file}" đang bận hoặc ổ đĩa tạm thời không phản hồi (${code}). Hệ thống sẽ tự thử lại; nếu lỗi kéo dài, hãy đóng chương trình đang mở tệp này.`,
      );
    default:
      return new PublishError(
        'transient',
        `Không ghi được "${file}" (${code ?? (error instanceof Error ? error.message : String(error))}). Hệ thống sẽ tự thử lại.`,
      );
  }
}
