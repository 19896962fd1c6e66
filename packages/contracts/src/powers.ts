// The enums of PowerOfAttorney and the representation forwarder, by name (values as on chain).

/** What a power covers (PowerOfAttorney's `PowerType`). */
export const PowerType = { GENERAL: 0, ADMINISTRATION: 1, PROCEDURES: 2 } as const;
export type PowerType = (typeof PowerType)[keyof typeof PowerType];

/** What an attorney may do (PowerOfAttorney's `Action`); a power's `actions` is a bitmask of `1 << action`. */
export const PowerAction = {
  FILE_APPLICATION: 0,
  SUBMIT_DOCUMENTS: 1,
  ACCESS_FILES: 2,
  RECEIVE_NOTIFICATIONS: 3,
  PAY: 4,
  APPEAL: 5,
  WITHDRAW: 6,
  WAIVE: 7,
} as const;
export type PowerAction = (typeof PowerAction)[keyof typeof PowerAction];

/** How a power was granted (PowerOfAttorney's `Origin`). */
export const PowerOrigin = { ONLINE: 0, IN_PERSON: 1, NOTARIAL: 2 } as const;
export type PowerOrigin = (typeof PowerOrigin)[keyof typeof PowerOrigin];

/** A power's state (PowerOfAttorney's `Status`). */
export const PowerStatus = {
  PENDING_REVIEW: 0,
  PENDING_ACCEPTANCE: 1,
  ACTIVE: 2,
  REVOKED: 3,
  RENOUNCED: 4,
  EXPIRED: 5,
  TERMINATED: 6,
  REJECTED: 7,
} as const;
export type PowerStatus = (typeof PowerStatus)[keyof typeof PowerStatus];

/** Why `authorization` answers as it does (PowerOfAttorney's `Refusal`; the first two are yeses). */
export const AuthorizationReason = {
  AUTHORIZED: 0,
  GRANTOR_HIMSELF: 1,
  GRANTOR_NOT_MEMBER: 2,
  ATTORNEY_NOT_ACTIVE: 3,
  NO_POWER: 4,
  PROCEDURE_NOT_IN_SCOPE: 5,
  ACTION_NOT_GRANTED: 6,
  NOT_ACTIVE_YET: 7,
  EXPIRED: 8,
  REVOKED: 9,
  RENOUNCED: 10,
  TERMINATED: 11,
  REJECTED: 12,
  DELEGATING_POWER_ENDED: 13,
} as const;
export type AuthorizationReason = (typeof AuthorizationReason)[keyof typeof AuthorizationReason];

/** Why an official terminates a power (PowerOfAttorney's `TerminationCause`). */
export const TerminationCause = {
  GRANTOR_DEATH: 0,
  GRANTOR_DISSOLUTION: 1,
  ATTORNEY_DEATH: 2,
  ATTORNEY_DISSOLUTION: 3,
  COURT_DECISION: 4,
} as const;
export type TerminationCause = (typeof TerminationCause)[keyof typeof TerminationCause];
