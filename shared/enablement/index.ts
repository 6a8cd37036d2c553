/** The enablement hub (赋能中心): resources by permission, versions, must-reads and readings. */
export * from './types';
export * from './reading';
