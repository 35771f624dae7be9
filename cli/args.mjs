// The command line: `file <archive>` or `link <url>`, then options. Parsed by node:util's parseArgs (also in Deno
// and Bun); its English errors are reworded here so every message follows --lang, and never echo a value.
import { parseArgs } from 'node:util';

/** Options that carry a credential: refused as plain flags unless --allow-token-flag (shell history, `ps`). */
export const SECRET_FLAGS = ['access-token', 'bk-app-secret', 'bk-token', 'bk-ticket'];

const OPTIONS = {
  app: { type: 'string' },
  module: { type: 'string' },
  stage: { type: 'string' },
  'apigw-url': { type: 'string' },
  version: { type: 'string' },
  filename: { type: 'string' },
  overwrite: { type: 'boolean' },
  verify: { type: 'boolean' },
  'max-size': { type: 'string' },
  'no-check-archive': { type: 'boolean' },
  'token-stdin': { type: 'boolean' },
  'allow-token-flag': { type: 'boolean' },
  'access-token': { type: 'string' },
  'bk-app-code': { type: 'string' },
  'bk-app-secret': { type: 'string' },
  'bk-token': { type: 'string' },
  'bk-ticket': { type: 'string' },
  'bk-username': { type: 'string' },
  config: { type: 'string' },
  timeout: { type: 'string' },
  'stall-timeout': { type: 'string' },
  'response-timeout': { type: 'string' },
  retries: { type: 'string' },
  'retry-ambiguous': { type: 'boolean' },
  'allow-insecure-http': { type: 'boolean' },
  header: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const FILE_ONLY = ['filename', 'verify', 'max-size', 'no-check-archive'];

/** A problem with the command line; `text(texts)` words it in the chosen language. */
export class UsageError extends Error {
  constructor(text) {
    super('usage');
    this.text = text;
  }
}

/** The --lang value, found before parsing so that parse errors are already in that language. */
export function langFlag(argv) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--lang') return argv[i + 1];
    if (argv[i].startsWith('--lang=')) return argv[i].slice(7);
  }
  return undefined;
}

// The option as typed, without any `=value` (which may be a secret).
const quoted = (message) => (/'(-[^'=\s]*)/.exec(message) || [])[1] || '';

/** @returns {{command: 'file'|'link'|null, target: string|undefined, flags: Record<string, any>}} */
export function parseCommandLine(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const o = quoted(e.message);
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError((t) => t.unknownOption(o));
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError((t) => (/does not take/.test(e.message) ? t.noValue(o) : t.missingValue(o)));
    }
    throw e;
  }
  const flags = parsed.values;
  const [command, target, ...rest] = parsed.positionals;
  if (flags.help) return { command: null, target: undefined, flags };
  if (!command) throw new UsageError((t) => t.missingCommand);
  if (command !== 'file' && command !== 'link') throw new UsageError((t) => t.unknownCommand(command));
  if (target === undefined) throw new UsageError((t) => t.missingTarget(command));
  if (rest.length) throw new UsageError((t) => t.unexpectedArgument(rest[0]));
  if (command === 'link') {
    const wrong = FILE_ONLY.find((k) => flags[k] !== undefined);
    if (wrong) throw new UsageError((t) => t.fileOnly('--' + wrong));
  }
  const secret = SECRET_FLAGS.find((k) => flags[k] !== undefined);
  if (secret && !flags['allow-token-flag']) throw new UsageError((t) => t.tokenFlag('--' + secret));
  return { command, target, flags };
}

const UNITS = { '': 1, b: 1, k: 1024, kb: 1000, kib: 1024, m: 1024 ** 2, mb: 1e6, mib: 1024 ** 2, g: 1024 ** 3, gb: 1e9, gib: 1024 ** 3 };

/** `100MiB`, `40M` (binary), `5MB` (decimal), or bytes. Anything else is NaN, which the core then refuses by name. */
export function parseSize(text) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m && UNITS[m[2].toLowerCase()];
  return unit ? Math.round(Number(m[1]) * unit) : NaN;
}

/** Seconds on the command line, milliseconds for the core; not a number stays NaN for the core to refuse. */
export const secondsToMs = (text) => (text === undefined ? undefined : (/^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) * 1000 : NaN));
