// A small consumer of the package's public types. `tsc --noEmit` must accept it; each @ts-expect-error line must be
// an error, which proves the types are precise rather than `any`.
import { uploadFile, uploadLink, Client, UploadError, transport } from 'bkpaas-upload';
import type { SourcePackage, UploadProgress, UploadErrorKind, UploadFileOptions } from 'bkpaas-upload';
import { versionFromUrl } from 'bkpaas-upload/element';
import type { BkpaasUploadElement } from 'bkpaas-upload/element';

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

// <bkpaas-upload>: the tag map, the typed events and the properties.
function element(): void {
  const el = document.querySelector('bkpaas-upload')!;
  const typed: BkpaasUploadElement = el;
  el.addEventListener('bkpaas-success', (e) => {
    const sha: string | null = e.detail.sha256Signature;
    const verified: boolean | undefined = e.detail.verified;
    const local: string | undefined = e.detail.localSha256;
    void sha, verified, local;
  });
  el.addEventListener('bkpaas-error', (e) => {
    if (e.detail.kind === 'integrity') {
      const both: [string | null, string | null] = [e.detail.localSha256, e.detail.serverSha256];
      void both;
    }
  });
  document.addEventListener('bkpaas-progress', (e) => void e.detail.phase);
  el.verify = true;
  el.mode = 'link';
  el.packageUrl = 'https://example.com/my-app-1.2.3.tar.gz';
  const version: string = versionFromUrl(el.packageUrl);
  // @ts-expect-error the success detail is a SourcePackage: it has no `kind`
  el.addEventListener('bkpaas-success', (e) => e.detail.kind);
  // @ts-expect-error verify is a boolean, not an attribute string
  el.verify = 'yes';
  // @ts-expect-error mode is 'file' or 'link'
  el.mode = 'url';
  void typed, version;
}
void element;
