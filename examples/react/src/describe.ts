// One sentence for an UploadError, by kind: the error is typed, so each kind has its own fields.
import type { UploadError } from 'bkpaas-upload';

export function describeError(e: UploadError): string {
  switch (e.kind) {
    case 'aborted': return 'Upload cancelled.';
    case 'validation': return `Check the ${e.option ?? 'options'} field: ${e.message}`;
    case 'api': {
      const fields = Array.isArray(e.fieldsDetail) ? e.fieldsDetail : Object.values(e.fieldsDetail ?? {}).flat();
      return [`The platform refused it (${e.code ?? `HTTP ${e.status}`}): ${e.detail ?? e.message}`, ...fields].join(' ');
    }
    case 'gateway': return `The API gateway refused it (HTTP ${e.status}, ${e.codeName ?? e.code}): ${e.message}`;
    default: return `${e.kind} error: ${e.message}${e.requestId ? ` (request id ${e.requestId})` : ''}`;
  }
}
