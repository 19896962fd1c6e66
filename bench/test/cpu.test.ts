import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { cpuUse, parentOfStat, sampleCpu, ticksOfStat, withDescendants } from "../cpu.ts";

test("a /proc stat line's user and system ticks are read after the command name, whatever it holds", () => {
  const fields = "S 1 2 3 4 5 6 7 8 9 10 250 37 0 0 20 0 9 0 100";
  assert.equal(ticksOfStat(`4242 (node) ${fields}`), 287);
  // A command name with spaces and a closing parenthesis of its own.
  assert.equal(ticksOfStat(`4242 (we (ird) name) ${fields}`), 287);
  assert.throws(() => ticksOfStat("no command name here"), /not a \/proc stat line/);
  assert.throws(() => ticksOfStat("1 (x) S 1 2"), /not a \/proc stat line/);
});

test("CPU use is the difference of two samples, per transaction", () => {
  const use = cpuUse({ process: 10, main: 4 }, { process: 13, main: 6 }, 2000);
  assert.deepEqual(use, {
    processSeconds: 3,
    mainSeconds: 2,
    processMicrosPerTx: 1500,
    mainMicrosPerTx: 1000,
  });
  assert.equal(cpuUse(undefined, { process: 1, main: 1 }, 10), undefined);
  assert.equal(cpuUse({ process: 1, main: 1 }, { process: 2, main: 2 }, 0), undefined);
});

test("this process's own CPU time grows with work it does, and a missing process gives no sample", (t) => {
  if (process.platform !== "linux") {
    t.skip("reads /proc: Linux only");
    return;
  }
  const before = sampleCpu([process.pid]);
  assert.ok(before, "a sample of this process");
  // Spin until this thread has used 200 ms of CPU by Node's own count (however busy the machine).
  const start = process.threadCpuUsage();
  let spin = 0;
  for (;;) {
    spin++;
    const used = process.threadCpuUsage(start);
    if (used.user + used.system >= 200_000) break;
  }
  const after = sampleCpu([process.pid])!;
  assert.ok(spin > 0);
  // /proc counts in clock ticks (10 ms): 200 ms shows as at least 190.
  assert.ok(
    after.main - before.main >= 0.19,
    `main thread used ${after.main - before.main} s for 0.2 s spun`,
  );
  assert.ok(after.process >= after.main);
  assert.equal(sampleCpu([2 ** 22 + 12345]), undefined);
});

test("a process's CPU time includes its descendants' (anvil's launcher and the binary it starts)", async (t) => {
  if (process.platform !== "linux") {
    t.skip("reads /proc: Linux only");
    return;
  }
  assert.equal(parentOfStat(`4242 (we (ird) name) S 17 2 3`), 17);
  assert.throws(() => parentOfStat("no command name here"), /not a \/proc stat line/);
  // A shell whose child spins for 300 ms of its main thread's CPU (the thread's own clock: the
  // process's would count start-up threads too), then sleeps: the shell itself uses next to none
  // (the `; true` after the command keeps the shell from replacing itself with it).
  const spin =
    "const s = process.threadCpuUsage(); while (process.threadCpuUsage(s).user + process.threadCpuUsage(s).system < 300000); setTimeout(() => {}, 30000)";
  const shell = spawn("sh", ["-c", `"${process.execPath}" -e '${spin}'; true`], { stdio: "ignore" });
  t.after(() => {
    for (const pid of withDescendants([shell.pid!])) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
  });
  const before = sampleCpu([shell.pid!])!;
  assert.ok(before, "a sample of the shell");
  // Wait until the child has done its spinning (the tree's main threads reach 0.3 s).
  let after = before;
  for (let i = 0; i < 200 && after.main - before.main < 0.29; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    after = sampleCpu([shell.pid!])!;
  }
  assert.equal(withDescendants([shell.pid!]).length, 2, "the shell and its child");
  assert.ok(after.process - before.process >= 0.29, `tree used ${after.process - before.process} s`);
  assert.ok(after.main - before.main >= 0.29, "the child's main thread spun");
  const shellAlone = ticksOfStat(readFileSync(`/proc/${shell.pid}/stat`, "utf8"));
  assert.ok(shellAlone < 20, `the shell alone used ${shellAlone} ticks`);
});
