/**
 * miniapp/src/services/cloud.ts from source, on both transports. The page tests cover the weapp
 * path end to end on the built output; these pin the edges: validation before sending, the
 * local HTTP transport and every way a call can fail without throwing.
 */
import Taro from '@tarojs/taro';
import { call, NETWORK_FAILED_MESSAGE } from '../../miniapp/src/services/cloud';
import { DEFAULT_PERSONA, PERSONA_STORAGE_KEY } from '../../miniapp/src/services/persona';

jest.mock('@tarojs/taro', () => {
  const storage = new Map<string, unknown>();
  return {
    __esModule: true,
    default: {
      cloud: { callFunction: jest.fn() },
      getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
      setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
      removeStorageSync: (key: string) => void storage.delete(key),
      eventCenter: { trigger: jest.fn(), on: jest.fn(), off: jest.fn() },
    },
  };
});

const callFunction = Taro.cloud.callFunction as unknown as jest.Mock;
const build = globalThis as unknown as { LOCAL_CLOUD: boolean; fetch: jest.Mock };
const ME = { ok: true, data: { registered: false, openid: 'o-1' } };

function answer(body: string, status = 200) {
  return { ok: status < 400, status, text: async () => body, json: async () => JSON.parse(body) as unknown };
}

beforeEach(() => {
  callFunction.mockReset();
  build.fetch = jest.fn();
  Taro.removeStorageSync(PERSONA_STORAGE_KEY);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('on weapp', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
    build.LOCAL_CLOUD = false;
  });

  it('sends { action, ...input } to Taro.cloud.callFunction and returns res.result', async () => {
    callFunction.mockResolvedValue({ errMsg: 'cloud.callFunction:ok', result: ME });
    await expect(call('users', 'me')).resolves.toEqual(ME);
    expect(callFunction).toHaveBeenCalledWith({ name: 'users', data: { action: 'me' } });
  });

  it('refuses input the shared schema rejects, without sending anything', async () => {
    const res = await call('users', 'me', { openid: 'o-admin' } as never);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('INVALID_INPUT');
    expect(res.error.issues?.[0]?.code).toBe('unrecognized_keys');
    expect(callFunction).not.toHaveBeenCalled();
  });

  it('turns a failed callFunction into INTERNAL with a message that says to check the network', async () => {
    callFunction.mockRejectedValue({ errMsg: 'cloud.callFunction:fail request:fail timeout' });
    await expect(call('users', 'me')).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: NETWORK_FAILED_MESSAGE } });
    expect(NETWORK_FAILED_MESSAGE).toContain('检查网络后重试');
  });

  it('turns a result that is not an envelope into INTERNAL', async () => {
    for (const result of [undefined, null, 'oops', { ok: true }, { ok: false, error: { code: 'NOPE', message: 'x' } }]) {
      callFunction.mockResolvedValueOnce({ errMsg: 'cloud.callFunction:ok', result });
      const res = await call('users', 'me');
      expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('检查网络后重试') } });
    }
  });

  it('passes an error envelope through unchanged', async () => {
    const refusal = { ok: false, error: { code: 'FORBIDDEN', message: '当前身份无权进行此操作' } };
    callFunction.mockResolvedValue({ errMsg: 'cloud.callFunction:ok', result: refusal });
    await expect(call('users', 'me')).resolves.toEqual(refusal);
  });
});

describe('on the local H5 build', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'h5';
    build.LOCAL_CLOUD = true;
  });

  it('posts to /__cloud/call/<fn> as the chosen persona', async () => {
    Taro.setStorageSync(PERSONA_STORAGE_KEY, 'demo-dealer-b');
    build.fetch.mockResolvedValue(answer(JSON.stringify(ME)));
    await expect(call('users', 'me')).resolves.toEqual(ME);
    expect(build.fetch).toHaveBeenCalledTimes(1);
    const [url, init] = build.fetch.mock.calls[0] as [string, { method: string; headers: Record<string, string>; body: string }];
    expect(url).toBe('/__cloud/call/users');
    expect(init.method).toBe('POST');
    expect(init.headers['x-local-openid']).toBe('demo-dealer-b');
    expect(JSON.parse(init.body)).toEqual({ action: 'me' });
    expect(callFunction).not.toHaveBeenCalled();
  });

  it(`calls as ${DEFAULT_PERSONA} until another persona is chosen`, async () => {
    build.fetch.mockResolvedValue(answer(JSON.stringify(ME)));
    await call('users', 'me');
    const init = build.fetch.mock.calls[0]?.[1] as { headers: Record<string, string> };
    expect(init.headers['x-local-openid']).toBe('demo-dealer-a');
  });

  it('answers an error envelope the server sent with a 4xx/5xx status as it is', async () => {
    const refusal = { ok: false, error: { code: 'INVALID_INPUT', message: '提交的内容有误，请检查后重试' } };
    build.fetch.mockResolvedValue(answer(JSON.stringify(refusal), 400));
    await expect(call('users', 'me')).resolves.toEqual(refusal);
  });

  it('turns a non-JSON answer or a dead server into INTERNAL instead of throwing', async () => {
    build.fetch.mockResolvedValueOnce(answer('<html>502 Bad Gateway</html>', 502));
    const garbled = await call('users', 'me');
    expect(garbled).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('检查网络后重试') } });

    build.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(call('users', 'me')).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: NETWORK_FAILED_MESSAGE } });
  });
});

it('an H5 build without the local cloud calls nothing and says to open the mini-program in WeChat', async () => {
  process.env.TARO_ENV = 'h5';
  build.LOCAL_CLOUD = false;
  const res = await call('users', 'me');
  expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('微信') } });
  expect(build.fetch).not.toHaveBeenCalled();
  expect(callFunction).not.toHaveBeenCalled();
});
