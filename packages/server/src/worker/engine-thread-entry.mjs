// Plain-JS entry of an engine thread: registers tsx in this thread (loader hooks are per thread on
// Node 20), then loads the TypeScript thread module. This file is JavaScript on purpose.
import { register } from 'tsx/esm/api';

register();
await import('./engine-thread.ts');
