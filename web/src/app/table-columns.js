// The columns of a result's table, as the table view shows them and the table's CSV export
// writes them: per slice (circles), per derived circle (contours) or per point. DOM-free.

// The line column only when the rows came from lines of text (a volume's circles did not).
const lines = (table) => (table.line && table.line.length && !(table.line[0] === 0 && table.line.at(-1) === 0) ? table.line : null);

// The columns of a result's table: key (CSV heading), label, the per-row array (absent: the row
// number), the value of row i, and how it reads: 'int', 'flag', 'text', a column's key into
// resultFormats, or 'length' for a derived length.
export function tableColumns(result) {
  const cols = [{ key: result.mode === 'points' ? 'point' : 'slice', label: '#', kind: 'int', value: (i) => i + 1 }];
  const table = result.mode === 'points' ? result.points : result.slices;
  if (result.mode === 'contours') cols.push({ key: 'name', label: 'Slice', kind: 'text', array: table.name });
  if (lines(table)) cols.push({ key: 'line', label: 'Line', kind: 'int', array: table.line });
  const typed = result.mode === 'points' ? ['x', 'y', 'z']
    : ['x', 'y', 'z', 'r', ...(table.nx ? ['nx', 'ny', 'nz'] : []), ...(table.w ? ['w'] : [])];
  for (const k of typed) cols.push({ key: k, label: k, kind: k, array: table[k], length: ['x', 'y', 'z', 'r'].includes(k) });
  if (result.mode === 'contours') {
    cols.push(
      { key: 'points', label: 'Points', kind: 'int', array: table.count },
      { key: 'circle_rms', label: 'Own RMS', kind: 'length', array: table.rms, length: true, title: 'RMS distance of the contour\'s points from its own circle' },
    );
  }
  cols.push({ key: 'residual', label: 'Residual', kind: 'length', array: result.residuals, length: true });
  if (result.offsets) cols.push({ key: 'offset', label: 'Offset', kind: 'length', array: result.offsets, length: true });
  cols.push({ key: 'inlier', label: 'Inlier', kind: 'flag', array: result.inlier });
  for (const c of cols) if (!c.value) c.value = (i) => c.array[i];
  return cols;
}
