import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { createStream } from 'rotating-file-stream';

/** The workstation's log: `<data>/nhat-ky/bientap.log`, rotated at 5 MB, the last five kept beside it. */
export const LOG_FOLDER = 'nhat-ky';
export const LOG_FILE = 'bientap.log';
const ROTATE_AT = '5M';
const KEEP = 5;

export interface CoreLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** Settles once every entry written so far is in the file. */
  flush(): Promise<void>;
  /** Writes out what is buffered and closes the file. */
  close(): Promise<void>;
}

/** Where there is no data folder (tests of parts): warnings and errors on standard error, nothing kept. */
export const CONSOLE_LOG: CoreLog = {
  info() {},
  warn: (message) => console.error(message),
  error: (message, error) => console.error(message, ...(error === undefined ? [] : [error])),
  flush: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

const describe = (error: unknown) =>
  error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);

let rotations = 0;

/**
 * The current file is bientap.log; a rotated one is named by when it was rotated, to the millisecond, and
 * by how many this process rotated before it, so that names sort in the order they were written (file
 * times are too coarse for that, and the stream's default names reuse numbers it has freed).
 */
function rotatedName(time: number | Date | null, index?: number): string {
  if (!time) return LOG_FILE;
  rotations += 1;
  const at = new Date(time).toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '').slice(0, 18);
  return `${at}-${String(rotations).padStart(6, '0')}-${String(index ?? 1).padStart(2, '0')}-${LOG_FILE}`;
}

export interface LogFileOptions {
  /** Where warnings and errors are also printed (standard error). */
  echo?: (line: string) => void;
  /** rotating-file-stream's size, e.g. `5M`; tests rotate sooner. */
  rotateAt?: string;
}

/**
 * A log in the data folder through pino (one JSON line per entry) onto a rotating file. Warnings and
 * errors are also printed on standard error as before, where a developer or the app's console sees them;
 * information only goes to the file.
 */
export function openLogFile(dataDir: string, options: LogFileOptions = {}): CoreLog {
  const echo = options.echo ?? ((line: string) => console.error(line));
  const folder = join(dataDir, LOG_FOLDER);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stream = createStream(rotatedName, {
    path: folder,
    size: options.rotateAt ?? ROTATE_AT,
    maxFiles: KEEP,
    mode: 0o600,
  });
  // A log that cannot be written must not take the app down with it: the entries still reach stderr.
  stream.on('error', (error) => echo(`Không ghi được nhật ký vào ${folder}: ${describe(error)}`));
  const logger = pino(
    {
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  return {
    // After close (a background task finishing late) an entry still reaches standard error, not the closed file.
    info(message) {
      if (!stream.writableEnded) logger.info(message);
    },
    warn(message) {
      if (!stream.writableEnded) logger.warn(message);
      echo(message);
    },
    error(message, error) {
      if (!stream.writableEnded) {
        if (error === undefined) logger.error(message);
        else logger.error({ error: describe(error) }, message);
      }
      echo(error === undefined ? message : `${message}\n${describe(error)}`);
    },
    flush: () =>
      new Promise<void>((resolve) => {
        // A write's callback runs once it and every write before it are done.
        if (stream.writableEnded) resolve();
        else stream.write('', () => resolve());
      }),
    close: () =>
      new Promise<void>((resolve) => {
        logger.flush();
        stream.end(() => resolve());
      }),
  };
}

const LEVEL_NAMES: Record<string, string> = { info: 'THÔNG TIN', warn: 'CẢNH BÁO', error: 'LỖI' };

/**
 * The log for support, newest last: the rotated files then the current one, each entry on a line a
 * person can read (time, level, message, and the error's stack indented below). At most `limit` bytes of
 * the newest entries.
 */
export function readLogForSupport(dataDir: string, limit = 4 * 1024 * 1024): string {
  const folder = join(dataDir, LOG_FOLDER);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(LOG_FILE));
  } catch {
    return '';
  }
  // Rotated files are named so that they sort in the order they were written (rotatedName); the current one is the newest.
  const files = names
    .filter((name) => name !== LOG_FILE)
    .sort()
    .concat(names.includes(LOG_FILE) ? [LOG_FILE] : [])
    .map((name) => ({ name }));
  const lines: string[] = [];
  for (const { name } of files) {
    for (const line of readFileSync(join(folder, name), 'utf8').split('\n')) {
      if (line.trim()) lines.push(readable(line));
    }
  }
  let text = lines.join('\n');
  if (Buffer.byteLength(text) > limit) {
    const cut = Buffer.from(text).subarray(-limit).toString('utf8');
    text = cut.slice(cut.indexOf('\n') + 1);
  }
  return text ? `${text}\n` : '';
}

function readable(line: string): string {
  try {
    const entry = JSON.parse(line) as { time?: string; level?: string; msg?: string; error?: string };
    const head = `${entry.time ?? ''} ${LEVEL_NAMES[entry.level ?? ''] ?? entry.level ?? ''} ${entry.msg ?? ''}`;
    return entry.error ? `${head}\n    ${entry.error.split('\n').join('\n    ')}` : head;
  } catch {
    return line;
  }
}

/** `20261203-1405`: when a file the app hands over was made, for its name. */
export function fileStamp(at: Date): string {
  return at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

/** The log as the file support receives: its name and its readable text (`logs.export`, normal or recovery). */
export function logForSupport(dataDir: string | null, at: Date): { fileName: string; text: string } {
  return { fileName: `bientap-nhat-ky-${fileStamp(at)}.txt`, text: dataDir ? readLogForSupport(dataDir) : '' };
}
