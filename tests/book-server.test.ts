/**
 * The book's server: 127.0.0.1 only; a request whose Host or Origin is not its own (DNS rebinding, another
 * site's page) is refused before any route runs; only the book's own files are served.
 * Nothing here follows a lesson or asks for a hint, so nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../runner/course/lessons.ts';
import { progressFile } from '../runner/course/progress.ts';
import { refusal } from '../runner/book/host-guard.ts';
import { startBook, type Book } from '../runner/book/server.ts';

describe('refusal (the Host and Origin guard)', () => {
  it('lets our own address through, by IP or as localhost, with or without an Origin of ours', () => {
    expect(refusal({ host: '127.0.0.1:4000' }, 4000)).toBeUndefined();
    expect(refusal({ host: 'localhost:4000', origin: 'http://localhost:4000' }, 4000)).toBeUndefined();
    expect(refusal({ host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' }, 4000)).toBeUndefined();
  });

  it('refuses another name (DNS rebinding), another port, no Host, and another Origin', () => {
    expect(refusal({ host: 'attacker.example:4000' }, 4000)).toMatch(/^Host "attacker.example:4000" is not this server's/);
    expect(refusal({ host: '127.0.0.1:4001' }, 4000)).toBeDefined();
    expect(refusal({ host: '127.0.0.1' }, 4000)).toBeDefined();
    expect(refusal({}, 4000)).toBeDefined();
    expect(refusal({ host: '127.0.0.1:4000', origin: 'http://attacker.example' }, 4000)).toMatch(/^Origin "http:\/\/attacker.example" is not this server's/);
    expect(refusal({ host: '127.0.0.1:4000', origin: 'null' }, 4000)).toBeDefined();
    expect(refusal({ host: '127.0.0.1:4000', origin: 'https://127.0.0.1:4000' }, 4000)).toBeDefined();
  });
});

describe('the server', () => {
  let book: Book;
  const progressBefore = existsSync(progressFile(projectRoot())) ? readFileSync(progressFile(projectRoot()), 'utf8') : undefined;

  beforeAll(async () => {
    book = await startBook({ root: projectRoot() });
  });
  afterAll(async () => {
    await book?.close();
  });

  function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: book.port, path, method, headers: { host: `127.0.0.1:${book.port}`, ...headers } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('listens on 127.0.0.1 only, on a free port', () => {
    expect(book.url).toBe(`http://127.0.0.1:${book.port}/`);
    expect(book.server.address()).toMatchObject({ address: '127.0.0.1', port: book.port });
  });

  it('serves the page with a strict Content-Security-Policy, and the lessons as JSON', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/assets/book.js" defer></script>');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const lesson = JSON.parse((await get('/api/lessons/01')).body) as { title: string; html: string };
    expect(lesson.title).toBe('One-to-one: a user and a library card');
    expect(lesson.html).toContain('<h1>01 · One-to-one: a user and a library card</h1>');
    expect((await get('/', { host: `localhost:${book.port}` })).status).toBe(200);
  });

  it('refuses a foreign Host or Origin with 403 before any route, a POST included', async () => {
    const rebound = await get('/api/course', { host: `attacker.example:${book.port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toMatch(/^Refused: Host "attacker.example:\d+" is not this server's/);
    expect((await get('/api/lessons/01/events', { origin: 'http://attacker.example' })).status).toBe(403);
    expect((await get('/api/lessons/01/hint', { origin: 'http://attacker.example' }, 'POST')).status).toBe(403);
  });

  it('serves nothing but its own files and routes', async () => {
    for (const path of ['/package.json', '/assets/../package.json', '/assets/%2e%2e/package.json', '/lessons/01-one-to-one/models.ts', '/assets/index.html', '/.workbook/progress.json', '/api/lessons/99']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('defineModels');
    }
    expect((await get('/api/lessons/01', {}, 'DELETE')).status).toBe(405);
  });

  it('wrote nothing', () => {
    const now = existsSync(progressFile(projectRoot())) ? readFileSync(progressFile(projectRoot()), 'utf8') : undefined;
    expect(now).toBe(progressBefore);
  });
});
