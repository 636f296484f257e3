// Reads a process's CPU time from /proc/<pid>/stat (utime + stime, in clock ticks) and its resident set from
// /proc/<pid>/status (VmRSS): the same figures, read the same way, as the C# load generator's ProcessProbe.
import { readFileSync } from "node:fs";

// Clock ticks per second on Linux (`getconf CLK_TCK`); 100 on every mainstream kernel.
const ticksPerSecond = 100;

export class ProcessProbe {
  constructor(pid) {
    this.pid = pid;
  }

  /** User plus system CPU seconds consumed so far. */
  cpuSeconds() {
    const stat = readFileSync(`/proc/${this.pid}/stat`, "latin1");
    // The command name may contain spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  }

  /** The resident set in KiB, or -1. */
  rssKiB() {
    const match = /^VmRSS:\s*(\d+)\s*kB/m.exec(readFileSync(`/proc/${this.pid}/status`, "latin1"));
    return match ? Number(match[1]) : -1;
  }
}
