// A small consumer of the package's public types. `tsc --noEmit` must accept it; each @ts-expect-error line must be
// an error, which proves the types are precise rather than `any`.
import { uploadFile, uploadLink, Client, UploadError, transport } from 'bkpaas-upload';
import type { SourcePackage, UploadProgress, UploadErrorKind, UploadFileOptions } from 'bkpaas-upload';

declare const file: File;
const controller = new AbortController();

async function main(): Promise<void> {
  const options: UploadFileOptions = {
    baseUrl: 'https://bkapi.example.com/api/bkpaas3',
    appCode: 'myapp',
    accessToken: 'token',
    file,
    allowOverwrite: true,
    signal: controller.signal,
    onProgress(p: UploadProgress) {
      const phase: 'sending' | 'processing' = p.phase;
      const ratio: number = p.total ? p.loaded / p.total : 0;
      void phase, ratio, p.transport === 'fetch';
    },
  };
  try {
    const pkg: SourcePackage = await uploadFile(options);
    const size: number = pkg.packageSize;
    const sha: string | null = pkg.sha256Signature;
    // @ts-expect-error packageSize is a number, not a string
    const wrong: string = pkg.packageSize;
    void size, sha, wrong;
  } catch (e) {
    if (e instanceof UploadError) {
      const kind: UploadErrorKind = e.kind;
      const status: number | null = e.status;
      const id: string | null = e.requestId;
      if (kind === 'api' && e.code === 'PACKAGE_ALREADY_EXISTS') console.log(e.detail, e.fieldsDetail);
      // @ts-expect-error not a kind
      const bad: UploadErrorKind = 'oops';
      void status, id, bad;
    }
  }
  const client = new Client({ baseUrl: '/bkapi/bkpaas3', appCode: 'myapp', accessToken: 't' });
  await client.uploadLink({ packageUrl: 'https://example.com/app-1.0.tar.gz', version: '1.0' });
  await uploadLink({ baseUrl: '/x', appCode: 'a', bkAppCode: 'c', bkAppSecret: 's', bkToken: 'u', packageUrl: 'https://h/p.tgz' });
  // @ts-expect-error packageUrl is required
  await uploadLink({ baseUrl: '/x', appCode: 'a' });
  // @ts-expect-error file must be a Blob
  await uploadFile({ baseUrl: '/x', appCode: 'a', file: 'path/to/file' });
  const t: 'xhr' | 'fetch' = transport();
  void t;
}
void main;
