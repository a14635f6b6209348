// Marks the views that show a result (3D view, profile plot, slice table) when that result is
// not the current input's: a banner in each and a dimmed picture, so an old result is never shown
// as current. "error": the input (or the opened link) has an error; "busy": a fit is on its way
// (the banner then appears only if it takes a moment, so quick fits do not flicker).
export function createStaleMarks(root) {
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const views = ['viewer', 'plot', 'table'].map((name) => ({ panel: $(`${name}-panel`), banner: $(`${name}-stale`) }));
  let shown = '';
  return {
    render(s) {
      const why = !s.result ? '' : s.linkError || s.error ? 'error' : s.busy ? 'busy' : '';
      if (why === shown) return;
      shown = why;
      for (const { panel, banner } of views) {
        if (why) panel.dataset.stale = why; else delete panel.dataset.stale;
        banner.hidden = !why;
        banner.dataset.why = why;
        banner.textContent = why === 'error'
          ? 'Stale: this is the last good result, for earlier data or options. The current ones give an error (see Sphere).'
          : 'Updating for the new input…';
      }
    },
  };
}
