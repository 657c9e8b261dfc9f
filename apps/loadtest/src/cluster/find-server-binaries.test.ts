import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findServerBinaries } from "./find-server-binaries";

const root = mkdtempSync(path.join(os.tmpdir(), "frontrow-binaries-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function executable(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "#!/bin/sh\n");
  chmodSync(file, 0o755);
}

const postgresRoot = path.join(root, "postgresql");
for (const version of ["13", "15"]) {
  executable(path.join(postgresRoot, version, "bin", "initdb"));
  executable(path.join(postgresRoot, version, "bin", "postgres"));
}
// A newer version without its server binary (only the client tools installed) must not be picked.
executable(path.join(postgresRoot, "16", "bin", "initdb"));
executable(path.join(root, "bin", "redis-server"));
const passwd = path.join(root, "passwd");
writeFileSync(passwd, "root:x:0:0:root:/root:/bin/bash\npostgres:x:101:104::/var/lib/postgresql:/bin/bash\n");
const noPostgresUser = path.join(root, "passwd-without-postgres");
writeFileSync(noPostgresUser, "root:x:0:0:root:/root:/bin/bash\n");

describe("findServerBinaries", () => {
  it("picks the newest Postgres with both initdb and postgres, and redis-server from the PATH", () => {
    const found = findServerBinaries({
      postgresRoot,
      searchPath: [path.join(root, "nothing-here"), path.join(root, "bin")].join(path.delimiter),
      uid: 1000,
      passwdFile: passwd,
    });
    expect(found.postgres).toEqual({
      binDir: path.join(postgresRoot, "15", "bin"),
      version: "15",
      runAs: undefined,
    });
    expect(found.redis).toEqual({ redisServer: path.join(root, "bin", "redis-server") });
  });

  it("runs Postgres as the postgres OS user when we are root", () => {
    const found = findServerBinaries({ postgresRoot, searchPath: "", uid: 0, passwdFile: passwd });
    expect(found.postgres).toMatchObject({ runAs: { name: "postgres", uid: 101, gid: 104 } });
  });

  it("says why when something is missing", () => {
    expect(
      findServerBinaries({ postgresRoot, searchPath: "", uid: 0, passwdFile: noPostgresUser }).postgres,
    ).toEqual({ skipped: expect.stringContaining("no postgres OS user") });
    const nothing = findServerBinaries({
      postgresRoot: path.join(root, "absent"),
      searchPath: path.join(root, "nothing-here"),
      uid: 1000,
      passwdFile: passwd,
    });
    expect(nothing.postgres).toEqual({ skipped: expect.stringContaining("does not exist") });
    expect(nothing.redis).toEqual({ skipped: "no redis-server on the PATH" });
  });
});
