// Link detection both ways, the policy and its versions, refusals that record the version
// that refused them, and previews fetched from a local fixture site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { startPreviewFixture, type PreviewFixture } from '../../../../test/fixtures/preview/server.ts';
import { loadConfig, ConfigError } from '../../config.ts';
import { detectLinks } from './links.detect.ts';

describe('detection', () => {
  const links: Array<[string, string]> = [
    ['buy at taobao.com/item?id=42', 'https://taobao.com/item?id=42'],
    ['TAOBAO.COM', 'https://taobao.com/'],
    ['taobao。com', 'https://taobao.com/'],
    ['taobao｡com', 'https://taobao.com/'],
    ['ｔａｏｂａｏ．ｃｏｍ', 'https://taobao.com/'],
    ['tao\u200Bbao.c\u200Dom', 'https://taobao.com/'],
    ['tao\uFEFFbao\u2060.com', 'https://taobao.com/'],
    ['看这个taobao.com好便宜', 'https://taobao.com/'],
    ['[a great deal](https://shop.example.com/x)', 'https://shop.example.com/x'],
    ['<https://shop.example.com/y>', 'https://shop.example.com/y'],
    ['例子.中国', 'https://xn--fsqu00a.xn--fiqs8s/'],
    ['xn--fsqu00a.xn--fiqs8s', 'https://xn--fsqu00a.xn--fiqs8s/'],
    ['http://93.184.216.34/login', 'http://93.184.216.34/login'],
    ['8.8.8.8:53', 'http://8.8.8.8:53/'],
    ['bit.ly/3xyz', 'https://bit.ly/3xyz'],
    ['t.cn/A6abc', 'https://t.cn/A6abc'],
    ['shop.example.com:8443/cart', 'https://shop.example.com:8443/cart'],
    ['localhost:3000/admin', 'http://localhost:3000/admin'],
    ['ｈｔｔｐｓ：／／example.org', 'https://example.org/'],
    ['see (www.example.org).', 'https://www.example.org/'],
    ['HTTPS://EXAMPLE.ORG/A', 'https://example.org/A'],
    ['mr.li', 'https://mr.li/'],
  ];
  for (const [text, url] of links) {
    it(`finds ${url} in ${JSON.stringify(text)}`, () => {
      expect(detectLinks(text).map((l) => l.url)).toContain(url);
    });
  }

  const plain = ['Dr.Smith will see you', 'Dr.Who', 'St.Paul hospital', 'e.g. rest and fluids', 'take 3.5mg twice', 'version 1.2.3', 'at 10.30 tomorrow', 'i.e. no', 'Mr.Li and Mrs.Wang', 'temp 37.5C', 'p.s. thanks', 'a.m. or p.m.', 'No.1 clinic', '1.5.2026'];
  for (const text of plain) {
    it(`finds nothing in ${JSON.stringify(text)}`, () => {
      expect(detectLinks(text)).toEqual([]);
    });
  }

  it('marks URL shorteners', () => {
    expect(detectLinks('bit.ly/x')[0]!.shortener).toBe(true);
    expect(detectLinks('example.com/x')[0]!.shortener).toBe(false);
  });
});

describe('LOTUS_PREVIEW_ALLOW configuration', () => {
  it('is refused in production and must be host:port pairs', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', LOTUS_SECRET: 'x'.repeat(40), LOTUS_PREVIEW_ALLOW: '127.0.0.1:8080' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', LOTUS_PREVIEW_ALLOW: 'not a pair' })).toThrow(/host:port/);
    expect(loadConfig({ NODE_ENV: 'test', LOTUS_PREVIEW_ALLOW: '127.0.0.1:8080, Fixture.test:80' }).previewAllow).toEqual(['127.0.0.1:8080', 'fixture.test:80']);
    expect(loadConfig({ NODE_ENV: 'test' }).previewAllow).toEqual([]);
  });
});

describe('policy and previews over HTTP', () => {
  let t: TestApp;
  let fixture: PreviewFixture;
  let ada: TestUser;
  let bo: TestUser;
  let admin: TestUser;
  let group: string;
  let chat: string;

  beforeAll(async () => {
    fixture = await startPreviewFixture();
    t = await createTestApp({ env: { LOTUS_PREVIEW_ALLOW: fixture.pair } });
    [ada, bo] = await Promise.all([t.user({ displayName: 'Ada' }), t.user({ displayName: 'Bo' })]);
    admin = await t.user({ roles: ['admin'] });
    group = (await ada.http.post('/api/conversations', { kind: 'group', memberIds: [bo.id], title: 'Circle' })).data.id;
    chat = (await ada.http.post('/api/conversations', { kind: 'direct', memberIds: [bo.id] })).data.id;
  });
  afterAll(async () => {
    await t?.close();
    await fixture?.close();
  });

  it('starts at version 1: links in one-to-one chats, none in groups', async () => {
    const res = await t.http().get('/api/link-policy');
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ version: 1, kinds: { direct: { mode: 'allow_all' }, consultation: { mode: 'allow_all' }, group: { mode: 'deny_all' } }, blocklist: [] });
  });

  it('refuses an external link in a group, posts nothing, and records the refusing version', async () => {
    const res = await ada.http.post(`/api/conversations/${group}/messages`, { clientId: 'g1', text: 'cheap at ｔａｏｂａｏ。ｃｏｍ' });
    expect(res.statusCode).toBe(422);
    expect(res.data.error).toMatchObject({ code: 'link_not_allowed', message: "external links can't be shared in group chats", policyVersion: 1 });
    const messages = await bo.http.get(`/api/conversations/${group}/messages`);
    expect(messages.data.filter((m: { kind: string }) => m.kind !== 'system')).toEqual([]);
    const refusals = await admin.http.get('/api/admin/link-refusals');
    expect(refusals.data[0]).toMatchObject({ conversationId: group, conversationKind: 'group', senderId: ada.id, policyVersion: 1, urls: ['https://taobao.com/'] });
  });

  it('always allows our own pages, in groups too, and previews them as cards', async () => {
    const res = await ada.http.post(`/api/conversations/${group}/messages`, { clientId: 'g2', text: `Read ${t.config.publicUrl}/encyclopedia/asthma` });
    expect(res.statusCode).toBe(201);
    expect(res.data.links[0]).toMatchObject({ url: `${t.config.publicUrl}/encyclopedia/asthma`, external: false });
  });

  it('sends an external link in a direct chat with a preview card fetched by the server', async () => {
    const res = await ada.http.post(`/api/conversations/${chat}/messages`, { clientId: 'd1', text: `look ${fixture.url}/article` });
    expect(res.statusCode).toBe(201);
    expect(res.data.links).toEqual([
      {
        url: `${fixture.url}/article`,
        external: true,
        // The page's image is on the same host, but a page leads there: not lifted, so no image.
        preview: { url: `${fixture.url}/article`, title: 'Seasonal allergies: what helps', description: 'A pharmacist explains antihistamines & nasal sprays.', image: null, siteName: 'Fixture Health News' },
      },
    ]);
    const stored = await bo.http.get(`/api/conversations/${chat}/messages?after=0`);
    expect(stored.data.at(-1).links[0].preview.title).toBe('Seasonal allergies: what helps');
  });

  it('previews at most three links of a message', async () => {
    const text = ['a', 'b', 'c', 'd'].map((q) => `${fixture.url}/plain?${q}`).join(' ');
    const res = await ada.http.post(`/api/conversations/${chat}/messages`, { clientId: 'd2', text });
    expect(res.data.links).toHaveLength(4);
    expect(res.data.links.filter((l: { preview?: unknown }) => l.preview)).toHaveLength(3);
  });

  it('answers GET /api/link-preview, or 422 url_refused for private addresses, and needs a session', async () => {
    const ok = await bo.http.get(`/api/link-preview?url=${encodeURIComponent(`${fixture.url}/plain`)}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.data).toEqual({ url: `${fixture.url}/plain`, title: 'Just a title', description: 'Described plainly', image: null, siteName: '127.0.0.1' });
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/', `${fixture.url}/redirect-private`, 'file:///etc/passwd']) {
      const refused = await bo.http.get(`/api/link-preview?url=${encodeURIComponent(url)}`);
      expect(refused.statusCode, url).toBe(422);
      expect(refused.data.error.code).toBe('url_refused');
    }
    expect((await t.http().get(`/api/link-preview?url=${encodeURIComponent(`${fixture.url}/plain`)}`)).statusCode).toBe(401);
  });

  it('caches previews: a second request does not fetch again', async () => {
    const before = fixture.requests().filter((r) => r === '/plain?cache').length;
    await bo.http.get(`/api/link-preview?url=${encodeURIComponent(`${fixture.url}/plain?cache`)}`);
    await bo.http.get(`/api/link-preview?url=${encodeURIComponent(`${fixture.url}/plain?cache`)}`);
    expect(fixture.requests().filter((r) => r === '/plain?cache').length - before).toBe(1);
  });

  it('lets only admins change the policy; each change is a new version with who and when', async () => {
    const body = {
      kinds: { direct: { mode: 'allow_all', domains: [] }, consultation: { mode: 'allow_all', domains: [] }, group: { mode: 'allow_listed', domains: ['https://Who.int/', 'example.org'] } },
      blocklist: ['phish-bank.com'],
      note: 'Allow WHO in groups',
    };
    expect((await ada.http.put('/api/admin/link-policy', body)).statusCode).toBe(403);
    const changed = await admin.http.put('/api/admin/link-policy', body);
    expect(changed.statusCode).toBe(200);
    expect(changed.data).toMatchObject({ version: 2, createdBy: admin.id, kinds: { group: { mode: 'allow_listed', domains: ['example.org', 'who.int'] } }, blocklist: ['phish-bank.com'] });
    expect((await t.http().get('/api/link-policy')).data.version).toBe(2);
    const history = await admin.http.get('/api/admin/link-policy/versions');
    expect(history.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await ada.http.get('/api/admin/link-policy/versions')).statusCode).toBe(403);

    expect((await ada.http.post(`/api/conversations/${group}/messages`, { clientId: 'g3', text: 'see www.who.int/news' })).statusCode).toBe(201);
    const other = await ada.http.post(`/api/conversations/${group}/messages`, { clientId: 'g4', text: 'see taobao.com' });
    expect(other.statusCode).toBe(422);
    expect(other.data.error.policyVersion).toBe(2);
    // A shortener never matches an allow-list.
    expect((await ada.http.post(`/api/conversations/${group}/messages`, { clientId: 'g5', text: 'bit.ly/who' })).statusCode).toBe(422);
    // The blocklist applies in direct chats too.
    const phish = await ada.http.post(`/api/conversations/${chat}/messages`, { clientId: 'd3', text: 'login at secure.phish-bank.com/pay' });
    expect(phish.statusCode).toBe(422);
    expect(phish.data.error.message).toMatch(/blocked/);
    const refusals = await admin.http.get('/api/admin/link-refusals');
    expect(refusals.data.map((r: { policyVersion: number }) => r.policyVersion).slice(0, 3)).toEqual([2, 2, 2]);
  });
});
