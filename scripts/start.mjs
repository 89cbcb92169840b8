// `npm start`: install if needed, build if needed, then run the all-in-one
// process (API + worker) on embedded defaults. See README "Quick start".
import { ensureBuilt, ensureDependencies, root } from './lib/prepare.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

ensureDependencies();
ensureBuilt();
// Same process, so Ctrl-C and SIGTERM reach the app directly.
await import(pathToFileURL(path.join(root, 'dist/apps/all-in-one/src/main.js')).href);
