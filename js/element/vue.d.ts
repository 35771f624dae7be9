// bkpaas-upload/element/vue: types of <bkpaas-upload> in Vue 3 templates (types only, no code).
//
//   // env.d.ts (or any .ts file of the app), once:
//   import type {} from 'bkpaas-upload/element/vue';
//
// Then `vue-tsc` checks <bkpaas-upload> in every template: its attributes, its properties and its events.
// Vue itself still needs `compilerOptions.isCustomElement: (tag) => tag === 'bkpaas-upload'` (vite.config) so
// that it renders the tag as the custom element instead of looking for a Vue component.
import type { DefineComponent, HTMLAttributes } from 'vue';
import type { BkpaasUploadElement, BkpaasUploadEventMap } from './index.js';

/**
 * What a template may set on <bkpaas-upload>, beyond the usual HTML attributes (`id`, `class`, `title`...); each is
 * documented on {@link BkpaasUploadElement}. The settings are attributes: `app-code="my-app"`,
 * `max-size="1048576"` (static strings are fine). `getAuth`, `options`, `inspector`, `packageUrl` and `version`
 * are properties: write them camelCase (`:getAuth="fn"`). Vue sets a name on a custom element as a property only
 * when the element has a property of that exact name, so `:get-auth` would become an attribute. For the same
 * reason the credential properties `accessToken` and `auth` are left out here: the kebab-case
 * `:access-token="token"` that Vue's style guide suggests would put the token into a DOM attribute. Give
 * credentials through `getAuth`.
 */
export type BkpaasUploadVueProps = Partial<Pick<BkpaasUploadElement,
  'baseUrl' | 'stage' | 'appCode' | 'module' | 'mode' | 'allowOverwrite' | 'verify' |
  'packageUrl' | 'version' | 'getAuth' | 'options' | 'inspector'>> & {
  /** `max-size`: bytes, a number or a static string of digits. */
  maxSize?: number | `${number}`;
  /** `@bkpaas-progress`: each progress report of the core. */
  onBkpaasProgress?: (event: BkpaasUploadEventMap['bkpaas-progress']) => void;
  /** `@bkpaas-success`: `event.detail` is the stored package. */
  onBkpaasSuccess?: (event: BkpaasUploadEventMap['bkpaas-success']) => void;
  /** `@bkpaas-error`: `event.detail` is the `UploadError` (never kind `aborted`). */
  onBkpaasError?: (event: BkpaasUploadEventMap['bkpaas-error']) => void;
  /** `@bkpaas-cancel`: the upload was cancelled. */
  onBkpaasCancel?: (event: BkpaasUploadEventMap['bkpaas-cancel']) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'bkpaas-upload': DefineComponent<Omit<HTMLAttributes, keyof BkpaasUploadVueProps> & BkpaasUploadVueProps>;
  }
}
