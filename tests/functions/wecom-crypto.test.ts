import crypto from 'node:crypto';
import { decryptMessage, encryptMessage, isValidAesKey, libraryDecrypt, sameReceiver, sign, verifySignature } from '../../cloudfunctions/wecom/src/crypto';
import { parseEnvelope } from '../../shared/wecom';

/**
 * WeCom's published sample (加解密方案): the vectors of the official WXBizMsgCrypt Sample
 * (github.com/sbzhu/weworkapi_python, callback/Sample.py, mirrored in WeCom's other-language
 * samples): corp ww1436e0e65a779aee, the URL check and a POSTed text message.
 */
const SAMPLE = {
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  aesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  corpId: 'ww1436e0e65a779aee',
  verify: {
    signature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
    timestamp: '1476416373',
    nonce: '47744683',
    echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
  },
  post: {
    signature: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e',
    timestamp: '1476422779',
    nonce: '1597212914',
    body: '<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA[Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt>\n<AgentID><![CDATA[1000002]]></AgentID>\n</xml>',
    plain:
      '<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>',
  },
};

describe("WeCom's published sample vectors", () => {
  it('the URL check: signature verifies and echostr decrypts for the sample corp', () => {
    const v = SAMPLE.verify;
    expect(sign(SAMPLE.token, v.timestamp, v.nonce, v.echostr)).toBe(v.signature);
    expect(verifySignature(SAMPLE.token, v.timestamp, v.nonce, v.echostr, v.signature)).toBe(true);
    expect(decryptMessage(SAMPLE.aesKey, v.echostr)).toEqual({ ok: true, message: '1288432023552776189', receiverId: SAMPLE.corpId });
  });

  it('the POSTed message: envelope parses, signature verifies, message decrypts to the sample text', () => {
    const p = SAMPLE.post;
    const env = parseEnvelope(p.body)!;
    expect(env.toUserName).toBe(SAMPLE.corpId);
    expect(env.agentId).toBe('1000002');
    expect(verifySignature(SAMPLE.token, p.timestamp, p.nonce, env.encrypt, p.signature)).toBe(true);
    const d = decryptMessage(SAMPLE.aesKey, env.encrypt);
    expect(d).toEqual({ ok: true, message: p.plain, receiverId: SAMPLE.corpId });
  });

  it('our decryption agrees with @wecom/crypto on the sample', () => {
    const env = parseEnvelope(SAMPLE.post.body)!;
    const lib = libraryDecrypt(SAMPLE.aesKey, env.encrypt);
    expect(decryptMessage(SAMPLE.aesKey, env.encrypt)).toEqual({ ok: true, message: lib.message, receiverId: lib.id });
  });
});

describe('signature check', () => {
  const v = SAMPLE.verify;
  it('is refused when any character of the signature, timestamp, nonce or ciphertext changes', () => {
    const flip = (s: string) => (s[0] === 'a' ? 'b' : 'a') + s.slice(1);
    expect(verifySignature(SAMPLE.token, v.timestamp, v.nonce, v.echostr, flip(v.signature))).toBe(false);
    expect(verifySignature(SAMPLE.token, '1476416374', v.nonce, v.echostr, v.signature)).toBe(false);
    expect(verifySignature(SAMPLE.token, v.timestamp, '47744684', v.echostr, v.signature)).toBe(false);
    expect(verifySignature(SAMPLE.token, v.timestamp, v.nonce, flip(v.echostr), v.signature)).toBe(false);
    expect(verifySignature('another-token', v.timestamp, v.nonce, v.echostr, v.signature)).toBe(false);
  });

  it('accepts upper-case hex but refuses wrong lengths and non-hex without throwing', () => {
    expect(verifySignature(SAMPLE.token, v.timestamp, v.nonce, v.echostr, v.signature.toUpperCase())).toBe(true);
    for (const bad of ['', 'abc', v.signature + '00', 'z'.repeat(40), v.signature.slice(0, 39)]) {
      expect(verifySignature(SAMPLE.token, v.timestamp, v.nonce, v.echostr, bad)).toBe(false);
    }
  });

  it('compares in constant time (crypto.timingSafeEqual)', () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    verifySignature(SAMPLE.token, v.timestamp, v.nonce, v.echostr, v.signature);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('decryption', () => {
  const key = '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt';
  it('round-trips Chinese text and reports the receiver id', () => {
    const c = encryptMessage(key, '<xml><Content>你好，世界</Content></xml>', 'wwCorp');
    expect(decryptMessage(key, c)).toEqual({ ok: true, message: '<xml><Content>你好，世界</Content></xml>', receiverId: 'wwCorp' });
  });

  it('with a wrong key never yields the message: refused structurally or the receiver id does not match', () => {
    for (let i = 0; i < 200; i++) {
      const other = crypto.randomBytes(32).toString('base64').slice(0, 43);
      const c = encryptMessage(key, `<xml><N>${i}</N></xml>`, 'wwCorp');
      const d = decryptMessage(other, c);
      if (d.ok) {
        expect(sameReceiver('wwCorp', d.receiverId)).toBe(false);
        expect(d.message).not.toBe(`<xml><N>${i}</N></xml>`);
      }
    }
  });

  it('refuses ciphertexts that are empty, not whole blocks or not base64', () => {
    expect(decryptMessage(key, '').ok).toBe(false);
    expect(decryptMessage(key, 'AAAA').ok).toBe(false);
    expect(decryptMessage(key, '!!!!').ok).toBe(false);
  });

  it('knows a valid EncodingAESKey', () => {
    expect(isValidAesKey(key)).toBe(true);
    expect(isValidAesKey(key.slice(1))).toBe(false);
    expect(isValidAesKey(`${key.slice(1)}!`)).toBe(false);
  });
});
