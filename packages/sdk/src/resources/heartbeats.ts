import { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type { RequestOptions } from '../core/transport.js';
import type { AnswerOf, Bot, BodyOf, Heartbeat, HeartbeatLog, HeartbeatResult, HeartbeatStats, Params, QueryOf } from '../types.js';

type HeartbeatRef = { bot_id: string; heartbeat_id: string };
export type BotCreateParams = Params<BodyOf<'BotsController_create'>>;
export type BotUpdateParams = Omit<Params<BodyOf<'BotsController_update'>>, 'bot_id'>;
export type HeartbeatConfigureParams = Params<BodyOf<'HeartbeatsController_configure'>>;
export type ScheduleTaskParams = Params<BodyOf<'HeartbeatsController_scheduleTask'>>;
export type HeartbeatLogParams = Omit<Params<QueryOf<'HeartbeatsController_logs'>>, 'bot_id'>;
export type HeartbeatLogsPage = AnswerOf<'HeartbeatsController_logs'>;

/** The Heartbeat API's face: its own words (project_id for the tenant) and plain bodies. */
abstract class BotFace extends Resource {
  protected override readonly tenantField = 'project_id' as const;
}

/** The Heartbeat API's bots (specs 001 and 002): the platform's agents, in the bot face's words. */
export class Bots extends BotFace {
  async create(params: BotCreateParams, options?: RequestOptions): Promise<Bot> {
    return (await this.request<{ bot: Bot }>('POST', '/v1/bot/create', { body: params }, options)).bot;
  }

  async read(botId: string, options?: RequestOptions): Promise<Bot> {
    return (await this.request<{ bot: Bot }>('GET', '/v1/bot/read', { query: { bot_id: botId } }, options)).bot;
  }

  /** `heartbeat: true` lets the bot have heartbeats. */
  async update(botId: string, changes: BotUpdateParams, options?: RequestOptions): Promise<Bot> {
    return (await this.request<{ bot: Bot }>('POST', '/v1/bot/update', { body: { ...changes, bot_id: botId } }, options)).bot;
  }
}

/** A bot's heartbeats: a prompt run on an interval or a cron pattern, in a window, within a credit budget. */
export class Heartbeats extends BotFace {
  /** Creates the bot's heartbeat, or changes the one `heartbeat_id` names. */
  async configure(params: HeartbeatConfigureParams, options?: RequestOptions): Promise<Heartbeat> {
    return (await this.request<{ heartbeat: Heartbeat }>('POST', '/v1/bot/heartbeat/configure', { body: params }, options)).heartbeat;
  }

  async readall(botId: string, options?: RequestOptions): Promise<Heartbeat[]> {
    return (await this.request<{ heartbeats: Heartbeat[] }>('GET', '/v1/bot/heartbeat/readall', { query: { bot_id: botId } }, options)).heartbeats;
  }

  async read(ref: HeartbeatRef, options?: RequestOptions): Promise<Heartbeat> {
    return (await this.request<{ heartbeat: Heartbeat }>('GET', '/v1/bot/heartbeat/read', { query: ref }, options)).heartbeat;
  }

  async enable(ref: HeartbeatRef, options?: RequestOptions): Promise<Heartbeat> {
    return (await this.request<{ heartbeat: Heartbeat }>('POST', '/v1/bot/heartbeat/enable', { body: ref }, options)).heartbeat;
  }

  async disable(ref: HeartbeatRef, options?: RequestOptions): Promise<Heartbeat> {
    return (await this.request<{ heartbeat: Heartbeat }>('POST', '/v1/bot/heartbeat/disable', { body: ref }, options)).heartbeat;
  }

  /** Runs it once now, enabled or not, and answers when the run has ended. */
  async trigger(ref: HeartbeatRef, options: RequestOptions = {}): Promise<HeartbeatResult> {
    const answer = await this.request<{ result: HeartbeatResult }>('POST', '/v1/bot/heartbeat/trigger', { body: ref }, { timeoutMs: 320_000, ...options });
    return answer.result;
  }

  delete(ref: HeartbeatRef, options?: RequestOptions): Promise<AnswerOf<'HeartbeatsController_delete'>> {
    return this.request('DELETE', '/v1/bot/heartbeat/delete', { query: ref }, options);
  }

  /** A one-off run of `prompt` at `run_at`. */
  async scheduleTask(params: ScheduleTaskParams, options?: RequestOptions): Promise<HeartbeatLog> {
    return (await this.request<{ task: HeartbeatLog }>('POST', '/v1/bot/heartbeat/schedule-task', { body: params }, options)).task;
  }

  /** The bot's runs, newest first: `await` for a page, `for await` for all of them. */
  logs(botId: string, params: HeartbeatLogParams = {}, options?: RequestOptions): PagePromise<HeartbeatLogsPage, HeartbeatLog> {
    return new PagePromise(
      (page) => this.request<HeartbeatLogsPage>('GET', '/v1/bot/heartbeat/logs', { query: { ...params, bot_id: botId, page } }, options),
      params.page ?? 1,
      (page) => page.logs,
      (page) => page.pagination.page < page.pagination.total_pages,
    );
  }

  async stats(botId: string, params: { days?: number } = {}, options?: RequestOptions): Promise<HeartbeatStats> {
    return (await this.request<{ stats: HeartbeatStats }>('GET', '/v1/bot/heartbeat/stats', { query: { ...params, bot_id: botId } }, options)).stats;
  }
}
