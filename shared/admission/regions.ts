import type { RegionCode } from '../dealer';

/**
 * The brand's sales region of each province, by the first two digits of its GB/T 2260 code.
 * Channel managers look after regions, so this decides whose queue an application joins.
 */
const PROVINCE_REGION: Record<string, RegionCode> = {
  '31': 'east',
  '32': 'east',
  '33': 'east',
  '34': 'east',
  '35': 'east',
  '36': 'east',
  '37': 'east',
  '44': 'south',
  '45': 'south',
  '46': 'south',
  '71': 'south',
  '81': 'south',
  '82': 'south',
  '11': 'north',
  '12': 'north',
  '13': 'north',
  '14': 'north',
  '15': 'north',
  '21': 'north',
  '22': 'north',
  '23': 'north',
  '50': 'west',
  '51': 'west',
  '52': 'west',
  '53': 'west',
  '54': 'west',
  '61': 'west',
  '62': 'west',
  '63': 'west',
  '64': 'west',
  '65': 'west',
  '41': 'central',
  '42': 'central',
  '43': 'central',
};

/** The sales region of a province, city or district code, or null for a code of no province. */
export function regionOfDivision(code: string): RegionCode | null {
  return PROVINCE_REGION[code.slice(0, 2)] ?? null;
}
