/**
 * CPU time of the platform's processes, read from Linux's /proc: where a benchmark's cycles went (engine,
 * api, workers, PostgreSQL, the driver itself). Elsewhere it reports nothing rather than guess.
 */
import fs from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** The fields of a /proc stat file after the command name, and the name (of a process, or a thread under task/). */
function statFields(file: string): { name: string; fields: string[] } | undefined {
  try {
    const raw = fs.readFileSync(file, 'utf8');
    // the command name (field 2) may hold spaces: split after its closing parenthesis
    return { name: raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')')), fields: raw.slice(raw.lastIndexOf(')') + 2).split(' ') };
  } catch {
    return undefined;
  }
}

/** CPU milliseconds of a process so far; with `children`, also its live and exited children (PostgreSQL backends). */
export function cpuMs(pid: number | undefined, children = false): number | undefined {
  if (!pid) return undefined;
  const f = statFields(`/proc/${pid}/stat`)?.fields;
  if (!f) return undefined;
  // after the name: [0] state, [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime
  let ticks = Number(f[11]) + Number(f[12]);
  if (children) {
    ticks += Number(f[13]) + Number(f[14]);
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const c = statFields(`/proc/${entry}/stat`)?.fields;
      if (c && Number(c[1]) === pid) ticks += Number(c[11]) + Number(c[12]);
    }
  }
  return ticks * TICK_MS;
}

/**
 * CPU milliseconds of a JVM's compiler (JIT) and garbage-collector threads so far, from /proc/<pid>/task
 * (thread names as HotSpot sets them: "C2 CompilerThre", "C1 CompilerThre", "GC Thread#0", "VM Thread"...).
 * A thread that ended took its time with it; the JVM's compiler and collector threads live as long as it.
 */
export function jvmThreadsCpuMs(pid: number | undefined): { jit: number; gc: number } | undefined {
  if (!pid) return undefined;
  let jit = 0;
  let gc = 0;
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const t = statFields(`/proc/${pid}/task/${tid}/stat`);
      if (!t) continue;
      const { name, fields: f } = t;
      const ms = (Number(f[11]) + Number(f[12])) * TICK_MS;
      if (/^C[12] CompilerThre/.test(name)) jit += ms;
      else if (/^(GC Thread|G1 |VM Thread|GC |ParGC|Parallel)/.test(name)) gc += ms;
    }
  } catch {
    return undefined;
  }
  return { jit, gc };
}

/**
 * The CPU milliseconds so far of each child of a process (PostgreSQL's backends), with what its command line
 * says it serves: `postgres: [<cluster>: ]<user> <database> <client> <state>` for a backend, the process's task for the
 * rest (walwriter, checkpointer, autovacuum...), grouped as `background`.
 */
function childrenCpu(pid: number): Map<number, { group: string; ms: number }> {
  const out = new Map<number, { group: string; ms: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const c = statFields(`/proc/${entry}/stat`)?.fields;
    if (!c || Number(c[1]) !== pid) continue;
    let cmd: string;
    try {
      cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    const backend = /^postgres: (?:\S+: )?\S+ (\S+) (\[local\]|\S+\(\d+\))/.exec(cmd);
    out.set(Number(entry), { group: backend ? backend[1]! : 'background', ms: (Number(c[11]) + Number(c[12])) * TICK_MS });
  }
  return out;
}

/** Samples named processes at two moments and reports the difference. */
export class CpuMeter {
  private start = new Map<string, number | undefined>();
  private jvmStart = new Map<string, { jit: number; gc: number } | undefined>();
  private childrenStart = new Map<string, Map<number, { group: string; ms: number }>>();
  private readonly procs: Record<string, { pid: number | undefined; children?: boolean; jvm?: boolean }>;
  constructor(procs: Record<string, { pid: number | undefined; children?: boolean; jvm?: boolean }>) {
    this.procs = procs;
  }

  begin(): void {
    for (const [name, p] of Object.entries(this.procs)) {
      this.start.set(name, cpuMs(p.pid, p.children));
      if (p.jvm) this.jvmStart.set(name, jvmThreadsCpuMs(p.pid));
      if (p.children && p.pid) this.childrenStart.set(name, childrenCpu(p.pid));
    }
    this.start.set('driver', process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000);
  }

  /** Of a JVM's CPU since `begin()`: its compiler (JIT) and garbage-collector threads' milliseconds. */
  jvmEnd(): Record<string, { jit: number; gc: number }> {
    const out: Record<string, { jit: number; gc: number }> = {};
    for (const [name, a] of this.jvmStart) {
      const b = jvmThreadsCpuMs(this.procs[name]?.pid);
      if (a && b) out[name] = { jit: b.jit - a.jit, gc: b.gc - a.gc };
    }
    return out;
  }

  /**
   * Of a process measured with its children since `begin()`: their milliseconds by what they serve (PostgreSQL:
   * by database), and `ended` for children that ended meanwhile or whose start was not seen (the rest of the total).
   */
  childrenEnd(name: string, total: number | undefined): Record<string, number> {
    const a = this.childrenStart.get(name);
    const pid = this.procs[name]?.pid;
    if (!a || !pid || total === undefined) return {};
    const out: Record<string, number> = {};
    for (const [child, b] of childrenCpu(pid)) out[b.group] = (out[b.group] ?? 0) + b.ms - (a.get(child)?.ms ?? 0);
    const seen = Object.values(out).reduce((x, y) => x + y, 0);
    if (total - seen > 0) out.ended = total - seen;
    return out;
  }

  /** CPU milliseconds spent by each process since `begin()`. */
  end(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, p] of Object.entries(this.procs)) {
      const a = this.start.get(name);
      const b = cpuMs(p.pid, p.children);
      if (a !== undefined && b !== undefined) out[name] = b - a;
    }
    const u = process.cpuUsage();
    out.driver = u.user / 1000 + u.system / 1000 - this.start.get('driver')!;
    return out;
  }
}

export function formatCpu(spent: Record<string, number>, items: number): string {
  const total = Object.values(spent).reduce((a, b) => a + b, 0);
  return `${(total / items).toFixed(0)} ms per item (${Object.entries(spent)
    .map(([k, v]) => `${k} ${(v / items).toFixed(0)}`)
    .join(', ')})`;
}
