// `civitas admin`: administration changes of the identity registry, by a quorum of network admins.

import { AdminAction } from "@civitas/contracts";
import {
  type AdminActionName,
  encodeAdminArgument,
  encodeAdminSubject,
  identifierToString,
  type Proposal,
} from "@civitas/sdk";
import { type Hex, hexToBigInt, isHex, size } from "viem";
import { CliError, type Command } from "../command.ts";
import { runSubcommand } from "../subcommands.ts";
import { parse, str } from "./pki-cli.ts";
import { CONNECTION_OPTIONS, connect, registryCommand, SENDER_HELP, SENDER_OPTIONS } from "./registry-cli.ts";

const ACTIONS = Object.keys(AdminAction) as AdminActionName[];

const USAGE = `usage:
  civitas admin propose ACTION SUBJECT [ARGUMENT] --key FILE --rpc URL
      proposes an administration change (the proposer's approval counts); ACTION and SUBJECT:
        ADD_ORGANISATION ID [PARENT]     REMOVE_ORGANISATION ID
        GRANT_ADMIN ADDR                 REVOKE_ADMIN ADDR
        ADD_REGISTRAR ADDR               REMOVE_REGISTRAR ADDR
        SET_QUORUM N                     ADD_ISSUER FINGERPRINT   REMOVE_ISSUER FINGERPRINT
  civitas admin approve ID --key FILE --rpc URL
      approves a proposal, and executes it when the approvals reach the quorum
  civitas admin execute ID --key FILE --rpc URL
      executes a proposal that has its quorum (refused with QuorumNotReached otherwise)
  civitas admin show ID --rpc URL
      what a proposal does, who approved it, whether it was executed

${SENDER_HELP}`;

function proposalId(positionals: string[]): Hex {
  const id = positionals[0];
  if (id === undefined) throw new CliError(`missing the proposal id\n\n${USAGE}`, 2);
  const hex = id.startsWith("0x") ? id : `0x${id}`;
  if (!isHex(hex) || size(hex) !== 32)
    throw new CliError(`proposal id must be 32 bytes of hex, got '${id}'`, 2);
  return hex.toLowerCase() as Hex;
}

/** A proposal's subject as people wrote it. */
function describeSubject(action: AdminActionName, subject: Hex): string {
  switch (action) {
    case "ADD_ORGANISATION":
    case "REMOVE_ORGANISATION":
      return identifierToString(subject);
    case "SET_QUORUM":
      return hexToBigInt(subject).toString();
    case "ADD_ISSUER":
    case "REMOVE_ISSUER":
      return subject;
    default:
      return `0x${subject.slice(-40)}`;
  }
}

function printProposal(p: Proposal): void {
  const argument = /^0x0+$/.test(p.argument) ? "" : ` ${identifierToString(p.argument)}`;
  console.log(`proposal   ${p.id}`);
  console.log(`action     ${p.action} ${describeSubject(p.action, p.subject)}${argument}`);
  console.log(`proposer   ${p.proposer}`);
  console.log(`approvals  ${p.approvals} of ${p.quorum} (${p.approvers.join(", ")})`);
  console.log(`executed   ${p.executed ? "yes" : "no"}`);
}

async function propose(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, SENDER_OPTIONS, USAGE);
  const [actionText, subject, argument, ...extra] = positionals;
  if (actionText === undefined || subject === undefined)
    throw new CliError(`missing ACTION and SUBJECT\n\n${USAGE}`, 2);
  if (extra.length > 0) throw new CliError(`unexpected arguments: ${extra.join(" ")}\n\n${USAGE}`, 2);
  const action = actionText.toUpperCase() as AdminActionName;
  if (!ACTIONS.includes(action))
    throw new CliError(`unknown action '${actionText}' (one of ${ACTIONS.join(", ")})`, 2);
  try {
    encodeAdminSubject(action, subject);
    encodeAdminArgument(action, argument);
  } catch (err) {
    throw new CliError(`${action}: ${(err as Error).message}`, 2);
  }
  return registryCommand(`admin propose ${action}`, async () => {
    const client = await connect(values, USAGE, true);
    const { proposalId: id, hash } = await client.proposeAdminChange({ action, subject, argument });
    const p = await client.getProposal({ id });
    console.log(`proposal ${id}: ${action} ${subject}${argument ? ` ${argument}` : ""} (tx ${hash})`);
    console.log(`approvals: ${p?.approvals ?? 1n} of ${p?.quorum ?? "?"}`);
    console.log(
      `next: other network admins run  civitas admin approve ${id} --key <admin key> --rpc ${str(values, "rpc")}`,
    );
    return 0;
  });
}

async function approve(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, SENDER_OPTIONS, USAGE);
  const id = proposalId(positionals);
  return registryCommand(`admin approve ${id}`, async () => {
    const client = await connect(values, USAGE, true);
    const r = await client.approveAndExecute({ id });
    console.log(
      r.approveHash === undefined
        ? `already approved by ${client.account?.address}`
        : `approved by ${client.account?.address} (tx ${r.approveHash})`,
    );
    if (r.executed) console.log(`approvals ${r.approvals} of ${r.quorum}: executed (tx ${r.executeHash})`);
    else console.log(`approvals ${r.approvals} of ${r.quorum}: waiting for ${r.quorum - r.approvals} more`);
    return 0;
  });
}

async function execute(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, SENDER_OPTIONS, USAGE);
  const id = proposalId(positionals);
  return registryCommand(`admin execute ${id}`, async () => {
    const client = await connect(values, USAGE, true);
    const { hash } = await client.executeProposal({ id });
    console.log(`executed (tx ${hash})`);
    return 0;
  });
}

async function show(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, CONNECTION_OPTIONS, USAGE);
  const id = proposalId(positionals);
  return registryCommand(`admin show ${id}`, async () => {
    const client = await connect(values, USAGE, false);
    const p = await client.getProposal({ id });
    if (p === undefined) throw new CliError(`no proposal ${id}`);
    printProposal(p);
    return 0;
  });
}

export const command: Command = {
  name: "admin",
  summary: "propose, approve and inspect identity-registry administration changes (quorum of admins)",
  run: (args) => runSubcommand("admin", USAGE, { propose, approve, execute, show }, args),
};
