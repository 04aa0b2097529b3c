/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database drivers and the embedded Postgres run in Node as they are; bundling them gains nothing.
  // The SQL parser loads its .wasm from beside its own module at run time, which only works unbundled.
  // exceljs (record of processing as XLSX) is CommonJS with optional Node streams: run it as it is.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@electric-sql/pglite", "@electric-sql/pglite-socket", "elkjs", "@guanmingchiu/sqlparser-ts", "pg-boss", "exceljs", "@react-pdf/renderer"],
  poweredByHeader: false,
  // `npm test` builds into its own folder so that it never replaces the build a running `npm start` serves
  distDir: process.env.ZONELINE_DIST_DIR || ".next",
  // The build step (scripts/lib/build.ts, behind `npm run build`, `npm start` and `npm test`) runs
  // tsc --noEmit over the whole project first and stops on a type error; checking again here would only double the cost.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
