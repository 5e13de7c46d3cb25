import { defineConfig } from "vitest/config";

// The Python app serves dist/ at "/" on the same origin as /graphql.
// In development, `npm run dev` proxies /graphql to the app on 127.0.0.1:8000.
export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
    // Never inline JS/CSS into index.html: the server's CSP forbids inline code.
    assetsInlineLimit: 0,
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/graphql": { target: "http://127.0.0.1:8000", changeOrigin: false },
    },
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
