// The error model's JS half: the UploadError class, with its message built from its fields in the caller's
// language (texts.js). The fields are defined once, by FIELDS in src/failure.rs; a native test checks this list and
// index.d.ts against it. The wasm makes its errors through uploadError(); the JS entry makes the rest here too.
import { message } from './texts.js';

const FIELDS = [
  'kind', 'reason', 'status', 'statusText', 'requestId', 'retryable', 'mayBeStored', 'option', 'code', 'codeName',
  'detail', 'fieldsDetail', 'bodyExcerpt', 'attempts', 'afterAmbiguousRetry', 'url', 'transport', 'limit', 'size',
  'redirectUrl', 'credentialSent', 'localSha256', 'serverSha256', 'locale',
];
const DEFAULTS = { retryable: false, mayBeStored: false, afterAmbiguousRetry: false, credentialSent: false, attempts: 1, locale: 'en' };

/** The one error type of the package; see index.d.ts for its fields. */
export class UploadError extends Error {
  constructor(fields) {
    super('', fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'UploadError';
    for (const key of FIELDS) this[key] = fields[key] ?? DEFAULTS[key] ?? null;
    this.message = message(this);
  }
}

/** What the wasm calls: the field values in FIELDS order, and a thrown option's error as the cause. */
export const uploadError = (values, cause) => new UploadError({ ...Object.fromEntries(FIELDS.map((k, i) => [k, values[i]])), cause });
