// Command line: argv → one command → exit code (0 done, 1 changed/internal error, 2 bad input or usage).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, InputError, visible } from '../errors.js';
import { VERSION } from '../paths.js';
import { COMMANDS, type Command, type Io } from './commands.js';
import { openRun, type Run } from './run-io.js';
import type { Status } from './summary.js';

export class UsageError extends InputError {}

function helpText(name: string, cmd: Command): string {
  const opts = Object.entries(cmd.options).map(([k, o]) => {
    const flag = `--${k}${o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : ''}`;
    return `  ${flag.padEnd(26)} ${o.help}`;
  });
  const common = [
    ['--quiet', 'print only errors, and warnings that change what the results mean (on stderr)'],
    ['--json', 'print one JSON summary on stdout and nothing else there (docs/output.md)'],
    ['--debug', 'show stack traces of internal errors'],
    ['--help', 'this text'],
  ].map(([flag, help]) => `  ${flag!.padEnd(26)} ${help}`);
  return [`regreport ${name}: ${cmd.summary}`, '', `usage: regreport ${name} ${cmd.usage}`, '', 'options:', ...opts, ...common, ...(cmd.details ? ['', cmd.details] : [])].join('\n');
}

function mainHelp(): string {
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`);
  return [
    `regreport ${VERSION}: quality-registry extracts → metrics and annual reports`,
    '',
    'usage: regreport <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    "Run 'regreport <command> --help' for a command's options. Exit codes: 0 done, 1 metrics changed",
    '(check) or internal error, 2 bad input or usage. Every command takes --quiet and --json.',
  ].join('\n');
}

/**
 * Runs one command. `startedAt`: when the run started on performance.now()'s clock (0 for the whole
 * process, as bin/regreport.js passes), so that the closing line's time is the whole run's.
 */
export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }, startedAt = performance.now()): Promise<number> {
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out.write(mainHelp() + '\n');
    return name ? EXIT.ok : EXIT.input;
  }
  if (name === '--version') {
    io.out.write(VERSION + '\n');
    return EXIT.ok;
  }
  // Known before the options are parsed, so that a usage error is answered in the form asked for.
  const flags = { quiet: rest.includes('--quiet'), json: rest.includes('--json') };
  if (!COMMANDS[name] && !flags.json) {
    io.err.write(`regreport: unknown command '${name}'\n\n${mainHelp()}\n`);
    return EXIT.input;
  }
  const run = openRun(name, io, flags, process.env, () => performance.now() - startedAt);
  let code: number;
  let error: unknown;
  try {
    const cmd = COMMANDS[name];
    if (!cmd) throw new UsageError(`unknown command '${name}'`, { hint: `the commands: ${Object.keys(COMMANDS).join(', ')}; run 'regreport --help'` });
    const values = parseOptions(name, cmd, rest);
    if (values.help) {
      run.tracker.close();
      io.out.write(helpText(name, cmd) + '\n');
      return EXIT.ok;
    }
    code = await cmd.run(values, run.io);
  } catch (e) {
    error = e;
    code = e instanceof InputError ? EXIT.input : EXIT.internal;
  }
  // The live lines go before anything else is written, so an error stands alone and readable.
  run.tracker.close();
  if (error !== undefined) printError(name, error, io.err, debug);
  if (flags.json) printJson(run, io.out, code, error);
  return code;
}

function parseOptions(name: string, cmd: Command, rest: string[]): Record<string, string | boolean | undefined> {
  const options: ParseArgsConfig['options'] = { debug: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, quiet: { type: 'boolean' }, json: { type: 'boolean' } };
  for (const [k, o] of Object.entries(cmd.options)) options[k] = { type: o.type };
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options, strict: true, allowPositionals: cmd.actions !== undefined }) as { values: Record<string, string | boolean | undefined>; positionals: string[] });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}`, { hint: `run 'regreport ${name} --help' for the options` });
  }
  if (values.help) return values;
  // A command with actions takes one first word (`cache list`), passed on as values.action.
  if (cmd.actions) {
    if (positionals.length !== 1 || !cmd.actions.includes(positionals[0]!)) {
      throw new UsageError(`regreport ${name} needs one of: ${cmd.actions.join(', ')}`, { hint: `usage: regreport ${name} ${cmd.usage}` });
    }
    values.action = positionals[0];
  }
  for (const [k, o] of Object.entries(cmd.options)) {
    if (o.required && values[k] === undefined) {
      throw new UsageError(`--${k} is required`, { hint: `usage: regreport ${name} ${cmd.usage}` });
    }
  }
  return values;
}

function printError(name: string, e: unknown, err: NodeJS.WritableStream, debug: boolean): void {
  if (e instanceof InputError) {
    err.write(`regreport ${name}: ${e.format()}\n`);
    return;
  }
  err.write(`regreport ${name}: internal error: ${visible(String((e as Error)?.message ?? e))}\n`);
  if (debug) err.write(`${(e as Error).stack}\n`);
  else err.write('  run again with --debug for details, and report it with the command you ran\n');
}

function statusOf(code: number, error: unknown): Status {
  if (error === undefined) return code === EXIT.ok ? 'ok' : 'changed';
  return error instanceof InputError ? 'bad_input' : 'internal_error';
}

function printJson(run: Run, out: NodeJS.WritableStream, code: number, error: unknown): void {
  const doc = run.summary.toJson({ status: statusOf(code, error), exitCode: code, error, steps: run.tracker.steps, totalMs: run.io.elapsed() });
  out.write(`${JSON.stringify(doc, null, 2)}\n`);
}
