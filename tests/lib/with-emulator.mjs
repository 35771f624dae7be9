// Runs a command with two emulators (CORS on) listening: the documented flavor's gateway root in EMULATOR_URL,
// the open-source flavor's in EMULATOR_OPEN_SOURCE_URL. Both stop when the command ends.
// Usage: node tests/lib/with-emulator.mjs [emulator args...] -- command args...
import { spawn } from 'node:child_process';
import { startEmulator } from './emulator.mjs';

const sep = process.argv.indexOf('--');
const emuArgs = process.argv.slice(2, sep);
const [cmd, ...args] = process.argv.slice(sep + 1);
const emu = await startEmulator(emuArgs);
const openSource = await startEmulator(['--flavor', 'open-source', ...emuArgs]);
const env = { ...process.env, EMULATOR_URL: emu.url, EMULATOR_OPEN_SOURCE_URL: openSource.url };
const child = spawn(cmd, args, { stdio: 'inherit', env });
const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
if (code !== 0 && process.env.EMULATOR_LOG) console.error(emu.log());
await Promise.all([emu.stop(), openSource.stop()]);
process.exit(code);
