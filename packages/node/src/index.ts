export { Chain } from "./chain/chain.ts";
export type { StoredBlock } from "./chain/chainStore.ts";
export { loadNodeConfig, type NodeConfig } from "./config/nodeConfig.ts";
export type { ValidatorKey } from "./consensus/qbftService.ts";
export { type AccountKey, addressOfPrivateKey, createAccountKey } from "./crypto/accountKeys.ts";
export { cryptoBackend, keccak256, signHash } from "./crypto/nativeCrypto.ts";
export { NodeError, type NodeErrorCode } from "./errors.ts";
export { CIVITAS_HARDFORK, createChainCommon } from "./genesis/createChainCommon.ts";
export { createDevGenesis, type DevGenesisOptions } from "./genesis/devGenesis.ts";
export { type GenesisConfig, parseGenesis, QBFT_MIX_HASH } from "./genesis/genesisConfig.ts";
export { createLogger, type Logger } from "./logger.ts";
export { NodeMetrics, type NodeMetricsSources } from "./metrics/metrics.ts";
export { type MetricsServer, startMetricsServer } from "./metrics/metricsServer.ts";
export {
  createLedgerNode,
  type LedgerNode,
  type LedgerNodeOptions,
  NODE_VERSION,
  type P2pOptions,
} from "./node.ts";
export { type PermissionStats, Permissions } from "./permissioning/permissions.ts";
export * as registryInterface from "./permissioning/registryInterface.ts";
