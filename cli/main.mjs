// The command's flow: command line -> settings -> pre-flight -> upload -> result, and the exit code of each ending.
// Uploading, validating and wording errors are the package's (the same core a page uses); this file only wires them.
import { openAsBlob, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseCommandLine, langFlag, parseSize, secondsToMs, UsageError, SECRET_FLAGS } from './args.mjs';
import { resolveSettings, parseHeaders } from './settings.mjs';
import { createReporter } from './output.mjs';
import { watchRequests } from './meter.mjs';
import { pickLocale, textsFor } from './texts.mjs';
import { EXIT, exitCodeOf } from './exit-codes.mjs';

// Pre-flight findings after which the platform refuses the archive: stop before sending.
const REFUSED = ['corrupt'];

/**
 * Runs the command; resolves to its exit code.
 * @param {{argv: string[], env: object, stdin, stdout, stderr, onSignal: (name: string, fn: () => void) => void}} io
 */
export async function main({ argv, env, stdin, stdout, stderr, onSignal }) {
  // The package loads after the command line is understood: --help and usage errors need no wasm.
  const core = () => import('bkpaas-upload');
  const locale = pickLocale(langFlag(argv), env);
  const t = textsFor(locale);
  const secrets = new Set();
  const json = argv.includes('--json');
  const mode = json ? 'json' : stderr.isTTY ? 'tty' : 'plain';
  const out = createReporter({ stdout, stderr, t, mode, verbose: argv.includes('--verbose'), secrets });

  let parsed;
  let settings;
  let stdinToken;
  try {
    parsed = parseCommandLine(argv);
    for (const k of SECRET_FLAGS) if (parsed.flags[k]) secrets.add(parsed.flags[k]);
    if (parsed.flags.help) { out.help(t.usage); return EXIT.ok; }
    for (const k of SECRET_FLAGS) if (parsed.flags[k]) out.warn(t.tokenFlagWarning('--' + k));
    if (parsed.flags['token-stdin']) {
      if (stdin.isTTY) throw new UsageError((tt) => tt.tokenStdinTty);
      stdinToken = (await readAll(stdin)).trim();
      if (!stdinToken) throw new UsageError((tt) => tt.tokenStdinEmpty);
      secrets.add(stdinToken);
    }
    settings = resolveSettings(parsed.flags, env, stdinToken);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    out.usage(e.text(t));
    return EXIT.usage;
  }
  const { command, target, flags } = parsed;
  for (const k of ['accessToken', 'bkAppSecret', 'bkToken', 'bkTicket']) if (settings.options[k]) secrets.add(settings.options[k]);
  const headers = parseHeaders(flags.header);
  for (const v of Object.values(headers)) if (v) secrets.add(v); // a proxy's header may be a credential too

  if (!settings.config.found) out.verbose(t.configNone(settings.config.path));
  for (const [key, source] of settings.sources) out.verbose(t.from(key, source(t)));

  const controller = new AbortController();
  let signalCode = null;
  const stop = (code) => () => {
    if (signalCode !== null) process.exit(signalCode); // a second Ctrl-C: leave now
    signalCode = code;
    controller.abort();
  };
  onSignal('SIGINT', stop(EXIT.interrupted));
  onSignal('SIGTERM', stop(EXIT.terminated));

  let meter = null;
  const { uploadFile, uploadLink, UploadError } = await core();
  // The command's own refusals (a missing file, the pre-flight): the core's error type, with the command's words.
  const validation = (message, option) => Object.assign(new UploadError({ kind: 'validation', option, locale }), { message });
  try {
    const options = {
      ...settings.options, locale, signal: controller.signal,
      allowOverwrite: !!flags.overwrite,
      headers: Object.keys(headers).length ? headers : undefined,
      timeout: secondsToMs(flags.timeout), stallTimeout: secondsToMs(flags['stall-timeout']),
      responseTimeout: secondsToMs(flags['response-timeout']),
      retries: flags.retries === undefined ? undefined : Number(flags.retries),
      retryAmbiguous: flags['retry-ambiguous'] || undefined, allowInsecureHttp: flags['allow-insecure-http'] || undefined,
    };
    let what;
    let size = null;
    if (command === 'file') {
      const file = await openFile(target, flags.filename, t, validation);
      what = file.name;
      size = file.size;
      await preflight(file, flags, t, out, validation);
      Object.assign(options, {
        file, filename: file.name, verify: !!flags.verify, checkArchive: !flags['no-check-archive'],
        maxSize: flags['max-size'] === undefined ? undefined : parseSize(flags['max-size']),
      });
    } else {
      what = target;
      Object.assign(options, { packageUrl: target, version: flags.version });
    }
    // The first sign that the request is on its way (the core's first progress event, or Node's socket): only
    // then, after the core's validation, does "sending" appear.
    let started = false;
    const begin = () => {
      if (started) return;
      started = true;
      out.start({ what, size, link: command === 'link', read: meter && meter.read });
    };
    meter = watchRequests({
      onStart: ({ n, url }) => { begin(); if (n > 1) out.retry(n); out.verbose(t.request(url)); },
      onSent: () => out.sent(meter.read()?.total ?? size),
    });
    options.onProgress = (p) => {
      begin();
      if (p.phase === 'processing') out.sent(p.total);
    };
    const pkg = await (command === 'file' ? uploadFile(options) : uploadLink(options));
    out.done(pkg);
    return EXIT.ok;
  } catch (e) {
    if (signalCode !== null && (!(e instanceof UploadError) || e.kind === 'aborted')) {
      out.aborted();
      return signalCode;
    }
    if (e instanceof UploadError) {
      out.fail(e);
      return exitCodeOf(e.kind);
    }
    out.fail({ name: e && e.name, message: String((e && e.message) || e) });
    return EXIT.internal;
  } finally {
    meter?.close();
    out.close();
  }
}

/** The archive as a disk-backed Blob (never read into memory), named for the pre-flight and the form. */
async function openFile(path, filename, t, validation) {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    throw validation(t.fileMissing(path, e.code || e.message), 'file');
  }
  if (!stat.isFile()) throw validation(t.notAFile(path), 'file');
  const blob = await openAsBlob(path);
  return new File([blob], filename ?? basename(path));
}

/** bkpaas-upload/inspect: what the upload will create; stops on what the platform would refuse. */
async function preflight(file, flags, t, out, validation) {
  const { inspectPackage } = await import('bkpaas-upload/inspect');
  const info = await inspectPackage(file);
  out.preflight(info);
  const texts = (i) => t.inspectWarnings[info.warnings[i]] || info.messages[i];
  const refused = info.warnings.findIndex((w) => REFUSED.includes(w));
  if (refused >= 0 && !flags['no-check-archive']) throw validation(`${texts(refused)} ${t.refused}`, 'file');
  info.warnings.forEach((w, i) => { if (w !== 'not-archive' || flags['no-check-archive']) out.warn(texts(i)); });
  if (flags.version && info.appVersion && flags.version !== info.appVersion) {
    throw validation(t.versionMismatch(flags.version, info.appVersion), 'version');
  }
}

function readAll(stream) {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (d) => { text += d; });
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}
