#!/usr/bin/env node
// Entry of the `docket` command: registers tsx (Docket runs from its TypeScript sources) and starts the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
