import { checkDatabase } from "@/server/health/check-database";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase();
  if (!database.ok) {
    return Response.json({ status: "unavailable", database: { ok: false, message: database.message } }, { status: 503 });
  }
  return Response.json({ status: "ok", database });
}
