import { checkDatabase } from '@/lib/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const health = await checkDatabase();
  return Response.json(health, { status: health.status === 'ok' ? 200 : 503 });
}
