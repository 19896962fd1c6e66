/**
 * Object identifiers used by Civitas certificates. See README.md ("OIDs") for the tree.
 *
 * Everything hangs off one private-enterprise-style arc. 61846 is a placeholder enterprise
 * number, NOT registered with IANA: a city deploying Civitas must register its own Private
 * Enterprise Number (free, https://pen.iana.org) and change {@link CIVITAS_OID_ARC} before it
 * issues its first production certificate — the OIDs are baked into every certificate, so the
 * arc cannot change once certificates are out.
 */
export const CIVITAS_OID_ARC = "1.3.6.1.4.1.61846";

/** `{arc}.1`: the Civitas PKI. */
const PKI = `${CIVITAS_OID_ARC}.1`;

/** Certificate extensions (`{arc}.1.1.x`), all non-critical so that other verifiers accept them. */
export const OID_EXT_NODE = `${PKI}.1.1`;
export const OID_EXT_ORGANISATION = `${PKI}.1.2`;
export const OID_EXT_PERSON = `${PKI}.1.3`;

/** Certificate policies (`{arc}.1.2.x`), one per profile; persons one per assurance level. */
export const OID_POLICY_NODE = `${PKI}.2.1`;
export const OID_POLICY_ORGANISATION = `${PKI}.2.2`;
export const OID_POLICY_PERSON = `${PKI}.2.3`;
export const OID_POLICY_PERSON_LOW = `${PKI}.2.3.1`;
export const OID_POLICY_PERSON_SUBSTANTIAL = `${PKI}.2.3.2`;
export const OID_POLICY_PERSON_QUALIFIED = `${PKI}.2.3.3`;
/** Certificate policy of Civitas CA certificates (root and intermediates). */
export const OID_POLICY_CA = `${PKI}.2.9`;

/** Standard OIDs this package reads or writes. */
export const OID = {
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  issuerAltName: "2.5.29.18",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
  certificatePolicies: "2.5.29.32",
  crlDistributionPoints: "2.5.29.31",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  crlNumber: "2.5.29.20",
  deltaCrlIndicator: "2.5.29.27",
  issuingDistributionPoint: "2.5.29.28",
  crlReason: "2.5.29.21",
  invalidityDate: "2.5.29.24",
  certificateIssuer: "2.5.29.29",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  anyExtendedKeyUsage: "2.5.29.37.0",
  /** Attribute types used in subject names. */
  commonName: "2.5.4.3",
  serialNumber: "2.5.4.5",
  countryName: "2.5.4.6",
  organizationName: "2.5.4.10",
  organizationalUnitName: "2.5.4.11",
  /** ETSI EN 319 412-1 organizationIdentifier, e.g. "VATES-P4802000I". */
  organizationIdentifier: "2.5.4.97",
} as const;
