// bkpaas-upload/element/react: types of <bkpaas-upload> in React 19 JSX (types only, no code).
//
//   // any .ts/.tsx file of the app, once:
//   import type {} from 'bkpaas-upload/element/react';
//
// Then `tsc` checks <bkpaas-upload> in JSX: its attributes, its properties and its events. React 19 sets a prop
// as a property when the element has one (getAuth, options, accessToken...) and as an attribute otherwise
// (`app-code`, `base-url`, `max-size`...), and `onbkpaas-success={fn}` adds a listener for `bkpaas-success`. So
// import 'bkpaas-upload/element' (which defines the tag) before the first render.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { BkpaasUploadElement, BkpaasUploadEventMap } from './index.js';

/** What JSX may set on <bkpaas-upload>, beyond the usual HTML attributes (`id`, `className`, `lang`, `ref`...). */
export interface BkpaasUploadReactProps extends DetailedHTMLProps<HTMLAttributes<BkpaasUploadElement>, BkpaasUploadElement> {
  /** Gateway root. Default: this page's origin + `/api/bkpaas3` (a same-origin proxy). */
  'base-url'?: string;
  /** Default `prod`. */
  stage?: string;
  /** The BlueKing app code. */
  'app-code'?: string;
  /** Default `default`. */
  module?: string;
  /** `file` (default, a drop zone) or `link` (URL and version fields). */
  mode?: 'file' | 'link';
  /** Initial state of the "replace" box. */
  'allow-overwrite'?: boolean;
  /** Bytes; default 41943040 (40 MiB). */
  'max-size'?: number;
  /** Check the stored SHA-256 against the file's. */
  verify?: boolean;
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
  /** Each progress report of the core. */
  'onbkpaas-progress'?: (event: BkpaasUploadEventMap['bkpaas-progress']) => void;
  /** `event.detail` is the stored package. */
  'onbkpaas-success'?: (event: BkpaasUploadEventMap['bkpaas-success']) => void;
  /** `event.detail` is the `UploadError` (never kind `aborted`). */
  'onbkpaas-error'?: (event: BkpaasUploadEventMap['bkpaas-error']) => void;
  /** The upload was cancelled. */
  'onbkpaas-cancel'?: (event: BkpaasUploadEventMap['bkpaas-cancel']) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'bkpaas-upload': BkpaasUploadReactProps;
    }
  }
}
