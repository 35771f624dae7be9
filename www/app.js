// The demo page: a connection panel that configures two <bkpaas-upload> elements (file and link), a language
// switch and this session's history. Everything on screen is built with textContent/createElement (Trusted Types).
import { transport } from './pkg/index.js';
import './pkg/element/index.js';

const STORE = 'bkpaas-upload-demo';
const SECRETS = ['accessToken', 'bkAppSecret', 'bkToken'];
const PLAIN = ['baseUrl', 'stage', 'module', 'appCode', 'bkAppCode', 'authMode'];

const text = {
  en: {
    title: 'Source package upload',
    subtitle: 'BlueKing PaaS v3 · bkpaas3 API gateway',
    connection: 'Connection',
    emulatorNote: 'Served by the local emulator: its access token is',
    baseUrl: 'Gateway root URL',
    baseUrlHint: 'e.g. https://bkapi.example.com/api/bkpaas3, or a same-origin proxy path',
    stage: 'Stage',
    module: 'Module',
    appCode: 'App code',
    auth: 'Authentication',
    authToken: 'Access token',
    authApp: 'App + user token',
    accessToken: 'Access token',
    bkAppCode: 'App code (bk_app_code)',
    bkAppSecret: 'App secret (bk_app_secret)',
    bkToken: 'User token (bk_token)',
    remember: 'Remember secrets in this browser',
    rememberHint: 'Settings are kept in this browser’s local storage; secrets only when this box is ticked.',
    tabFile: 'Upload a file',
    tabLink: 'Upload by link',
    tabs: 'Upload method',
    fileLead: 'Send an archive from this computer. The platform stores it as a new version of the module.',
    linkLead: 'Let the platform download the archive from a URL. The host must be on the platform’s allow-list.',
    history: 'This session’s uploads',
    historyEmpty: 'Nothing uploaded yet. Stored packages will be listed here.',
    hTime: 'Time', hVersion: 'Version', hName: 'Package', hSize: 'Size', hSha: 'SHA-256', hVia: 'Via',
    viaFile: 'file', viaLink: 'link',
    footer: 'bkpaas-upload: Rust compiled to WebAssembly.',
    transport: 'Transport: {t}',
    pageTitle: 'bkpaas-upload · Source package upload',
  },
  zh: {
    title: '源码包上传',
    subtitle: '蓝鲸 PaaS v3 · bkpaas3 API 网关',
    connection: '连接设置',
    emulatorNote: '当前页面由本地模拟器提供，其 access token 为',
    baseUrl: '网关根地址',
    baseUrlHint: '例如 https://bkapi.example.com/api/bkpaas3，或同源代理路径',
    stage: '环境',
    module: '模块',
    appCode: '应用 ID',
    auth: '认证方式',
    authToken: 'Access token',
    authApp: '应用 + 用户凭证',
    accessToken: 'Access token',
    bkAppCode: '应用 ID（bk_app_code）',
    bkAppSecret: '应用密钥（bk_app_secret）',
    bkToken: '用户凭证（bk_token）',
    remember: '在此浏览器中记住密钥',
    rememberHint: '设置保存在浏览器本地存储中；仅在勾选此项时保存密钥。',
    tabFile: '上传文件',
    tabLink: '通过链接上传',
    tabs: '上传方式',
    fileLead: '从本机发送源码包，平台会将其保存为该模块的新版本。',
    linkLead: '由平台从指定地址下载源码包，该地址的域名须在平台白名单中。',
    history: '本次会话的上传记录',
    historyEmpty: '暂无上传记录，成功保存的源码包会列在这里。',
    hTime: '时间', hVersion: '版本', hName: '包名', hSize: '大小', hSha: 'SHA-256', hVia: '方式',
    viaFile: '文件', viaLink: '链接',
    footer: 'bkpaas-upload：Rust 编译为 WebAssembly。',
    transport: '传输方式：{t}',
    pageTitle: 'bkpaas-upload · 源码包上传',
  },
};

const $ = (sel) => document.querySelector(sel);
const form = $('#connection');
const uploaders = [$('#upload-file'), $('#upload-link')];
let lang = 'en';

function t(key, vars = {}) {
  return (text[lang][key] ?? text.en[key]).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');
}

// ---- language ----
function setLang(next) {
  lang = next === 'zh' ? 'zh' : 'en';
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('pageTitle');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  $('[role=tablist]').setAttribute('aria-label', t('tabs'));
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  for (const u of uploaders) u.setAttribute('lang', lang);
  $('#transport').textContent = t('transport', { t: transport() });
  renderHistory();
  try { localStorage.setItem(STORE + ':lang', lang); } catch { /* private mode */ }
}
for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => setLang(b.dataset.lang));

// ---- connection settings ----
function settings() {
  const data = Object.fromEntries(new FormData(form));
  data.rememberSecrets = form.rememberSecrets.checked;
  return data;
}

function save() {
  const s = settings();
  const keep = Object.fromEntries(PLAIN.map((k) => [k, s[k] ?? '']));
  keep.rememberSecrets = s.rememberSecrets;
  if (s.rememberSecrets) for (const k of SECRETS) keep[k] = s[k] ?? '';
  try { localStorage.setItem(STORE, JSON.stringify(keep)); } catch { /* storage may be off */ }
}

function load() {
  let saved = {};
  try { saved = JSON.parse(localStorage.getItem(STORE) || '{}'); } catch { /* corrupt: start afresh */ }
  form.baseUrl.value = saved.baseUrl || new URL('api/bkpaas3', location.origin + '/').href;
  for (const k of ['stage', 'module', 'appCode', 'bkAppCode']) form[k].value = saved[k] || '';
  form.rememberSecrets.checked = !!saved.rememberSecrets;
  if (saved.rememberSecrets) for (const k of SECRETS) form[k].value = saved[k] || '';
  const mode = saved.authMode === 'app' ? 'app' : 'token';
  form.querySelector(`input[name=authMode][value=${mode}]`).checked = true;
}

function applyConnection() {
  const s = settings();
  for (const u of uploaders) {
    u.setAttribute('base-url', s.baseUrl.trim());
    for (const [attr, key] of [['stage', 'stage'], ['module', 'module'], ['app-code', 'appCode']]) {
      const v = (s[key] || '').trim();
      if (v) u.setAttribute(attr, v); else u.removeAttribute(attr);
    }
  }
  for (const box of document.querySelectorAll('[data-auth]')) box.hidden = box.dataset.auth !== (s.authMode || 'token');
  let host = s.baseUrl;
  try { host = new URL(s.baseUrl).host; } catch { /* shown as typed */ }
  $('#connection-summary').textContent = [s.appCode || '—', s.module || 'default', host].join(' · ');
}

/** On a phone, a complete connection folds away so that the upload comes first; its summary line stays. */
function foldWhenReady() {
  const s = settings();
  const authed = s.authMode === 'app' ? s.bkAppCode && s.bkAppSecret && s.bkToken : s.accessToken;
  if (matchMedia('(max-width: 960px)').matches && s.appCode && s.baseUrl && authed) $('#connection-panel').open = false;
}

/** Read at upload time, so the secrets live only in the form (and never in an attribute). */
function currentAuth() {
  const s = settings();
  if (s.authMode === 'app') return { bkAppCode: s.bkAppCode.trim(), bkAppSecret: s.bkAppSecret, bkToken: s.bkToken };
  return s.accessToken ? { accessToken: s.accessToken.trim() } : null;
}

form.addEventListener('input', (e) => {
  e.target.removeAttribute('aria-invalid');
  applyConnection();
  save();
});
form.addEventListener('submit', (e) => e.preventDefault());
form.rememberSecrets.addEventListener('change', save);

// A validation error about a connection setting points at its field.
const fieldOf = { baseUrl: 'baseUrl', appCode: 'appCode', stage: 'stage', module: 'module', accessToken: 'accessToken',
  auth: 'accessToken', bkAppCode: 'bkAppCode', bkAppSecret: 'bkAppSecret', bkToken: 'bkToken' };
document.addEventListener('bkpaas-error', (e) => {
  const name = e.detail?.kind === 'validation' && fieldOf[e.detail.option];
  const input = name && form[name];
  if (input) input.setAttribute('aria-invalid', 'true');
});

// ---- tabs ----
const tabs = [...document.querySelectorAll('[role=tab]')];
function selectTab(tab, focus) {
  for (const other of tabs) {
    const on = other === tab;
    other.setAttribute('aria-selected', String(on));
    other.tabIndex = on ? 0 : -1;
    $('#' + other.getAttribute('aria-controls')).hidden = !on;
  }
  if (focus) tab.focus();
}
for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length], true);
  });
}

// ---- history (this tab's session) ----
let history = [];
try { history = JSON.parse(sessionStorage.getItem(STORE + ':history') || '[]'); } catch { /* start empty */ }

function human(n) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${i ? n.toFixed(n < 10 ? 1 : 0) : n} ${units[i]}`;
}

function cell(content, cls) {
  const td = document.createElement('td');
  if (cls) td.className = cls;
  td.append(content);
  return td;
}

function renderHistory() {
  const body = $('#history tbody');
  $('#history-empty').hidden = history.length > 0;
  $('.table-wrap').hidden = history.length === 0;
  body.replaceChildren(...history.map((h) => {
    const tr = document.createElement('tr');
    const sha = document.createElement('code');
    sha.textContent = h.sha ? h.sha.slice(0, 12) + '…' : '—';
    if (h.sha) sha.title = h.sha;
    tr.append(
      cell(new Date(h.at).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en')),
      cell(h.version, 'strong'),
      cell(h.name, 'mono'),
      cell(human(h.size), 'num'),
      cell(sha),
      cell(t(h.via === 'link' ? 'viaLink' : 'viaFile')),
    );
    return tr;
  }));
}

document.addEventListener('bkpaas-success', (e) => {
  const p = e.detail;
  history.unshift({ at: Date.now(), version: p.version, name: p.packageName, size: p.packageSize,
    sha: p.sha256Signature, via: e.target.mode });
  history = history.slice(0, 50);
  try { sessionStorage.setItem(STORE + ':history', JSON.stringify(history)); } catch { /* keep in memory */ }
  renderHistory();
});

// ---- the local emulator: show its token and a sample link ----
async function detectEmulator() {
  try {
    const res = await fetch('/_emulator/packages', { cache: 'no-store' });
    if (!res.ok) return;
  } catch { return; }
  $('#emulator-note').hidden = false;
  if (!form.accessToken.value && form.querySelector('input[value=token]').checked) {
    form.accessToken.value = 'dev-token';
    save();
  }
  if (!form.appCode.value) form.appCode.value = 'demo-app';
  applyConnection();
  save();
  foldWhenReady();
  const sample = new URL('/_emulator/fixtures/sample-app-1.0.0.tar.gz', location.origin).href;
  try {
    const res = await fetch(sample, { method: 'HEAD', cache: 'no-store' });
    const link = $('#upload-link');
    // The version field follows the link's file name (sample-app-1.0.0.tar.gz → 1.0.0).
    if (res.ok && !link.packageUrl) link.packageUrl = sample;
  } catch { /* no sample: leave the fields empty */ }
}

// ---- start ----
for (const u of uploaders) u.getAuth = currentAuth;
load();
applyConnection();
let initial = 'en';
try { initial = localStorage.getItem(STORE + ':lang') || (navigator.language || 'en'); } catch { initial = navigator.language || 'en'; }
setLang(initial.toLowerCase().startsWith('zh') ? 'zh' : 'en');
foldWhenReady();
detectEmulator();
