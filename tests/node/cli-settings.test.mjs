// The command's settings, without a server: command-line parsing, bkpaas-cli's config file, precedence, the
// paasApigwUrl split, sizes, locale, and the output helpers (table, redaction, error lines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseCommandLine, parseSize, secondsToMs, langFlag, UsageError } from '../../cli/args.mjs';
import { resolveSettings, splitApigwUrl, parseHeaders, readConfig } from '../../cli/settings.mjs';
import { redactor, packageTable, errorLines, formatBytes, formatDuration } from '../../cli/output.mjs';
import { pickLocale, textsFor } from '../../cli/texts.mjs';
import { exitCodeOf, EXIT } from '../../cli/exit-codes.mjs';

const en = textsFor('en');
const zh = textsFor('zh-CN');
const usage = (argv) => {
  try {
    parseCommandLine(argv);
  } catch (e) {
    assert.ok(e instanceof UsageError, String(e));
    return e.text(en);
  }
  assert.fail('no usage error for ' + argv.join(' '));
};

const home = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-home-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};
const writeConfig = (dir, text) => {
  mkdirSync(join(dir, '.blueking-paas'), { recursive: true });
  writeFileSync(join(dir, '.blueking-paas', 'config.yaml'), text);
  return join(dir, '.blueking-paas', 'config.yaml');
};

test('command line: commands, targets and options; mistakes are usage errors that never echo a value', () => {
  const { command, target, flags } = parseCommandLine(['file', './a.tar.gz', '--app', 'my-app', '--overwrite', '--header', 'A: 1', '--header', 'B: 2']);
  assert.equal(command, 'file');
  assert.equal(target, './a.tar.gz');
  assert.equal(flags.app, 'my-app');
  assert.equal(flags.overwrite, true);
  assert.deepEqual(flags.header, ['A: 1', 'B: 2']);
  assert.equal(parseCommandLine(['--help']).command, null);
  assert.match(usage([]), /name a command/);
  assert.match(usage(['upload', 'x']), /unknown command "upload"/);
  assert.match(usage(['link']), /name the URL/);
  assert.match(usage(['file', 'a', 'b']), /unexpected argument b/);
  assert.match(usage(['file', 'a', '--app']), /option --app needs a value/);
  assert.match(usage(['file', 'a', '--overwrite=yes']), /--overwrite takes no value/);
  assert.match(usage(['link', 'u', '--verify']), /--verify applies to "file" uploads only/);
  const typo = usage(['file', 'a', '--acess-token=s3cret-value']);
  assert.match(typo, /unknown option --acess-token/);
  assert.doesNotMatch(typo, /s3cret/);
});

test('a credential as a plain option is refused unless --allow-token-flag', () => {
  for (const flag of ['--access-token', '--bk-app-secret', '--bk-token', '--bk-ticket']) {
    const text = usage(['file', 'a', flag, 's3cret-value']);
    assert.match(text, new RegExp(`${flag} would put a credential in your shell history`));
    assert.doesNotMatch(text, /s3cret/);
  }
  assert.equal(parseCommandLine(['file', 'a', '--access-token', 'x', '--allow-token-flag']).flags['access-token'], 'x');
  // Not secrets: accepted as they are.
  assert.equal(parseCommandLine(['file', 'a', '--bk-app-code', 'ci-app']).flags['bk-app-code'], 'ci-app');
});

test('sizes, seconds and --lang', () => {
  assert.equal(parseSize('100MiB'), 100 * 1024 * 1024);
  assert.equal(parseSize('40M'), 40 * 1024 * 1024);
  assert.equal(parseSize('5MB'), 5e6);
  assert.equal(parseSize('1.5GiB'), 1.5 * 1024 ** 3);
  assert.equal(parseSize('4096'), 4096);
  assert.ok(Number.isNaN(parseSize('lots')));
  assert.ok(Number.isNaN(parseSize('-1')));
  assert.equal(secondsToMs('2.5'), 2500);
  assert.equal(secondsToMs(undefined), undefined);
  assert.ok(Number.isNaN(secondsToMs('soon')));
  assert.equal(langFlag(['file', 'x', '--lang', 'zh']), 'zh');
  assert.equal(langFlag(['--lang=en', 'file']), 'en');
  assert.equal(langFlag(['file', '--', '--lang', 'zh']), undefined);
  assert.equal(pickLocale('zh', {}), 'zh-CN');
  assert.equal(pickLocale(undefined, { LANG: 'zh_CN.UTF-8' }), 'zh-CN');
  assert.equal(pickLocale(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }), 'en');
  assert.equal(pickLocale('en', { LANG: 'zh_CN.UTF-8' }), 'en');
  assert.equal(pickLocale(undefined, {}), 'en');
});

test('paasApigwUrl ends with the stage: it splits into baseUrl and stage', () => {
  assert.deepEqual(splitApigwUrl('https://bkapi.example.com/api/bkpaas3/prod'), { baseUrl: 'https://bkapi.example.com/api/bkpaas3', stage: 'prod' });
  assert.deepEqual(splitApigwUrl('https://bkapi.example.com/api/bkpaas3/stag/ '), { baseUrl: 'https://bkapi.example.com/api/bkpaas3', stage: 'stag' });
  // bkpaas-cli's README example has no stage: the gateway's name ends it.
  assert.deepEqual(splitApigwUrl('http://bkapi.example.com/api/bkpaas3'), { baseUrl: 'http://bkapi.example.com/api/bkpaas3', stage: undefined });
  assert.deepEqual(splitApigwUrl('https://gw.example.com/'), { baseUrl: 'https://gw.example.com', stage: undefined });
  assert.deepEqual(splitApigwUrl('not a url'), { baseUrl: 'not a url', stage: undefined });
});

test('config file: found at ~/.blueking-paas/config.yaml, or where BKPAAS_CLI_CONFIG / --config say', (t) => {
  const h = home();
  t.after(h.cleanup);
  const path = writeConfig(h.dir, 'paasApigwUrl: http://bkapi.example.com/api/bkpaas3/prod/\npaasUrl: https://bkpaas3.example.com\nusername: admin\naccessToken: "file-token"\n');
  let s = resolveSettings({ app: 'a' }, { HOME: h.dir });
  assert.deepEqual(s.config, { path, found: true });
  assert.equal(s.options.baseUrl, 'http://bkapi.example.com/api/bkpaas3');
  assert.equal(s.options.stage, 'prod');
  assert.equal(s.options.accessToken, 'file-token');
  assert.deepEqual(s.sources.map(([k, src]) => [k, src(en)]), [
    ['baseUrl', `config file ${path}`], ['stage', `config file ${path}`], ['appCode', 'the command line'],
    ['accessToken', `config file ${path}`]]);

  const other = join(h.dir, 'other.yaml');
  writeFileSync(other, 'paasApigwUrl: https://gw.example.com/api/bkpaas3/stag\naccessToken: other-token\n');
  s = resolveSettings({}, { HOME: h.dir, BKPAAS_CLI_CONFIG: other });
  assert.equal(s.options.accessToken, 'other-token');
  assert.equal(s.options.stage, 'stag');
  s = resolveSettings({ config: path }, { HOME: h.dir, BKPAAS_CLI_CONFIG: other });
  assert.equal(s.options.accessToken, 'file-token', '--config wins over BKPAAS_CLI_CONFIG');

  // No default file: nothing from it, no error.
  s = resolveSettings({}, { HOME: join(h.dir, 'nowhere') });
  assert.equal(s.config.found, false);
  assert.deepEqual(s.options, {});
});

test('config file problems are usage errors that name the file and line, never its text', (t) => {
  const h = home();
  t.after(h.cleanup);
  const err = (flags, env) => {
    try {
      resolveSettings(flags, env);
    } catch (e) {
      assert.ok(e instanceof UsageError, String(e));
      return e.text(en);
    }
    assert.fail('no error');
  };
  assert.match(err({}, { HOME: h.dir, BKPAAS_CLI_CONFIG: join(h.dir, 'missing.yaml') }), /missing\.yaml \(named by BKPAAS_CLI_CONFIG\) does not exist/);
  const path = writeConfig(h.dir, 'paasApigwUrl: https://gw/api/bkpaas3/prod\naccessToken: "s3cret-token\n  broken: [\n');
  const text = err({}, { HOME: h.dir });
  assert.match(text, new RegExp(`config file ${path} is not valid YAML \\(line \\d+, column \\d+: [A-Z_]+\\)`));
  assert.doesNotMatch(text, /s3cret/);
  writeFileSync(path, '- a\n- b\n');
  assert.match(err({}, { HOME: h.dir }), /is not a YAML mapping/);
  writeFileSync(path, 'accessToken: [1, 2]\n');
  assert.match(err({}, { HOME: h.dir }), /accessToken must be a string/);
  writeFileSync(path, '');
  assert.deepEqual(readConfig({ path, via: null }), {});
});

test('precedence: flags, then environment, then the config file; credentials as one set from the first source', (t) => {
  const h = home();
  t.after(h.cleanup);
  writeConfig(h.dir, 'paasApigwUrl: https://file.example.com/api/bkpaas3/prod\naccessToken: file-token\n');
  const env = { HOME: h.dir, BKPAAS_APIGW_URL: 'https://env.example.com/api/bkpaas3/stag', BKPAAS_ACCESS_TOKEN: 'env-token',
    BKPAAS_APP: 'env-app', BKPAAS_MODULE: 'env-module' };
  let s = resolveSettings({}, env);
  assert.deepEqual([s.options.baseUrl, s.options.stage, s.options.accessToken, s.options.appCode, s.options.module],
    ['https://env.example.com/api/bkpaas3', 'stag', 'env-token', 'env-app', 'env-module']);
  s = resolveSettings({ 'apigw-url': 'https://flag.example.com/api/bkpaas3/prod', stage: 'test', app: 'flag-app', module: 'm' }, env, 'stdin-token');
  assert.deepEqual([s.options.baseUrl, s.options.stage, s.options.accessToken, s.options.appCode, s.options.module],
    ['https://flag.example.com/api/bkpaas3', 'test', 'stdin-token', 'flag-app', 'm']);
  assert.equal(s.sources.find(([k]) => k === 'accessToken')[1](en), 'standard input');

  // App credentials in the environment: the config file's token is not mixed in.
  s = resolveSettings({}, { HOME: h.dir, BK_APP_CODE: 'ci', BK_APP_SECRET: 'sec', BK_TOKEN: 'ut' });
  assert.deepEqual([s.options.accessToken, s.options.bkAppCode, s.options.bkAppSecret, s.options.bkToken], [undefined, 'ci', 'sec', 'ut']);
  assert.equal(s.options.baseUrl, 'https://file.example.com/api/bkpaas3', 'the address still comes from the file');
  s = resolveSettings({}, { HOME: h.dir, BKPAAS_ACCESS_TOKEN: 'env-token\n' });
  assert.equal(s.options.accessToken, 'env-token', 'trimmed');
  // An empty variable counts as unset.
  s = resolveSettings({}, { HOME: h.dir, BKPAAS_ACCESS_TOKEN: '' });
  assert.equal(s.options.accessToken, 'file-token');
});

test('headers, exit codes, and the output helpers', () => {
  assert.deepEqual(parseHeaders(['X-Emulator-Fault: delay-ms=10', 'X-Proxy:a:b', 'bad']), { 'X-Emulator-Fault': 'delay-ms=10', 'X-Proxy': 'a:b', bad: '' });
  assert.equal(exitCodeOf('validation'), EXIT.validation);
  assert.equal(exitCodeOf('integrity'), 10);
  assert.equal(exitCodeOf('something-new'), EXIT.internal);
  assert.equal(exitCodeOf('ok'), EXIT.internal);

  const redact = redactor(new Set(['abc', 'abcdef']));
  assert.equal(redact('token abcdef and abc'), 'token [redacted] and [redacted]');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(100 * 1024 * 1024), '100.0 MiB');
  assert.equal(formatDuration(75), '1:15');
  assert.equal(formatDuration(3700), '1:01:40');

  const pkg = { id: 3, version: '1.2.0', packageName: 'myapp-1.2.0.tar.gz', packageSize: 2048, sha256Signature: 'ab'.repeat(32),
    isDeleted: false, created: '2026-12-01 12:00:00 +0800', updated: '2026-12-01 12:00:00 +0800', operator: 'admin' };
  const table = packageTable(pkg, en).split('\n');
  assert.equal(table[0], '  version   1.2.0');
  assert.equal(table[2], '  size      2.0 KiB (2048 B)');
  assert.match(packageTable({ ...pkg, verified: true }, zh), /已校验 {4}是/);

  const lines = errorLines({ message: 'Source package exists', kind: 'api', status: 400, code: 'PACKAGE_ALREADY_EXISTS', requestId: 'r-1', attempts: 1 }, en);
  assert.deepEqual(lines, ['error: Source package exists', '  kind api, status 400, code PACKAGE_ALREADY_EXISTS, request id r-1',
    '  add --overwrite to replace the stored package']);
  assert.deepEqual(errorLines({ message: 'm', kind: 'validation', option: 'maxSize' }, en)[1], '  kind validation, option --max-size');
  assert.deepEqual(errorLines({ message: 'm', kind: 'api', fieldsDetail: { package_url: ['bad'] } }, zh), ['错误：m', '  kind api', '  package_url: bad']);
});
