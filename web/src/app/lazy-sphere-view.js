// The 3D view (sphere-view.js) behind a stand-in with the same methods, loaded by a dynamic
// import when the first result is to be drawn: three.js, the page's largest module, then never
// stands between the page and its first fitted sample (on a slow network it would share the
// bandwidth with the solver's wasm; in software WebGL its first frame takes a third of a second).
// Until it is there, the stand-in keeps the latest drawing, highlight and layer choices and hands
// them over; onLateDraw() is called after a drawing it handed over (the page's legend then reads
// what was drawn). The container says data-view="loading" meanwhile and "ready" after, which the
// browser tests wait for; a failed load (offline before the service worker had the bundle) is
// tried again at the next drawing.

/** @param {HTMLElement} container */
export function createLazySphereView(container, handlers, load = () => import('./sphere-view.js')) {
  let real = null;
  let loading = null;
  const held = { draw: null, highlight: null, fit: false, layers: new Map(), spheres: null };

  function start() {
    if (real) return Promise.resolve(real);
    container.dataset.view = 'loading';
    loading ??= load().then(({ createSphereView }) => {
      real = createSphereView(container, handlers);
      for (const [name, visible] of held.layers) real.setLayer(name, visible);
      if (held.spheres) real.setSpheres(...held.spheres);
      if (held.draw) real.draw(held.draw);
      if (held.highlight) real.highlight(...held.highlight);
      if (held.fit) real.fitView();
      container.dataset.view = 'ready';
      if (held.draw) handlers.onLateDraw?.();
      return real;
    }, (err) => {
      loading = null;
      container.dataset.view = 'failed';
      throw err;
    });
    return loading;
  }

  return {
    draw(result) {
      if (real) return real.draw(result);
      held.draw = result;
      start().catch(() => {});
      return undefined;
    },
    highlight(hot, selected) {
      if (real) real.highlight(hot, selected);
      else held.highlight = [hot, selected];
    },
    setSpheres(spheres, index) {
      if (real) real.setSpheres(spheres, index);
      else held.spheres = [spheres, index];
    },
    fitView() {
      if (real) real.fitView();
      else held.fit = true;
    },
    setLayer(name, visible) {
      if (real) real.setLayer(name, visible);
      else held.layers.set(name, visible);
    },
    async toBlob(legend) {
      return (await start()).toBlob(legend);
    },
    get canvas() { return real?.canvas ?? null; },
  };
}
