// The spheres of a Spheres: all fit: one row per sphere (and per label or object that is not a
// sphere, said so), with its number, label, centre ± u, radius ± u, observations used, RMS, form
// error and cap angle; then the centre-to-centre distances with their standard uncertainties.
// Picking a row (pointer, or Enter/Space on the focused row; arrow keys move) makes that sphere the
// one the other views show. Every number is the core's, printed by format.js; the full-precision
// values ride on data-center / data-radius / data-distance / data-u for tests and copies.
import { formatWithUncertainty, formatUncertainty, formatIn, formatNumber, resultFormats, formatDegrees, headed } from '../lib/format.js';

const SPHERE_COLUMNS = ['No.', 'Label', 'Centre x', 'Centre y', 'Centre z', 'Radius', 'Used', 'RMS', 'Form error', 'Cap'];

function cell(tr, text, tag = 'td') {
  const c = document.createElement(tag);
  c.textContent = text;
  tr.append(c);
  return c;
}

function head(table, names) {
  table.tHead.replaceChildren();
  const tr = table.tHead.insertRow();
  for (const name of names) cell(tr, name, 'th').scope = 'col';
}

// The entry's own result as the views take it: a volume's label keeps the volume, its label and
// its centre in voxels.
export function entryResult(spheres, index) {
  const e = spheres.spheres[index];
  if (!e?.result) return null;
  if (!spheres.volume) return e.result;
  return {
    ...e.result,
    volume: spheres.volume,
    selection: { ...(spheres.selection ?? { axis: 2 }), ...(e.labelValue !== undefined ? { label: e.labelValue } : {}) },
    ...(e.centerVoxel ? { centerVoxel: e.centerVoxel } : {}),
  };
}

// The sphere the page shows first: the first that is a sphere and was fitted, else the first fitted.
export function firstShown(spheres) {
  const k = spheres.spheres.findIndex((e) => e.spherical && e.result);
  return k >= 0 ? k : spheres.spheres.findIndex((e) => e.result);
}

// root: the document; onPick(index): the user picked the row of sphere `index` (0-based).
export function createSphereList(root, { onPick }) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const panel = $('spheres-panel');
  const list = $('sphere-list');
  const distances = $('distance-table');
  const summary = $('spheres-summary');
  const distanceNote = $('distance-note');
  let shown = null;

  function select(tr) {
    const k = Number(tr.dataset.index);
    if (tr.dataset.fitted === 'true') onPick(k);
  }
  list.tBodies[0].addEventListener('click', (e) => {
    const tr = /** @type {HTMLElement} */ (e.target).closest('tr');
    if (tr) select(tr);
  });
  list.tBodies[0].addEventListener('keydown', (e) => {
    const tr = /** @type {HTMLElement} */ (e.target).closest('tr');
    if (!tr) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(tr);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = /** @type {HTMLElement | null} */ (e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling);
      next?.focus();
    }
  });

  function renderRows(spheres, units) {
    const body = list.tBodies[0];
    body.replaceChildren();
    head(list, SPHERE_COLUMNS.map((c) => (['Radius', 'RMS', 'Form error'].includes(c) || c.startsWith('Centre') ? headed(c, units) : c)));
    spheres.spheres.forEach((e, k) => {
      const tr = body.insertRow();
      tr.setAttribute('data-testid', 'sphere-row');
      tr.dataset.index = String(k);
      tr.dataset.number = String(e.number);
      tr.dataset.spherical = String(e.spherical);
      tr.dataset.fitted = String(Boolean(e.result));
      if (e.label !== null) tr.dataset.label = e.label;
      if (e.center) tr.dataset.center = e.center.join(' ');
      if (e.radius !== null) tr.dataset.radius = String(e.radius);
      tr.tabIndex = k === 0 ? 0 : -1;
      const formats = e.result && (e.result.slices || e.result.points) ? resultFormats(entryResult(spheres, k)) : null;
      const plain = (v) => (v === null ? '—' : formats ? formatIn(v, formats.length) : formatNumber(v));
      const se = e.stdErr;
      cell(tr, String(e.number), 'th').scope = 'row';
      cell(tr, e.label ?? '');
      if (!e.center || e.radius === null) {
        const why = cell(tr, `not fitted: ${e.error?.message ?? e.whyNot ?? ''}`);
        why.colSpan = SPHERE_COLUMNS.length - 2;
        return;
      }
      for (let a = 0; a < 3; ++a) cell(tr, se ? formatWithUncertainty(e.center[a], se.center[a]) : formatNumber(e.center[a]));
      cell(tr, se?.radius != null ? formatWithUncertainty(e.radius, se.radius) : formatNumber(e.radius));
      cell(tr, e.count.toLocaleString('en'));
      cell(tr, plain(e.rms));
      cell(tr, plain(e.formError));
      cell(tr, formatDegrees(e.capAngle));
      if (!e.spherical) {
        tr.classList.add('not-sphere');
        tr.title = `Not a sphere: ${e.whyNot}`;
        tr.cells[1].textContent = `${e.label ?? ''} (not a sphere)`.trim();
      }
    });
  }

  function renderDistances(spheres, units) {
    const body = distances.tBodies[0];
    body.replaceChildren();
    head(distances, ['Spheres', headed('Distance', units), headed('u', units)]);
    distances.hidden = spheres.distances.length === 0;
    for (const d of spheres.distances) {
      const tr = body.insertRow();
      tr.setAttribute('data-testid', 'distance-row');
      tr.dataset.a = String(d.a);
      tr.dataset.b = String(d.b);
      tr.dataset.distance = String(d.distance);
      if (d.stdErr !== null) tr.dataset.u = String(d.stdErr);
      cell(tr, `${d.a}–${d.b}`, 'th').scope = 'row';
      cell(tr, d.stdErr !== null ? formatWithUncertainty(d.distance, d.stdErr) : formatNumber(d.distance));
      cell(tr, d.stdErr !== null ? formatUncertainty(d.stdErr) : '—');
    }
    distanceNote.textContent = spheres.distances.length === 0 ? ''
      : `${spheres.allPairs ? 'Every pair' : 'Nearest neighbours only (Distances: all pairs for every pair)'}; ± one standard uncertainty uᵀ(Σa + Σb)u along the line between the centres (the fits are independent: each sphere's own points).`;
  }

  function markSelected(index) {
    for (const tr of list.tBodies[0].rows) {
      const on = Number(tr.dataset.index) === index;
      tr.setAttribute('aria-selected', String(on));
      tr.classList.toggle('selected', on);
      tr.tabIndex = on ? 0 : -1;
    }
  }

  return {
    render(s, prev) {
      const spheres = s.error || s.linkError ? null : s.spheres;
      panel.hidden = !s.spheres;
      panel.classList.toggle('stale', Boolean(s.spheres && (s.error || s.linkError || s.busy)));
      if (!s.spheres) {
        shown = null;
        return;
      }
      if (s.spheres !== shown || s.options.units !== prev.options.units) {
        shown = s.spheres;
        const units = s.options.units;
        renderRows(s.spheres, units);
        renderDistances(s.spheres, units);
        const found = s.spheres.spheres.filter((e) => e.spherical).length;
        const parts = [`${found.toLocaleString('en')} sphere${found === 1 ? '' : 's'}`];
        if (s.spheres.rejected) parts.push(`${s.spheres.rejected.toLocaleString('en')} surface${s.spheres.rejected === 1 ? '' : 's'} not spherical`);
        if (s.spheres.leftover) parts.push(`${s.spheres.leftover.toLocaleString('en')} observations on no sphere`);
        summary.textContent = `${parts.join('; ')}. Pick a row to show that sphere in the other views.`;
        summary.dataset.count = String(found);
      }
      if (spheres || s.sphere !== prev.sphere) markSelected(s.sphere);
    },
  };
}
