// Draws a result in the 3D view, the table and the plot, and keeps their highlight (the row under
// the pointer and the one picked) in step. A large result is drawn one view a task, so that no
// task holds the page for long; `drawn()` settles once every view shows the latest result. A
// small one is drawn at once. Each view's drawing is measured (performance entries 'draw-view',
// 'draw-table', 'draw-plot').
import { rowCount } from './describe.js';

const STAGED_ROWS = 20000;
const nextTask = () => new Promise((resolve) => { setTimeout(resolve, 0); });

function measure(name, draw) {
  const start = performance.now();
  draw();
  performance.measure(name, { start, end: performance.now() });
}

// getState(): the page's state (units, hot and selected rows); onViewDrawn(): the 3D view drew.
export function createResultDrawing({ view, table, plot, getState, onViewDrawn }) {
  let drawn = Promise.resolve();
  let drawing = 0;

  function highlight() {
    const { hot, selected } = getState();
    view.highlight(hot, selected);
    plot.highlight(hot, selected);
    table.highlight(hot, selected);
  }

  function draw(result) {
    const token = ++drawing;
    const steps = [
      ['draw-view', () => { view.draw(result); onViewDrawn(); }],
      ['draw-table', () => table.draw(result, getState().options.units)],
      ['draw-plot', () => plot.draw(result, getState().options.units)],
    ];
    if (rowCount(result) < STAGED_ROWS) {
      for (const [name, step] of steps) measure(name, step);
      highlight();
      drawn = Promise.resolve();
      return;
    }
    drawn = (async () => {
      for (const [name, step] of steps) {
        await nextTask();
        if (token !== drawing) return;
        measure(name, step);
      }
      highlight();
    })();
  }

  return { draw, highlight, drawn: () => drawn };
}
