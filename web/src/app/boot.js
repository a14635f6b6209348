// The page's first script (index.html loads it async, ahead of main.js): starts the solver's
// worker, which fetches and compiles the wasm while main.js and three.js still download, and the
// offline support (service worker, update notice, files opened with the installed app).
import { startEarlyWorker } from './early-worker.js';
import { startOffline } from './offline.js';

startEarlyWorker();
startOffline();
