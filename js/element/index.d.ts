// bkpaas-upload/element: the <bkpaas-upload> custom element. Importing this module defines the tag.
//
// <bkpaas-upload base-url="https://bkapi.example.com/api/bkpaas3" app-code="my-app" module="default"></bkpaas-upload>
//
// Attributes carry only non-secret settings; credentials go in `accessToken`, `auth` or `getAuth` (properties).
// Styling: CSS custom properties --bkpaas-accent, --bkpaas-accent-contrast, --bkpaas-bg, --bkpaas-fg,
// --bkpaas-muted, --bkpaas-border, --bkpaas-soft, --bkpaas-danger, --bkpaas-danger-soft, --bkpaas-success,
// --bkpaas-success-soft, --bkpaas-radius, --bkpaas-font; parts: container, dropzone, file, preflight, validation,
// field, input, checkbox, button, upload-button, replace-button, confirm, cancel-button, again-button, progress,
// progress-bar, result, sha256, verified, copy-button, error, excerpt. Light or dark follows `prefers-color-scheme`.
//
// Errors are shown as the core words them (`UploadError.message`, in the element's `lang`: it is passed as the
// core's `locale`), with the facts they carry (server field messages, body excerpt, hashes, code, request id) and
// only next steps that can succeed: "Try again"; or, when the version already exists (`PACKAGE_ALREADY_EXISTS`,
// a stored package that did not verify), "Replace the stored package…", which asks for a yes (the ticked replace
// box is one) and uploads again with `allowOverwrite: true`; a bare HTTP 500 without overwrite (how the
// open-source server answers a duplicate) offers both. A file the core refused before sending needs another file.
import type { Auth, ConnectionOptions, SourcePackage, UploadError, UploadProgress } from '../index.js';

/** What a pre-flight inspector reports about a picked file (shown under the file, before sending). */
export interface PackageInspection {
  /** Archive type in words, e.g. `"tar.gz"`. */
  type?: string | null;
  /** The version `app_desc.yaml` declares. */
  appVersion?: string | null;
  specVersion?: number | string | null;
  /** Problems found: codes of `bkpaas-upload/inspect` (`no-app-desc`...) or sentences. */
  warnings?: string[];
  /** One English sentence per warning, same order (shown as is in English; zh has its own words for known codes). */
  messages?: string[];
}

/** Core options the element passes through unchanged (everything but what it sets itself). */
export type ElementExtraOptions = Partial<Omit<ConnectionOptions,
  'baseUrl' | 'stage' | 'appCode' | 'module' | 'signal' | 'onProgress' | 'locale' |
  'accessToken' | 'bkAppCode' | 'bkAppSecret' | 'bkToken' | 'bkTicket' | 'bkUsername'>>;

export type UploadState = 'idle' | 'ready' | 'sending' | 'processing' | 'success' | 'error';

export class BkpaasUploadElement extends HTMLElement {
  /** `base-url`: gateway root. Default: this page's origin + `/api/bkpaas3` (a same-origin proxy). */
  baseUrl: string;
  /** `stage`: default `prod` (the core's default). */
  stage: string;
  /** `app-code`: the BlueKing app code. */
  appCode: string;
  /** `module`: default `default`. */
  module: string;
  /** `mode`: `file` (default, a drop zone) or `link` (URL and version fields). */
  mode: 'file' | 'link';
  /** `allow-overwrite`: initial state of the "replace" box (the user can still change it). */
  allowOverwrite: boolean;
  /** `max-size`: bytes; default 41943040 (40 MiB, the gateway's body limit). */
  maxSize: number;
  /**
   * `verify`: file mode hashes the file (SHA-256, in a worker) while it uploads and checks it against the
   * platform's `sha256Signature` (the core's `verify: true`). A match shows "Verified" on the result card and the
   * success event's package has `verified: true` and `localSha256`; a mismatch is an error of kind `integrity`
   * (`localSha256`, `serverSha256`), shown in words. Default off.
   */
  verify: boolean;
  /** Link mode: the URL field (a page may prefill it). */
  packageUrl: string;
  /**
   * Link mode: the version field. Until the user types in it (or a page sets it), it follows the version in the
   * link's file name (see {@link versionFromUrl}).
   */
  version: string;
  /** `lang`: `zh` or `en`; default from `navigator.language`. (Inherited from HTMLElement.) */
  lang: string;

  /** An OAuth access token. A property only: never an attribute, never in the DOM. */
  accessToken: string | null;
  /** Any auth the core accepts. Property only. */
  auth: Auth | null;
  /** Called before each upload (may be async); wins over `auth` and `accessToken`. */
  getAuth: (() => Auth | null | undefined | Promise<Auth | null | undefined>) | null;
  /** Extra core options for each call: `headers`, `retries`, `timeout`, `credentials`... */
  options: ElementExtraOptions;
  /**
   * Pre-flight inspection of a picked file (issue 9). `null` (default): use the optional `bkpaas-upload/inspect`
   * entry when it is present next to this one; `false`: off; a function: yours.
   */
  inspector: ((file: File) => Promise<PackageInspection | null>) | null | false;

  readonly state: UploadState;
  readonly file: File | null;
  readonly result: SourcePackage | null;
  readonly error: UploadError | null;

  /** Selects a file (as a pick or a drop does) and inspects it at once (the `inspector`); nothing is sent. */
  setFile(file: File | null): Promise<void>;
  /** Shows pre-flight facts under the picked file; `null` hides them. */
  showPreflight(info: PackageInspection | null): void;
  /**
   * Uploads the selected file or link (replacing the stored version only when the replace box is ticked). Resolves
   * to the package, or `null` after an error or a cancel (see the events).
   */
  upload(): Promise<SourcePackage | null>;
  /** Aborts the running upload; fires `bkpaas-cancel`. */
  cancel(): void;
  /** Clears the file, the link fields, the result and the error. */
  reset(): void;

  addEventListener<K extends keyof BkpaasUploadEventMap>(type: K, listener: (this: BkpaasUploadElement, ev: BkpaasUploadEventMap[K]) => any, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: BkpaasUploadElement, ev: HTMLElementEventMap[K]) => any, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof BkpaasUploadEventMap>(type: K, listener: (this: BkpaasUploadElement, ev: BkpaasUploadEventMap[K]) => any, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: BkpaasUploadElement, ev: HTMLElementEventMap[K]) => any, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/**
 * The version a link's file name carries, as link mode prefills it: the part of the last path segment after the
 * first `-` or `_` that is followed by a digit (or `v` and a digit), without the archive extension.
 * `https://h/my-app-1.2.3.tar.gz` → `"1.2.3"`, `https://h/app_v2.0.zip` → `"2.0"`, none → `""`.
 */
export function versionFromUrl(url: string): string;

/** The element's events; all bubble and cross the shadow boundary (`composed`). */
export interface BkpaasUploadEventMap {
  /** Each progress report of the core. */
  'bkpaas-progress': CustomEvent<UploadProgress>;
  /** The stored package. */
  'bkpaas-success': CustomEvent<SourcePackage>;
  /** The failure (never kind `aborted`: a cancel fires `bkpaas-cancel`); kind `integrity` with `verify`. */
  'bkpaas-error': CustomEvent<UploadError>;
  /** The user or `cancel()` aborted the upload. */
  'bkpaas-cancel': CustomEvent<null>;
}

declare global {
  interface HTMLElementTagNameMap {
    'bkpaas-upload': BkpaasUploadElement;
  }
  // The events bubble out of shadow DOM, so any ancestor, the document and the window can listen.
  interface HTMLElementEventMap extends BkpaasUploadEventMap {}
  interface DocumentEventMap extends BkpaasUploadEventMap {}
  interface WindowEventMap extends BkpaasUploadEventMap {}
}
