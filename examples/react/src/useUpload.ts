// useUpload(): the core's uploadFile / uploadLink as React state, for pages that draw their own UI.
import { useCallback, useEffect, useRef, useState } from 'react';
import { UploadError, uploadFile, uploadLink } from 'bkpaas-upload';
import type { ConnectionOptions, SourcePackage, UploadFileOptions, UploadLinkOptions, UploadProgress } from 'bkpaas-upload';

/** Gateway, app, auth, headers...: read at each upload, so a fresh token is used every time. */
export type Connection = Omit<ConnectionOptions, 'signal' | 'onProgress'>;
type Call = (options: ConnectionOptions) => Promise<SourcePackage>;

export function useUpload(connection: () => Connection | Promise<Connection>) {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [result, setResult] = useState<SourcePackage | null>(null);
  /** The last upload's failure; kind `aborted` after `cancel()`. */
  const [error, setError] = useState<UploadError | null>(null);
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | null>(null);

  async function run(call: Call): Promise<SourcePackage | null> {
    controller.current?.abort();
    const mine = (controller.current = new AbortController());
    setProgress(null); setResult(null); setError(null); setBusy(true);
    try {
      const onProgress = (p: UploadProgress) => { if (controller.current === mine) setProgress(p); };
      const pkg = await call({ ...(await connection()), signal: mine.signal, onProgress });
      if (controller.current === mine) setResult(pkg);
      return pkg;
    } catch (e) {
      if (!(e instanceof UploadError)) throw e; // the core rejects with nothing else: anything else is a bug
      if (controller.current === mine) setError(e);
      return null;
    } finally {
      if (controller.current === mine) { controller.current = null; setBusy(false); }
    }
  }

  const cancel = useCallback(() => controller.current?.abort(), []);
  useEffect(() => cancel, [cancel]); // unmounting cancels
  return {
    progress, result, error, busy, cancel,
    uploadFile: (o: Omit<UploadFileOptions, keyof ConnectionOptions>) => run((c) => uploadFile({ ...c, ...o })),
    uploadLink: (o: Omit<UploadLinkOptions, keyof ConnectionOptions>) => run((c) => uploadLink({ ...c, ...o })),
  };
}
