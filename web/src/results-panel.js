// The numbers: centre and radius with standard uncertainties, fit quality, coverage, warnings,
// and errors that quote the offending input line (with the parser's notes that explain them).
// Text from the user is only ever set as text. Every number is from the result, printed by the
// one rule of format.js (resultTexts in export.js gives the same strings to the copied summary).
import { formatDegrees, count } from './format.js';
import { resultTexts } from './export.js';
import { slicesUsed } from './slice-table.js';

// A window of a long line around the column (in characters), so the caret stays in view.
export function quoteAround(line, column, width = 60) {
  const chars = [...line.replace(/\r$/, '')];
  const at = Math.max(0, column - 1);
  if (chars.length <= width) return { shown: chars.join(''), caretAt: at };
  const start = Math.max(0, Math.min(at - Math.floor(width / 2), chars.length - width));
  const prefix = start > 0 ? '…' : '';
  const suffix = start + width < chars.length ? '…' : '';
  return { shown: prefix + chars.slice(start, start + width).join('') + suffix, caretAt: at - start + prefix.length };
}

// Line `n` (from 1) of a text, found without splitting a text of megabytes into lines.
export function lineOf(text, n) {
  let start = 0;
  for (let k = 1; k < n; ++k) {
    const next = text.indexOf('\n', start);
    if (next === -1) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, Math.min(end === -1 ? text.length : end, start + 10000));
}

export function createResultsPanel(root, { onRevealLine }) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const results = $('results');
  const errorBox = $('result-error');
  const status = $('fit-status');
  const staleNote = $('results-stale');

  function setNumber(id, value, text) {
    const el = $(id);
    el.textContent = text;
    if (value === null || value === undefined) el.removeAttribute('data-value');
    else el.dataset.value = String(value);
  }

  function renderResult(result, options) {
    const t = resultTexts(result, options);
    ['x', 'y', 'z'].forEach((axis, k) => setNumber(`result-center-${axis}`, result.center[k], t.centre[k]));
    setNumber('result-radius', result.radius, t.radius);
    setNumber('result-diameter', 2 * result.radius, t.diameter);
    setNumber('result-rms', result.rms, t.rms);
    setNumber('result-max', result.maxAbsResidual, t.max);
    const c = result.coverage;
    setNumber('result-coverage', c.areaFraction,
      `latitudes ${formatDegrees(c.minLatitude)} to ${formatDegrees(c.maxLatitude)} (${(100 * c.areaFraction).toFixed(0)} % of the surface)${c.capOnly ? ', cap only' : ''}`);
    const used = slicesUsed(result);
    setNumber('result-used', used, `${used} of ${result.inlier.length}`);
    const timing = `${count(result.iterations, 'iteration')}${Number.isFinite(result.elapsedMs) ? `, ${result.elapsedMs.toFixed(1)} ms` : ''}`;
    $('result-uncertainty-note').textContent = result.stdErr
      ? `± one standard uncertainty (cluster-robust, ${timing}).`
      : `No uncertainty can be estimated for this fit (see below; ${timing}).`;
    const list = $('result-warnings');
    list.replaceChildren(...result.warnings.map((w) => {
      const li = document.createElement('li');
      li.textContent = w.message;
      li.dataset.code = w.code;
      return li;
    }));
  }

  // error: { code?, kind?, message, line?, column?, notes? }; a crash or a damaged link has no code.
  function renderError(error, text) {
    errorBox.replaceChildren();
    const message = document.createElement('div');
    message.textContent = error.message;
    errorBox.append(message);
    if (error.line > 0) {
      const { shown, caretAt } = quoteAround(lineOf(text, error.line), error.column ?? 1);
      const pre = document.createElement('pre');
      const gutter = String(error.line);
      pre.textContent = `${gutter} | ${shown}\n${' '.repeat(gutter.length)} | ${' '.repeat(caretAt)}^`;
      pre.dataset.testid = 'result-error-line';
      errorBox.append(pre);
    }
    if (error.notes?.length) {
      const notes = document.createElement('ul');
      notes.dataset.testid = 'result-error-notes';
      notes.append(...error.notes.map((n) => {
        const li = document.createElement('li');
        li.textContent = n;
        return li;
      }));
      errorBox.append(notes);
    }
    if (error.line > 0) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `Show line ${error.line} in the input`;
      button.addEventListener('click', () => onRevealLine(error.line, error.column ?? 1));
      errorBox.append(button);
    }
    if (error.code) errorBox.dataset.code = error.code; else delete errorBox.dataset.code;
    if (error.kind) errorBox.dataset.kind = error.kind; else delete errorBox.dataset.kind;
    errorBox.hidden = false;
  }

  return {
    render(s, prev = {}) {
      const error = s.linkError ?? s.error;
      const state = s.busy ? 'busy' : error ? 'error' : s.result ? 'done' : 'idle';
      if (status.dataset.state !== state) {
        status.textContent = { busy: 'fitting…', error: 'error', done: 'fitted', idle: '' }[state];
        status.dataset.state = state;
      }
      if (s.result && (s.result !== prev.result || s.options !== prev.options)) renderResult(s.result, s.options);
      results.classList.toggle('stale', Boolean(s.result && error));
      results.classList.toggle('updating', Boolean(s.result && s.busy && !error));
      staleNote.hidden = !(s.result && error);
      results.hidden = !s.result;
      if (error !== (prev.linkError ?? prev.error) || (error && s.text !== prev.text)) {
        if (error) renderError(error, s.text);
        else {
          errorBox.hidden = true;
          errorBox.replaceChildren();
        }
      }
    },
  };
}
