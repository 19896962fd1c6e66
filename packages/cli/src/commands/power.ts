// `civitas power`: grant, accept, renounce, revoke, extend, show and check powers of attorney,
// and act on a grantor's behalf through the representation forwarder.
import {
  acceptPower,
  encodeFileApplication,
  executeForwarded,
  extendPower,
  filedApplicationId,
  getPower,
  grantPower,
  isAuthorized,
  type PowerActionName,
  type PowersClient,
  PowersRevertedError,
  type PowerTypeName,
  renouncePower,
  revokePower,
  scopeEntryToString,
  signForwardRequest,
} from "@civitas/sdk";
import { type Address, type Hex, isAddress, isHex, zeroHash } from "viem";
import { CliError, type Command } from "../command.ts";
import { runSubcommand } from "../subcommands.ts";
import { json, list, parse, str, type Values } from "./pki-cli.ts";
import {
  addressArgument,
  CONNECTION_OPTIONS,
  connect,
  isoTime,
  registryCommand,
  SENDER_HELP,
  SENDER_OPTIONS,
} from "./registry-cli.ts";

const USAGE = `usage:
  civitas power grant --attorney ADDR --type GENERAL|ADMINISTRATION|PROCEDURES [--scope LIST]
                      --actions LIST (--valid-until ISO-TIME | --days N) [--doc HEX]
                      [--sub-delegation] --key FILE --rpc URL
      the grantor (QUALIFIED certificate) grants a power; prints its id. --scope: administration ids
      (bilbao.urbanism) for ADMINISTRATION, procedure codes (bilbao.urbanism/building-permit) for
      PROCEDURES. --actions: file-application, submit-documents, access-files,
      receive-notifications, pay, appeal, withdraw, waive. At most five years.
  civitas power accept ID --key FILE --rpc URL        the attorney accepts
  civitas power renounce ID --key FILE --rpc URL      the attorney renounces
  civitas power revoke ID --key FILE --rpc URL        the grantor revokes (acts before stay valid)
  civitas power extend ID (--valid-until ISO-TIME | --days N) --key FILE --rpc URL
      the grantor extends an active power (at most five years from now)
  civitas power show ID --rpc URL [--json]
  civitas power check --grantor ADDR --attorney ADDR --procedure CODE --action NAME [--at ISO-TIME]
                      --rpc URL [--json]
      whether the attorney may do it for the grantor (now, or at --at), and why; exit 1 if not
  civitas power act --for GRANTOR --procedure CODE --doc HEX --key FILE --rpc URL
                    [--relayer-key FILE]
      as the attorney (--key), files an application at the ApplicationDesk on the grantor's
      behalf through the forwarder; the forwarder checks the power. The request is signed by the
      attorney and sent by --relayer-key's account (default: the attorney's own)

  --powers ADDR       the PowerOfAttorney (default: its genesis address)
  --forwarder ADDR    the RepresentationForwarder (default: its genesis address)
  --desk ADDR         the ApplicationDesk (default: its genesis address)
${SENDER_HELP}`;

const SERVICE_OPTIONS = {
  powers: { type: "string" },
  forwarder: { type: "string" },
  desk: { type: "string" },
} as const;
const SENDER = { ...SENDER_OPTIONS, ...SERVICE_OPTIONS } as const;
const READER = { ...CONNECTION_OPTIONS, ...SERVICE_OPTIONS, json: { type: "boolean" } } as const;
const DAY = 86_400n;

/** A client with the services' addresses from the options. */
async function powersClient(values: Values, sender: boolean): Promise<PowersClient> {
  const client = await connect(values, USAGE, sender);
  const option = (name: string): Address | undefined => {
    const v = str(values, name);
    if (v === undefined) return undefined;
    if (!isAddress(v, { strict: false })) throw new CliError(`--${name} '${v}' is not an address`, 2);
    return v as Address;
  };
  return Object.assign(client, {
    powerOfAttorney: option("powers"),
    forwarder: option("forwarder"),
    applicationDesk: option("desk"),
  });
}

/** Runs a body, turning the power contracts' refusals into one-line messages (exit 1). */
function powerCommand(context: string, body: () => Promise<number>): Promise<number> {
  return registryCommand(context, async () => {
    try {
      return await body();
    } catch (err) {
      if (!(err instanceof PowersRevertedError)) throw err;
      const hint = err.metaMessages.length > 0 ? `\n  ${err.metaMessages.join("\n  ")}` : "";
      throw new CliError(`${context}: refused: ${err.shortMessage.replace(/^.*? reverted: /, "")}${hint}`);
    }
  });
}

function powerId(value: string | undefined): bigint {
  if (value === undefined || !/^\d+$/.test(value) || value === "0")
    throw new CliError(`missing or invalid power ID (a positive integer)\n\n${USAGE}`, 2);
  return BigInt(value);
}

function bytes32(values: Values, name: string): Hex | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  const hex = v.startsWith("0x") ? v : `0x${v}`;
  if (!isHex(hex) || hex.length !== 66) throw new CliError(`--${name} must be 32 bytes of hex`, 2);
  return hex.toLowerCase() as Hex;
}

/** --valid-until ISO-TIME or --days N (from now). */
function validUntil(values: Values): bigint {
  const at = str(values, "valid-until");
  const days = str(values, "days");
  if ((at === undefined) === (days === undefined))
    throw new CliError(`give one of --valid-until ISO-TIME or --days N\n\n${USAGE}`, 2);
  if (days !== undefined) {
    if (!/^\d+$/.test(days)) throw new CliError("--days must be a positive integer", 2);
    return BigInt(Math.floor(Date.now() / 1000)) + BigInt(days) * DAY;
  }
  const ms = Date.parse(at as string);
  if (Number.isNaN(ms)) throw new CliError(`--valid-until '${at}' is not an ISO time`, 2);
  return BigInt(Math.floor(ms / 1000));
}

const actionName = (value: string): PowerActionName =>
  value.toUpperCase().replaceAll("-", "_") as PowerActionName;

async function grant(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      ...SENDER,
      attorney: { type: "string" },
      type: { type: "string" },
      scope: { type: "string", multiple: true },
      actions: { type: "string", multiple: true },
      "valid-until": { type: "string" },
      days: { type: "string" },
      doc: { type: "string" },
      "sub-delegation": { type: "boolean" },
    },
    USAGE,
  );
  const attorney = addressArgument(str(values, "attorney"), "--attorney", USAGE);
  const type = (str(values, "type") ?? "").toUpperCase() as PowerTypeName;
  if (!["GENERAL", "ADMINISTRATION", "PROCEDURES"].includes(type))
    throw new CliError(`--type must be GENERAL, ADMINISTRATION or PROCEDURES\n\n${USAGE}`, 2);
  const until = validUntil(values);
  return powerCommand("power grant", async () => {
    const client = await powersClient(values, true);
    const { id, hash } = await grantPower(client, {
      attorney,
      type,
      scope: list(values, "scope"),
      actions: list(values, "actions").map(actionName),
      validUntil: until,
      docHash: bytes32(values, "doc"),
      subDelegation: values["sub-delegation"] === true,
    });
    const power = await getPower(client, { id });
    console.log(`power ${id} granted to ${attorney}: ${power?.status} (transaction ${hash})`);
    return 0;
  });
}

function simple(
  name: string,
  action: (client: PowersClient, p: { id: bigint }) => Promise<{ hash: Hex }>,
  done: string,
) {
  return async (args: string[]): Promise<number> => {
    const { values, positionals } = parse(args, SENDER, USAGE);
    const id = powerId(positionals[0]);
    return powerCommand(`power ${name} ${id}`, async () => {
      const client = await powersClient(values, true);
      const { hash } = await action(client, { id });
      console.log(`power ${id} ${done} (transaction ${hash})`);
      return 0;
    });
  };
}

async function extend(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    { ...SENDER, "valid-until": { type: "string" }, days: { type: "string" } },
    USAGE,
  );
  const id = powerId(positionals[0]);
  const until = validUntil(values);
  return powerCommand(`power extend ${id}`, async () => {
    const client = await powersClient(values, true);
    const { hash } = await extendPower(client, { id, validUntil: until });
    console.log(`power ${id} valid until ${isoTime(until)} (transaction ${hash})`);
    return 0;
  });
}

async function show(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, READER, USAGE);
  const id = powerId(positionals[0]);
  return powerCommand(`power show ${id}`, async () => {
    const power = await getPower(await powersClient(values, false), { id });
    if (power === undefined) throw new CliError(`power show: there is no power ${id}`);
    const time = (t: bigint) => (t === 0n ? undefined : isoTime(t));
    const info = {
      id: power.id.toString(),
      status: power.status,
      type: power.type,
      scope: power.scope.map(scopeEntryToString),
      actions: power.actions,
      origin: power.origin,
      grantorRef: power.grantorRef,
      attorneyRef: power.attorneyRef,
      registeredAt: time(power.registeredAt),
      activatedAt: time(power.activatedAt),
      endedAt: time(power.endedAt),
      validUntil: isoTime(power.validUntil),
      subDelegation: power.subDelegation,
      delegatedFrom: power.parentId === 0n ? undefined : power.parentId.toString(),
      docHash: power.docHash === zeroHash ? undefined : power.docHash,
      registeredBy: power.registeredBy,
    };
    if (values.json) {
      process.stdout.write(json(info));
      return 0;
    }
    for (const [key, value] of Object.entries(info)) {
      if (value === undefined) continue;
      const text = Array.isArray(value) ? value.join(", ") || "(any procedure)" : String(value);
      console.log(`${key.padEnd(14)} ${text}`);
    }
    return 0;
  });
}

async function check(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      ...READER,
      grantor: { type: "string" },
      attorney: { type: "string" },
      procedure: { type: "string" },
      action: { type: "string" },
      at: { type: "string" },
    },
    USAGE,
  );
  const grantor = addressArgument(str(values, "grantor"), "--grantor", USAGE);
  const attorney = addressArgument(str(values, "attorney"), "--attorney", USAGE);
  const procedure = str(values, "procedure");
  const action = str(values, "action");
  if (procedure === undefined || action === undefined)
    throw new CliError(`missing --procedure or --action\n\n${USAGE}`, 2);
  const atText = str(values, "at");
  const at = atText === undefined ? undefined : Date.parse(atText);
  if (at !== undefined && Number.isNaN(at)) throw new CliError(`--at '${atText}' is not an ISO time`, 2);
  return powerCommand("power check", async () => {
    const client = await powersClient(values, false);
    const answer = await isAuthorized(client, {
      grantor,
      attorney,
      procedure,
      action: actionName(action),
      ...(at !== undefined ? { at: new Date(at) } : {}),
    });
    if (values.json) process.stdout.write(json({ ...answer, powerId: answer.powerId.toString() }));
    else if (answer.authorized)
      console.log(`authorized: ${answer.reason}${answer.powerId === 0n ? "" : ` (power ${answer.powerId})`}`);
    else
      console.log(
        `not authorized: ${answer.reason}${answer.powerId === 0n ? "" : ` (closest power ${answer.powerId})`}`,
      );
    return answer.authorized ? 0 : 1;
  });
}

async function act(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      ...SENDER,
      for: { type: "string" },
      procedure: { type: "string" },
      doc: { type: "string" },
      "relayer-key": { type: "string" },
    },
    USAGE,
  );
  const grantor = addressArgument(str(values, "for"), "--for (the grantor)", USAGE);
  const procedure = str(values, "procedure");
  if (procedure === undefined) throw new CliError(`missing --procedure\n\n${USAGE}`, 2);
  const docHash = bytes32(values, "doc");
  if (docHash === undefined) throw new CliError(`missing --doc\n\n${USAGE}`, 2);
  return powerCommand("power act", async () => {
    const attorney = await powersClient(values, true);
    const signed = await signForwardRequest(attorney, {
      grantor,
      procedure,
      action: "FILE_APPLICATION",
      data: encodeFileApplication({ procedure, docHash }),
    });
    const relayerKey = str(values, "relayer-key");
    const relayer =
      relayerKey === undefined
        ? attorney
        : await powersClient({ ...values, as: undefined, key: relayerKey }, true);
    const result = await executeForwarded(relayer, signed);
    console.log(
      `application ${filedApplicationId(result)} filed for ${grantor} by ${signed.request.from}` +
        `${result.powerId === 0n ? "" : ` under power ${result.powerId}`} (transaction ${result.hash})`,
    );
    return 0;
  });
}

export const command: Command = {
  name: "power",
  summary: "powers of attorney: grant, accept, renounce, revoke, extend, show, check, act on behalf",
  run: (args) =>
    runSubcommand(
      "power",
      USAGE,
      {
        grant,
        accept: simple("accept", acceptPower, "accepted: ACTIVE"),
        renounce: simple("renounce", renouncePower, "renounced"),
        revoke: simple("revoke", revokePower, "revoked"),
        extend,
        show,
        check,
        act,
      },
      args,
    ),
};
