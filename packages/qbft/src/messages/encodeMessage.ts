import { RLP } from "@ethereumjs/rlp";
import type { RlpItem } from "../rlpScalars.ts";
import type { BlockCodec } from "./blockCodec.ts";
import { commitRlp, NO_BLOCK_ACCESS_LIST, prepareRlp, proposalRlp, roundChangeRlp } from "./payloadRlp.ts";
import { type EncodedQbftMessage, MessageCode, type QbftMessage, type Signed } from "./types.ts";

function signedRlp<P>(signed: Signed<P>, payloadRlp: (p: P) => RlpItem): RlpItem {
  return [payloadRlp(signed.payload), signed.signature];
}

/** Encodes a message in Besu's QBFT wire format (see README, "Wire format"). */
export function encodeMessage(message: QbftMessage, codec: BlockCodec): EncodedQbftMessage {
  switch (message.type) {
    case "PREPARE":
      return { code: MessageCode.PREPARE, data: RLP.encode(signedRlp(message.signed, prepareRlp)) };
    case "COMMIT":
      return { code: MessageCode.COMMIT, data: RLP.encode(signedRlp(message.signed, commitRlp)) };
    case "ROUND_CHANGE":
      return {
        code: MessageCode.ROUND_CHANGE,
        data: RLP.encode([
          signedRlp(message.signed, roundChangeRlp),
          message.preparedBlock ? codec.toRlp(message.preparedBlock) : [],
          NO_BLOCK_ACCESS_LIST,
          message.prepares.map((p) => signedRlp(p, prepareRlp)),
        ]),
      };
    case "PROPOSAL":
      return {
        code: MessageCode.PROPOSAL,
        data: RLP.encode([
          signedRlp(message.signed, (p) => proposalRlp(p, codec)),
          [
            message.roundChanges.map((rc) => signedRlp(rc, roundChangeRlp)),
            message.prepares.map((p) => signedRlp(p, prepareRlp)),
          ],
        ]),
      };
  }
}
