// The slice table: inputs, residual, offset and inlier flag per slice, sortable by any column.
// Rows report hover and selection, by pointer and by keyboard (one row in the tab order; arrow
// keys move, Enter or Space selects). At most MAX_ROWS rows are in the DOM at once; sorting
// 200 000 slices sorts an index array on typed keys (tens of milliseconds).
import { formatIn, resultFormats, headed } from './format.js';

const MAX_ROWS = 1000;

export const slicesUsed = (result) => result.inlier.reduce((n, v) => n + v, 0);

// The columns of a result's table: key (CSV heading), label, the per-slice array (absent: the
// slice number), the value of slice i, and how it reads: 'int', 'flag', a typed input column's
// key into resultFormats, or 'length' for a derived length.
export function sliceColumns(slices, result) {
  const cols = [
    { key: 'slice', label: '#', kind: 'int', value: (i) => i + 1 },
    { key: 'line', label: 'Line', kind: 'int', array: slices.line },
  ];
  const typed = ['x', 'y', 'z', 'r', ...(slices.nx ? ['nx', 'ny', 'nz'] : []), ...(slices.w ? ['w'] : [])];
  for (const k of typed) cols.push({ key: k, label: k, kind: k, array: slices[k], length: ['x', 'y', 'z', 'r'].includes(k) });
  cols.push(
    { key: 'residual', label: 'Residual', kind: 'length', array: result.residuals, length: true },
    { key: 'offset', label: 'Offset', kind: 'length', array: result.offsets, length: true },
    { key: 'inlier', label: 'Inlier', kind: 'flag', array: result.inlier },
  );
  for (const c of cols) if (!c.value) c.value = (i) => c.array[i];
  return cols;
}

export function createSliceTable(table, note, { onHover, onSelect }) {
  const head = table.tHead, body = table.tBodies[0];
  let sort = { key: 'slice', dir: 1 };
  let current = null;   // { slices, result, cols, formats }
  let units = '';
  let rows = new Map();  // slice index → tr
  let marked = { hot: -1, selected: -1 };
  let focusRow = -1;     // the slice whose row the user last focused

  function cellText(c, i, formats) {
    const v = c.value(i);
    if (c.kind === 'int') return String(v);
    if (c.kind === 'flag') return v ? 'yes' : 'no';
    return formatIn(v, formats[c.kind]);
  }

  function drawHead() {
    const tr = document.createElement('tr');
    for (const c of current.cols) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.dataset.key = c.key;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = c.length ? headed(c.label, units) : c.label;
      button.dataset.testid = `sort-${c.key}`;
      button.addEventListener('click', () => {
        sort = { key: c.key, dir: sort.key === c.key ? -sort.dir : 1 };
        drawBody();  // the head stays: the pressed button keeps the focus
      });
      th.append(button);
      tr.append(th);
    }
    head.replaceChildren(tr);
  }

  // The order of all slices by the sort column: an index array sorted on a typed copy of the keys.
  function order(n) {
    const column = current.cols.find((c) => c.key === sort.key) ?? current.cols[0];
    const keys = new Float64Array(n);
    if (column.array) keys.set(column.array); else for (let i = 0; i < n; ++i) keys[i] = column.value(i);
    const idx = new Uint32Array(n);
    for (let i = 0; i < n; ++i) idx[i] = i;
    const dir = sort.dir;
    idx.sort((a, b) => dir * (keys[a] - keys[b]) || a - b);
    return idx;
  }

  function drawBody() {
    performance.mark('slice-table-sort-start');
    const { slices, result, cols, formats } = current;
    for (const th of head.querySelectorAll('th')) {
      if (th.dataset.key === sort.key) th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
    const n = slices.x.length;
    const shown = order(n).subarray(0, MAX_ROWS);
    // The row in the tab order: the one last focused, else the selected one, else the first.
    const tabbable = shown.includes(focusRow) ? focusRow : shown.includes(marked.selected) ? marked.selected : shown[0] ?? -1;
    rows = new Map();
    const fragment = document.createDocumentFragment();
    for (const i of shown) {
      const row = document.createElement('tr');
      row.dataset.slice = String(i);
      row.tabIndex = i === tabbable ? 0 : -1;
      if (!result.inlier[i]) row.classList.add('rejected');
      if (i === marked.selected) row.classList.add('selected');
      if (i === marked.hot) row.classList.add('hot');
      row.setAttribute('aria-selected', String(i === marked.selected));
      for (const c of cols) {
        const td = document.createElement('td');
        td.textContent = cellText(c, i, formats);
        row.append(td);
      }
      rows.set(i, row);
      fragment.append(row);
    }
    body.replaceChildren(fragment);
    note.textContent = n > MAX_ROWS
      ? `Showing ${MAX_ROWS.toLocaleString('en')} of ${n.toLocaleString('en')} slices in this order; export the table for all.`
      : `${n.toLocaleString('en')} slices; click a heading to sort, a row (or Enter on it) to select it in the 3D view; arrow keys move between rows.`;
    performance.measure('slice-table-sort', 'slice-table-sort-start');
  }

  // One set of listeners on the body: rows come and go with every sort.
  const sliceOf = (node) => {
    const row = node?.closest?.('tr[data-slice]');
    return row ? Number(row.dataset.slice) : -1;
  };
  body.addEventListener('pointerover', (e) => { const i = sliceOf(e.target); if (i >= 0) onHover(i); });
  body.addEventListener('pointerleave', () => onHover(-1));
  body.addEventListener('click', (e) => { const i = sliceOf(e.target); if (i >= 0) onSelect(i); });
  body.addEventListener('focusin', (e) => {
    const i = sliceOf(e.target);
    if (i < 0) return;
    for (const r of body.querySelectorAll('tr[tabindex="0"]')) r.tabIndex = -1;
    focusRow = i;
    e.target.closest('tr').tabIndex = 0;
  });
  body.addEventListener('keydown', (e) => {
    const row = e.target.closest?.('tr[data-slice]');
    if (!row) return;
    const moves = { ArrowDown: row.nextElementSibling, ArrowUp: row.previousElementSibling, Home: body.firstElementChild, End: body.lastElementChild };
    if (e.key in moves) {
      e.preventDefault();
      const next = moves[e.key];
      if (next) { next.focus(); onHover(Number(next.dataset.slice)); }
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(Number(row.dataset.slice));
    }
  });

  return {
    draw(slices, result, newUnits = units) {
      units = newUnits;
      current = { slices, result, cols: sliceColumns(slices, result), formats: resultFormats(result) };
      if (focusRow >= slices.x.length) focusRow = -1;
      drawHead();
      drawBody();
    },
    setUnits(newUnits) {
      units = newUnits;
      if (!current) return;
      for (const th of head.querySelectorAll('th')) {
        const c = current.cols.find((col) => col.key === th.dataset.key);
        if (c?.length) th.querySelector('button').textContent = headed(c.label, units);
      }
    },
    highlight(hot, selected) {
      rows.get(marked.hot)?.classList.remove('hot');
      const old = rows.get(marked.selected);
      old?.classList.remove('selected');
      old?.setAttribute('aria-selected', 'false');
      rows.get(hot)?.classList.add('hot');
      const picked = rows.get(selected);
      if (picked) {
        picked.classList.add('selected');
        picked.setAttribute('aria-selected', 'true');
        if (selected !== marked.selected && !picked.contains(document.activeElement)) picked.scrollIntoView?.({ block: 'nearest' });
      }
      marked = { hot, selected };
    },
  };
}
