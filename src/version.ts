import { createRequire } from 'node:module';

// package.json sits one level above both src/ (tests) and dist/ (installed), so one relative path serves both.
const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

/** synthgate's version, recorded in every model file and manifest. */
export const VERSION: string = pkg.version;
export const PACKAGE_NAME: string = pkg.name;
