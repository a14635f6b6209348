// The table of a result's rows, sortable by any column: per slice (circles: inputs, residual,
// offset, inlier), per derived circle (contours: name, circle, point count, the circle's own RMS,
// residual, offset, inlier) or per point (points: x, y, z, residual, inlier). Rows report hover
// and selection, by pointer and by keyboard (one row in the tab order; arrow keys, Page Up/Down,
// Home and End move; Enter or Space selects).
//
// Every row is in the table, but only the rows in view (and a margin) are in the DOM: spacer
// rows stand for the others, so a million points scroll, sort and select as fast as 40. Sorting
// is one native sort of packed 64-bit keys (order.js); the column widths come from the column
// formats, so they do not change while scrolling.
import { formatIn, resultFormats, headed, count } from '../lib/format.js';
import { orderOf } from './order.js';
import { rowCount } from './describe.js';
import { tableColumns } from './table-columns.js';

const OVERSCAN = 25;   // rows rendered above and below the visible ones
const ASSUMED_ROW_HEIGHT = 22;

// Text keys in table order (names such as "k = 12" sort by their numbers).
const collator = new Intl.Collator('en', { numeric: true });
function textOrder(values, dir) {
  const order = Array.from(values.keys()).sort((a, b) => dir * collator.compare(values[a], values[b]) || a - b);
  return Uint32Array.from(order);
}

// vocabulary: the core's (the noun for the rows).
export function createSliceTable(table, note, { vocabulary, onHover, onSelect }) {
  const head = table.tHead, body = table.tBodies[0];
  const heading = document.getElementById(table.getAttribute('aria-labelledby'));
  const scroller = table.parentElement;
  let sort = { key: 'slice', dir: 1 };
  let current = null;   // { result, cols, formats, n }
  let units = '';
  let order = null;     // slice indices in table order
  let position = null;  // slice index → its place in `order`
  let rows = new Map(); // slice index → tr, for the rows in the DOM
  let shown = { first: 0, last: 0 };
  let rowHeight = ASSUMED_ROW_HEIGHT;
  let marked = { hot: -1, selected: -1 };
  let focusRow = -1;    // the slice whose row the user last focused

  function cellText(c, i) {
    const v = c.value(i);
    if (c.kind === 'int') return String(v);
    if (c.kind === 'flag') return v ? 'yes' : 'no';
    if (c.kind === 'text') return v;
    return formatIn(v, current.formats[c.kind]);
  }

  const headingText = (c) => (c.length ? headed(c.label, units) : c.label);

  // Column widths in characters: the heading, or the widest value (the extremes print widest).
  function columnWidths() {
    const { cols, n } = current;
    return cols.map((c) => {
      if (c.kind === 'text') return Math.max(c.label.length + 2, ...c.array.map((t) => [...t].length)) + 2;
      let lo = Infinity, hi = -Infinity;
      if (c.array) for (let i = 0; i < n; ++i) { const v = c.array[i]; if (v < lo) lo = v; if (v > hi) hi = v; } else { lo = 1; hi = n; }
      const texts = n ? [lo, hi].map((v) => (c.kind === 'int' ? String(v) : c.kind === 'flag' ? 'yes' : formatIn(v, current.formats[c.kind]))) : [];
      return Math.max(headingText(c).length + 2, ...texts.map((t) => t.length)) + 2;
    });
  }

  function drawHead() {
    const tr = document.createElement('tr');
    tr.setAttribute('aria-rowindex', '1');
    for (const c of current.cols) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.dataset.key = c.key;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = headingText(c);
      button.dataset.testid = `sort-${c.key}`;
      if (c.title) button.title = c.title;
      button.addEventListener('click', () => {
        sort = { key: c.key, dir: sort.key === c.key ? -sort.dir : 1 };
        sortRows();  // the head stays: the pressed button keeps the focus
      });
      th.append(button);
      tr.append(th);
    }
    head.replaceChildren(tr);
    const colgroup = document.createElement('colgroup');
    let total = 0;
    for (const w of columnWidths()) {
      const col = document.createElement('col');
      col.style.width = `${w}ch`;
      total += w;
      colgroup.append(col);
    }
    table.querySelector('colgroup')?.remove();
    table.prepend(colgroup);
    table.style.width = `${total}ch`;
    table.setAttribute('aria-rowcount', String(current.n + 1));
  }

  function sortRows() {
    performance.mark('slice-table-sort-start');
    const { cols, n } = current;
    for (const th of head.querySelectorAll('th')) {
      if (th.dataset.key === sort.key) th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
    const column = cols.find((c) => c.key === sort.key) ?? cols[0];
    if (!column.array) {
      order = new Uint32Array(n);
      for (let k = 0; k < n; ++k) order[k] = sort.dir > 0 ? k : n - 1 - k;
    } else if (column.kind === 'text') {
      order = textOrder(column.array, sort.dir);
    } else {
      order = orderOf(column.array, sort.dir);
    }
    position = new Uint32Array(n);
    for (let k = 0; k < n; ++k) position[order[k]] = k;
    renderRows(true);
    performance.measure('slice-table-sort', 'slice-table-sort-start');
  }

  function spacer(height) {
    const tr = document.createElement('tr');
    tr.className = 'spacer';
    tr.setAttribute('aria-hidden', 'true');
    const td = document.createElement('td');
    td.colSpan = current.cols.length;
    td.style.height = `${height}px`;
    tr.append(td);
    return tr;
  }

  // Renders the rows in view (and OVERSCAN around them); `force` after a new order.
  function renderRows(force = false) {
    const n = current.n;
    const top = Math.max(0, scroller.scrollTop - head.offsetHeight);
    const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
    // The scroller grows with its rows up to its max-height: plan for that height.
    const view = Math.max(scroller.clientHeight, parseFloat(getComputedStyle(scroller).maxHeight) || 0, 420);
    const last = Math.min(n, Math.ceil((top + view) / rowHeight) + OVERSCAN);
    if (!force && first === shown.first && last === shown.last) return;
    const hadFocus = body.contains(document.activeElement) ? focusRow : -1;
    shown = { first, last };
    const inView = (i) => position[i] >= first && position[i] < last;
    const tabbable = focusRow >= 0 && focusRow < n && inView(focusRow) ? focusRow
      : marked.selected >= 0 && marked.selected < n && inView(marked.selected) ? marked.selected : order[first];
    rows = new Map();
    const fragment = document.createDocumentFragment();
    if (first > 0) fragment.append(spacer(first * rowHeight));
    for (let k = first; k < last; ++k) {
      const i = order[k];
      const row = document.createElement('tr');
      row.dataset.slice = String(i);
      row.dataset.row = String(i);
      row.setAttribute('aria-rowindex', String(k + 2));
      row.tabIndex = i === tabbable ? 0 : -1;
      if (!current.result.inlier[i]) row.classList.add('rejected');
      if (i === marked.selected) row.classList.add('selected');
      if (i === marked.hot) row.classList.add('hot');
      row.setAttribute('aria-selected', String(i === marked.selected));
      for (const c of current.cols) {
        const td = document.createElement('td');
        td.textContent = cellText(c, i);
        row.append(td);
      }
      rows.set(i, row);
      fragment.append(row);
    }
    if (last < n) fragment.append(spacer((n - last) * rowHeight));
    body.replaceChildren(fragment);
    if (hadFocus >= 0) rows.get(hadFocus)?.focus({ preventScroll: true });
    // The real row height, once rows exist (fonts and zoom decide it).
    const measured = rows.values().next().value?.getBoundingClientRect().height;
    if (measured > 0 && Math.abs(measured - rowHeight) > 0.5) {
      rowHeight = measured;
      renderRows(true);
    }
  }

  // Scrolls so that the row at place k is in view (the nearest edge), then renders.
  function reveal(k) {
    const headHeight = head.offsetHeight;
    const y = k * rowHeight;
    const view = scroller.clientHeight - headHeight;
    if (y < scroller.scrollTop) scroller.scrollTop = y;
    else if (y + rowHeight > scroller.scrollTop + view) scroller.scrollTop = y + rowHeight - view;
    renderRows();
  }

  function focusAt(k) {
    const n = current.n;
    k = Math.max(0, Math.min(n - 1, k));
    const i = order[k];
    focusRow = i;
    reveal(k);
    if (!rows.has(i)) renderRows(true);
    for (const r of body.querySelectorAll('tr[tabindex="0"]')) r.tabIndex = -1;
    const row = rows.get(i);
    row.tabIndex = 0;
    row.focus({ preventScroll: true });
    onHover(i);
  }

  let scrollFrame = 0;
  scroller.addEventListener('scroll', () => {
    if (!current || scrollFrame) return;
    scrollFrame = requestAnimationFrame(() => { scrollFrame = 0; renderRows(); });
  });

  // One set of listeners on the body: rows come and go.
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
    for (const r of body.querySelectorAll('tr[tabindex="0"]')) if (r !== e.target) r.tabIndex = -1;
    focusRow = i;
    e.target.closest('tr').tabIndex = 0;
  });
  body.addEventListener('keydown', (e) => {
    const i = sliceOf(e.target);
    if (i < 0) return;
    const k = position[i];
    const page = Math.max(1, Math.floor((scroller.clientHeight - head.offsetHeight) / rowHeight) - 1);
    const moves = { ArrowDown: k + 1, ArrowUp: k - 1, PageDown: k + page, PageUp: k - page, Home: 0, End: current.n - 1 };
    if (e.key in moves) {
      e.preventDefault();
      focusAt(moves[e.key]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(i);
    }
  });

  return {
    draw(result, newUnits = units) {
      units = newUnits;
      const previous = current?.result.mode;
      current = { result, cols: tableColumns(result), formats: resultFormats(result), n: rowCount(result) };
      if (previous !== result.mode || !current.cols.some((c) => c.key === sort.key)) sort = { key: current.cols[0].key, dir: 1 };
      if (focusRow >= current.n) focusRow = -1;
      marked = { hot: -1, selected: -1 };
      drawHead();
      sortRows();
      const n = current.n;
      const noun = vocabulary.nouns[result.mode];
      heading.textContent = { circles: 'Slice table', contours: 'Contour table', points: 'Point table' }[result.mode];
      note.textContent = `${count(n, noun.one, noun.many)}; click a heading to sort, a row (or Enter on it) to select it in the 3D view; arrow keys move between rows.`;
    },
    setUnits(newUnits) {
      units = newUnits;
      if (!current) return;
      for (const th of head.querySelectorAll('th')) {
        const c = current.cols.find((col) => col.key === th.dataset.key);
        if (c?.length) th.querySelector('button').textContent = headingText(c);
      }
    },
    highlight(hot, selected) {
      rows.get(marked.hot)?.classList.remove('hot');
      const old = rows.get(marked.selected);
      old?.classList.remove('selected');
      old?.setAttribute('aria-selected', 'false');
      const changed = selected !== marked.selected;
      marked = { hot, selected };
      rows.get(hot)?.classList.add('hot');
      if (selected < 0 || !current || selected >= current.n) return;
      // A slice picked elsewhere (3D view, plot) scrolls into the table's view.
      if (changed && !rows.get(selected)?.contains(document.activeElement)) reveal(position[selected]);
      const picked = rows.get(selected);
      picked?.classList.add('selected');
      picked?.setAttribute('aria-selected', 'true');
    },
  };
}
