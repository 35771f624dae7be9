// Link mode's one rule of its own: the version a link's file name suggests, to prefill the version field.

// Stripped before the version is read (a hint for the field, not a check: the server decides by content). The
// rules crate's one list, put here by the build.
const EXTENSIONS = __RULES__.extensions;
const stem = (name) => {
  const ext = EXTENSIONS.find((e) => name.length > e.length && name.toLowerCase().endsWith(e));
  return ext ? name.slice(0, -ext.length) : name;
};

/**
 * The version a link's file name carries: `my-app-1.2.3.tar.gz` → `1.2.3`, `app_v2.0.zip` → `2.0`. The part after
 * the first `-` or `_` followed by a digit (or `v` and a digit), without the archive extension; `''` when none.
 */
export function versionFromUrl(url) {
  let name = String(url ?? '').trim().replace(/[?#].*$/, '');
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]+\/./i.test(name)) return '';
  name = name.slice(name.lastIndexOf('/') + 1);
  try { name = decodeURIComponent(name); } catch { /* keep it as typed */ }
  const m = /[-_]v?(\d.*)$/i.exec(stem(name));
  return m && /^[A-Za-z0-9._+-]{1,64}$/.test(m[1]) ? m[1] : '';
}
