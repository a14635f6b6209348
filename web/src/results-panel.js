// The numbers: centre and radius with standard uncertainties, fit quality, coverage, warnings,
// and errors that quote the offending input line. Text from the user is only ever set as text.
import { formatNumber, formatWithUncertainty, formatDegrees } from './format.js';
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

export function createResultsPanel(root, { onRevealLine }) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const results = $('results');
  const errorBox = $('result-error');
  const status = $('fit-status');

  function setNumber(id, value, text) {
    const el = $(id);
    el.textContent = text;
    if (value === null || value === undefined) el.removeAttribute('data-value');
    else el.dataset.value = String(value);
  }

  function renderResult(result, units) {
    const se = result.stdErr;
    const axes = ['x', 'y', 'z'];
    axes.forEach((axis, k) => {
      setNumber(`result-center-${axis}`, result.center[k], se ? formatWithUncertainty(result.center[k], se.center[k], units) : `${formatNumber(result.center[k])} ${units}`);
    });
    const radiusText = result.radiusFixed
      ? `${formatNumber(result.radius)} ${units} (known)`
      : se ? formatWithUncertainty(result.radius, se.radius, units) : `${formatNumber(result.radius)} ${units}`;
    setNumber('result-radius', result.radius, radiusText);
    const diameterSe = se && !result.radiusFixed ? 2 * se.radius : null;
    setNumber('result-diameter', 2 * result.radius, diameterSe ? formatWithUncertainty(2 * result.radius, diameterSe, units) : `${formatNumber(2 * result.radius)} ${units}`);
    setNumber('result-rms', result.rms, `${formatNumber(result.rms)} ${units}`);
    setNumber('result-max', result.maxAbsResidual, `${formatNumber(result.maxAbsResidual)} ${units}`);
    const c = result.coverage;
    setNumber('result-coverage', c.areaFraction,
      `latitudes ${formatDegrees(c.minLatitude)} to ${formatDegrees(c.maxLatitude)} (${(100 * c.areaFraction).toFixed(0)} % of the surface)${c.capOnly ? ', cap only' : ''}`);
    const used = slicesUsed(result);
    setNumber('result-used', used, `${used} of ${result.inlier.length}`);
    $('result-uncertainty-note').textContent = se
      ? `± one standard uncertainty (cluster-robust, ${result.iterations} iterations${Number.isFinite(result.elapsedMs) ? `, ${result.elapsedMs.toFixed(1)} ms` : ''}).`
      : 'Uncertainties can\'t be estimated for this fit (see below).';
    const list = $('result-warnings');
    list.replaceChildren(...result.warnings.map((w) => {
      const li = document.createElement('li');
      li.textContent = w.message;
      li.dataset.code = w.code;
      return li;
    }));
  }

  function renderError(error, text) {
    errorBox.replaceChildren();
    const message = document.createElement('div');
    message.textContent = error.message;
    errorBox.append(message);
    if (error.line > 0) {
      const { shown, caretAt } = quoteAround(text.split('\n')[error.line - 1] ?? '', error.column ?? 1);
      const pre = document.createElement('pre');
      const gutter = String(error.line);
      pre.textContent = `${gutter} | ${shown}\n${' '.repeat(gutter.length)} | ${' '.repeat(caretAt)}^`;
      pre.dataset.testid = 'result-error-line';
      errorBox.append(pre);
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `Show line ${error.line} in the input`;
      button.addEventListener('click', () => onRevealLine(error.line, error.column ?? 1));
      errorBox.append(button);
    }
    errorBox.dataset.code = error.code;
    errorBox.hidden = false;
  }

  return {
    render(state) {
      status.textContent = state.busy ? 'fitting…' : state.error ? 'error' : state.result ? 'fitted' : '';
      status.dataset.state = state.busy ? 'busy' : state.error ? 'error' : state.result ? 'done' : 'idle';
      if (state.result) renderResult(state.result, state.options.units ?? '');
      results.classList.toggle('stale', Boolean(state.error && state.result));
      results.hidden = !state.result;
      if (state.error) renderError(state.error, state.text);
      else {
        errorBox.hidden = true;
        errorBox.replaceChildren();
      }
    },
  };
}
