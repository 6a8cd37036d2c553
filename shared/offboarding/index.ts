/** Dealer offboarding (清退与交接): the steps, what each does to orders and the wallet, the final statement. */
export * from './types';
export * from './steps';
