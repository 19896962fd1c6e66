/**
 * @civitas/pki — the network's X.509 certificate authority: CA hierarchy, node / organisation /
 * person certificates, CRLs, path validation, account binding, and the TLS helpers the node's
 * transport uses. See README.md.
 */

export {
  type AccountBinding,
  type AccountBindingStatement,
  accountBindingToJson,
  BINDING_DOMAIN_NAME,
  BINDING_DOMAIN_VERSION,
  BINDING_ENCODING_VERSION,
  BINDING_TYPE,
  type BindingFailureCode,
  type BindingSignatureAlgorithm,
  type BindingVerification,
  bindingDigest,
  bindingDomainSeparator,
  type CreateBindingParams,
  createAccountBinding,
  decodeAccountBinding,
  encodeAccountBinding,
  NO_REGISTRY,
  type VerifyBindingOptions,
  verifyAccountBinding,
} from "./binding.ts";
export {
  type CaMaterial,
  type CaState,
  CertificateAuthority,
  DEFAULT_VALIDITY_DAYS,
  type IntermediateRequest,
  type IssuedCertificate,
  type IssuedRecord,
  type IssuedType,
  type NodeCertificateRequest,
  type OrganisationCertificateRequest,
  type PersonCertificateRequest,
  type RootCaOptions,
  type SubjectKeySource,
  type ValidityOptions,
} from "./ca.ts";
export { decodePem, encodePem, normalizeSerial, type PemBlock, sha256Hex } from "./encoding.ts";
export { isPkiError, PkiError, type PkiErrorCode } from "./errors.ts";
export { type Address, checksumAddress, parseAddress } from "./eth.ts";
export {
  ASSURANCE_LEVELS,
  type AssuranceLevel,
  decodeNodeInfo,
  decodeOrganisationInfo,
  decodePersonInfo,
  type NodeInfo,
  type OrganisationInfo,
  type PersonInfo,
  parseAssuranceLevel,
  ROLE_PATTERN,
} from "./extensions.ts";
export {
  type CaIdentity,
  type CertificateIdentity,
  certificateFingerprint,
  certificateSerial,
  describeCertificate,
  type NodeIdentity,
  type OrganisationIdentity,
  type OtherIdentity,
  type PersonIdentity,
} from "./identity.ts";
export {
  DEFAULT_KEY_ALGORITHM,
  type GeneratedKeyAlgorithm,
  generateKeyPair,
  importPrivateKey,
  type KeyAlgorithm,
  keyAlgorithmOf,
  parseKeyAlgorithm,
  privateKeyToPem,
} from "./keys.ts";
export * as oids from "./oids.ts";
export { CIVITAS_OID_ARC } from "./oids.ts";
export {
  type CertificateInput,
  type CrlInput,
  type CsrInput,
  certificatesToPem,
  crlNumberOf,
  parseCertificate,
  parseCertificates,
  parseCrl,
  parseCrls,
  parseCsr,
} from "./parse.ts";
export {
  type CrlInfo,
  type CrlProblem,
  checkRevocation,
  describeCrl,
  findRevocation,
  parseRevocationReason,
  REVOCATION_REASONS,
  type RevocationReason,
  type RevocationStatus,
  type RevokedEntry,
  validateCrl,
} from "./revocation.ts";
export {
  DEFAULT_SCRYPT,
  decryptPrivateKey,
  encryptPrivateKey,
  MIN_PASSPHRASE_LENGTH,
  type SealedSecret,
  type SealOptions,
} from "./sealed.ts";
export {
  CA_FILES,
  type CaKind,
  type CaMeta,
  type CaPublic,
  createIntermediateCa,
  type ImportCaOptions,
  importCa,
  initRootCa,
  openCa,
  readCaMeta,
  readCaPublic,
  requestIntermediateCa,
  type StoreOptions,
  saveCrl,
  saveIssued,
  saveState,
  withCa,
} from "./store.ts";
export { buildName, hashNationalId, normalizeNationalId, type SubjectName } from "./subject.ts";
export {
  civitasCodeOfTlsError,
  connectMutualTls,
  createMutualTlsServer,
  type MutualTlsOptions,
  type PeerCheckOptions,
  type PeerFailureCode,
  type PeerRejection,
  type PeerVerification,
  PeerVerificationError,
  peerCertificateChain,
  readTlsIdentity,
  type TlsIdentity,
  tlsIdentityOf,
  verifyTlsPeer,
} from "./tls.ts";
export { TrustStore, type TrustStoreInput } from "./trust.ts";
export {
  type KeyPurpose,
  type ProfileType,
  type RevocationMode,
  type VerifyFailure,
  type VerifyFailureCode,
  type VerifyOptions,
  type VerifyResult,
  type VerifySuccess,
  verifyCertificateChain,
} from "./verify.ts";
/** The underlying @peculiar/x509 module (certificate, CSR and CRL classes), for advanced use. */
export { x509 } from "./x509.ts";
