import { equalBytes } from "@noble/curves/utils.js";
import type { PreparedCertificate } from "../messages/createMessage.ts";
import type { CommitPayload, PreparePayload, ProposalMessage, Signed } from "../messages/types.ts";
import type { Address } from "../types.ts";
import { commitMatches } from "../validation/validateCommit.ts";

/** What one validator has seen in one round: the accepted proposal and one PREPARE and COMMIT per sender. */
export class RoundState {
  readonly round: number;
  proposal: ProposalMessage | undefined;
  commitSent = false;
  private readonly prepares = new Map<Address, Signed<PreparePayload>>();
  private readonly commits = new Map<Address, Signed<CommitPayload>>();

  constructor(round: number) {
    this.round = round;
  }

  /** Keeps the first PREPARE of each sender; false if the sender already had one here. */
  addPrepare(prepare: Signed<PreparePayload>): boolean {
    if (this.prepares.has(prepare.author)) return false;
    this.prepares.set(prepare.author, prepare);
    return true;
  }

  /** Keeps the first COMMIT of each sender; false if the sender already had one here. */
  addCommit(commit: Signed<CommitPayload>): boolean {
    if (this.commits.has(commit.author)) return false;
    this.commits.set(commit.author, commit);
    return true;
  }

  /** PREPAREs that match the accepted proposal's digest. */
  matchingPrepares(): Signed<PreparePayload>[] {
    const digest = this.proposal?.signed.payload.block.digest;
    if (!digest) return [];
    return [...this.prepares.values()].filter((p) => equalBytes(p.payload.digest, digest));
  }

  /** COMMITs that match the accepted proposal's digest. */
  matchingCommits(): Signed<CommitPayload>[] {
    const digest = this.proposal?.signed.payload.block.digest;
    if (!digest) return [];
    return [...this.commits.values()].filter((c) => commitMatches(c, digest));
  }

  /** The prepared certificate of this round if it has a proposal and a quorum of matching PREPAREs. */
  preparedCertificate(quorum: number): PreparedCertificate | undefined {
    const prepares = this.matchingPrepares();
    if (!this.proposal || prepares.length < quorum) return undefined;
    return { round: this.round, block: this.proposal.signed.payload.block, prepares };
  }
}
