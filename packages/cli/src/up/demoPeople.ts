// The demo organisations and people of `civitas up`: a city registry office, a school, a notary
// and the tax office, each with one official, and a few citizens — all registered in the genesis
// identity registry with person certificates from the network's CA, their keys written under the
// data directory.
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AccessLevel, Assurance } from "@civitas/contracts";
import { type AccountKey, createAccountKey } from "@civitas/node";
import { certificatesToPem, privateKeyToPem } from "@civitas/pki";
import type { Address } from "viem";
import {
  DEMO_ORGANISATION,
  DEVELOPER_ROLE,
  type DemoRegistryPlan,
  type GenesisMember,
  issueGenesisMembers,
  registryId,
} from "../network/genesisMembers.ts";
import { createIdentityRegistryAlloc, type GenesisContractAlloc } from "../network/systemContracts.ts";
import { DEMO_FILES, DEMO_ORGANISATIONS } from "./demoOrganisations.ts";

type OrganisationKey = keyof typeof DEMO_ORGANISATIONS;

/** The demo people (labels in local files only: on chain a member is an account and a keyed hash). */
const PEOPLE: readonly { name: string; organisation: OrganisationKey }[] = [
  { name: "registry-clerk", organisation: "registryOffice" },
  { name: "school-secretary", organisation: "school" },
  { name: "notary", organisation: "notary" },
  { name: "tax-officer", organisation: "taxOffice" },
  { name: "accreditor", organisation: "government" },
  { name: "ane", organisation: "citizens" },
  { name: "jon", organisation: "citizens" },
  { name: "miren", organisation: "citizens" },
];

/** A demo person: an account, its organisation and role. */
export interface DemoPerson {
  readonly name: string;
  readonly organisation: string;
  readonly role: string;
  readonly account: AccountKey;
}

/** New accounts for the demo people. */
export function createDemoPeople(): DemoPerson[] {
  return PEOPLE.map(({ name, organisation }) => ({
    name,
    organisation: DEMO_ORGANISATIONS[organisation].id,
    role: DEMO_ORGANISATIONS[organisation].role,
    account: createAccountKey(),
  }));
}

/** A demo person as the data directory lists it (demo/people.json). */
export interface DemoPersonEntry {
  readonly name: string;
  readonly organisation: string;
  readonly role: string;
  readonly address: Address;
  /** Paths relative to the data directory. */
  readonly accountKey: string;
  readonly certificate: string;
  readonly certificateKey: string;
}

/** Where a person's account key is, relative to the data directory. */
export function accountKeyPath(name: string): string {
  return join(DEMO_FILES.keys, `${name}.key`);
}

/**
 * The identity registry's genesis entry with the demo: what `civitas init` registers (the demo
 * accounts as developers of civitas.demo) plus the demo organisations (added by the admins'
 * quorum), their roles (TRANSACT, SUBSTANTIAL assurance at least) and the demo people, each with a
 * QUALIFIED person certificate from the network's CA (what granting a power online needs).
 * `issued` receives the people's certificates, in the order of `people`.
 */
export function demoRegistryAlloc(
  people: readonly DemoPerson[],
  issued: GenesisMember[],
): (plan: DemoRegistryPlan) => Promise<{ alloc: GenesisContractAlloc; members: GenesisMember[] }> {
  return async (plan) => {
    const developers = await issueGenesisMembers(plan.ca, plan.chainId, plan.members, {
      organisation: registryId(DEMO_ORGANISATION),
      role: registryId(DEVELOPER_ROLE),
    });
    const organisations = [DEMO_ORGANISATION, ...Object.values(DEMO_ORGANISATIONS).map((o) => o.id)];
    const roles = [
      { organisation: DEMO_ORGANISATION, role: DEVELOPER_ROLE, level: AccessLevel.DEPLOY },
      ...Object.values(DEMO_ORGANISATIONS).map((o) => ({
        organisation: o.id,
        role: o.role,
        level: AccessLevel.TRANSACT,
      })),
    ];
    for (const person of people) {
      const [member] = await issueGenesisMembers(plan.ca, plan.chainId, [person.account], {
        organisation: registryId(person.organisation),
        role: registryId(person.role),
        assurance: "QUALIFIED",
      });
      issued.push(member!);
    }
    const members = [...developers, ...issued];
    const alloc = await createIdentityRegistryAlloc(
      plan.chainId,
      {
        admins: plan.admins.map((a) => a.address as Address),
        quorum: plan.quorum,
        registrars: [plan.registrar.address as Address],
        rootCaFingerprint: plan.rootCaFingerprint,
        issuerFingerprints: plan.issuerFingerprints,
      },
      {
        timestamp: plan.timestamp,
        organisations: organisations.map((id) => ({ id: registryId(id) })),
        roles: roles.map((r) => ({
          organisation: registryId(r.organisation),
          role: registryId(r.role),
          level: r.level,
          minAssurance: Assurance.SUBSTANTIAL,
        })),
        members: members.map((m) => m.registration),
      },
    );
    return { alloc, members };
  };
}

async function writeSecret(path: string, content: string): Promise<void> {
  await writeFile(path, content, { mode: 0o600 });
  await chmod(path, 0o600);
}

/**
 * Writes each person's account key (demo/keys/<name>.key, the 0x-hex form `--key` reads), person
 * certificate with its chain and certificate key (demo/certificates/<name>.pem and .key), and the
 * list of them all (demo/people.json); returns the list.
 */
export async function writeDemoPeople(
  dir: string,
  people: readonly DemoPerson[],
  issued: readonly GenesisMember[],
): Promise<DemoPersonEntry[]> {
  await mkdir(join(dir, DEMO_FILES.keys), { recursive: true, mode: 0o700 });
  await mkdir(join(dir, DEMO_FILES.certificates), { recursive: true, mode: 0o700 });
  const entries: DemoPersonEntry[] = [];
  for (const [i, person] of people.entries()) {
    const member = issued[i];
    if (member === undefined || member.account.toLowerCase() !== person.account.address.toLowerCase())
      throw new Error(`no certificate was issued for the demo person ${person.name}`);
    const entry: DemoPersonEntry = {
      name: person.name,
      organisation: person.organisation,
      role: person.role,
      address: person.account.address as Address,
      accountKey: accountKeyPath(person.name),
      certificate: join(DEMO_FILES.certificates, `${person.name}.pem`),
      certificateKey: join(DEMO_FILES.certificates, `${person.name}.key`),
    };
    await writeSecret(join(dir, entry.accountKey), `${person.account.privateKey}\n`);
    await writeFile(join(dir, entry.certificate), certificatesToPem([member.certificate, ...member.chain]));
    await writeSecret(join(dir, entry.certificateKey), await privateKeyToPem(member.privateKey));
    entries.push(entry);
  }
  await writeFile(join(dir, DEMO_FILES.people), `${JSON.stringify(entries, null, 2)}\n`);
  return entries;
}
