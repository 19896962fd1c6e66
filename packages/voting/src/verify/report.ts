import { VotingError, type VotingErrorCode } from "../errors.ts";

/** One finding of a verification step. */
export interface Finding {
  code: VotingErrorCode;
  message: string;
}

/** The outcome of one verification step. */
export interface StepResult {
  id: string;
  title: string;
  status: "pass" | "fail";
  /** How many items the step checked (proofs, ballots, …). */
  checked: number;
  /** Total number of failures; `findings` lists at most MAX_FINDINGS of them. */
  failures: number;
  findings: Finding[];
}

/** The verifier's answer: every step and the final verdict. */
export interface VerificationReport {
  verdict: "valid" | "invalid";
  steps: StepResult[];
  /** The first step that failed, if any. */
  firstFailure: StepResult | undefined;
}

const MAX_FINDINGS = 10;

/** Collects one step's findings. */
export class Step {
  readonly result: StepResult;
  constructor(id: string, title: string) {
    this.result = { id, title, status: "pass", checked: 0, failures: 0, findings: [] };
  }
  /** Counts checked items. */
  check(n = 1): void {
    this.result.checked += n;
  }
  /** Records a failure. */
  fail(code: VotingErrorCode, message: string): void {
    this.result.status = "fail";
    this.result.failures++;
    if (this.result.findings.length < MAX_FINDINGS) this.result.findings.push({ code, message });
  }
  /** Adds another step's counts and findings after this one's (the findings list stays capped). */
  append(other: Step): void {
    const o = other.result;
    this.result.checked += o.checked;
    if (o.status === "fail") this.result.status = "fail";
    this.result.failures += o.failures;
    for (const f of o.findings) if (this.result.findings.length < MAX_FINDINGS) this.result.findings.push(f);
  }
  /** Runs `fn`, turning a thrown VotingError into a finding (other errors become encoding findings). */
  guard<T>(where: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      if (err instanceof VotingError) this.fail(err.code, `${where}: ${err.message}`);
      else this.fail("VOTING_ENCODING_INVALID", `${where}: malformed (${(err as Error).message})`);
      return undefined;
    }
  }
}

/** Renders a report as the step-by-step text the CLI prints. */
export function formatReport(report: VerificationReport): string {
  const lines: string[] = [];
  for (const s of report.steps) {
    const mark = s.status === "pass" ? "PASS" : "FAIL";
    lines.push(
      `${mark}  ${s.id.padEnd(4)} ${s.title} (${s.checked} checked${s.failures ? `, ${s.failures} failed` : ""})`,
    );
    for (const f of s.findings) lines.push(`        ${f.code}: ${f.message}`);
    if (s.failures > s.findings.length) lines.push(`        … and ${s.failures - s.findings.length} more`);
  }
  lines.push("");
  lines.push(
    report.verdict === "valid"
      ? "VERDICT: VALID — every check of the election record passed."
      : `VERDICT: INVALID — first failure at ${report.firstFailure?.id} (${report.firstFailure?.title}).`,
  );
  return lines.join("\n");
}
