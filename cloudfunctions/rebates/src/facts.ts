// The rebate facts moved to a capability the lifecycle function's offboarding shares.
export * from '../../_capabilities/rebate-facts';
