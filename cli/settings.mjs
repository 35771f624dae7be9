// Where the upload goes and who sends it: flags, then environment, then bkpaas-cli's own config file, so that a
// bkpaas-cli user needs no setup. Each value is taken from the first source that has it; credentials are taken as
// one set from the first source that has any (mixing a token from one place with a secret from another would be
// a surprise). The core then validates the result, with its own messages.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { UsageError } from './args.mjs';

/** bkpaas-cli's default config path, and the variable that names another (bkpaas-cli reads the same). */
export const configPath = (flags, env) => flags.config
  ? { path: flags.config, via: '--config' }
  : env.BKPAAS_CLI_CONFIG
    ? { path: env.BKPAAS_CLI_CONFIG, via: 'BKPAAS_CLI_CONFIG' }
    : { path: join(env.HOME || homedir(), '.blueking-paas', 'config.yaml'), via: null };

/**
 * bkpaas-cli's config.yaml: `paasApigwUrl` and `accessToken` are what an upload needs. A missing default file is
 * fine; a file named by --config or BKPAAS_CLI_CONFIG must exist. A YAML error names its line, never its text
 * (which may hold the token).
 */
export function readConfig({ path, via }) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT' && !via) return null;
    if (e.code === 'ENOENT') throw new UsageError((t) => t.configMissing(path, via));
    throw new UsageError((t) => t.configUnreadable(path, e.code || e.message));
  }
  let doc;
  try {
    // Loaded only when there is a file to read: the command stays lighter without one.
    doc = createRequire(import.meta.url)('yaml').parse(text);
  } catch (e) {
    const at = e.linePos && e.linePos[0];
    throw new UsageError((t) => t.configInvalid(path, at ? t.atLine(at.line, at.col, e.code) : ''));
  }
  if (doc == null) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new UsageError((t) => t.configNotMapping(path));
  for (const key of ['paasApigwUrl', 'accessToken']) {
    if (doc[key] != null && typeof doc[key] !== 'string') throw new UsageError((t) => t.configKeyType(path, key));
  }
  return doc;
}

/**
 * bkpaas-cli appends resource paths straight to paasApigwUrl, so its last segment is the stage:
 * `https://bkapi.example.com/api/bkpaas3/prod` -> baseUrl `…/api/bkpaas3`, stage `prod`. An address that ends in
 * the gateway's name (`…/api/bkpaas3`, as in bkpaas-cli's README example) has no stage: the default applies.
 * Something that is not a URL goes to the core as it is, which names the problem.
 */
export function splitApigwUrl(raw) {
  const trimmed = raw.trim().replace(/\/+$/, '');
  let url;
  try {
    url = new URL(trimmed);
  } catch {
    return { baseUrl: trimmed, stage: undefined };
  }
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.length < 2 || segments[segments.length - 1] === 'bkpaas3') return { baseUrl: trimmed, stage: undefined };
  const stage = decodeURIComponent(segments.pop());
  url.pathname = '/' + segments.join('/');
  return { baseUrl: url.href.replace(/\/+$/, ''), stage };
}

// Credential sets, by the core's option names, as each source spells them.
const FLAG_AUTH = { accessToken: 'access-token', bkAppCode: 'bk-app-code', bkAppSecret: 'bk-app-secret',
  bkToken: 'bk-token', bkTicket: 'bk-ticket', bkUsername: 'bk-username' };
const ENV_AUTH = { accessToken: 'BKPAAS_ACCESS_TOKEN', bkAppCode: 'BK_APP_CODE', bkAppSecret: 'BK_APP_SECRET',
  bkToken: 'BK_TOKEN', bkTicket: 'BK_TICKET', bkUsername: 'BK_USERNAME' };

const present = (v) => typeof v === 'string' && v.trim() !== '';

/**
 * @param flags parsed flags; `stdinToken` the token read by --token-stdin, if any
 * @returns {{options: object, sources: Array<[string, (t) => string]>, config: {path: string, found: boolean}}}
 *   `options` are the core's ConnectionOptions; `sources` says where each came from (for --verbose), never a value.
 */
export function resolveSettings(flags, env, stdinToken) {
  const where = configPath(flags, env);
  const file = readConfig(where) || null;
  const options = {};
  const sources = [];
  const take = (key, candidates) => {
    for (const [value, source] of candidates) {
      if (present(value)) {
        options[key] = value.trim(); // a secret file's trailing newline is a common CI slip
        sources.push([key, source]);
        return;
      }
    }
  };
  const fromFlag = (t) => t.sourceFlag;
  const fromEnv = (name) => (t) => t.sourceEnv(name);
  const fromConfig = (t) => t.sourceConfig(where.path);

  // The gateway address: one meaning in all three places (bkpaas-cli's paasApigwUrl, with the stage).
  const apigw = [[flags['apigw-url'], fromFlag], [env.BKPAAS_APIGW_URL, fromEnv('BKPAAS_APIGW_URL')],
    [file && file.paasApigwUrl, fromConfig]].find(([v]) => present(v));
  if (apigw) {
    const { baseUrl, stage } = splitApigwUrl(apigw[0]);
    options.baseUrl = baseUrl;
    sources.push(['baseUrl', apigw[1]]);
    if (stage) { options.stage = stage; sources.push(['stage', apigw[1]]); }
  }
  if (present(flags.stage)) { options.stage = flags.stage; sources.push(['stage', fromFlag]); }
  take('appCode', [[flags.app, fromFlag], [env.BKPAAS_APP, fromEnv('BKPAAS_APP')]]);
  take('module', [[flags.module, fromFlag], [env.BKPAAS_MODULE, fromEnv('BKPAAS_MODULE')]]);

  // Credentials: the first source with any, as a whole.
  const sets = [
    Object.fromEntries(Object.entries(FLAG_AUTH).map(([k, f]) => [k, [flags[f], fromFlag]])),
    Object.fromEntries(Object.entries(ENV_AUTH).map(([k, n]) => [k, [env[n], fromEnv(n)]])),
    { accessToken: [file && file.accessToken, fromConfig] },
  ];
  if (present(stdinToken)) sets[0].accessToken = [stdinToken, (t) => t.sourceStdin];
  const chosen = sets.find((set) => Object.values(set).some(([v]) => present(v)));
  if (chosen) for (const [key, candidate] of Object.entries(chosen)) take(key, [candidate]);

  return { options, sources, config: { path: where.path, found: file !== null } };
}

/** `--header "Name: value"` (repeatable) into the core's `headers`; a malformed one goes through for the core to name. */
export function parseHeaders(list = []) {
  const headers = {};
  for (const line of list) {
    const at = line.indexOf(':');
    if (at < 0) headers[line] = '';
    else headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return headers;
}
