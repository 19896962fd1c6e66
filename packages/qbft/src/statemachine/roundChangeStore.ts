import type { RoundChangeMessage } from "../messages/types.ts";
import type { Address } from "../types.ts";

/** Valid ROUND-CHANGE messages of one height: one per (round, sender), a bounded number of rounds per sender. */
export class RoundChangeStore {
  private readonly byRound = new Map<number, Map<Address, RoundChangeMessage>>();
  private readonly roundsBySender = new Map<Address, number[]>();
  private readonly roundsPerSender: number;

  constructor(roundsPerSender: number) {
    this.roundsPerSender = roundsPerSender;
  }

  /** Stores a message; false if its sender already has one for that round or it is below the sender's kept window. */
  add(message: RoundChangeMessage): boolean {
    const { author } = message.signed;
    const { round } = message.signed.payload;
    const rounds = this.byRound.get(round) ?? new Map<Address, RoundChangeMessage>();
    if (rounds.has(author)) return false;
    const senderRounds = this.roundsBySender.get(author) ?? [];
    if (senderRounds.length >= this.roundsPerSender && round < senderRounds[0]!) return false;
    rounds.set(author, message);
    this.byRound.set(round, rounds);
    senderRounds.push(round);
    senderRounds.sort((a, b) => a - b);
    // A sender only ever needs its highest rounds kept; evicting the lowest bounds memory per sender.
    while (senderRounds.length > this.roundsPerSender)
      this.byRound.get(senderRounds.shift()!)?.delete(author);
    this.roundsBySender.set(author, senderRounds);
    return true;
  }

  /** Messages for one round, in arrival order. */
  forRound(round: number): RoundChangeMessage[] {
    return [...(this.byRound.get(round)?.values() ?? [])];
  }

  /**
   * The spec's catch-up rule: if at least `needed` senders asked for rounds above `current`, the
   * lowest round among some `needed` of them. Taking each sender's highest round and the
   * `needed`-th highest of those picks the highest round that such a set justifies.
   */
  catchUpRound(current: number, needed: number): number | undefined {
    const highest: number[] = [];
    for (const rounds of this.roundsBySender.values()) {
      const top = rounds[rounds.length - 1];
      if (top !== undefined && top > current) highest.push(top);
    }
    if (highest.length < needed) return undefined;
    highest.sort((a, b) => b - a);
    return highest[needed - 1];
  }
}
