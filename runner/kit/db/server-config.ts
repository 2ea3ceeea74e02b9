/** Where a PostgreSQL server is, as the `pg` driver and Sequelize take it; passed to check processes as JSON. */
import type { ClientConfig } from 'pg';

export interface ServerConfig {
  /** A host name, or on a Unix socket the socket's folder. */
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

/** The variable that carries the server to check processes (set by prepareDatabase). */
export const SERVER_ENV = 'WORKBOOK_PG_SERVER';

export function serverFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig | undefined {
  const raw = env[SERVER_ENV];
  return raw ? (JSON.parse(raw) as ServerConfig) : undefined;
}

export function serverFromUrl(url: string): ServerConfig {
  const u = new URL(url);
  return {
    host: u.searchParams.get('host') ?? (decodeURIComponent(u.hostname) || 'localhost'),
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || 'postgres',
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
}

/** Host and port for messages: never the password. */
export const where = (s: ServerConfig) => (s.host.startsWith('/') ? `the socket in ${s.host}` : `${s.host}:${s.port}`);

export const clientConfig = (s: ServerConfig, database = s.database): ClientConfig => ({
  host: s.host,
  port: s.port,
  user: s.user,
  password: s.password,
  database,
  connectionTimeoutMillis: 5000,
});
