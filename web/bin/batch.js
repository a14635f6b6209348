// The files of `spherefit fit` in turn (one job) or on worker threads (--jobs N: each worker
// loads the library once and takes the next file when it is done, so a slow volume never holds up
// the small files behind it). Each file's output is printed whole as it finishes, or in input
// order with --ordered (later files wait in memory until the earlier ones are printed).
import { Worker } from 'node:worker_threads';
import { loadSphereFit } from '../src/lib/spherefit.js';
import { fitOne } from './fit-one.js';

// files: paths ('-' is read on this thread); args: the parsed command line; jobs: worker threads
// (1: none); ordered: print in input order; sf: the library, for the one-job path; onOutput({ stdout,
// stderr, failed }, index, done): one file's output; onStart(index): a file is started (progress).
export async function runBatch(files, { args, jobs, ordered, sf, onOutput, onStart = () => {} }) {
  if (jobs <= 1 || files.length < 2 || files.includes('-')) {
    let module = sf;
    for (const [index, file] of files.entries()) {
      onStart(index);
      const output = await fitOne(module, file, args);
      if (output.broken) module = await loadSphereFit();  // a module that aborted is not used again
      onOutput(output, index, index + 1);
    }
    return;
  }
  let next = 0;        // the next file to hand out
  let done = 0;        // files finished
  let printed = 0;     // with ordered: files printed
  const waiting = new Map();  // index → output, for ordered printing
  const emit = (output, index) => {
    done += 1;
    if (!ordered) return onOutput(output, index, done);
    waiting.set(index, output);
    while (waiting.has(printed)) {
      onOutput(waiting.get(printed), printed, done);
      waiting.delete(printed);
      printed += 1;
    }
    return undefined;
  };
  await new Promise((resolve, reject) => {
    const start = () => {
      const worker = new Worker(new URL('./fit-worker.js', import.meta.url), { workerData: { args } });
      let current = -1;
      const handOut = () => {
        if (next >= files.length) {
          worker.terminate();
          if (done === files.length) resolve();
          return;
        }
        current = next++;
        onStart(current);
        worker.postMessage({ index: current, file: files[current] });
      };
      worker.on('message', (message) => {
        if (message.ready) return handOut();
        if (message.crash) {
          // The module may be broken after a crash: this file fails, a fresh worker goes on.
          emit({ stdout: '', stderr: `${files[message.index]}: the fit failed inside spherefit (a bug; please report it):\n${message.crash}\n`, failed: true }, message.index);
          worker.terminate();
          current = -1;
          if (next < files.length) start();
          else if (done === files.length) resolve();
          return undefined;
        }
        emit(message, message.index);
        return handOut();
      });
      worker.on('error', (err) => {
        if (current < 0) return reject(err);
        emit({ stdout: '', stderr: `${files[current]}: the fit failed inside spherefit (a bug; please report it): ${err.message}\n`, failed: true }, current);
        current = -1;
        if (next < files.length) start();
        else if (done === files.length) resolve();
        return undefined;
      });
    };
    for (let k = 0; k < Math.min(jobs, files.length); ++k) start();
  });
}
