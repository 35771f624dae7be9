// The element's UI labels (buttons, headings, hints, announcements) in English and Chinese. Error messages are
// not here: they are the core's `UploadError.message`, worded in the element's language (its `locale` option).

const en = {
  dropTitle: 'Drop a source package here, or click to choose',
  dropHint: 'tar, tar.gz, tar.bz2, tar.xz or zip · up to {max}',
  dropActive: 'Release to add this file',
  dropChange: 'Drop or click to choose another file',
  detected: 'Detected: {type}',
  // Keyed by `bkpaas-upload/inspect`'s archive types; `null` is "not an archive".
  types: { null: 'not a recognised archive', tar: 'tar archive', 'tar.gz': 'gzip-compressed tar',
    'tar.bz2': 'bzip2-compressed tar', 'tar.xz': 'xz-compressed tar', zip: 'zip archive' },
  preflight: 'Inside: {details}',
  preflightVersion: 'app version {version}',
  preflightSpec: 'spec version {spec}',
  urlLabel: 'Package URL',
  urlHint: 'An http(s) link the platform downloads the archive from. Its host must be on the platform’s allow-list.',
  versionLabel: 'Version',
  versionHint: 'The version to create, e.g. 1.0.0.',
  needUrl: 'Enter the package URL.',
  needVersion: 'Enter the version to create.',
  overwrite: 'Replace the stored package if this version already exists',
  upload: 'Upload',
  uploadLink: 'Upload from link',
  cancel: 'Cancel',
  again: 'Upload another',
  retry: 'Try again',
  replace: 'Replace the stored package…',
  replaceAsk: 'The platform already stores a package for this version. Replace it with this one?',
  replaceYes: 'Replace it',
  replaceNo: 'Keep the stored one',
  sending: 'Uploading',
  sendingUnknown: 'Uploading… (this browser context cannot report byte progress)',
  processing: 'Processing on server…',
  processingLink: 'The platform is downloading and checking the package…',
  speed: '{speed}/s',
  left: '{time} left',
  progressLabel: 'Upload progress',
  cancelled: 'Upload cancelled.',
  successTitle: 'Package stored',
  errorTitle: 'The upload did not succeed',
  fVersion: 'Version',
  fName: 'Package name',
  fSize: 'Size',
  fSha: 'SHA-256',
  fCreated: 'Created',
  fUpdated: 'Updated',
  fOperator: 'Operator',
  verified: 'Verified',
  verifiedHint: '— SHA-256 matches the file sent',
  hashSent: 'Sent (this browser)',
  hashStored: 'Stored (platform)',
  copy: 'Copy',
  copied: 'Copied',
  none: '—',
  code: 'Code: {code}',
  requestId: 'Request ID: {id} (give it to the platform operators)',
  bytes: '{n} bytes',
  sizeUnits: ['B', 'KB', 'MB', 'GB'],
  timeS: '{n} s',
  timeM: '{m} min {s} s',
  aFile: 'Selected {name}, {size}.',
  aProgress: '{pct} uploaded.',
  aProcessing: 'All bytes sent. Processing on server.',
  aSuccess: 'Upload complete: version {version}.',
  // Pre-flight warnings by `bkpaas-upload/inspect` code; English shows the inspector's own sentences.
  warnings: {},
};

const zh = {
  dropTitle: '将源码包拖到这里，或点击选择文件',
  dropHint: '支持 tar、tar.gz、tar.bz2、tar.xz 或 zip · 不超过 {max}',
  dropActive: '松开即可添加此文件',
  dropChange: '拖入或点击以更换文件',
  detected: '检测到：{type}',
  types: { null: '无法识别的归档格式', tar: 'tar 包', 'tar.gz': 'gzip 压缩的 tar 包', 'tar.bz2': 'bzip2 压缩的 tar 包',
    'tar.xz': 'xz 压缩的 tar 包', zip: 'zip 包' },
  preflight: '包内信息：{details}',
  preflightVersion: '应用版本 {version}',
  preflightSpec: '描述文件版本 {spec}',
  urlLabel: '源码包地址',
  urlHint: '平台从该 http(s) 地址下载源码包，其域名须在平台的白名单中。',
  versionLabel: '版本号',
  versionHint: '要创建的版本，例如 1.0.0。',
  needUrl: '请输入源码包地址。',
  needVersion: '请输入要创建的版本号。',
  overwrite: '若该版本已存在，覆盖已有的源码包',
  upload: '上传',
  uploadLink: '通过链接上传',
  cancel: '取消',
  again: '继续上传',
  retry: '重试',
  replace: '覆盖已有的源码包…',
  replaceAsk: '平台已保存该版本的源码包。要用当前源码包覆盖它吗？',
  replaceYes: '覆盖',
  replaceNo: '保留已有的',
  sending: '正在上传',
  sendingUnknown: '正在上传…（当前环境无法报告字节进度）',
  processing: '服务器处理中…',
  processingLink: '平台正在下载并校验源码包…',
  speed: '{speed}/秒',
  left: '剩余 {time}',
  progressLabel: '上传进度',
  cancelled: '已取消上传。',
  successTitle: '源码包已保存',
  errorTitle: '上传未成功',
  fVersion: '版本',
  fName: '包名',
  fSize: '大小',
  fSha: 'SHA-256',
  fCreated: '创建时间',
  fUpdated: '更新时间',
  fOperator: '操作人',
  verified: '已校验',
  verifiedHint: '— SHA-256 与发送的文件一致',
  hashSent: '发送的（本浏览器）',
  hashStored: '保存的（平台）',
  copy: '复制',
  copied: '已复制',
  none: '—',
  code: '错误码：{code}',
  requestId: '请求 ID：{id}（请提供给平台管理员）',
  bytes: '{n} 字节',
  sizeUnits: ['B', 'KB', 'MB', 'GB'],
  timeS: '{n} 秒',
  timeM: '{m} 分 {s} 秒',
  aFile: '已选择 {name}，{size}。',
  aProgress: '已上传 {pct}。',
  aProcessing: '已发送全部数据，服务器处理中。',
  aSuccess: '上传完成：版本 {version}。',
  warnings: {
    'not-archive': '不是 tar、tar.gz、tar.bz2、tar.xz 或 zip 归档，平台会拒绝它。',
    corrupt: '归档已损坏，平台会拒绝它。',
    'not-inspected': '未能检查包内内容。',
    'no-app-desc': '归档根目录（或其下一层目录）中没有 app_desc.yaml。',
    'unknown-spec-version': 'app_desc.yaml 既未声明 spec_version: 2，也未声明 specVersion: 3。',
    'no-app-version': 'app_desc.yaml 未声明应用版本，上传时必须指定版本。',
    'name-mismatch': '文件扩展名与实际内容的格式不符。',
  },
};

const texts = { en, zh };

/** The element's language: its `lang` attribute, else the browser's; `zh` or `en`. */
export function language(el) {
  const l = (el.getAttribute('lang') || globalThis.navigator?.language || 'en').toLowerCase();
  return l.startsWith('zh') ? 'zh' : 'en';
}

/** The core's `locale` option for a language. */
export const locale = (lang) => (lang === 'zh' ? 'zh-CN' : 'en');

/** A lookup for one language: `t('key', {name})` fills `{name}`; `t.size(n)` and `t.duration(s)` format. */
export function translator(lang) {
  const table = texts[lang];
  const t = (key, vars = {}) => {
    const s = table[key] ?? en[key] ?? key;
    return typeof s === 'string' ? s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? '')) : s;
  };
  t.lang = lang;
  t.size = (n) => {
    const units = table.sizeUnits;
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return `${i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
  };
  t.duration = (sec) => {
    sec = Math.max(1, Math.round(sec));
    return sec < 60 ? t('timeS', { n: sec }) : t('timeM', { m: Math.floor(sec / 60), s: sec % 60 });
  };
  return t;
}
