import { askAtLaunch } from './services/launch';

/**
 * The local H5 build's first script, inlined in index.html (config/index.ts builds it with esbuild):
 * the first screen's calls start while the HTML is parsed, not once the app's bundle has arrived
 * and run. Started from the bundle (app.ts, until 2026-12-03), users.me went out only during the
 * app's long first task, and its answer — which decides whether catalog.list is asked — waited for
 * that task and the ones after it: catalog.list left ≈ 400 ms after users.me had answered (npm run
 * bench -- h5). Here both calls travel while the bundle downloads and the main thread is free, and
 * the page takes their answers (services/http.ts keeps them on the window for the bundle's copy).
 */
askAtLaunch();
