// Command line: argv → one command → exit code (0 done, 1 changed/internal error, 2 bad input or usage).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, InputError, visible } from '../errors.js';
import { VERSION } from '../paths.js';
import { COMMANDS, type Command, type Io } from './commands.js';

export class UsageError extends InputError {}

function helpText(name: string, cmd: Command): string {
  const opts = Object.entries(cmd.options).map(([k, o]) => {
    const flag = `--${k}${o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : ''}`;
    return `  ${flag.padEnd(26)} ${o.help}`;
  });
  return [`regreport ${name}: ${cmd.summary}`, '', `usage: regreport ${name} ${cmd.usage}`, '', 'options:', ...opts, `  ${'--debug'.padEnd(26)} show stack traces of internal errors`, `  ${'--help'.padEnd(26)} this text`, ...(cmd.details ? ['', cmd.details] : [])].join('\n');
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
    '(check) or internal error, 2 bad input or usage.',
  ].join('\n');
}

export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
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
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err.write(`regreport: unknown command '${name}'\n\n${mainHelp()}\n`);
    return EXIT.input;
  }
  try {
    const options: ParseArgsConfig['options'] = { debug: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
    for (const [k, o] of Object.entries(cmd.options)) options[k] = { type: o.type };
    let values: Record<string, string | boolean | undefined>;
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({ args: rest, options, strict: true, allowPositionals: cmd.actions !== undefined }) as { values: Record<string, string | boolean | undefined>; positionals: string[] });
    } catch (e) {
      throw new UsageError(`${(e as Error).message}`, { hint: `run 'regreport ${name} --help' for the options` });
    }
    if (cmd.actions && !values.help) {
      if (positionals.length !== 1 || !cmd.actions.includes(positionals[0]!)) {
        throw new UsageError(`regreport ${name} needs one of: ${cmd.actions.join(', ')}`, { hint: `usage: regreport ${name} ${cmd.usage}` });
      }
      values.action = positionals[0];
    }
    if (values.help) {
      io.out.write(helpText(name, cmd) + '\n');
      return EXIT.ok;
    }
    for (const [k, o] of Object.entries(cmd.options)) {
      if (o.required && values[k] === undefined) {
        throw new UsageError(`--${k} is required`, { hint: `usage: regreport ${name} ${cmd.usage}` });
      }
    }
    return await cmd.run(values, io);
  } catch (e) {
    if (e instanceof InputError) {
      io.err.write(`regreport ${name}: ${e.format()}\n`);
      return EXIT.input;
    }
    io.err.write(`regreport ${name}: internal error: ${visible(String((e as Error)?.message ?? e))}\n`);
    if (debug) io.err.write(`${(e as Error).stack}\n`);
    else io.err.write('  run again with --debug for details, and report it with the command you ran\n');
    return EXIT.internal;
  }
}
