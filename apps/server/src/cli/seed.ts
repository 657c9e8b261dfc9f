import { hashPassword } from "@frontrow/core";
import { createDb, prepareDatabase } from "@frontrow/db";
import { isDatabaseEmpty, seedDemoData } from "@frontrow/db/seed";
import { loadEnv } from "../env";

// `pnpm db:seed`: migrate if needed, then seed the demo data unless the database already has data.
const env = loadEnv();
await prepareDatabase(env.databaseUrl);
const handle = createDb(env.databaseUrl, { max: 4 });
try {
  if (await isDatabaseEmpty(handle.db)) {
    const summary = await seedDemoData(handle.db, { passwordHash: await hashPassword("frontrow-demo") });
    console.log("seeded", summary);
  } else {
    console.log("the database already has data; nothing seeded");
  }
} finally {
  await handle.close();
}
