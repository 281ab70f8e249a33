/** `bientap` (`npm run cli`, bin/bientap.mjs): the commands are in ./run.ts, shared with the desktop app's `--cli`. */
import { runCli } from './run';

process.exitCode = await runCli(process.argv.slice(2));
