// Time helpers: one monotonic clock in microseconds for latencies and the stamps carried in broadcast payloads.
import { performance } from "node:perf_hooks";

export const nowMicros = () => Math.floor(performance.now() * 1000);

export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
