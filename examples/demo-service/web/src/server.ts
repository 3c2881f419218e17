import express from 'express';
import { formatCents, paginate } from './format';
import { ordersFor } from './repository';
import { hasScope, sessionFromToken } from './session';
import { isValidSignature, parseEvent } from './webhooks';

const app = express();
const publicKey = process.env.JWT_PUBLIC_KEY ?? '';
const webhookSecret = process.env.WEBHOOK_SECRET ?? '';

app.get('/healthz', (_req, res) => {
  res.status(204).end();
});

app.get('/orders', async (req, res) => {
  try {
    const session = sessionFromToken(String(req.headers.authorization ?? '').replace(/^Bearer /, ''), publicKey);
    if (!hasScope(session, 'orders:read')) {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    const rows = await ordersFor(session.userId, typeof req.query.status === 'string' ? req.query.status : undefined);
    const page = paginate(rows, Number(req.query.page ?? 1));
    res.json({ pages: page.pages, orders: page.items.map((o) => ({ ...o, total: formatCents(o.total_cents) })) });
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
});

app.post('/webhooks/partner', express.text({ type: '*/*' }), (req, res) => {
  if (!isValidSignature(req.body as string, String(req.headers['x-signature'] ?? ''), webhookSecret)) {
    res.status(401).end();
    return;
  }
  const event = parseEvent(req.body as string);
  console.log(`partner event ${event.type} for ${event.orderId}`);
  res.status(202).end();
});

app.listen(Number(process.env.PORT ?? 3000));
