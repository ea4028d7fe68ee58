// CPU time used by a process and all its descendants, from Linux's /proc (utime + stime), so a bench
// can say where a scenario's time went: PostgreSQL's postmaster and its backends, a server child.
// Throughput on this 2-core machine swings by ±20 % from run to run; CPU per unit of work does not.
import { existsSync, readdirSync, readFileSync } from "node:fs";

// Linux counts these times in clock ticks of 1/100 s on x86 and arm64 (USER_HZ).
const MS_PER_TICK = 10;

function readStat(pid: string): { ppid: number; ticks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces), from field 3: state, ppid, … utime (14),
    // stime (15), cutime (16), cstime (17). The last two hold the children it has reaped: a backend or
    // autovacuum worker that ends within the window still counts, in its parent.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch {
    return null; // the process ended between listing and reading
  }
}

/** Milliseconds of CPU used so far by `rootPid` and its descendants, ended ones included; null where
 *  /proc is not there. */
export function treeCpuMs(rootPid: number): number | null {
  if (!existsSync("/proc/self/stat")) return null;
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(name);
    if (s) stats.set(Number(name), s);
  }
  if (!stats.has(rootPid)) return null;
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = stats.get(p)?.ppid) if (p === rootPid) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, s] of stats) if (inTree(pid)) ticks += s.ticks;
  return ticks * MS_PER_TICK;
}

/** The postmaster of a local PostgreSQL data directory (its postmaster.pid), or null. */
export function postmasterPid(dataDir: string): number | null {
  try {
    return Number(readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]) || null;
  } catch {
    return null;
  }
}
