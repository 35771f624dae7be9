// What the element offers after a failure: only steps that can succeed.

/**
 * `{retry, replace}` for an UploadError; `overwrite` is whether the failed call already asked to replace.
 * - The version exists (`PACKAGE_ALREADY_EXISTS`, or a retry that met the open-source server's duplicate page, or a
 *   stored package that did not verify): the same call cannot succeed, replacing it can.
 * - The open-source server also answers a duplicate with a bare HTML 500: without overwrite it may be one, or a
 *   passing failure, so both steps are offered.
 * - The file itself was refused before sending: neither; another file is the way on.
 */
export function nextStep(error, overwrite) {
  const e = error || {};
  if (e.kind === 'validation' && (e.option === 'file' || e.option === 'filename')) return { retry: false, replace: false };
  const exists = e.kind === 'integrity' || (e.kind === 'api' && e.code === 'PACKAGE_ALREADY_EXISTS')
    || (e.kind === 'http' && e.status === 500 && e.afterAmbiguousRetry);
  if (exists) return { retry: false, replace: true };
  return { retry: true, replace: e.kind === 'http' && e.status === 500 && !overwrite };
}
