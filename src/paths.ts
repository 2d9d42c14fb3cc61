// Where the project's own resources live, whether running from src/ (tests) or dist/ (the CLI).
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

export const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
