// bkpaas-upload: upload source packages to BlueKing PaaS v3 (the bkpaas3 API gateway).
// Every option is documented here, with its default and why; nothing else is needed to use the package.

/** How the caller proves who it is to the API gateway (sent as the `X-Bkapi-Authorization` JSON header). */
export type Auth =
  /** A user's or app's OAuth access token: `{"access_token": ...}`. */
  | { accessToken: string }
  /** An app's code and secret plus one user identity. `bkUsername` alone is refused by these resources. */
  | { bkAppCode: string; bkAppSecret: string; bkToken: string }
  | { bkAppCode: string; bkAppSecret: string; bkTicket: string }
  | { bkAppCode: string; bkAppSecret: string; bkUsername: string };

/** Which gateway, app and module to talk to, and how. Held once by a {@link Client}. */
export interface ConnectionOptions {
  /** Gateway root, e.g. `https://bkapi.example.com/api/bkpaas3`, or a same-origin proxy path such as `/bkapi/bkpaas3`. */
  baseUrl: string;
  /** Gateway stage. Default `"prod"` (the open-source definition has only `prod`). */
  stage?: string;
  /** The BlueKing app code (`{app_code}` in the path). Required, non-empty. */
  appCode?: string;
  /** The module name (`{module}` in the path). Default `"default"`. */
  module?: string;
  accessToken?: string;
  bkAppCode?: string;
  bkAppSecret?: string;
  bkToken?: string;
  bkTicket?: string;
  bkUsername?: string;
  /** Send cookies (e.g. a `bk_token` cookie to a same-site proxy). Default `false`. */
  credentials?: boolean;
  /**
   * Allow credentials over plain `http:` to a host that is not loopback. Default `false`: a token sent in clear text
   * can be read by anyone on the path, so the package refuses unless you opt in.
   */
  allowInsecureHttp?: boolean;
  /**
   * Extra request headers (for a proxy in front of the gateway): a plain object, a `Headers` or a `Map`. Headers
   * the browser or the upload owns (`Content-Type`, `Content-Length`, `Host`, `Cookie`, `Accept`,
   * `Accept-Language`, `Proxy-*`, `Sec-*`, …) and `X-Bkapi-Authorization` are refused with a `validation` error.
   * Their values are treated as secrets: never echoed back in an error.
   */
  headers?: Record<string, string> | Headers | Map<string, string>;
  /**
   * The language of `UploadError.message`, also sent as `Accept-Language` so the server's own words come in it.
   * Default: `'zh-CN'` when the browser's language is Chinese, else `'en'`.
   */
  locale?: Locale;
  /**
   * Give up when no byte has moved for this many milliseconds: of the body once its first byte went out (time queued
   * behind the browser's connection limit does not count), or of the answer once it started (XMLHttpRequest
   * transport only). Default 30000. 0 disables.
   */
  stallTimeout?: number;
  /**
   * Give up when no byte of the answer has come this many milliseconds after the last byte was sent (XMLHttpRequest
   * transport only). Default 120000 (the apiserver's own download timeout for links). 0 disables.
   */
  responseTimeout?: number;
  /**
   * Total deadline in milliseconds, retry waits included: no attempt starts after it, and a retry whose wait would
   * pass it is not waited for. Default 0 = none: a large file on a slow link must be allowed to finish.
   */
  timeout?: number;
  /**
   * How many times to retry a request that provably was not processed (429, 503, a connection lost before the whole
   * body was sent). Default 2. Never retries other 4xx. See `retryAmbiguous`.
   */
  retries?: number;
  /** Delays in ms before each retry; the last repeats. Default `[1000, 3000]`, each with ±25% jitter. `Retry-After` wins when longer. */
  retryDelays?: number[];
  /** Longest `Retry-After` the package waits for, in ms. A longer one ends the retries. Default 60000. */
  maxRetryAfter?: number;
  /**
   * Also retry failures after which the server may already have stored the package: the connection lost after the
   * last byte, 502, 504. Default `false`, because a POST is not idempotent. When `true` and the retry answers
   * `PACKAGE_ALREADY_EXISTS`, the error has `afterAmbiguousRetry: true`: the earlier attempt most likely stored it.
   */
  retryAmbiguous?: boolean;
  /** Veto or allow one retry. Called before each; return `false` to stop (a throw stops too). */
  onShouldRetry?: (error: UploadError, attempt: number) => boolean;
  /** Cancels the upload: the promise rejects with kind `aborted`. */
  signal?: AbortSignal;
  /** Progress of the request; see {@link UploadProgress}. */
  onProgress?: (progress: UploadProgress) => void;
}

/** Options of {@link uploadFile}. */
export interface UploadFileOptions extends ConnectionOptions {
  /** The archive: a `File` from an `<input type=file>` or a drop, or a `Blob` with `filename`. Its bytes never enter wasm memory. */
  file: Blob;
  /** The package file name; default the `File`'s name. Must match `[A-Za-z0-9._-]+`, not `.` or `..` (the server's rule). */
  filename?: string;
  /** Replace the stored package of the same version. Default `false` (the server then answers `PACKAGE_ALREADY_EXISTS`). */
  allowOverwrite?: boolean;
  /** Refuse larger files before sending. Default 41943040 (40 MiB, the gateway's body limit). */
  maxSize?: number;
  /** Check the archive's first bytes (tar, gzip, bzip2, xz, zip) before sending. Default `true`. */
  checkArchive?: boolean;
  /**
   * Hash the file (streaming SHA-256, in a worker) while it uploads and compare with the server's
   * `sha256Signature`: a mismatch rejects with kind `integrity`. Loads the `bkpaas-upload/sha256` module on first
   * use; the core does not grow for those who don't. Default `false`.
   */
  verify?: boolean;
  /**
   * With `verify`: files up to this many bytes are hashed by the browser's native `crypto.subtle.digest` (fast,
   * reads the file once into memory); larger ones by the streaming wasm SHA-256. Default 41943040 (40 MiB).
   */
  verifyNativeMax?: number;
}

/** Options of {@link uploadLink}. */
export interface UploadLinkOptions extends ConnectionOptions {
  /** http(s) URL the platform downloads the archive from (at most 2048 characters; its host must be on the platform's allow-list). */
  packageUrl: string;
  /** The version to create. Optional in the docs; the open-source server requires it, so send it. */
  version?: string;
  /** Replace the stored package of the same version. Default `false`. */
  allowOverwrite?: boolean;
}

/** Where an upload is. */
export interface UploadProgress {
  /** `sending` while request bytes go out; `processing` once all are sent and the server works (checks, stores, downloads a link). */
  phase: 'sending' | 'processing';
  /** Bytes of the request body sent so far (the multipart body: a few hundred bytes more than the file). */
  loaded: number;
  /** Bytes of the whole request body, or 0 when unknown. */
  total: number;
  /**
   * `false` where the browser cannot report upload progress: the `fetch` transport, used where `XMLHttpRequest`
   * does not exist (extension service workers). Then one `sending` event comes at the start and no `processing`.
   */
  lengthComputable: boolean;
  /** The transport in use. */
  transport: 'xhr' | 'fetch';
}

/** A stored source package, as the server describes it (all fields camelCase). */
export interface SourcePackage {
  /** Record id; `null` from servers that do not send it. */
  id: number | null;
  version: string;
  packageName: string;
  /** Size in bytes (the server sends a string). */
  packageSize: number;
  /** 64 hex digits, or `null` on old records. */
  sha256Signature: string | null;
  isDeleted: boolean;
  /** As the server sends it: `YYYY-MM-DD HH:MM:SS +zzzz`, or without the offset from older servers. */
  created: string;
  updated: string;
  /** `null` from servers that do not send it. */
  operator: string | null;
  /** With `verify: true`: the SHA-256 of the file as hashed in the browser. */
  localSha256?: string;
  /** With `verify: true`: the server's `sha256Signature` equals `localSha256` (`false` when the server sent none). */
  verified?: boolean;
}

/** The language of the messages. */
export type Locale = 'zh-CN' | 'en';

/**
 * What went wrong, broadly:
 * `validation` an option is wrong, nothing was sent (`option` names it);
 * `network` no response: CORS refused, offline, DNS, a proxy that dropped a large body, or the package's own wasm
 * could not load (`reason: 'wasmLoad'`);
 * `timeout` `stallTimeout`, `responseTimeout` or `timeout` passed (`limit` ms);
 * `aborted` the `signal` was aborted;
 * `gateway` the API gateway's JSON envelope (`code`, `codeName`, `detail`);
 * `api` the apiserver's JSON error (`code` a slug, `detail`, `fieldsDetail`);
 * `http` any other failed status, e.g. the open-source server's HTML 500 (`bodyExcerpt`);
 * `response` a 2xx answer that is not a source package (the package may be stored);
 * `redirect` the server redirected (the API never does; `redirectUrl`, `credentialSent`);
 * `integrity` with `verify`, the server stored other bytes than were sent (`localSha256` ≠ `serverSha256`).
 */
export type ErrorKind = 'validation' | 'network' | 'timeout' | 'aborted' | 'gateway' | 'api' | 'http' | 'response' | 'redirect' | 'integrity';
/** @deprecated The same as {@link ErrorKind}. */
export type UploadErrorKind = ErrorKind;

/** The fields of an {@link UploadError}: their one definition is `FIELDS` in src/failure.rs (checked by a test). */
export interface UploadErrorFields {
  readonly kind: ErrorKind;
  /** What exactly happened within the kind, e.g. `stall`, `noAnswer`, `required`, `notArchive`, `followed`. */
  readonly reason: string | null;
  /** HTTP status, or `null` when no response arrived. */
  readonly status: number | null;
  /** The reason phrase the server sent, if any (HTTP/2 sends none). */
  readonly statusText: string | null;
  /** `X-Bkapi-Request-Id` of the response: give it to the platform's operators. */
  readonly requestId: string | null;
  /** Whether trying the same call again later can succeed. */
  readonly retryable: boolean;
  /** The server may already have stored the package (the connection or the wait ended after the last byte). */
  readonly mayBeStored: boolean;
  /** Kind `validation`: the option at fault, e.g. `"file"`, `"appCode"`. */
  readonly option: string | null;
  /** Kind `gateway`: the numeric code (e.g. 1640001); kind `api`: the slug (e.g. `"PACKAGE_ALREADY_EXISTS"`). */
  readonly code: number | string | null;
  /** Kind `gateway`: e.g. `"INVALID_ARGS"`. */
  readonly codeName: string | null;
  /** Kinds `gateway` and `api`: the server's message, shown as it comes, with every credential sent replaced. */
  readonly detail: string | null;
  /** Kind `api`, `VALIDATION_ERROR`: per-field messages, or a list when the check ran outside the serializer. */
  readonly fieldsDetail: Record<string, unknown> | null;
  /** Kinds `http` and `response`: the first characters of the body, markup dropped, credentials replaced. */
  readonly bodyExcerpt: string | null;
  /** How many attempts were made (1 + retries). */
  readonly attempts: number;
  /** A retry after an ambiguous failure met this error: the earlier attempt most likely succeeded. */
  readonly afterAmbiguousRetry: boolean;
  /** The URL requested (never carries a credential). */
  readonly url: string | null;
  /** The transport in use. */
  readonly transport: 'xhr' | 'fetch' | null;
  /** The limit that was passed: milliseconds (timeouts), bytes (`maxSize`) or characters. */
  readonly limit: number | null;
  /** The size that passed `limit`. */
  readonly size: number | null;
  /** Kind `redirect`: where the server sent the request, when the browser tells. */
  readonly redirectUrl: string | null;
  /** Kind `redirect`: the browser followed it, so the request and its credential header went there. */
  readonly credentialSent: boolean;
  /** Kind `integrity`: the SHA-256 of the file as hashed in the browser. */
  readonly localSha256: string | null;
  /** Kind `integrity`: the server's `sha256Signature`. */
  readonly serverSha256: string | null;
  /** The language of `message`. */
  readonly locale: Locale;
}

/** The one error type of the package. `error instanceof UploadError` works. `message` is in `locale`. */
export interface UploadError extends UploadErrorFields {}
export class UploadError extends Error {
  readonly name: 'UploadError';
  constructor(fields: Partial<UploadErrorFields> & { kind: ErrorKind; cause?: unknown });
}

/** Uploads an archive. Resolves to the stored package, or rejects with an {@link UploadError}. */
export function uploadFile(options: UploadFileOptions): Promise<SourcePackage>;

/** Asks the platform to download an archive from a URL and store it. */
export function uploadLink(options: UploadLinkOptions): Promise<SourcePackage>;

/** Holds connection and auth options once, for apps that upload many times. Per-call options override them. */
export class Client {
  constructor(options: ConnectionOptions);
  uploadFile(options: Partial<UploadFileOptions> & { file: Blob }): Promise<SourcePackage>;
  uploadLink(options: Partial<UploadLinkOptions> & { packageUrl: string }): Promise<SourcePackage>;
}

/** Which transport this context uses: `xhr` where `XMLHttpRequest` exists (byte progress), else `fetch`. */
export function transport(): 'xhr' | 'fetch';

/**
 * Loads the wasm now. The package already starts fetching and compiling it when it is imported; call this when you
 * import it lazily and want the first upload to start at once. Rejects with the `UploadError` a first call would get.
 */
export function preload(): Promise<void>;
