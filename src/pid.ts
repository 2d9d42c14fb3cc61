// Is a process still running? For locks and leftovers of killed runs, which carry their pid.

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, but belongs to another user
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
