// Runs the `bkpaas-upload` command as a child process, the way a pipeline does, with a clean environment.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../lib/emulator.mjs';

export const cliPath = process.env.BKPAAS_CLI || join(root, 'cli', 'bkpaas-upload.mjs');

/**
 * @param {string[]} args
 * @param {{env?: object, input?: string, cwd?: string, onStderr?: (text: string, child) => void, timeout?: number}} [o]
 * @returns {Promise<{code: number|null, signal: string|null, stdout: string, stderr: string, ms: number}>}
 */
export function runCli(args, { env = {}, input, cwd, onStderr, timeout = 60000, command = [process.execPath, cliPath] } = {}) {
  const [cmd, ...pre] = command;
  const child = spawn(cmd, [...pre, ...args], {
    cwd: cwd || root,
    // Only what a CI job would have; nothing of this machine's own BKPAAS_* or HOME leaks in.
    env: { PATH: process.env.PATH, HOME: env.HOME || '/nonexistent', LANG: 'C.UTF-8',
      ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; onStderr?.(stderr, child); });
  child.stdin.on('error', () => {});
  child.stdin.end(input);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`bkpaas-upload ${args.join(' ')} did not end in ${timeout} ms:\n${stderr}`)); }, timeout);
    // 'close': the process ended and its pipes are drained.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A HOME with bkpaas-cli's config file holding `text`; returns the home and the file's path. */
export function homeWithConfig(dir, text) {
  const home = join(dir, 'home-' + Math.random().toString(36).slice(2));
  mkdirSync(join(home, '.blueking-paas'), { recursive: true });
  const path = join(home, '.blueking-paas', 'config.yaml');
  writeFileSync(path, text);
  return { home, path };
}
