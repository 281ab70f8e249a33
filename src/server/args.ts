import { ServerStartError } from './errors';

export interface ServerArgs {
  dataDir: string;
  port: number;
  host: string;
  /** The office key's fingerprint, pinned on the first start that names it. */
  office?: string;
  /** Redis that relays documents between several server processes of one office (`redis://` or `rediss://`). */
  redis?: string;
}

const USAGE =
  'Cách dùng: npm run server -- --data THƯ_MỤC --port CỔNG [--host ĐỊA_CHỈ] [--office DẤU_VÂN_TAY_KHÓA_VĂN_PHÒNG] [--redis redis://MÁY:CỔNG]';

/** Reads `--data DIR --port N [--host ADDR] [--office FINGERPRINT] [--redis URL]` (also `--name=value`); anything else is refused with the usage line. */
export function parseServerArgs(argv: readonly string[]): ServerArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const match = /^--(data|port|host|office|redis)(?:=(.*))?$/.exec(arg);
    if (!match) throw new ServerStartError(`Không hiểu tham số "${arg}". ${USAGE}`);
    const name = match[1] as string;
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') throw new ServerStartError(`Thiếu giá trị cho --${name}. ${USAGE}`);
    if (values.has(name)) throw new ServerStartError(`--${name} được cho hai lần. ${USAGE}`);
    values.set(name, value);
  }
  const dataDir = values.get('data');
  const portText = values.get('port');
  if (!dataDir) throw new ServerStartError(`Thiếu --data (thư mục dữ liệu của máy chủ). ${USAGE}`);
  if (portText === undefined) throw new ServerStartError(`Thiếu --port (0 để tự chọn cổng trống). ${USAGE}`);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new ServerStartError(`Cổng "${portText}" không hợp lệ: cần một số từ 0 đến 65535.`);
  }
  const office = values.get('office');
  const redis = values.get('redis');
  if (redis !== undefined && !isRedisUrl(redis)) {
    throw new ServerStartError(
      `Địa chỉ Redis "${redis}" không hợp lệ: cần dạng redis://máy:cổng (hoặc rediss:// khi Redis dùng TLS).`,
    );
  }
  return {
    dataDir,
    port: Number(portText),
    host: values.get('host') ?? '127.0.0.1',
    ...(office ? { office } : {}),
    ...(redis ? { redis } : {}),
  };
}

function isRedisUrl(text: string): boolean {
  try {
    const url = new URL(text);
    // The path, if any, is the database number.
    return (
      (url.protocol === 'redis:' || url.protocol === 'rediss:') &&
      url.hostname !== '' &&
      /^(\/\d*)?$/.test(url.pathname)
    );
  } catch {
    return false;
  }
}
