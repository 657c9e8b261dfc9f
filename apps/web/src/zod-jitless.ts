import { config } from "zod";

// The page's CSP has no 'unsafe-eval': zod would probe `Function("")` when a schema is built, to compile its
// parsers, and the browser reports each probe as a violation. Its interpreted parsers are used instead. This
// module is imported first by main.tsx: schemas are built as their modules load.
config({ jitless: true });
