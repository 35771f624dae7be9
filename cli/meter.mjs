// Byte progress of the upload under Node. The core's fetch transport cannot count request bytes (fetch has no
// upload progress), so the command counts them where Node writes them: undici's diagnostics channels name the
// request's socket, whose bytesWritten grows as the body goes out. Elsewhere (Deno, Bun) the channels stay silent
// and the command shows phases only.
import dc from 'node:diagnostics_channel';

/**
 * Watches this process's POST requests (the command makes only the upload's).
 * @param {{onStart?: (attempt: {n: number, url: string, total: number}) => void, onSent?: () => void}} hooks
 */
export function watchRequests(hooks = {}) {
  const state = { attempts: 0, socket: null, base: 0, total: 0, sent: false, url: null };
  const onHeaders = ({ request, headers, socket }) => {
    if (request.method !== 'POST') return;
    // Only the header block's length is used: it holds X-Bkapi-Authorization.
    Object.assign(state, { socket, base: socket.bytesWritten + String(headers).length, total: request.contentLength || 0,
      sent: false, url: request.origin + request.path });
    state.attempts += 1;
    hooks.onStart?.({ n: state.attempts, url: state.url, total: state.total });
  };
  const onSent = ({ request }) => {
    if (request.method !== 'POST') return;
    state.sent = true;
    hooks.onSent?.();
  };
  dc.subscribe('undici:client:sendHeaders', onHeaders);
  dc.subscribe('undici:request:bodySent', onSent);
  return {
    /** Body bytes out so far and the body's length, or null before the request starts. */
    read() {
      if (!state.socket) return null;
      const loaded = state.sent ? state.total : Math.max(0, Math.min(state.total, state.socket.bytesWritten - state.base));
      return { loaded, total: state.total, sent: state.sent };
    },
    close() {
      dc.unsubscribe('undici:client:sendHeaders', onHeaders);
      dc.unsubscribe('undici:request:bodySent', onSent);
    },
  };
}

/** Speed over the last few seconds of samples, for "time left". */
export class Speed {
  #samples = [];
  add(now, loaded) {
    this.#samples.push([now, loaded]);
    while (this.#samples.length > 2 && now - this.#samples[0][0] > 5000) this.#samples.shift();
  }
  /** Bytes per second, or 0 before two samples. */
  get() {
    const s = this.#samples;
    if (s.length < 2) return 0;
    const [t0, b0] = s[0];
    const [t1, b1] = s[s.length - 1];
    return t1 > t0 ? ((b1 - b0) * 1000) / (t1 - t0) : 0;
  }
}
