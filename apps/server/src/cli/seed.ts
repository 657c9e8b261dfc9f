import { hashPassword } from "@frontrow/core";
import { createDb, prepareDatabase } from "@frontrow/db";
import { isDatabaseEmpty, seedDemoData } from "@frontrow/db/seed";
import { LOCAL_POSTGRES_URL } from "../backing-services";
import { loadEnv } from "../env";

// `pnpm db:seed`: migrate if needed, then seed the demo data unless the database already has data.
const databaseUrl = loadEnv().databaseUrl ?? LOCAL_POSTGRES_URL;
await prepareDatabase(databaseUrl);
const handle = createDb(databaseUrl, { max: 4 });
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
