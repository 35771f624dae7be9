// Exit codes of the command, one per way it can end. README's table ("From a pipeline") lists the same numbers;
// tests/node/cli-exit-codes.test.mjs checks both that each is reached and that README agrees.

export const EXIT = {
  ok: 0,
  /** A failure the command did not foresee (a bug, or a broken install): the message says what. */
  internal: 1,
  /** The command line or its settings cannot be used: unknown option, missing argument, bad config file. */
  usage: 2,
  /** UploadError kind `validation`, or the pre-flight found an archive the platform refuses: nothing was sent. */
  validation: 3,
  /** Kind `gateway`: the API gateway refused (credentials, permission, unknown path or stage, size, rate limit). */
  gateway: 4,
  /** Kind `api`: the apiserver refused (e.g. PACKAGE_ALREADY_EXISTS, VALIDATION_ERROR). */
  api: 5,
  /** Kind `http`: another failed status, such as Django's HTML 500 page. */
  http: 6,
  /** Kind `response`: a 2xx answer that is not a source package. */
  response: 7,
  /** Kind `network`: no answer (refused connection, DNS, a proxy that dropped the body). */
  network: 8,
  /** Kind `timeout`: --timeout passed (the stall and response timeouts need XMLHttpRequest, which Node lacks). */
  timeout: 9,
  /** Kind `integrity` (--verify): the server stored other bytes than were sent. */
  integrity: 10,
  /** Ctrl-C (SIGINT): the upload was aborted. 128 + 2, as shells report it. */
  interrupted: 130,
  /** SIGTERM (a CI job cancelled): the upload was aborted. 128 + 15. */
  terminated: 143,
};

/** The exit code for an UploadError kind; an unknown kind is unforeseen. */
export const exitCodeOf = (kind) => (Object.hasOwn(EXIT, kind) && kind !== 'ok' ? EXIT[kind] : EXIT.internal);
