export * from "./schema.ts";
export * from "./parse.ts";
export * from "./serialize.ts";
