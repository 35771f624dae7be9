// The page the engine tests drive through WebDriver: `await window.upload(options)` fetches `archive` from this
// origin into a File, calls the package's uploadFile with the other options, and reports the outcome as plain data.
const loaded = import('/pkg/index.js');

window.upload = async ({ archive, ...options }) => {
  const { uploadFile, UploadError } = await loaded;
  const res = await fetch(archive);
  if (!res.ok) throw new Error(`${archive}: ${res.status}`);
  const file = new File([await res.blob()], archive.split('/').pop(), { type: 'application/gzip' });
  const phases = [];
  try {
    const pkg = await uploadFile({ ...options, file, onProgress: (p) => phases.push(p.phase) });
    return { result: { ...pkg }, phases: [...new Set(phases)] };
  } catch (e) {
    if (!(e instanceof UploadError)) throw e;
    const { name, kind, status, code, message, retryable, attempts, requestId } = e;
    return { error: { name, kind, status, code, message, retryable, attempts, requestId }, phases: [...new Set(phases)] };
  }
};
document.documentElement.dataset.ready = 'true';
