/**
 * Checking the pre-queue shuffle in the browser. At the start of the line the server sorts the pre-queue entry
 * ids by sha1(seed + ":" + entryId) as lower-case hex and gives them places 1..N in that order; the seed's
 * SHA-256 was published before the pre-queue opened.
 */

/** Web Crypto is only there on secure origins (https, localhost). */
export function canHashInBrowser(): boolean {
  return typeof crypto !== "undefined" && typeof crypto.subtle?.digest === "function";
}

async function hexDigest(algorithm: "SHA-1" | "SHA-256", text: string): Promise<string> {
  const digest = await crypto.subtle.digest(algorithm, new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function sha256Hex(text: string): Promise<string> {
  return hexDigest("SHA-256", text);
}

/** The key an entry is sorted by: sha1(seed + ":" + entryId), lower-case hex. */
export function rankKey(seed: string, entryId: string): Promise<string> {
  return hexDigest("SHA-1", `${seed}:${entryId}`);
}

export interface RankedEntry {
  place: number;
  entryId: string;
  key: string;
}

/** The whole shuffle: every entry with its rank key, in the order the line gave places. */
export async function recomputeShuffle(seed: string, entryIds: readonly string[]): Promise<RankedEntry[]> {
  const keyed = await Promise.all(
    entryIds.map(async (entryId) => ({ entryId, key: await rankKey(seed, entryId) })),
  );
  // Byte order of the hex strings, as Lua's `<` compares them.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((entry, index) => ({ place: index + 1, ...entry }));
}

const SEED_PLACEHOLDER = "SEED";

/** Shell-safe single quoting. */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `printf '%s' SEED | sha256sum`: must print the committed hash. */
export function verifyHashCommand(seed: string | null): string {
  return `printf '%s' ${seed ? quote(seed) : SEED_PLACEHOLDER} | sha256sum`;
}

/** One line of Node: entry ids (one per line) on stdin → "place entryId" in the line's order. */
export function nodeShuffleCommand(seed: string | null): string {
  const script =
    'const c=require("crypto"),s=process.argv[1];' +
    'require("fs").readFileSync(0,"utf8").split(/\\s+/).filter(Boolean)' +
    '.map(e=>[c.createHash("sha1").update(s+":"+e).digest("hex"),e])' +
    ".sort((a,b)=>a[0]<b[0]?-1:1).forEach(([,e],i)=>console.log(i+1,e))";
  return `node -e '${script}' ${seed ? quote(seed) : SEED_PLACEHOLDER} < entries.txt`;
}

/** The same with coreutils only. */
export function shellShuffleCommand(seed: string | null): string {
  return (
    `SEED=${seed ? quote(seed) : SEED_PLACEHOLDER}; while read -r id; do ` +
    `printf '%s %s\\n' "$(printf '%s:%s' "$SEED" "$id" | sha1sum | cut -d' ' -f1)" "$id"; ` +
    "done < entries.txt | LC_ALL=C sort | cut -d' ' -f2 | nl"
  );
}
