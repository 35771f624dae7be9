// Every text of an UploadError: one table per language, keyed by the error's kind and reason (src/failure.rs says
// which fields each carries). English is here; Chinese (texts-zh.js) is loaded for the first call in 'zh-CN'. The
// element and the command show these same texts.

const bytes = (n) => {
  const [d, u] = n >= 2 ** 30 && (n % 2 ** 30 === 0 || n >= 10 * 2 ** 30) ? [2 ** 30, 'GiB'] : n >= 2 ** 20 ? [2 ** 20, 'MiB'] : n >= 1024 ? [1024, 'KiB'] : [1, 'B'];
  return `${Math.floor(n / d)} ${u}`;
};
const causeText = (f) => (f.cause && f.cause.message) || String(f.cause);
// HTTP/2 answers carry no reason phrase: then the status alone.
const statusLine = (f) => (f.statusText ? `${f.status} ${f.statusText}` : `${f.status}`);

const en = {
  invalid: (f, why) => `Invalid option \`${f.option}\`: ${why}`,
  validation: {
    notObject: 'must be an object', notString: 'must be a string', notBoolean: 'must be true or false',
    notNumber: 'must be a number', notNumbers: 'must be an array of numbers (at most 100)',
    notFunction: 'must be a function', notSignal: 'must be an AbortSignal',
    notHeaders: 'must map header names to strings (a plain object, a Headers or a Map)',
    threw: (f) => `threw when it was read: ${causeText(f)}`,
    textTooLong: (f) => `is ${f.size} characters long, more than ${f.limit}: not a real value`,
    required: 'is required', empty: 'is empty', control: 'contains control characters (such as a line break)',
    dots: 'must not be . or .. (the browser would read it as a folder step)',
    spaces: 'must not contain spaces or control characters',
    baseUrlEmpty: 'is empty: give the gateway root, e.g. https://bkapi.example.com/api/bkpaas3',
    baseUrlQuery: 'must not carry a query or a fragment: give the gateway root only',
    baseUrlScheme: 'must be an http(s) URL such as https://bkapi.example.com/api/bkpaas3, or a path such as /bkapi/bkpaas3',
    userInfo: 'must not carry credentials (user:password@): use the auth options',
    noHost: 'has no host', badHost: 'has a host the browser cannot open', badPort: 'has a port that is not a number from 1 to 65535',
    insecure: 'is plain http:// to another machine: the credentials would travel unencrypted. Use https://, or allowInsecureHttp: true to accept that',
    authBoth: 'give either accessToken, or bkAppCode + bkAppSecret + a user identity, not both',
    authNone: 'no credentials: give accessToken, or bkAppCode + bkAppSecret + one of bkToken, bkTicket, bkUsername',
    appCodeMissing: 'is missing: it goes with bkAppSecret and a user identity',
    appSecretMissing: 'is missing: it goes with bkAppCode',
    userMissing: 'is missing: with bkAppCode and bkAppSecret give one user identity: bkToken, bkTicket or bkUsername',
    userMany: 'give only one of bkToken, bkTicket, bkUsername',
    credentialControl: 'contains control characters (such as a line break): copy the credential again',
    headerName: 'has a header name that is not a token',
    headerValue: 'has a value with control characters or characters beyond Latin-1, which browsers cannot send',
    headerAuth: 'must not carry X-Bkapi-Authorization: use the auth options',
    headerOwned: 'names a header the browser or the upload sets (Content-Type, Content-Length, Host, Cookie, Accept, Accept-Language: use `locale`, …)',
    notMs: 'must be a number of milliseconds, 0 or more',
    retriesRange: 'must be a whole number from 0 to 10', emptyList: 'must not be empty',
    notPositive: 'must be a positive number of bytes', notBytes: 'must be a number of bytes, 0 or more',
    locale: "must be 'zh-CN' or 'en'",
    fileRequired: 'is required: a File (from an <input type=file> or a drop) or a Blob with `filename`',
    notBlob: 'must be a File or a Blob',
    filenameEmpty: 'is empty: give `filename` when `file` is a Blob', filenameDots: 'must not be . or ..',
    filenameChars: "may only contain letters A-Z a-z, digits, '-', '_' and '.' (the server's rule: no spaces, no CJK, no slashes); rename the file or pass `filename`",
    fileEmpty: 'is empty (0 bytes)',
    tooLarge: (f) => `is ${bytes(f.size)}, more than maxSize (${bytes(f.limit)})`,
    tooLargeGateway: (f) => `is ${bytes(f.size)}, more than maxSize (${bytes(f.limit)}, the API gateway's body limit); upload by link instead`,
    notArchive: 'is not an archive the platform accepts (tar, tar.gz, tar.bz2, tar.xz or zip), judged by its first bytes',
    unreadable: 'could not be read: it was changed, moved or deleted on disk after it was picked; pick it again',
    urlScheme: 'must be an http:// or https:// URL', tooLong: 'is longer than the server allows (2048 characters for a URL, 128 for a version)',
    noFormData: 'cannot be sent here: this environment has no FormData',
    refused: 'was refused by the browser when the request was built',
  },
  network: {
    beforeSent: 'no response (network error)', afterSent: 'no response (network error, after the whole package was sent)',
    unknown: 'no response (network error)',
    causes: 'The usual causes: the gateway does not allow this page\'s origin (CORS: the browser console shows a CORS error for this URL; ask the gateway\'s operators to enable its CORS plugin for your origin, or use a same-origin proxy); the browser is offline or the host unreachable; or a proxy dropped a large body (the console shows the request failed mid-upload; check the proxy\'s body size limit). Scripts get no further detail.',
    wasmLoad: (f) => `bkpaas-upload could not load its WebAssembly module from ${f.url}: ${causeText(f)}. If your bundler did not copy bkpaas_upload_bg.wasm next to the bundle (esbuild does not), copy it there; under a Content-Security-Policy, allow 'wasm-unsafe-eval' in script-src.`,
  },
  timeout: {
    stall: (f) => `no bytes could be sent for ${f.limit} ms (stallTimeout): the connection or a proxy is stuck`,
    noAnswer: (f) => `the whole package was sent, but no answer came within ${f.limit} ms (responseTimeout)`,
    stallAnswer: (f) => `the answer started, then no byte of it came for ${f.limit} ms (stallTimeout)`,
    total: (f) => `not finished within ${f.limit} ms (timeout)`,
  },
  aborted: {
    aborted: "aborted by the caller's signal", waiting: "aborted by the caller's signal while waiting to retry",
    processing: "aborted by the caller's signal after the whole package was sent, while the server processed it",
  },
  gateway: (f) => `${statusLine(f)} from the API gateway: ${f.codeName || 'error'} (${f.code}): ${f.detail}`,
  api: (f) => `${statusLine(f)}: ${f.code}: ${f.detail}`,
  http: (f) => statusLine(f) + (f.bodyExcerpt ? `: ${f.bodyExcerpt}` : '') + (f.reason === 'tooLarge' ? ' (the body is larger than a proxy or the gateway allows; upload by link instead)' : ''),
  response: (f) => `the answer (${f.status}) is not a source package: ${f.reason === 'notJson' ? 'the body is not JSON' : f.reason === 'notObject' ? 'the body is not a JSON object' : `its field \`${f.reason}\` is missing or not what the API sends`}`,
  redirect: (f) => f.reason === 'followed'
    ? `the server redirected to ${f.redirectUrl}, and the browser followed: the request, with its credential header, was sent there. The API never redirects: check baseUrl, and change the credential if that address is not yours`
    : `the server answered with a redirect${f.redirectUrl ? ` to ${f.redirectUrl}` : ''}, which was not followed: the API never redirects; check baseUrl`,
  integrity: (f) => f.reason === 'unhashable'
    ? `The package was uploaded, but the local file could not be hashed to verify it: ${causeText(f)}`
    : `The server stored different bytes than were sent: local SHA-256 ${f.localSha256}, server sha256_signature ${f.serverSha256}. A proxy or gateway changed the body; upload again, and report it to the operators if it repeats.`,
  requestId: (id) => ` (request id ${id})`,
  transport: (t) => ` [transport: ${t}]`,
  stored: ' The package may already be stored: look at the module\'s source packages before you upload it again.',
  afterRetry: ' An earlier attempt lost its connection after the whole package was sent: the server most likely stored the package then.',
};

const packs = { en };
let zhPack;

/** Loads the texts of `locale` (resolves at once for English). */
export const loadTexts = (locale) => (locale === 'zh-CN'
  ? (zhPack ||= import('./texts-zh.js').then((m) => { packs[locale] = m.default({ bytes, causeText, statusLine }); },
    () => { zhPack = null; })) // English until it loads; a later call tries again
  : Promise.resolve());

const pick = (table, f) => {
  const t = table[f.reason];
  return typeof t === 'function' ? t(f) : t || f.reason;
};

/** The message of an UploadError, from its fields, in `f.locale` ('zh-CN' or 'en', once its texts are loaded). */
export function message(f) {
  const t = packs[f.locale] || en;
  const kind = f.kind;
  if (kind === 'validation') return t.invalid(f, pick(t.validation, f));
  if (kind === 'integrity') return t.integrity(f);
  if (kind === 'network' && f.reason === 'wasmLoad') return t.network.wasmLoad(f);
  let text = kind === 'network' ? `${pick(t.network, f)}. ${t.network.causes}`
    : kind === 'timeout' || kind === 'aborted' ? pick(t[kind], f)
      : t[kind](f);
  if (f.requestId) text += t.requestId(f.requestId);
  if (f.afterAmbiguousRetry) text += t.afterRetry;
  else if (f.mayBeStored) text += t.stored;
  if ((kind === 'network' || kind === 'timeout') && f.transport) text += t.transport(f.transport);
  return `POST ${f.url}: ${text}`;
}
