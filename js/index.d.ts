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
  /** Extra request headers (for a proxy in front of the gateway). Never put credentials here; use the auth options. */
  headers?: Record<string, string>;
  /**
   * Give up when no request bytes have gone out for this many milliseconds (XMLHttpRequest transport only).
   * Default 30000. 0 disables.
   */
  stallTimeout?: number;
  /**
   * Give up when the server has not answered this many milliseconds after the last byte was sent. Default 120000
   * (the apiserver's own download timeout for links). 0 disables.
   */
  responseTimeout?: number;
  /** Total deadline in milliseconds. Default 0 = none: a large file on a slow link must be allowed to finish. */
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

export type UploadErrorKind =
  /** Bad options, found before any request was sent. `option` names the culprit. */
  | 'validation'
  /** No response: CORS refused, offline, DNS, or a proxy that dropped a large body. */
  | 'network'
  /** `stallTimeout`, `responseTimeout` or `timeout` passed. */
  | 'timeout'
  /** The `signal` was aborted. */
  | 'aborted'
  /** The API gateway answered with its JSON envelope: `code`, `codeName`, `message`. */
  | 'gateway'
  /** The apiserver answered with its JSON error: `code` (a slug), `detail`, `fieldsDetail`. */
  | 'api'
  /** Any other failed status, such as the HTML 500 page; `bodyExcerpt` has its start. */
  | 'http'
  /** A 2xx answer whose body is not a source package. */
  | 'response'
  /** With `verify: true`: the server stored other bytes than were sent (`localSha256` ≠ `serverSha256`). */
  | 'integrity';

/** The one error type of the package. `error instanceof UploadError` works. */
export class UploadError extends Error {
  readonly name: 'UploadError';
  readonly kind: UploadErrorKind;
  /** HTTP status, or `null` when no response arrived. */
  readonly status: number | null;
  /** `X-Bkapi-Request-Id` of the response: give it to the platform's operators. */
  readonly requestId: string | null;
  /** Whether trying the same call again later can succeed. */
  readonly retryable: boolean;
  /** Kind `validation`: the option at fault, e.g. `"file"`, `"appCode"`. */
  readonly option: string | null;
  /** Kind `gateway`: the numeric code (e.g. 1640001); kind `api`: the slug (e.g. `"PACKAGE_ALREADY_EXISTS"`). */
  readonly code: number | string | null;
  /** Kind `gateway`: e.g. `"INVALID_ARGS"`. */
  readonly codeName: string | null;
  /** Kind `api`: the server's message, shown as it comes (never matched on). */
  readonly detail: string | null;
  /** Kind `api`, `VALIDATION_ERROR`: per-field messages, or a list when the check ran outside the serializer. */
  readonly fieldsDetail: Record<string, string[]> | string[] | null;
  /** Kinds `http` and `response`: the first characters of the body. */
  readonly bodyExcerpt: string | null;
  /** How many attempts were made (1 + retries). */
  readonly attempts: number;
  /** A retry after an ambiguous failure met this error: the earlier attempt most likely succeeded. */
  readonly afterAmbiguousRetry: boolean;
  /** Kind `integrity`: the SHA-256 of the file as hashed in the browser. */
  readonly localSha256: string | null;
  /** Kind `integrity`: the server's `sha256Signature`. */
  readonly serverSha256: string | null;
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
