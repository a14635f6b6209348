// The numbers: what was read, the association used, centre and radius with standard
// uncertainties, the form error and its zone, fit quality, coverage, warnings; for a form fit the
// least-squares sphere as the reference; for contours the direct point fit beside the circles' and
// how far apart they are; for a volume the centre in voxel indices, the world frame and the slices
// used and left out. Errors quote the offending input line (with the parser's notes that explain
// them). Text from the user or a file is only ever set as text. Every number is from the result,
// printed by the one rule of format.js (resultTexts in export.js gives the same strings to the
// copied summary).
import { formatDegrees, count, formatIn, formatWithUncertainty, formatNumber, resultFormats, withUnits } from '../lib/format.js';
import { resultTexts } from './export.js';
import { usedCount } from '../lib/report.js';
import { isFormFit, modeText, sliceStatusCounts, STATUS_WORDS, AXES } from './describe.js';
import { renderShape } from './shape-panel.js';

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

const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

// The solver could not start (its worker or module failed to load): said where errors are, as a
// breakage (no code of ours), before any view exists.
export function showBreakage(root, message) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const box = $('result-error');
  box.textContent = message;
  box.dataset.kind = 'breakage';
  box.hidden = false;
  $('fit-status').textContent = 'error';
  $('fit-status').dataset.state = 'error';
}

// vocabulary: the core's (its words for fit types and rows, and its slice statuses).
export function createResultsPanel(root, { vocabulary, onRevealLine }) {
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

  // A centre and radius with their uncertainties (or without, said so) into four fields.
  function setSphere(prefix, sphere, units) {
    const se = sphere.stdErr;
    const length = (v) => withUnits(formatIn(v, valueFormat), units);
    ['x', 'y', 'z'].forEach((axis, k) => setNumber(`${prefix}-center-${axis}`, sphere.center[k],
      se ? formatWithUncertainty(sphere.center[k], se.center[k], units) : length(sphere.center[k])));
    setNumber(`${prefix}-radius`, sphere.radius, se && se.radius !== null ? formatWithUncertainty(sphere.radius, se.radius, units) : length(sphere.radius));
  }
  let lengthFormat = null, valueFormat = null;

  function renderForm(result, units) {
    const { form } = result;
    const length = (v) => formatIn(v, lengthFormat);
    const value = (v) => formatIn(v, valueFormat);
    if (!form) {
      setNumber('result-form', null, '—');
      $('result-form-note').hidden = true;
      return;
    }
    const radii = `${value(form.innerRadius)} to ${withUnits(value(form.outerRadius), units)}`;
    setNumber('result-form', form.error, `${withUnits(length(form.error), units)} (zone radii ${radii})`);
    $('result-form').dataset.inner = String(form.innerRadius);
    $('result-form').dataset.outer = String(form.outerRadius);
    const notes = [`Form error: the ${vocabulary.fitTypeWords[result.fitType]?.form ?? 'width of the zone'}.`];
    if (isFormFit(result.fitType)) {
      const outer = form.contacts.filter((c) => c.side === 'outer').length;
      const inner = form.contacts.length - outer;
      notes.push(`It rests on ${count(outer, 'contact')} with the outer sphere and ${count(inner, 'contact')} with the inner one.`);
      notes.push(`Certificate: optimality gap ${withUnits(formatNumber(form.optimalityGap), units)}, largest violation ${withUnits(formatNumber(form.maxViolation), units)}.`);
    }
    if (!form.unique) notes.push('Not unique: other centres give the same form error, so this centre is one of several (see the notes below).');
    const note = $('result-form-note');
    note.textContent = notes.join(' ');
    note.hidden = false;
    note.dataset.unique = String(form.unique);
  }

  function renderVolume(result) {
    const box = $('result-volume');
    box.hidden = !result.volume;
    if (!result.volume) return;
    const v = result.volume;
    const [i, j, k] = result.centerVoxel;
    setNumber('result-center-voxel', result.centerVoxel.join(','), `i, j, k = ${[i, j, k].map((x) => x.toFixed(2)).join(', ')}`);
    const frame = v.space && v.space.startsWith(v.affineSource) ? `RAS mm, from the ${v.space}` : `RAS mm, from the ${v.affineSource}${v.space ? ` (${v.space})` : ''}`;
    setNumber('result-frame', v.affineSource, frame);
    // A DICOM series: the centre also in DICOM's own patient frame (LPS: x and y of RAS negated).
    $('result-lps-row').hidden = !result.centerLps;
    if (result.centerLps) setNumber('result-center-lps', result.centerLps.join(','), `L, P, S = ${result.centerLps.map((x) => formatNumber(x)).join(', ')} mm`);
    const spacing = v.spacing.map((x) => formatNumber(Number(x.toPrecision(6)))).join(' × ');
    setNumber('result-volume-size', v.size.join(','), `${v.format}, ${v.size.join(' × ')} voxels of ${spacing} mm, ${v.voxelType}${v.labelmap ? ', a labelmap' : ''}`);
    const axis = AXES[result.selection?.axis ?? 2];
    const counts = sliceStatusCounts(result, vocabulary.sliceStatuses);
    const used = counts.find((c) => c.status === 'Kept')?.count ?? 0;
    const out = counts.filter((c) => c.status !== 'Kept').map((c) => `${c.count} ${STATUS_WORDS[c.status] ?? c.status}`);
    setNumber('result-slices', used, `${used} of ${count(result.volumeSlices.index.length, 'slice')} across ${axis} give a contour${out.length ? `; left out: ${out.join(', ')}` : ''}`);
  }

  function renderResult(result, options) {
    const t = resultTexts(result, options);
    const units = options.units;
    ({ length: lengthFormat, value: valueFormat } = resultFormats(result));
    setNumber('result-mode', result.mode, modeText(result, vocabulary));
    setNumber('result-fit-type', result.fitType, vocabulary.fitTypeWords[result.fitType]?.iso ?? result.fitType);
    ['x', 'y', 'z'].forEach((axis, k) => setNumber(`result-center-${axis}`, result.center[k], t.centre[k]));
    setNumber('result-radius', result.radius, t.radius);
    setNumber('result-diameter', 2 * result.radius, t.diameter);
    renderForm(result, units);
    const noun = vocabulary.nouns[result.mode];
    $('result-max-label').textContent = `Max |${noun.one} residual|`;
    $('result-max-label').title = result.mode === 'points' ? 'Largest distance of one point from the sphere'
      : result.mode === 'contours' ? 'Largest signed mean distance of one contour\'s circle from the sphere' : 'Largest signed mean distance of one slice\'s circle from the sphere';
    $('result-rms-label').title = result.mode === 'points' ? 'RMS distance of the points used from the sphere' : 'RMS distance of all circle points from the sphere';
    setNumber('result-rms', result.rms, t.rms);
    setNumber('result-max', result.maxAbsResidual, t.max);
    const c = result.coverage;
    setNumber('result-coverage', c.areaFraction,
      `latitudes ${formatDegrees(c.minLatitude)} to ${formatDegrees(c.maxLatitude)} (${(100 * c.areaFraction).toFixed(0)} % of the surface)${c.capOnly ? ', cap only' : ''}`);
    const used = usedCount(result);
    $('result-used-label').textContent = `${capital(noun.many)} used`;
    setNumber('result-used', used, `${used.toLocaleString('en')} of ${result.inlier.length.toLocaleString('en')}`);
    const timing = `${count(result.iterations, 'iteration')}${Number.isFinite(result.elapsedMs) ? `, ${result.elapsedMs.toFixed(1)} ms` : ''}`;
    $('result-uncertainty-note').textContent = result.stdErr
      ? `± one standard uncertainty (${vocabulary.uncertaintyMethod?.[result.mode] ?? 'linearised'}; ${timing}).`
      : isFormFit(result.fitType) ? `A form fit has no uncertainty of its own: the least-squares sphere below is the reference, with its uncertainty (${timing}).`
        : `No uncertainty can be estimated for this fit (see below; ${timing}).`;
    if (result.shapeVerdict?.sphereNote) $('result-uncertainty-note').textContent += ` ${result.shapeVerdict.sphereNote}`;
    renderShape(root, result, units);

    $('result-reference').hidden = !result.leastSquares;
    if (result.leastSquares) setSphere('result-reference', result.leastSquares, units);
    $('result-point-fit').hidden = !result.pointFit;
    if (result.pointFit) {
      setSphere('result-point-fit', result.pointFit, units);
      setNumber('result-point-fit-rms', result.pointFit.rms, withUnits(formatIn(result.pointFit.rms, lengthFormat), units));
      const { centerDistance, radiusDifference } = result.agreement;
      setNumber('result-agreement-center', centerDistance, withUnits(formatIn(centerDistance, lengthFormat), units));
      setNumber('result-agreement-radius', radiusDifference, `${withUnits(formatIn(radiusDifference, lengthFormat), units)} (points − circles)`);
    }
    warningList($('result-point-fit-warnings'), result.pointFit?.warnings ?? []);
    renderVolume(result);

    const warnings = [...result.warnings, ...(result.volume?.warnings ?? []).filter((w) => !result.warnings.some((r) => r.code === w.code))];
    warningList($('result-warnings'), warnings);
  }

  function warningList(list, warnings) {
    list.replaceChildren(...warnings.map((w) => {
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
        status.dataset.state = state;
      }
      // A radius whose standard uncertainty exceeds it is no fit (a labelmap's default label that is not a ball).
      const undetermined = state === 'done' && s.result.stdErr?.radius >= s.result.radius;
      const word = undetermined ? 'radius undetermined' : { busy: 'fitting…', error: 'error', done: 'fitted', idle: '' }[state];
      if (status.textContent !== word) status.textContent = word;
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
