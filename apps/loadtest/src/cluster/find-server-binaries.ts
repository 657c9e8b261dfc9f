import { accessSync, constants, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/** Postgres server binaries (`initdb`, `postgres`) of the newest version found, and the user to run them as. */
export interface PostgresBinaries {
  binDir: string;
  version: string;
  /** Set when the load test runs as root: initdb and postgres refuse root, so they run as this user. */
  runAs: OsUser | undefined;
}

export interface ServerBinaries {
  postgres: PostgresBinaries | { skipped: string };
  redis: { redisServer: string } | { skipped: string };
}

export interface BinarySearchPlaces {
  /** Holds one folder per installed major version, each with a `bin` (Debian's layout). */
  postgresRoot: string;
  /** The PATH to look for `redis-server` in. */
  searchPath: string;
  /** Our own uid (0 = root). */
  uid: number;
  /** The passwd file, to find the `postgres` OS user. */
  passwdFile: string;
}

const DEFAULT_PLACES: BinarySearchPlaces = {
  postgresRoot: "/usr/lib/postgresql",
  searchPath: process.env.PATH ?? "",
  uid: process.getuid?.() ?? -1,
  passwdFile: "/etc/passwd",
};

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function osUser(passwdFile: string, name: string): OsUser | undefined {
  let passwd: string;
  try {
    passwd = readFileSync(passwdFile, "utf8");
  } catch {
    return undefined;
  }
  for (const line of passwd.split("\n")) {
    const [user, , uid, gid] = line.split(":");
    if (user === name && uid && gid) return { name, uid: Number(uid), gid: Number(gid) };
  }
  return undefined;
}

function findPostgres(places: BinarySearchPlaces): PostgresBinaries | { skipped: string } {
  let versions: string[];
  try {
    versions = readdirSync(places.postgresRoot);
  } catch {
    return { skipped: `no Postgres server binaries: ${places.postgresRoot} does not exist` };
  }
  const newestFirst = versions
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  const version = newestFirst.find((name) =>
    ["initdb", "postgres"].every((tool) => isExecutable(path.join(places.postgresRoot, name, "bin", tool))),
  );
  if (!version)
    return { skipped: `no initdb and postgres under ${path.join(places.postgresRoot, "*", "bin")}` };
  let runAs: OsUser | undefined;
  if (places.uid === 0) {
    runAs = osUser(places.passwdFile, "postgres");
    if (!runAs)
      return { skipped: "running as root, and there is no postgres OS user to run initdb and postgres as" };
  }
  return { binDir: path.join(places.postgresRoot, version, "bin"), version, runAs };
}

/** The first executable `tool` in the folders of `searchPath` (a PATH), or undefined. */
export function findOnPath(tool: string, searchPath = process.env.PATH ?? ""): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, tool);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function findRedis(places: BinarySearchPlaces): { redisServer: string } | { skipped: string } {
  const redisServer = findOnPath("redis-server", places.searchPath);
  return redisServer ? { redisServer } : { skipped: "no redis-server on the PATH" };
}

/**
 * The binaries the fault drills need to run a private Postgres and Redis that they may restart: Postgres from
 * /usr/lib/postgresql/<version>/bin (newest first), redis-server from the PATH. Each is either found or skipped
 * with the reason.
 */
export function findServerBinaries(places: Partial<BinarySearchPlaces> = {}): ServerBinaries {
  const where = { ...DEFAULT_PLACES, ...places };
  return { postgres: findPostgres(where), redis: findRedis(where) };
}
