import { buildFlatXml, eventKey, isFresh, parseCallback, parseEnvelope, parseFlatXml, requestKey } from '../../../shared/wecom';

const EVENT = (extra: Record<string, string | number> = {}) =>
  buildFlatXml({
    ToUserName: 'wwCorp',
    FromUserName: 'sys',
    CreateTime: '0218',
    MsgType: 'event',
    Event: 'change_external_contact',
    ChangeType: 'add_external_contact',
    UserID: 'zhangsan',
    ExternalUserID: 'woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA',
    State: '0042',
    ...extra,
  });

describe('callback XML', () => {
  it('keeps every value a string, leading zeros included', () => {
    const r = parseCallback(EVENT());
    expect(r.kind).toBe('contact');
    if (r.kind !== 'contact') return;
    expect(r.event.createTime).toBe('0218');
    expect(r.event.state).toBe('0042');
  });

  it('leaves entities unexpanded and refuses DOCTYPE / ENTITY declarations', () => {
    expect(parseFlatXml('<xml><A>&lt;b&gt;</A></xml>')).toEqual({ A: '&lt;b&gt;' });
    expect(parseFlatXml('<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><A>&e;</A></xml>')).toBeNull();
  });

  it.each([
    ['unclosed tags', '<xml><A>1</xml>'],
    ['no xml root', '<root><A>1</A></root>'],
    ['a repeated tag', '<xml><A>1</A><A>2</A></xml>'],
    ['a nested tag', '<xml><A><B>1</B></A></xml>'],
    ['empty text', ''],
    ['plain text', 'hello'],
  ])('refuses %s', (_what, xml) => {
    expect(parseFlatXml(xml)).toBeNull();
  });

  it('reads the envelope and refuses one whose Encrypt is not base64', () => {
    expect(parseEnvelope(buildFlatXml({ ToUserName: 'wwCorp', Encrypt: 'QUJD', AgentID: '' }))).toEqual({
      toUserName: 'wwCorp',
      encrypt: 'QUJD',
      agentId: null,
    });
    expect(parseEnvelope(buildFlatXml({ ToUserName: 'wwCorp', Encrypt: 'not base64!' }))).toBeNull();
  });

  it('ignores well-formed callbacks it does not act on, and calls incomplete contact events malformed', () => {
    expect(parseCallback(buildFlatXml({ ToUserName: 'wwCorp', MsgType: 'text', Content: '你好' })).kind).toBe('ignored');
    expect(parseCallback(EVENT({ ChangeType: 'edit_external_chat' })).kind).toBe('ignored');
    expect(parseCallback(EVENT({ UserID: '' })).kind).toBe('malformed');
    expect(parseCallback(EVENT({ State: 'x'.repeat(31) })).kind).toBe('malformed');
    expect(parseCallback(EVENT({ CreateTime: 'yesterday' })).kind).toBe('malformed');
  });
});

describe('event identity and freshness', () => {
  it('the same event delivered twice has one key; another event another', () => {
    const a = parseCallback(EVENT());
    const b = parseCallback(EVENT());
    const c = parseCallback(EVENT({ ChangeType: 'del_follow_user' }));
    if (a.kind !== 'contact' || b.kind !== 'contact' || c.kind !== 'contact') throw new Error('parse');
    expect(eventKey(a.event)).toBe(eventKey(b.event));
    expect(eventKey(a.event)).not.toBe(eventKey(c.event));
  });

  it('a request key depends on timestamp, nonce and signature', () => {
    expect(requestKey('1', '2', 'ABC')).toBe(requestKey('1', '2', 'abc'));
    expect(requestKey('1', '2', 'abc')).not.toBe(requestKey('1', '3', 'abc'));
  });

  it('a timestamp is fresh within the window either side of now', () => {
    const now = 1_700_000_000_000;
    expect(isFresh('1700000000', now)).toBe(true);
    expect(isFresh('1699999700', now)).toBe(true);
    expect(isFresh('1699999699', now)).toBe(false);
    expect(isFresh('1700000301', now)).toBe(false);
    expect(isFresh('17e8', now)).toBe(false);
    expect(isFresh('', now)).toBe(false);
  });
});
