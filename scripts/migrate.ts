export {};
// `npm run db:migrate`: apply pending migrations (same as `zoneline migrate`).
process.argv.splice(2, 0, "migrate");
await import("../cli/main.ts");
