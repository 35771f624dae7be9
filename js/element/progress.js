// Progress maths for the element: percent, speed over the last 3 s, time left, and which quarter marks to announce
// (a screen reader hears 25 %, 50 %, 75 %, not every event).

export class ProgressMeter {
  #samples = [];
  #announced = 0;
  /** The last `UploadProgress` of the core, or `null` before the first. */
  last = null;

  reset() {
    this.#samples = [];
    this.#announced = 0;
    this.last = null;
  }

  /** Records a report; returns the percent to announce when it crossed a new quarter, else `null`. */
  add(p, now) {
    this.last = p;
    const s = this.#samples;
    s.push([now, p.loaded]);
    while (s.length > 2 && now - s[0][0] > 3000) s.shift();
    const pct = this.percent();
    if (p.phase !== 'sending' || pct == null) return null;
    const quarter = Math.floor(pct / 25);
    if (quarter <= this.#announced || pct >= 100) return null;
    this.#announced = quarter;
    return pct;
  }

  /** Whole percent sent, or `null` when the total is not known. */
  percent() {
    const p = this.last;
    return p && p.lengthComputable && p.total > 0 ? Math.min(100, Math.floor((p.loaded / p.total) * 100)) : null;
  }

  /** `{speed, left}`: bytes a second and seconds left, once 0.2 s of samples show movement; else `null`. */
  rate() {
    const s = this.#samples;
    const p = this.last;
    const dt = s.length > 1 ? (s[s.length - 1][0] - s[0][0]) / 1000 : 0;
    const speed = dt > 0.2 ? (s[s.length - 1][1] - s[0][1]) / dt : 0;
    return speed > 0 && p ? { speed, left: (p.total - p.loaded) / speed } : null;
  }
}
