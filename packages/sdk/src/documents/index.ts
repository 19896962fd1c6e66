export {
  type BatchAnchor,
  type BatchDocument,
  type DocumentBundle,
  type IssueBatchParameters,
  type IssuedBatch,
  issueBatch,
  readBundle,
  withAnchor,
} from "./batch.ts";
export {
  type BitstringStatusListEntry,
  type CreateCredentialParameters,
  type CredentialFacts,
  createCredential,
  type DocumentCredential,
  issuerUrn,
  readCredential,
  statusEntries,
  statusListUrn,
  VC_CONTEXT_V2,
} from "./credential.ts";
export {
  createCredentialSigner,
  exportIssuerKey,
  generateIssuerKey,
  type IssuerSigningKey,
  loadIssuerKey,
  nodeJwsVerifier,
} from "./issuer.ts";
export {
  base64url,
  type DocumentJwsHeader,
  fromBase64url,
  JWS_ALGORITHM,
  JWS_TYPE,
  type JwsVerifier,
  jwkThumbprint,
  keyIdentifiers,
  kidToKeyId,
  type P256PublicJwk,
  type ParsedJws,
  parseJws,
  toP256PublicJwk,
  webCryptoJwsVerifier,
} from "./jws.ts";
export {
  checkSubject,
  DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentKindName,
  docTypeOf,
  documentKind,
} from "./kinds.ts";
export {
  buildMerkleTree,
  type DocumentMerkleTree,
  documentHash,
  documentLeaf,
  hashPair,
  processProof,
} from "./merkle.ts";
export {
  createStatusIndexAllocator,
  STATUS_LIST_SIZE,
  type StatusIndexAllocator,
  type StatusPurpose,
  statusPurposeNumber,
} from "./statusList.ts";
export {
  DOCUMENT_CHECKS,
  type DocumentCheck,
  type DocumentCheckName,
  type DocumentFactsSource,
  type DocumentVerificationReport,
  onlineDocumentFacts,
  type VerifyDocumentOptions,
  verifyDocument,
} from "./verify.ts";
