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

type El = BkpaasUploadElement;

/**
 * What JSX may set on <bkpaas-upload>, beyond the usual HTML attributes (`id`, `className`, `lang`, `ref`...); each
 * is documented on {@link BkpaasUploadElement}. Settings by their attribute names (`app-code`, as in HTML), the
 * rest by their property names (`getAuth`), events as `onbkpaas-…` (all lower case: React 19 listens to the name
 * after `on` as written).
 */
export interface BkpaasUploadReactProps extends DetailedHTMLProps<HTMLAttributes<El>, El>,
  Partial<Pick<El, 'stage' | 'module' | 'mode' | 'verify' | 'packageUrl' | 'version' |
    'accessToken' | 'auth' | 'getAuth' | 'options' | 'inspector'>> {
  'base-url'?: El['baseUrl'];
  'app-code'?: El['appCode'];
  'allow-overwrite'?: El['allowOverwrite'];
  'max-size'?: El['maxSize'];
  'onbkpaas-progress'?: (event: BkpaasUploadEventMap['bkpaas-progress']) => void;
  'onbkpaas-success'?: (event: BkpaasUploadEventMap['bkpaas-success']) => void;
  'onbkpaas-error'?: (event: BkpaasUploadEventMap['bkpaas-error']) => void;
  'onbkpaas-cancel'?: (event: BkpaasUploadEventMap['bkpaas-cancel']) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'bkpaas-upload': BkpaasUploadReactProps;
    }
  }
}
