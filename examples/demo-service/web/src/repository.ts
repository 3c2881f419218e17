import { Pool } from 'pg';

export interface OrderRow {
  id: string;
  customer: string;
  total_cents: number;
  status: string;
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

export async function ordersFor(customer: string, status?: string): Promise<OrderRow[]> {
  const params: string[] = [customer];
  let sql = 'SELECT id, customer, total_cents, status FROM orders WHERE customer = $1';
  if (status) {
    params.push(status);
    sql += ' AND status = $2';
  }
  const result = await pool.query<OrderRow>(`${sql} ORDER BY created_at DESC LIMIT 50`, params);
  return result.rows;
}
