import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningHost {
  /** The URL to open, with the access token in its fragment. */
  openUrl: string;
  /** Kills the host and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface HostOptions {
  dataDir: string;
  demo?: boolean;
  startTimeoutMs?: number;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the web host on a random port, as `npm run web` runs it, and waits for its URL line. */
export function startHost({ dataDir, demo = false, startTimeoutMs = 30_000 }: HostOptions): Promise<RunningHost> {
  // As `npm run web` runs it (scripts/lib/webhost.mjs).
  const args = ['--conditions=production', '--import', 'tsx', 'src/webhost/main.ts', '--data', dataDir, '--port', '0'];
  args.push('--renderer', path.join(ROOT, 'out/renderer'));
  // Accounts made through the UI are hashed at a low cost: the specs test the workflow, not scrypt.
  args.push('--test-only-weak-kdf');
  if (demo) args.push('--demo');
  // Spawned without a shell so the pid is the host itself: SIGKILL must hit the process holding the database.
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (log += chunk));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The web host printed no BIENTAP_URL within ${startTimeoutMs} ms:\n${log}`));
    }, startTimeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The web host exited (${signal ?? code}) before it was ready:\n${log}`));
    });
    // Keeps reading after the URL line too: a full pipe would stall the host.
    child.stdout.on('data', (chunk: string) => {
      log += chunk;
      const match = /^BIENTAP_URL=(\S+)$/m.exec(log);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        openUrl: match[1],
        async kill(signal = 'SIGKILL') {
          child.kill(signal);
          await exited(child);
        },
      });
    });
  });
}
