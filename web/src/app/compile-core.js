// Compiles the solver's wasm module while it downloads (WebAssembly.compileStreaming): the
// worker starts this before anything else, so the download, the compile and the page's own
// modules overlap. A host that sends .wasm without the application/wasm type (streaming then
// refuses it) gets the plain compile of the whole bytes instead.

/**
 * @param {URL} url  the .wasm file
 * @returns {Promise<WebAssembly.Module>} rejects when the file cannot be fetched or is no module
 */
export async function compileCore(url) {
  const response = fetch(url);
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (err) {
      const first = await response.catch(() => null);
      if (!first?.ok) throw new Error(`${url.pathname} could not be fetched (${first ? first.status : String(err?.message ?? err)})`, { cause: err });
    }
  }
  const again = await fetch(url);
  if (!again.ok) throw new Error(`${url.pathname} could not be fetched (${again.status})`);
  return WebAssembly.compile(await again.arrayBuffer());
}
