// The demo organisations of `civitas up` and where its demo files are (kept light: the command's
// help lists them).
import { join } from "node:path";

/** An organisation of the demo, with the role its people hold. */
export interface DemoOrganisation {
  /** Registry identifier (a short name). */
  readonly id: string;
  /** What it is, for people. */
  readonly description: string;
  readonly role: string;
}

/**
 * The demo organisations: four public bodies, the government body that accredits document
 * issuers, and the citizens' organisation.
 */
export const DEMO_ORGANISATIONS = {
  registryOffice: { id: "bilbao.registry", description: "city registry office", role: "official" },
  school: { id: "bilbao.school", description: "school", role: "official" },
  notary: { id: "bizkaia.notary", description: "notary", role: "notary" },
  taxOffice: { id: "bizkaia.tax", description: "tax office", role: "official" },
  government: { id: "euskadi.gov", description: "accrediting body", role: "official" },
  citizens: { id: "bilbao.citizens", description: "citizens", role: "citizen" },
} as const satisfies Record<string, DemoOrganisation>;

/** Paths of the demo files inside the data directory. */
export const DEMO_FILES = {
  dir: "demo",
  people: join("demo", "people.json"),
  keys: join("demo", "keys"),
  certificates: join("demo", "certificates"),
  documents: join("demo", "documents"),
  issuers: join("demo", "issuers"),
} as const;
