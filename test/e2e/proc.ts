// Child processes of the CLI, from /proc (Linux): started as a separate process, killed, and looked for.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly name: string;
  /** R, S, D, Z (zombie: exited, not yet reaped) … */
  readonly state: string;
}

export function processes(): Proc[] {
  const out: Proc[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      // "pid (name) state ppid pgrp …"; the name may hold spaces and parentheses.
      const close = stat.lastIndexOf(')');
      const [state, ppid, pgid] = stat.slice(close + 2).split(' ');
      out.push({ pid: Number(e), ppid: Number(ppid), pgid: Number(pgid), name: stat.slice(stat.indexOf('(') + 1, close), state: state ?? '' });
    } catch {
      // gone between readdir and read
    }
  }
  return out;
}

/** Every process below `root`, and every process in their own process groups (Chromium starts its own). */
export function descendants(root: number): Proc[] {
  const all = processes();
  const found = new Map<number, Proc>();
  let frontier = [root];
  while (frontier.length) {
    const next = all.filter((p) => frontier.includes(p.ppid) && !found.has(p.pid));
    for (const p of next) found.set(p.pid, p);
    frontier = next.map((p) => p.pid);
  }
  // The root's own group is the test runner's (the CLI is not started detached): a child that stays in
  // it (qpdf) must not pull in every other process of the test run.
  const rootGroup = all.find((p) => p.pid === root)?.pgid;
  const groups = new Set([...found.values()].map((p) => p.pgid).filter((g) => g !== rootGroup));
  for (const p of all) if (groups.has(p.pgid) && p.pid !== root) found.set(p.pid, p);
  return [...found.values()];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` every 20 ms; false when it did not hold within `ms`. */
export async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(20);
  }
  return cond();
}

/** The compiled CLI as a separate process. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['bin/regreport.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Those of `pids` that still run (a zombie has exited). */
export function running(pids: readonly number[]): number[] {
  const live = new Set(processes().filter((p) => p.state !== 'Z').map((p) => p.pid));
  return pids.filter((p) => live.has(p));
}
