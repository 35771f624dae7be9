// Under Node the fetch transport follows no redirect (`redirect: 'error'`: any other mode makes Node's fetch keep a
// copy of the whole body), and a redirect is still a typed `redirect` error, never a success or a network error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { uploadLink } from 'bkpaas-upload';

test('a redirect is a typed error and is not followed', async () => {
  let followed = 0;
  const server = createServer((req, res) => {
    req.resume();
    if (req.url.startsWith('/elsewhere')) {
      followed += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end('{"version":"1","package_name":"a","package_size":"1"}');
    }
    res.writeHead(307, { Location: '/elsewhere' });
    res.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${server.address().port}/api/bkpaas3`;
    const e = await uploadLink({ baseUrl: url, appCode: 'a', accessToken: 'tok-123456', packageUrl: 'https://h/a-1.tgz', version: '1' })
      .then(() => null, (x) => x);
    assert.equal(e?.kind, 'redirect', e?.message);
    assert.equal(e.credentialSent, false);
    assert.equal(followed, 0);
  } finally {
    server.close();
  }
});
