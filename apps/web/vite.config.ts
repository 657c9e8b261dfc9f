import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// API_TARGET / WEB_PORT let several dev stacks run side by side.
const apiTarget = process.env.API_TARGET ?? "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    strictPort: true,
    proxy: {
      "/trpc": { target: apiTarget, ws: true },
      "/healthz": { target: apiTarget },
      "/api": { target: apiTarget },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
  },
});
