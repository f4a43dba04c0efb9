import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { WebhookEvent } from '@hb/contracts';
import { prefixedId } from '@hb/platform';
import type { WebhookRow } from './webhook-rows';

export interface NewWebhook {
  tenantId: string;
  name: string;
  url: string;
  events: WebhookEvent[];
  secret: string;
  status: WebhookRow['status'];
}

export interface WebhookChanges {
  name: string;
  url: string;
  events: WebhookEvent[];
  status: WebhookRow['status'];
  secret: string;
  /** The current secret goes on signing beside the new one for this long (a rotation), or not at all. */
  previousSecretForMs?: number;
}

/** The webhooks table: a tenant's endpoints, their secrets and their health. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(webhook: NewWebhook): Promise<WebhookRow> {
    const [row] = await this.dataSource.query(
      `INSERT INTO webhooks (id, tenant_id, name, url, events, secret, status) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [prefixedId('wh'), webhook.tenantId, webhook.name, webhook.url, webhook.events, webhook.secret, webhook.status],
    );
    return row;
  }

  /** The tenant's webhook, or undefined: another tenant's is as absent as a missing one. */
  async findOwned(tenantId: string, id: string): Promise<WebhookRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM webhooks WHERE id = $1 AND tenant_id = $2`, [id, tenantId]);
    return row;
  }

  async listOwned(tenantId: string): Promise<WebhookRow[]> {
    return this.dataSource.query(`SELECT * FROM webhooks WHERE tenant_id = $1 ORDER BY created_at, id`, [tenantId]);
  }

  /**
   * Writes a webhook's new settings. Re-enabling clears why it was disabled and since when it was
   * failing; a rotation keeps the current secret as the previous one for the overlap.
   */
  async update(current: WebhookRow, changes: WebhookChanges): Promise<WebhookRow> {
    const [[row]] = await this.dataSource.query(
      `UPDATE webhooks SET name = $3, url = $4, events = $5, status = $6,
              disabled_reason = CASE WHEN $6 = 'disabled' THEN disabled_reason END,
              failing_since = CASE WHEN $6 = 'disabled' THEN failing_since END,
              secret = $7,
              previous_secret = CASE WHEN $8 THEN secret ELSE previous_secret END,
              previous_secret_until = CASE WHEN $8 THEN now() + $9 * interval '1 millisecond' ELSE previous_secret_until END,
              updated_at = now()
        WHERE id = $1 AND tenant_id = $2 RETURNING *`,
      [
        current.id,
        current.tenant_id,
        changes.name,
        changes.url,
        changes.events,
        changes.status,
        changes.secret,
        changes.previousSecretForMs !== undefined,
        changes.previousSecretForMs ?? 0,
      ],
    );
    return row;
  }

  /** Deletes the tenant's webhook (its deliveries and attempts go with it); false when there was none. */
  async deleteOwned(tenantId: string, id: string): Promise<boolean> {
    const [rows] = await this.dataSource.query(`DELETE FROM webhooks WHERE id = $1 AND tenant_id = $2 RETURNING id`, [id, tenantId]);
    return rows.length > 0;
  }

  async clearFailing(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE webhooks SET failing_since = NULL WHERE id = $1`, [id]);
  }

  /** Marks the webhook failing from now unless it already was; returns since when it has been. */
  async markFailing(manager: EntityManager, id: string): Promise<Date> {
    const [[row]] = await manager.query(`UPDATE webhooks SET failing_since = coalesce(failing_since, now()) WHERE id = $1 RETURNING failing_since`, [id]);
    return new Date(row.failing_since);
  }

  /** Disables an active webhook; false when it was not active (already disabled, or paused). */
  async disable(manager: EntityManager, id: string, reason: string): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE webhooks SET status = 'disabled', disabled_reason = $2, updated_at = now() WHERE id = $1 AND status = 'active' RETURNING id`,
      [id, reason],
    );
    return rows.length > 0;
  }
}
