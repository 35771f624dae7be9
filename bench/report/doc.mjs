// A Markdown document under construction: paragraphs, tables, and the rows of "Targets at a glance".
export const status = (ok) => (ok ? '**met**' : '**not met**');

export function doc() {
  const lines = [];
  const targets = [];
  return {
    lines,
    targets,
    /** Lines of text, then a blank line. */
    p(...text) { lines.push(...text, ''); },
    /** A table: its header, its alignment row ('---', '---:'), then rows. */
    table(head, align, rows) {
      for (const r of [head, align, ...rows]) lines.push('| ' + r.join(' | ') + ' |');
      lines.push('');
    },
    /** A row of the targets table; `ok` null is a number the issue asks to report, with no target. */
    target(name, target, measured, ok) { targets.push([name, target, measured, ok == null ? 'reported' : status(ok)]); },
  };
}
