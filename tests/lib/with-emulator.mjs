// Runs a command with an emulator (CORS on) listening; its gateway root is in EMULATOR_URL.
// Usage: node tests/lib/with-emulator.mjs [emulator args...] -- command args...
import { spawn } from 'node:child_process';
import { startEmulator } from './emulator.mjs';

const sep = process.argv.indexOf('--');
const emuArgs = process.argv.slice(2, sep);
const [cmd, ...args] = process.argv.slice(sep + 1);
const emu = await startEmulator(emuArgs);
const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, EMULATOR_URL: emu.url } });
const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
if (code !== 0 && process.env.EMULATOR_LOG) console.error(emu.log());
await emu.stop();
process.exit(code);
