// <bkpaas-upload> in a strict React 19 app (tsc) with bkpaas-upload/element/react: tsc must accept Valid(), and each
// line after a @ts-expect-error comment must be an error (an unused one fails). TypeScript does not check JSX
// names with a hyphen that are not declared (like data-*), so the unknown names below have none.
import type {} from 'bkpaas-upload/element/react';
import { useRef } from 'react';
import type { SourcePackage } from 'bkpaas-upload';
import type { BkpaasUploadElement, PackageInspection } from 'bkpaas-upload/element';

const token = 'secret';
const headers = { 'X-Request-Source': 'portal' };
const inspect = async (file: File): Promise<PackageInspection> => ({ type: file.type, warnings: [] });
const stored = (e: CustomEvent<SourcePackage>): string => e.detail.version;

export function Valid() {
  const ref = useRef<BkpaasUploadElement>(null);
  return (
    <>
      <bkpaas-upload
        ref={ref} id="up" className="uploader" title="Upload" base-url="https://bkapi.example.com/api/bkpaas3" stage="prod"
        app-code="my-app" module="default" mode="file" allow-overwrite verify max-size={1048576} lang="zh"
        getAuth={async () => ({ accessToken: await Promise.resolve(token) })} options={{ headers, retries: 1 }} inspector={inspect}
        onbkpaas-success={stored} onbkpaas-error={(e) => e.detail.requestId} onbkpaas-progress={(e) => e.detail.loaded}
        onbkpaas-cancel={() => ref.current?.reset()}
      />
      <bkpaas-upload mode="link" accessToken={token} packageUrl="https://h/my-app-1.0.tar.gz" version="1.0" verify={false} inspector={false} />
    </>
  );
}

export function Wrong() {
  return (
    <>
      {/* @ts-expect-error appCode is no JSX name here (app-code is) */}
      <bkpaas-upload appcode="my-app" />
      {/* @ts-expect-error a mode the element does not have */}
      <bkpaas-upload mode="folder" />
      {/* @ts-expect-error max-size is a number of bytes */}
      <bkpaas-upload max-size="40MiB" />
      {/* @ts-expect-error verify is a boolean */}
      <bkpaas-upload verify="yes" />
      {/* @ts-expect-error getAuth returns an auth object, not a string */}
      <bkpaas-upload getAuth={() => token} />
      {/* @ts-expect-error the element sets baseUrl itself: not an extra option */}
      <bkpaas-upload options={{ baseUrl: '/x' }} />
      {/* @ts-expect-error the success event's detail is a SourcePackage */}
      <bkpaas-upload onbkpaas-success={(e) => e.detail.kind} />
      {/* @ts-expect-error the error event's detail is an UploadError, not a SourcePackage */}
      <bkpaas-upload onbkpaas-error={stored} />
    </>
  );
}
