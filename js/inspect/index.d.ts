/** Archive types the platform accepts, as read from the content (not the name). */
export type PackageType = 'tar' | 'tar.gz' | 'tar.bz2' | 'tar.xz' | 'zip';

/**
 * Stable machine codes; `messages` carries an English sentence for each, in the same order.
 * - `not-archive`: no accepted archive type matches the first bytes.
 * - `corrupt`: the archive is malformed (truncated, bad checksum, bad deflate data); the platform refuses it too.
 * - `not-inspected`: the type is known but the content was not read (bzip2 and xz; or a safety cap: app_desc.yaml
 *   over 64 KiB, a gzip that inflates more than 100 times its size beyond 1 GiB).
 * - `no-app-desc`: no `app_desc.yaml` at the root or one folder down.
 * - `unknown-spec-version`: app_desc.yaml declares neither `spec_version: 2` nor `specVersion: 3`.
 * - `no-app-version`: the version key of its spec is missing (`app_version` for 2, `appVersion` for 3).
 * - `name-mismatch`: the file name's extension promises another type than the content.
 */
export type PackageWarning = 'not-archive' | 'corrupt' | 'not-inspected' | 'no-app-desc' | 'unknown-spec-version'
  | 'no-app-version' | 'name-mismatch';

export interface PackageInfo {
  /** The archive type from its magic bytes; `null` when it is not an archive. */
  type: PackageType | null;
  /** The member path of the `app_desc.yaml` found (first met at the root or one folder down), e.g. `./app_desc.yaml`. */
  appDescPath: string | null;
  /** `spec_version` or `specVersion` when it is an integer (2 and 3 are the ones the platform knows). */
  specVersion: number | null;
  /** `app_version` when the spec is 2, `appVersion` when it is 3: the version the upload will create. */
  appVersion: string | null;
  /** Module names: keys of the v2 `modules:` mapping (`module:` gives `default`), `name` of each v3 item. */
  modules: string[];
  warnings: PackageWarning[];
  /** One English sentence per warning, same order. */
  messages: string[];
}

/**
 * Reads a source package's type and its `app_desc.yaml` without uploading it: a tar is read header by header
 * (jumping over file data), a tar.gz inflated up to `app_desc.yaml`, a zip through its central directory from the
 * end. The Blob is read in 256 KiB slices, so memory stays constant whatever its size. The wasm module (about
 * 30 KB) loads on the first call. Rejects only when the Blob cannot be read.
 */
export function inspectPackage(file: Blob): Promise<PackageInfo>;
