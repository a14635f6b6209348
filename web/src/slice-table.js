// The slice table: inputs, residual, offset and inlier flag per slice, sortable by any column.
// Rows report hover and selection; at most MAX_ROWS rows are in the DOM at once.
import { formatNumber } from './format.js';

const MAX_ROWS = 1000;

export const slicesUsed = (result) => result.inlier.reduce((n, v) => n + v, 0);

export function sliceColumns(slices, result) {
  const cols = [
    { key: 'slice', label: '#', value: (i) => i + 1 },
    { key: 'line', label: 'Line', value: (i) => slices.line[i] },
    { key: 'x', label: 'x', value: (i) => slices.x[i] },
    { key: 'y', label: 'y', value: (i) => slices.y[i] },
    { key: 'z', label: 'z', value: (i) => slices.z[i] },
    { key: 'r', label: 'r', value: (i) => slices.r[i] },
  ];
  if (slices.nx) {
    cols.push({ key: 'nx', label: 'nx', value: (i) => slices.nx[i] }, { key: 'ny', label: 'ny', value: (i) => slices.ny[i] },
      { key: 'nz', label: 'nz', value: (i) => slices.nz[i] });
  }
  if (slices.w) cols.push({ key: 'w', label: 'w', value: (i) => slices.w[i] });
  cols.push(
    { key: 'residual', label: 'Residual', value: (i) => result.residuals[i] },
    { key: 'offset', label: 'Offset', value: (i) => result.offsets[i] },
    { key: 'inlier', label: 'Inlier', value: (i) => result.inlier[i], text: (v) => (v ? 'yes' : 'no') },
  );
  return cols;
}

export function createSliceTable(table, note, { onHover, onSelect }) {
  const head = table.tHead, body = table.tBodies[0];
  let sort = { key: 'slice', dir: 1 };
  let current = null;
  let rows = new Map();  // slice index → tr
  let shownSelected = -1;

  function render() {
    if (!current) return;
    const { slices, result } = current;
    const cols = sliceColumns(slices, result);
    const tr = document.createElement('tr');
    for (const c of cols) {
      const th = document.createElement('th');
      th.scope = 'col';
      if (c.key === sort.key) th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = c.label;
      button.dataset.testid = `sort-${c.key}`;
      button.addEventListener('click', () => {
        sort = { key: c.key, dir: sort.key === c.key ? -sort.dir : 1 };
        render();
      });
      th.append(button);
      tr.append(th);
    }
    head.replaceChildren(tr);

    const n = slices.x.length;
    const column = cols.find((c) => c.key === sort.key) ?? cols[0];
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => sort.dir * (column.value(a) - column.value(b)) || a - b);
    rows = new Map();
    const fragment = document.createDocumentFragment();
    for (const i of order.slice(0, MAX_ROWS)) {
      const row = document.createElement('tr');
      row.dataset.slice = String(i);
      if (!result.inlier[i]) row.classList.add('rejected');
      for (const c of cols) {
        const td = document.createElement('td');
        const v = c.value(i);
        td.textContent = c.text ? c.text(v) : Number.isInteger(v) && c.key !== 'residual' && c.key !== 'offset' ? String(v) : formatNumber(v);
        row.append(td);
      }
      row.addEventListener('pointerenter', () => onHover(i));
      row.addEventListener('pointerleave', () => onHover(-1));
      row.addEventListener('click', () => onSelect(i));
      rows.set(i, row);
      fragment.append(row);
    }
    body.replaceChildren(fragment);
    note.textContent = n > MAX_ROWS ? `Showing ${MAX_ROWS} of ${n} slices in this order; export the table for all.` : `${n} slices; click a heading to sort, a row to select it in the 3D view.`;
  }

  return {
    draw(slices, result) {
      current = { slices, result };
      render();
    },
    highlight(hot, selected) {
      for (const row of body.querySelectorAll('tr.hot, tr.selected')) row.classList.remove('hot', 'selected');
      rows.get(hot)?.classList.add('hot');
      const picked = rows.get(selected);
      if (picked) picked.classList.add('selected');
      if (picked && selected !== shownSelected) picked.scrollIntoView?.({ block: 'nearest' });
      shownSelected = selected;
    },
  };
}
