/**
 * What builds without the local cloud get instead of services/persona.ts (the Taro config swaps
 * the module at build time): the same names, doing nothing. In WeChat the platform supplies the
 * caller's OPENID; there is no persona to switch.
 */
export interface Persona {
  openid: string;
  name: string;
  role: string;
  roleLabel: string;
  dealerName: string | null;
}

export const PERSONA_CHANGED = 'persona.unused';
export const FALLBACK_PERSONAS: readonly Persona[] = [];

export function currentPersona(): string {
  return '';
}

export function switchPersona(_openid: string): void {}

export async function loadPersonas(): Promise<readonly Persona[]> {
  return [];
}

/** There is no dialog to play: WeChat's own opens (services/notifications). */
export async function requestLocalConsent(_templates: ReadonlyArray<{ templateId: string; title: string }>): Promise<Record<string, string>> {
  return {};
}
