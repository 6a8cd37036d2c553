/**
 * Jest globalSetup of the projects whose tests open seeded clouds: seed the demo data once before
 * the workers start (tests/helpers/seed-snapshot.ts), so two workers never both seed it.
 */
import { ensureSeedSnapshot } from './seed-snapshot';

export default function setup(): void {
  ensureSeedSnapshot();
}
