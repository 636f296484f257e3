// Reads a process's CPU time from /proc/<pid>/stat (utime + stime, in clock ticks) and its resident set from
// /proc/<pid>/status (VmRSS): the same figures, read the same way, as the C# load generator's ProcessProbe; a
// cluster's servers are probed together (their CPU and resident sets added up).
import { readFileSync } from "node:fs";

// Clock ticks per second on Linux (`getconf CLK_TCK`); 100 on every mainstream kernel.
const ticksPerSecond = 100;

export class ProcessProbe {
  constructor(pids) {
    this.pids = pids;
  }

  /** User plus system CPU seconds consumed so far, by all the processes. */
  cpuSeconds() {
    return this.pids.reduce((sum, pid) => {
      const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
      // The command name may contain spaces and parentheses: fields are counted after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields[0] is field 3 (state); utime is field 14, stime field 15.
      return sum + (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    }, 0);
  }

  /** The resident sets in KiB, added up, or -1. */
  rssKiB() {
    let sum = 0;
    for (const pid of this.pids) {
      const match = /^VmRSS:\s*(\d+)\s*kB/m.exec(readFileSync(`/proc/${pid}/status`, "latin1"));
      if (!match) {
        return -1;
      }
      sum += Number(match[1]);
    }
    return sum;
  }
}
