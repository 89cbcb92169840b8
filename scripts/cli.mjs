// `npm run cli -- …`: build if needed, then run the operator CLI.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ensureDependencies, root } from './lib/prepare.mjs';

ensureDependencies();
ensureBuilt();
await import(pathToFileURL(path.join(root, 'dist/apps/cli/src/main.js')).href);
