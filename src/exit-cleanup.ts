// Cleanups that must run however the process ends short of SIGKILL: on SIGINT, SIGTERM and SIGHUP
// (then exit 128 + signal number, as a shell reports it) and on process.exit from anywhere, such as
// Puppeteer's own SIGINT handler. Each is synchronous, since nothing asynchronous runs after 'exit'.

const cleanups = new Set<() => void>();
const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

/** Last registered, first run: a child writing into a staging folder is stopped before the folder goes. */
function runAll(): void {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    try {
      fn();
    } catch {
      // best effort: the next run removes what is left
    }
  }
}

const onSignal = (signal: NodeJS.Signals) => {
  runAll();
  process.exit(128 + SIGNALS[signal as keyof typeof SIGNALS]);
};

function install(): void {
  for (const s of Object.keys(SIGNALS)) process.on(s, onSignal);
  process.on('exit', runAll);
}

function uninstall(): void {
  for (const s of Object.keys(SIGNALS)) process.off(s, onSignal);
  process.off('exit', runAll);
}

/** Registers `fn` until the returned function is called (which does not run it). */
export function onAbort(fn: () => void): () => void {
  if (cleanups.size === 0) install();
  cleanups.add(fn);
  return () => {
    cleanups.delete(fn);
    if (cleanups.size === 0) uninstall();
  };
}
