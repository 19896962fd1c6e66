// `civitas org`: organisations of the identity registry (added by an admin proposal) and their roles.
import { identifierToString, toIdentifier } from "@civitas/sdk";
import { CliError, type Command } from "../command.ts";
import { runSubcommand } from "../subcommands.ts";
import { parse, required, str } from "./pki-cli.ts";
import { CONNECTION_OPTIONS, connect, registryCommand, SENDER_HELP, SENDER_OPTIONS } from "./registry-cli.ts";

const USAGE = `usage:
  civitas org add --id ID [--parent ID] --key FILE --rpc URL
      proposes a new organisation (a network admin's proposal: other admins approve it with
      \`civitas admin approve\`, which executes it once the quorum is reached)
  civitas org role --org ID --role ID --level READ|TRANSACT|DEPLOY
                   --min-assurance LOW|SUBSTANTIAL|QUALIFIED --key FILE --rpc URL
      defines (or redefines) a role of an organisation (a registrar's transaction)
  civitas org show ID --rpc URL
      the organisation's parent, sub-organisations and members

Identifiers are short names such as bilbao.urbanism (up to 32 bytes) or 0x + 64 hex digits.

${SENDER_HELP}`;

const LEVELS = ["READ", "TRANSACT", "DEPLOY"] as const;
const ASSURANCES = ["LOW", "SUBSTANTIAL", "QUALIFIED"] as const;

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  const upper = value.toUpperCase();
  if (!(allowed as readonly string[]).includes(upper))
    throw new CliError(`--${option} must be one of ${allowed.join(", ")}, got '${value}'`, 2);
  return upper as T;
}

/** A usage error (exit 2) for an identifier that does not fit in bytes32. */
function identifier(value: string, option: string): string {
  try {
    toIdentifier(value);
  } catch (err) {
    throw new CliError(`--${option}: ${(err as Error).message}`, 2);
  }
  return value;
}

async function add(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    { ...SENDER_OPTIONS, id: { type: "string" }, parent: { type: "string" } },
    USAGE,
  );
  const id = identifier(required(values, "id", USAGE), "id");
  const parentText = str(values, "parent");
  const parent = parentText === undefined ? undefined : identifier(parentText, "parent");
  return registryCommand(`org add ${id}`, async () => {
    const client = await connect(values, USAGE, true);
    const { proposalId, hash } = await client.addOrganisation({ organisation: id, parent });
    const proposal = await client.getProposal({ id: proposalId });
    console.log(
      `proposal ${proposalId}: add organisation ${id}${parent ? ` under ${parent}` : ""} (tx ${hash})`,
    );
    console.log(`approvals: ${proposal?.approvals ?? 1n} of ${proposal?.quorum ?? "?"}`);
    console.log(
      `next: other network admins run  civitas admin approve ${proposalId} --key <admin key> --rpc ${str(values, "rpc")}`,
    );
    return 0;
  });
}

async function role(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      ...SENDER_OPTIONS,
      org: { type: "string" },
      role: { type: "string" },
      level: { type: "string" },
      "min-assurance": { type: "string" },
    },
    USAGE,
  );
  const org = identifier(required(values, "org", USAGE), "org");
  const roleId = identifier(required(values, "role", USAGE), "role");
  const level = oneOf(required(values, "level", USAGE), LEVELS, "level");
  const minAssurance = oneOf(required(values, "min-assurance", USAGE), ASSURANCES, "min-assurance");
  return registryCommand(`org role ${org}/${roleId}`, async () => {
    const client = await connect(values, USAGE, true);
    const { hash } = await client.defineRole({ organisation: org, role: roleId, level, minAssurance });
    console.log(`role ${roleId} of ${org}: ${level}, minimum assurance ${minAssurance} (tx ${hash})`);
    return 0;
  });
}

async function show(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, CONNECTION_OPTIONS, USAGE);
  const id = positionals[0];
  if (id === undefined) throw new CliError(`missing the organisation to show\n\n${USAGE}`, 2);
  identifier(id, "id");
  return registryCommand(`org show ${id}`, async () => {
    const client = await connect(values, USAGE, false);
    const org = await client.getOrganisation({ organisation: id });
    if (org === undefined) throw new CliError(`organisation ${id} does not exist`);
    console.log(`organisation  ${identifierToString(org.id)} (${org.id})`);
    console.log(`parent        ${org.parent === undefined ? "(none)" : identifierToString(org.parent)}`);
    console.log(`sub-orgs      ${org.children}`);
    console.log(`members       ${org.memberCount}`);
    return 0;
  });
}

export const command: Command = {
  name: "org",
  summary: "propose organisations and define their roles in the identity registry",
  run: (args) => runSubcommand("org", USAGE, { add, role, show }, args),
};
