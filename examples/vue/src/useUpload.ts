// useUpload(): the core's uploadFile / uploadLink as reactive state, for pages that draw their own UI.
import { onScopeDispose, shallowRef } from 'vue';
import { UploadError, uploadFile, uploadLink } from 'bkpaas-upload';
import type { ConnectionOptions, SourcePackage, UploadFileOptions, UploadLinkOptions, UploadProgress } from 'bkpaas-upload';

/** Gateway, app, auth, headers...: read at each upload, so a fresh token is used every time. */
export type Connection = Omit<ConnectionOptions, 'signal' | 'onProgress'>;
type Call = (options: ConnectionOptions) => Promise<SourcePackage>;

export function useUpload(connection: () => Connection | Promise<Connection>) {
  const progress = shallowRef<UploadProgress | null>(null);
  const result = shallowRef<SourcePackage | null>(null);
  /** The last upload's failure; kind `aborted` after `cancel()`. */
  const error = shallowRef<UploadError | null>(null);
  const busy = shallowRef(false);
  let controller: AbortController | null = null;

  async function run(call: Call): Promise<SourcePackage | null> {
    controller?.abort();
    const mine = (controller = new AbortController());
    progress.value = result.value = error.value = null;
    busy.value = true;
    try {
      const onProgress = (p: UploadProgress) => { if (controller === mine) progress.value = p; };
      const pkg = await call({ ...(await connection()), signal: mine.signal, onProgress });
      if (controller === mine) result.value = pkg;
      return pkg;
    } catch (e) {
      if (!(e instanceof UploadError)) throw e; // the core rejects with nothing else: anything else is a bug
      if (controller === mine) error.value = e;
      return null;
    } finally {
      if (controller === mine) { controller = null; busy.value = false; }
    }
  }

  const cancel = () => controller?.abort();
  onScopeDispose(cancel);
  return {
    progress, result, error, busy, cancel,
    uploadFile: (o: Omit<UploadFileOptions, keyof ConnectionOptions>) => run((c) => uploadFile({ ...c, ...o })),
    uploadLink: (o: Omit<UploadLinkOptions, keyof ConnectionOptions>) => run((c) => uploadLink({ ...c, ...o })),
  };
}
