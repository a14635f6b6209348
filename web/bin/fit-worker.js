// A worker thread of `spherefit fit --jobs N`: loads the library once, then fits the files the
// main thread hands it, one at a time, and sends back each file's output (fit-one.js).
import { parentPort, workerData } from 'node:worker_threads';
import { loadSphereFit } from '../src/lib/spherefit.js';
import { fitOne } from './fit-one.js';

let sf = await loadSphereFit();
parentPort.on('message', async ({ index, file }) => {
  try {
    const output = await fitOne(sf, file, workerData.args);
    if (output.broken) sf = await loadSphereFit();  // a module that aborted is not used again
    parentPort.postMessage({ index, ...output });
  } catch (err) {
    parentPort.postMessage({ index, crash: String(err?.stack ?? err) });
  }
});
parentPort.postMessage({ ready: true });
