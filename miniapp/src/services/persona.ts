import Taro from '@tarojs/taro';

/**
 * Who the local H5 build pretends to be. Only meaningful when LOCAL_CLOUD is true: in WeChat the
 * platform supplies the caller's OPENID and nothing here is used.
 */
export interface Persona {
  openid: string;
  name: string;
  role: string;
  roleLabel: string;
  dealerName: string | null;
}

export const PERSONA_STORAGE_KEY = 'local.persona';
export const DEFAULT_PERSONA = 'demo-dealer-a';
export const PERSONA_CHANGED = 'local.persona.changed';

/** Used when the local server's list cannot be read; the server's list is the truth. */
export const FALLBACK_PERSONAS: readonly Persona[] = [
  { openid: 'demo-dealer-a', name: '演示经销商 A', role: 'dealer', roleLabel: '经销商', dealerName: null },
  { openid: 'demo-dealer-b', name: '演示经销商 B', role: 'dealer', roleLabel: '经销商', dealerName: null },
  { openid: 'demo-clerk', name: '演示导购', role: 'clerk', roleLabel: '导购', dealerName: null },
  { openid: 'demo-manager', name: '演示渠道经理', role: 'manager', roleLabel: '渠道经理', dealerName: null },
  { openid: 'demo-admin', name: '演示品牌管理员', role: 'admin', roleLabel: '品牌管理员', dealerName: null },
];

export function currentPersona(): string {
  try {
    const stored: unknown = Taro.getStorageSync(PERSONA_STORAGE_KEY);
    return typeof stored === 'string' && stored ? stored : DEFAULT_PERSONA;
  } catch {
    return DEFAULT_PERSONA;
  }
}

/** Remember the persona and tell open pages to reload as the new caller. */
export function switchPersona(openid: string): void {
  Taro.setStorageSync(PERSONA_STORAGE_KEY, openid);
  Taro.eventCenter.trigger(PERSONA_CHANGED, openid);
}

function isPersona(v: unknown): v is Persona {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return typeof p['openid'] === 'string' && typeof p['name'] === 'string' && typeof p['roleLabel'] === 'string';
}

/** The local server's personas (GET /__cloud/personas), or the fallback list if it cannot be read. */
export async function loadPersonas(): Promise<readonly Persona[]> {
  try {
    const res = await fetch('/__cloud/personas');
    if (!res.ok) return FALLBACK_PERSONAS;
    const body: unknown = await res.json();
    if (Array.isArray(body) && body.length > 0 && body.every(isPersona)) {
      return body.map((p) => ({ ...p, role: String(p.role ?? ''), dealerName: p.dealerName ?? null }));
    }
    return FALLBACK_PERSONAS;
  } catch {
    return FALLBACK_PERSONAS;
  }
}

/**
 * Local builds: WeChat's subscription-consent dialog, played by a modal. 允许 records the grants
 * at the local cloud (POST /__cloud/subscribe) as WeChat records them, so the local
 * subscribeMessage.send accepts exactly the messages a real one would. Answers like
 * wx.requestSubscribeMessage: { [templateId]: 'accept' | 'reject' }.
 */
export async function requestLocalConsent(templates: ReadonlyArray<{ templateId: string; title: string }>): Promise<Record<string, string>> {
  const choice = await Taro.showModal({
    title: '允许发送以下消息？',
    content: templates.map((t) => t.title).join('、'),
    confirmText: '允许',
    cancelText: '取消',
  });
  if (!choice.confirm) return Object.fromEntries(templates.map((t) => [t.templateId, 'reject']));
  try {
    const res = await fetch('/__cloud/subscribe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': currentPersona() },
      body: JSON.stringify({ tmplIds: templates.map((t) => t.templateId) }),
    });
    return res.ok ? ((await res.json()) as Record<string, string>) : {};
  } catch {
    return {};
  }
}
