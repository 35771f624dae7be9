// Every sentence the command itself prints, in English and Chinese. Errors of the upload come worded by the core
// (its `locale` option); these are the command's own: usage, settings, phases, the result table.

/** 'zh-CN' or 'en' from --lang, else LC_ALL, LC_MESSAGES, LANG (the POSIX order); English by default. */
export function pickLocale(flag, env) {
  const raw = flag || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(raw) ? 'zh-CN' : 'en';
}

const en = {
  usage: `Usage:
  bkpaas-upload file <archive> --app <app code> [options]
  bkpaas-upload link <url> --version <version> --app <app code> [options]

Uploads a source package to BlueKing PaaS v3 (the bkpaas3 API gateway).

Target:
  --app CODE              the app's code (env BKPAAS_APP)
  --module NAME           the module (env BKPAAS_MODULE; default "default")
  --apigw-url URL         gateway address with its stage, as bkpaas-cli's paasApigwUrl
                          (env BKPAAS_APIGW_URL), e.g. https://bkapi.example.com/api/bkpaas3/prod
  --stage NAME            override the stage taken from that address (default prod)
Package:
  --version V             link: the version to create; file: the version app_desc.yaml must declare
  --filename NAME         file: the name to store (default the file's own name)
  --overwrite             replace a stored package of the same version
  --verify                file: hash the file and compare with the server's sha256_signature
  --max-size SIZE         file: refuse larger files before sending (default 40MiB; 100MiB, 1GiB, bytes)
  --no-check-archive      file: send even when the first bytes are not an archive
Credentials (never as a plain option: see README):
  env BKPAAS_ACCESS_TOKEN, or env BK_APP_CODE + BK_APP_SECRET + BK_TOKEN | BK_TICKET | BK_USERNAME,
  or bkpaas-cli's config file (--config, env BKPAAS_CLI_CONFIG, default ~/.blueking-paas/config.yaml)
  --token-stdin           read the access token from standard input
Network:
  --timeout S             total deadline in seconds (0: none); --stall-timeout S and --response-timeout S
                          exist for the core but do not apply to Node's fetch transport
  --retries N, --retry-ambiguous, --allow-insecure-http, --header "Name: value" (repeatable)
Output:
  --json                  only the stored package (or the error) as JSON on stdout
  --lang zh|en            language of messages (default from LANG)
  --verbose               where each setting came from, the request URL, retries
  --help`,
  unknownOption: (o) => `unknown option ${o}`,
  missingValue: (o) => `option ${o} needs a value`,
  noValue: (o) => `option ${o} takes no value`,
  unexpectedArgument: (a) => `unexpected argument ${a}`,
  missingCommand: 'name a command: "file <archive>" or "link <url>"',
  unknownCommand: (c) => `unknown command "${c}": use "file" or "link"`,
  missingTarget: (c) => (c === 'file' ? 'name the archive to upload: bkpaas-upload file <archive> …' : 'name the URL: bkpaas-upload link <url> …'),
  fileOnly: (o) => `${o} applies to "file" uploads only`,
  tokenFlag: (o) => `${o} would put a credential in your shell history and in the process list. ` +
    'Use the environment (BKPAAS_ACCESS_TOKEN, BK_APP_SECRET…), --token-stdin, or bkpaas-cli\'s config file; ' +
    `add --allow-token-flag to use ${o} anyway`,
  tokenFlagWarning: (o) => `${o} is visible in the process list and shell history`,
  tokenStdinTty: '--token-stdin reads the token from standard input, which is a terminal: pipe it in (printf %s "$TOKEN" | bkpaas-upload …)',
  tokenStdinEmpty: '--token-stdin: standard input was empty',
  configMissing: (p, via) => `config file ${p} (named by ${via}) does not exist`,
  configUnreadable: (p, why) => `config file ${p} cannot be read: ${why}`,
  configInvalid: (p, where) => `config file ${p} is not valid YAML${where}`,
  configNotMapping: (p) => `config file ${p} is not a YAML mapping of keys (paasApigwUrl, accessToken…)`,
  configKeyType: (p, k) => `config file ${p}: ${k} must be a string`,
  atLine: (line, col, code) => ` (line ${line}, column ${col}: ${code})`,
  fileMissing: (p, why) => `cannot read ${p}: ${why}`,
  notAFile: (p) => `${p} is not a regular file`,
  versionMismatch: (want, found) => `--version ${want} differs from the version app_desc.yaml declares (${found}): ` +
    'the platform stores a file under the version inside it',
  refused: 'Nothing was sent.',
  option: 'option',
  hintOverwrite: 'add --overwrite to replace the stored package',
  hintOptions: { baseUrl: '--apigw-url', stage: '--stage', appCode: '--app', module: '--module', filename: '--filename',
    maxSize: '--max-size', version: '--version', packageUrl: 'the URL', timeout: '--timeout', stallTimeout: '--stall-timeout',
    responseTimeout: '--response-timeout', retries: '--retries', headers: '--header', accessToken: 'the credentials',
    bkAppCode: 'BK_APP_CODE', bkAppSecret: 'BK_APP_SECRET', file: 'the archive' },
  // Phases.
  preflight: (i) => `pre-flight: ${i.type || 'not an archive'}` +
    (i.appDescPath ? `, ${i.appDescPath} spec ${i.specVersion ?? '?'}` : '') +
    (i.appVersion ? `, version ${i.appVersion}` : '') + (i.modules.length ? `, modules ${i.modules.join(', ')}` : ''),
  warning: (text) => `warning: ${text}`,
  sending: (what, size) => `sending ${what}${size != null ? ` (${size})` : ''}`,
  linking: (url) => `asking the platform to download ${url}`,
  sent: (size, secs) => `sent ${size} in ${secs}; processing on server`,
  processing: 'processing on server',
  retrying: (n) => `retrying (attempt ${n})`,
  stored: (v, name) => `stored version ${v} as ${name}`,
  aborted: 'aborted: nothing more is sent',
  left: 'left',
  // The result table.
  table: { version: 'version', packageName: 'package', packageSize: 'size', sha256Signature: 'sha256', verified: 'verified',
    created: 'created', updated: 'updated', operator: 'operator', id: 'id' },
  yes: 'yes', no: 'no',
  error: 'error: ',
  requestId: 'request id',
  // --verbose: where settings came from.
  from: (key, source) => `${key}: from ${source}`,
  sourceFlag: 'the command line', sourceEnv: (n) => `env ${n}`, sourceConfig: (p) => `config file ${p}`,
  sourceStdin: 'standard input', sourceDefault: 'the default',
  configNone: (p) => `no config file at ${p}`,
  request: (url) => `POST ${url}`,
  inspectWarnings: {},
};

const zh = {
  usage: `用法：
  bkpaas-upload file <源码包> --app <应用 ID> [选项]
  bkpaas-upload link <URL> --version <版本> --app <应用 ID> [选项]

上传源码包到蓝鲸 PaaS v3（bkpaas3 网关）。

目标：
  --app CODE              应用 ID（环境变量 BKPAAS_APP）
  --module NAME           模块（环境变量 BKPAAS_MODULE；默认 "default"）
  --apigw-url URL         带环境（stage）的网关地址，同 bkpaas-cli 的 paasApigwUrl
                          （环境变量 BKPAAS_APIGW_URL），例如 https://bkapi.example.com/api/bkpaas3/prod
  --stage NAME            覆盖该地址中的环境（默认 prod）
源码包：
  --version V             link：要创建的版本；file：app_desc.yaml 必须声明的版本
  --filename NAME         file：保存的文件名（默认为文件本身的名字）
  --overwrite             覆盖同版本的已有源码包
  --verify                file：计算文件哈希并与服务端的 sha256_signature 比对
  --max-size SIZE         file：发送前拒绝更大的文件（默认 40MiB；可写 100MiB、1GiB 或字节数）
  --no-check-archive      file：开头字节不是压缩包时也发送
凭证（不接受普通选项，见 README）：
  环境变量 BKPAAS_ACCESS_TOKEN，或 BK_APP_CODE + BK_APP_SECRET + BK_TOKEN | BK_TICKET | BK_USERNAME，
  或 bkpaas-cli 的配置文件（--config，环境变量 BKPAAS_CLI_CONFIG，默认 ~/.blueking-paas/config.yaml）
  --token-stdin           从标准输入读取 access token
网络：
  --timeout 秒            总时限（0 表示不限）；--stall-timeout 秒、--response-timeout 秒
                          属于核心选项，但不适用于 Node 的 fetch 传输
  --retries N, --retry-ambiguous, --allow-insecure-http, --header "Name: value"（可重复）
输出：
  --json                  标准输出只打印保存的源码包（或错误）的 JSON
  --lang zh|en            消息语言（默认按 LANG）
  --verbose               显示每项设置的来源、请求 URL、重试
  --help`,
  unknownOption: (o) => `未知选项 ${o}`,
  missingValue: (o) => `选项 ${o} 需要一个值`,
  noValue: (o) => `选项 ${o} 不接受值`,
  unexpectedArgument: (a) => `多余的参数 ${a}`,
  missingCommand: '请指定命令："file <源码包>" 或 "link <URL>"',
  unknownCommand: (c) => `未知命令 "${c}"：请使用 "file" 或 "link"`,
  missingTarget: (c) => (c === 'file' ? '请指定要上传的源码包：bkpaas-upload file <源码包> …' : '请指定 URL：bkpaas-upload link <URL> …'),
  fileOnly: (o) => `${o} 只适用于 "file" 上传`,
  tokenFlag: (o) => `${o} 会把凭证留在 shell 历史和进程列表中。请使用环境变量（BKPAAS_ACCESS_TOKEN、BK_APP_SECRET…）、` +
    `--token-stdin 或 bkpaas-cli 的配置文件；如仍要使用 ${o}，请加上 --allow-token-flag`,
  tokenFlagWarning: (o) => `${o} 在进程列表和 shell 历史中可见`,
  tokenStdinTty: '--token-stdin 从标准输入读取 token，但标准输入是终端：请用管道传入（printf %s "$TOKEN" | bkpaas-upload …）',
  tokenStdinEmpty: '--token-stdin：标准输入为空',
  configMissing: (p, via) => `配置文件 ${p}（由 ${via} 指定）不存在`,
  configUnreadable: (p, why) => `无法读取配置文件 ${p}：${why}`,
  configInvalid: (p, where) => `配置文件 ${p} 不是有效的 YAML${where}`,
  configNotMapping: (p) => `配置文件 ${p} 不是键值映射（paasApigwUrl、accessToken…）`,
  configKeyType: (p, k) => `配置文件 ${p}：${k} 必须是字符串`,
  atLine: (line, col, code) => `（第 ${line} 行，第 ${col} 列：${code}）`,
  fileMissing: (p, why) => `无法读取 ${p}：${why}`,
  notAFile: (p) => `${p} 不是普通文件`,
  versionMismatch: (want, found) => `--version ${want} 与 app_desc.yaml 声明的版本（${found}）不同：平台按包内的版本保存文件`,
  refused: '未发送任何内容。',
  option: '选项',
  hintOverwrite: '加上 --overwrite 可覆盖已保存的源码包',
  hintOptions: en.hintOptions && { ...en.hintOptions, packageUrl: 'URL', accessToken: '凭证', file: '源码包' },
  preflight: (i) => `预检：${i.type || '不是压缩包'}` +
    (i.appDescPath ? `，${i.appDescPath} spec ${i.specVersion ?? '?'}` : '') +
    (i.appVersion ? `，版本 ${i.appVersion}` : '') + (i.modules.length ? `，模块 ${i.modules.join(', ')}` : ''),
  warning: (text) => `警告：${text}`,
  sending: (what, size) => `正在发送 ${what}${size != null ? `（${size}）` : ''}`,
  linking: (url) => `请平台下载 ${url}`,
  sent: (size, secs) => `已发送 ${size}，用时 ${secs}；服务端处理中`,
  processing: '服务端处理中',
  retrying: (n) => `重试（第 ${n} 次尝试）`,
  stored: (v, name) => `已保存版本 ${v}：${name}`,
  aborted: '已中止：不再发送',
  left: '剩余',
  table: { version: '版本', packageName: '文件名', packageSize: '大小', sha256Signature: 'sha256', verified: '已校验',
    created: '创建时间', updated: '更新时间', operator: '操作人', id: 'id' },
  yes: '是', no: '否',
  error: '错误：',
  requestId: '请求 ID',
  from: (key, source) => `${key}：来自${source}`,
  sourceFlag: '命令行', sourceEnv: (n) => `环境变量 ${n}`, sourceConfig: (p) => `配置文件 ${p}`,
  sourceStdin: '标准输入', sourceDefault: '默认值',
  configNone: (p) => `没有配置文件 ${p}`,
  request: (url) => `POST ${url}`,
  // The pre-flight's warnings, by code (bkpaas-upload/inspect words them in English only).
  inspectWarnings: {
    'not-archive': '不是 tar、tar.gz、tar.bz2、tar.xz 或 zip 压缩包：平台会拒绝它。',
    corrupt: '压缩包已损坏：平台会拒绝它。',
    'not-inspected': '未检查包内容（bzip2、xz，或超出安全上限）。',
    'no-app-desc': '压缩包根目录及下一级目录中没有 app_desc.yaml。',
    'unknown-spec-version': 'app_desc.yaml 既未声明 spec_version: 2，也未声明 specVersion: 3。',
    'no-app-version': 'app_desc.yaml 没有声明版本（app_version 或 appVersion）。',
    'name-mismatch': '文件扩展名与内容的压缩格式不符。',
  },
};

/** The texts of a locale. */
export const textsFor = (locale) => (locale === 'zh-CN' ? zh : en);
