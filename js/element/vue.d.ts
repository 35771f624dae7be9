// bkpaas-upload/element/vue: types of <bkpaas-upload> in Vue 3 templates (types only, no code).
//
//   // env.d.ts (or any .ts file of the app), once:
//   import type {} from 'bkpaas-upload/element/vue';
//
// Then `vue-tsc` checks <bkpaas-upload> in every template: its attributes, its properties and its events.
// Vue itself still needs `compilerOptions.isCustomElement: (tag) => tag === 'bkpaas-upload'` (vite.config) so
// that it renders the tag as the custom element instead of looking for a Vue component.
import type { DefineComponent } from 'vue';
import type { BkpaasUploadElement, BkpaasUploadEventMap } from './index.js';

/**
 * What a template may set on <bkpaas-upload>. Vue matches `app-code` and `appCode` alike. The settings are
 * attributes (static strings are fine: `max-size="1048576"`); credentials, `getAuth`, `options` and `inspector`
 * are properties, which Vue sets as properties because the element has them (bind them: `:getAuth="fn"`).
 */
export interface BkpaasUploadVueProps {
  /** `base-url`: gateway root. Default: this page's origin + `/api/bkpaas3` (a same-origin proxy). */
  baseUrl?: string;
  /** `stage`: default `prod`. */
  stage?: string;
  /** `app-code`: the BlueKing app code. */
  appCode?: string;
  /** `module`: default `default`. */
  module?: string;
  /** `mode`: `file` (default, a drop zone) or `link` (URL and version fields). */
  mode?: 'file' | 'link';
  /** `allow-overwrite`: initial state of the "replace" box. */
  allowOverwrite?: boolean | '';
  /** `max-size`: bytes; default 41943040 (40 MiB). */
  maxSize?: number | `${number}`;
  /** `verify`: check the stored SHA-256 against the file's. */
  verify?: boolean | '';
  /** `lang`: `zh` or `en`; default from the browser. */
  lang?: string;
  /** Link mode: prefills the URL field. */
  packageUrl?: string;
  /** Link mode: prefills the version field. */
  version?: string;
  /** An OAuth access token. A property: never an attribute, never in the DOM. */
  accessToken?: BkpaasUploadElement['accessToken'];
  /** Any auth the core accepts. Property. */
  auth?: BkpaasUploadElement['auth'];
  /** Called before each upload (may be async); wins over `auth` and `accessToken`. */
  getAuth?: BkpaasUploadElement['getAuth'];
  /** Extra core options for each call: `headers`, `retries`, `timeout`... */
  options?: BkpaasUploadElement['options'];
  /** Pre-flight inspector: `null` (default entry), `false` (off) or a function. */
  inspector?: BkpaasUploadElement['inspector'];
  /** `@bkpaas-progress`: each progress report of the core. */
  'onBkpaasProgress'?: (event: BkpaasUploadEventMap['bkpaas-progress']) => void;
  /** `@bkpaas-success`: `event.detail` is the stored package. */
  'onBkpaasSuccess'?: (event: BkpaasUploadEventMap['bkpaas-success']) => void;
  /** `@bkpaas-error`: `event.detail` is the `UploadError` (never kind `aborted`). */
  'onBkpaasError'?: (event: BkpaasUploadEventMap['bkpaas-error']) => void;
  /** `@bkpaas-cancel`: the upload was cancelled. */
  'onBkpaasCancel'?: (event: BkpaasUploadEventMap['bkpaas-cancel']) => void;
}

declare module 'vue' {
  interface GlobalComponents {
    'bkpaas-upload': DefineComponent<BkpaasUploadVueProps>;
  }
}
