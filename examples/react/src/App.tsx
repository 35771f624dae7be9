import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { SourcePackage, UploadError } from 'bkpaas-upload';
import type { BkpaasUploadEventMap } from 'bkpaas-upload/element';
import { useUpload } from './useUpload';
import { describeError } from './describe';

// The gateway root: a same-origin proxy path by default (set VITE_BKPAAS_BASE_URL at build time to change it).
const baseUrl: string = import.meta.env.VITE_BKPAAS_BASE_URL ?? '/api/bkpaas3';

export function App() {
  const [appCode, setAppCode] = useState('demo-app');
  // In a portal the token comes from your session; here a field (the emulator accepts `dev-token`).
  const [token, setToken] = useState('');
  // Only the local emulator reads this header (e.g. `status=502`); a real gateway ignores it.
  const [fault, setFault] = useState('');
  const headers = useMemo((): Record<string, string> => (fault ? { 'X-Emulator-Fault': fault } : {}), [fault]);

  // The element: settings as attributes, the token through getAuth (React 19 sets it as a property, never in the
  // DOM) and its events through `onbkpaas-…` props (React 19 adds them as listeners).
  const getAuth = () => ({ accessToken: token });
  const elementOptions = useMemo(() => ({ headers }), [headers]);
  const [stored, setStored] = useState<SourcePackage | null>(null);
  const [failed, setFailed] = useState<UploadError | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const outcome = (pkg: SourcePackage | null, error: UploadError | null, cancel = false) => {
    setStored(pkg); setFailed(error); setCancelled(cancel);
  };
  const onSuccess = (e: BkpaasUploadEventMap['bkpaas-success']) => outcome(e.detail, null);
  const onError = (e: BkpaasUploadEventMap['bkpaas-error']) => outcome(null, e.detail);

  // The core without the element: the platform downloads an archive from a link.
  const [packageUrl, setPackageUrl] = useState('');
  const [version, setVersion] = useState('');
  const link = useUpload(() => ({ baseUrl, appCode, accessToken: token, headers, locale: 'en' })); // as the page and the element
  const sendLink = (e: FormEvent) => {
    e.preventDefault();
    link.uploadLink({ packageUrl, version: version || undefined });
  };

  return (
    <main>
      <h1>bkpaas-upload in React</h1>

      <fieldset className="settings">
        <legend>Connection</legend>
        <label>App code <input value={appCode} onChange={(e) => setAppCode(e.target.value)} name="app-code" autoComplete="off" /></label>
        {/* Uncontrolled on purpose: React copies a controlled input's value into its `value` attribute (the DOM). */}
        <label>Access token <input onChange={(e) => setToken(e.target.value)} name="token" type="password" autoComplete="off" /></label>
        <label>Emulator fault <input value={fault} onChange={(e) => setFault(e.target.value)} name="fault" placeholder="status=502" autoComplete="off" /></label>
      </fieldset>

      <section aria-labelledby="element-title">
        <h2 id="element-title">The element</h2>
        <bkpaas-upload
          base-url={baseUrl} app-code={appCode} lang="en"
          getAuth={getAuth} options={elementOptions}
          onbkpaas-success={onSuccess} onbkpaas-error={onError} onbkpaas-cancel={() => outcome(null, null, true)}
        />
        {stored && (
          <p className="ok" id="element-result">
            Stored version <strong>{stored.version}</strong> ({stored.packageName}, SHA-256 {stored.sha256Signature})
          </p>
        )}
        {failed && (
          <p className="bad" id="element-error">
            {failed.kind} error{failed.status ? ` (HTTP ${failed.status})` : ''}: {failed.message}
          </p>
        )}
        {cancelled && <p id="element-cancelled">Upload cancelled.</p>}
      </section>

      <section aria-labelledby="link-title">
        <h2 id="link-title">The core: upload by link</h2>
        <form onSubmit={sendLink}>
          <label>Archive URL <input value={packageUrl} onChange={(e) => setPackageUrl(e.target.value)} name="package-url" placeholder="https://…/my-app-1.0.0.tar.gz" /></label>
          <label>Version <input value={version} onChange={(e) => setVersion(e.target.value)} name="version" placeholder="from app_desc.yaml" /></label>
          <button type="submit" disabled={link.busy}>Upload by link</button>
          {link.busy && <button type="button" onClick={link.cancel}>Cancel</button>}
        </form>
        {link.busy && <p id="link-progress">{link.progress?.phase === 'processing' ? 'The platform is downloading the archive…' : 'Sending…'}</p>}
        {link.result && <p className="ok" id="link-result">Stored version <strong>{link.result.version}</strong> ({link.result.packageName})</p>}
        {link.error && <p className="bad" role="alert" id="link-error">{describeError(link.error)}</p>}
      </section>
    </main>
  );
}
