// Generated from the gateway's /openapi.json by `pnpm --filter @hb/sdk generate`. Do not edit.

export type paths = {
    "/api/v1/admin/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tenants (admin key only). */
        get: operations["TenantsController_list"];
        put?: never;
        /** Create a tenant (admin key only). The id may be chosen (user_12345, a UUID) or generated. */
        post: operations["TenantsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tenants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a tenant with its plan and effective limits (admin key only). */
        get: operations["TenantsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a tenant: name, plan, limit overrides (admin key only). */
        patch: operations["TenantsController_update"];
        trace?: never;
    };
    "/api/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant's agents, newest first: {data, total}. */
        get: operations["AgentsController_list"];
        put?: never;
        /** Create an agent: name, instructions (system prompt), model, max_tokens, tools_enabled, heartbeat. */
        post: operations["AgentsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One agent. */
        get: operations["AgentsController_get"];
        put?: never;
        post?: never;
        /** Delete an agent with its conversations. 204 No Content. */
        delete: operations["AgentsController_remove"];
        options?: never;
        head?: never;
        /** Change an agent; fields left out stay as they are. */
        patch: operations["AgentsController_update"];
        trace?: never;
    };
    "/api/v1/agents/{agentId}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This agent's keys (never their secrets): {data, total}. */
        get: operations["AgentKeysController_list"];
        put?: never;
        /** Create a key for this agent; plainKey is shown once. */
        post: operations["AgentKeysController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agentId}/api-keys/{keyId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke one of the agent’s keys; every gateway replica refuses it within a second. */
        post: operations["AgentKeysController_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agentId}/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The agent's conversations, most recently active first: {data, total}. */
        get: operations["AgentsController_conversations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agentId}/conversations/{conversationId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A conversation's messages, newest first, with tool calls and token counts: {data, total}. */
        get: operations["AgentsController_messages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agentId}/invoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invoke the agent (spec 000). wait: true answers {status, response, conversation_id} when the run ends; otherwise 202 with conversation_id at once. conversation_id continues a conversation (its runs go one at a time, in order); an Idempotency-Key header makes a retry return the first run; stream: true answers Server-Sent Events: run, delta {text}, tool {name}, done (the run). */
        post: operations["AgentsController_invoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agentId}/invoke/{conversationId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel the conversation's unfinished runs: a running model call is stopped, queued runs never start. They end as failed with error code cancelled. */
        post: operations["AgentsController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agentId}/invoke/{conversationId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The conversation's latest run: pending | running | completed (with response) | failed (with error). */
        get: operations["AgentsController_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agentId}/mcp-servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The agent's MCP servers by name: {data, total}. */
        get: operations["McpServersController_list"];
        put?: never;
        /** Give the agent an MCP server: name, url, optional headers (stored encrypted, never returned) and timeout_ms. */
        post: operations["McpServersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agentId}/mcp-servers/{serverId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One MCP server of the agent (header names only). */
        get: operations["McpServersController_get"];
        put?: never;
        post?: never;
        /** Take an MCP server from the agent. 204 No Content. */
        delete: operations["McpServersController_remove"];
        options?: never;
        head?: never;
        /** Change an MCP server's name, url, headers (replaced as a whole) or timeout_ms. */
        patch: operations["McpServersController_update"];
        trace?: never;
    };
    "/api/v1/agents/{agentId}/memory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search an agent's memory (query), or list it newest first; filter by type. */
        get: operations["AgentMemoryController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agentId}/memory/{memoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one memory of the agent. 204 No Content. */
        delete: operations["AgentMemoryController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agentId}/skills/{skillId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attach a skill to an agent; answers the agent. */
        post: operations["SkillsController_attach"];
        /** Detach a skill from an agent; answers the agent. */
        delete: operations["SkillsController_detach"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List your tenant's API keys (never their secrets). */
        get: operations["ApiKeysController_list"];
        put?: never;
        /** Create an API key. plainKey is returned once: store it securely immediately. */
        post: operations["ApiKeysController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an API key; every gateway replica refuses it within a second. */
        post: operations["ApiKeysController_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/intelligence/decision-chain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The memories that bear on a topic, in time order, each linked to what led to it, decisions marked. */
        post: operations["IntelligenceController_decisionChain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/intelligence/implicit-patterns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recurring themes, tag combinations and times in your memories, none below minOccurrences. */
        post: operations["IntelligenceController_implicitPatterns"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of memories, filtered by type and tags, sorted by createdAt, importance or updatedAt. */
        get: operations["MemoriesController_list"];
        put?: never;
        /** Create a memory in your tenant; it is searchable when this answers. An Idempotency-Key header makes a retry answer the memory the first attempt stored. */
        post: operations["MemoriesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a memory by id. */
        get: operations["MemoriesController_get"];
        put?: never;
        post?: never;
        /** Delete a memory permanently. */
        delete: operations["MemoriesController_remove"];
        options?: never;
        head?: never;
        /** Update content, importance, tags or metadata of a memory. */
        patch: operations["MemoriesController_update"];
        trace?: never;
    };
    "/api/v1/memories/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create up to 100 memories at once, for imports: one line per item (created, or failed with the field), one quota check. */
        post: operations["MemoriesController_createBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/memories/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hybrid semantic search: embeddings and full text, fused by reciprocal rank. */
        post: operations["MemoriesController_search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/skills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's skills by name: {data, total}. */
        get: operations["SkillsController_list"];
        put?: never;
        /** Define a skill: name, description, instructions. */
        post: operations["SkillsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/skills/{skillId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One skill. */
        get: operations["SkillsController_get"];
        put?: never;
        post?: never;
        /** Delete a skill; agents it was attached to lose it. 204 No Content. */
        delete: operations["SkillsController_remove"];
        options?: never;
        head?: never;
        /** Change a skill's description or instructions. */
        patch: operations["SkillsController_update"];
        trace?: never;
    };
    "/api/v1/system/ping/{service}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Round-trips a ping to one service over Kafka and reports the latency. */
        get: operations["SystemController_ping"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Unauthenticated: the gateway answers. */
        get: operations["SystemController_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/whoami": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller as the gateway sees it: an admin, a key or a signed-in user; its tenant and scopes. */
        get: operations["SystemController_whoami"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/metrics/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current usage: API calls today and this month, memories, storage, with plan limits. */
        get: operations["UsageController_metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your tenant's webhooks (never their secrets). */
        get: operations["WebhooksController_list"];
        put?: never;
        /** Register a webhook: deliveries are signed (Standard Webhooks) and retried on the Svix schedule. */
        post: operations["WebhooksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook. */
        get: operations["WebhooksController_get"];
        put?: never;
        post?: never;
        /** Delete a webhook and its deliveries. */
        delete: operations["WebhooksController_remove"];
        options?: never;
        head?: never;
        /** Change name, url, events or status (active re-enables a disabled webhook); a new secret rotates: both sign for 24 hours. */
        patch: operations["WebhooksController_update"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries, newest first, each with its attempts (status code, latency, response excerpt) and next retry. */
        get: operations["WebhooksController_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send one delivery again, from the start of the retry schedule, under the same webhook-id. */
        post: operations["WebhooksController_resend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/recover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send again every delivery that failed since a time. */
        post: operations["WebhooksController_recover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test payload now; answers the attempt: delivered, statusCode, latencyMs, error. */
        post: operations["WebhooksController_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mcp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Not offered: the server keeps no sessions, so there is no stream to open (405). */
        get: operations["McpController_openStream"];
        put?: never;
        /** MCP over Streamable HTTP: tools to search and keep memories, invoke agents, and read and trigger heartbeats. */
        post: operations["McpController_handle"];
        /** Not offered: the server keeps no sessions to end (405). */
        delete: operations["McpController_endSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a bot (an agent of the project): {bot}. */
        post: operations["BotsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/heartbeat/configure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a heartbeat, or update one by heartbeat_id: {heartbeat}. */
        post: operations["HeartbeatsController_configure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/heartbeat/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete it and its scheduled runs; its logs stay: {deleted, uuid}. */
        delete: operations["HeartbeatsController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/heartbeat/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause it, keeping its configuration: {heartbeat}. */
        post: operations["HeartbeatsController_disable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/heartbeat/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run it on its schedule from the next occurrence: {heartbeat}. */
        post: operations["HeartbeatsController_enable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/heartbeat/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bot's execution history, newest first: {total, logs, pagination}. */
        get: operations["HeartbeatsController_logs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/heartbeat/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One heartbeat: {heartbeat}. */
        get: operations["HeartbeatsController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/heartbeat/readall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bot's heartbeats: {heartbeats}. */
        get: operations["HeartbeatsController_readall"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/heartbeat/schedule-task": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a prompt once at run_at, logged as type scheduled_task: {task}. */
        post: operations["HeartbeatsController_scheduleTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/heartbeat/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bot's execution statistics over the last days: {stats}. */
        get: operations["HeartbeatsController_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/heartbeat/trigger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run it once now, enabled or not, and wait for the result: {result}. */
        post: operations["HeartbeatsController_trigger"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bot: {bot}. */
        get: operations["BotsController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bot/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change a bot; heartbeat: true lets the Heartbeat API run it: {bot}. */
        post: operations["BotsController_update"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        Agent: {
            /** Format: date-time */
            created_at: string;
            heartbeat: boolean;
            id: string;
            instructions: string;
            max_tokens: number;
            model: string | null;
            name: string;
            skills: {
                description: string;
                id: string;
                name: string;
            }[];
            tools_enabled: boolean;
            /** Format: date-time */
            updated_at: string;
        };
        AgentMemory: {
            confidence: number;
            content: string;
            /** Format: date-time */
            created_at: string;
            id: string;
            source_conversation: string | null;
            type: string;
        };
        ApiKey: {
            agentId?: string;
            /** Format: date-time */
            createdAt: string;
            environment: string;
            /** Format: date-time */
            expiresAt?: string;
            id: string;
            keyPrefix: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            name: string;
            rateLimit: {
                requestsPerDay: number;
                requestsPerHour: number;
                requestsPerMinute: number;
            };
            /** Format: date-time */
            revokedAt?: string;
            scopes: string[];
            /** @enum {string} */
            status: "active" | "revoked" | "expired";
        };
        Bot: {
            /** Format: date-time */
            created_at: string;
            heartbeat: boolean;
            id: string;
            instructions: string;
            model: string | null;
            name: string;
            project_id: string;
            /** Format: date-time */
            updated_at: string;
        };
        ConfigureHeartbeatDto: {
            /**
             * @description Comma-separated days 1-7 (1 = Monday; null: every day)
             * @example 1,2,3,4,5
             */
            active_days?: string | null;
            /**
             * @description End of the active window, HH:MM (before the start: the window crosses midnight)
             * @example 17:00
             */
            active_hours_end?: string | null;
            /**
             * @description Start of the active window, HH:MM (null, with active_hours_end: no window)
             * @example 09:00
             */
            active_hours_start?: string | null;
            /** @description Bot UUID (the agent id). */
            bot_id: string;
            /** @description Max credits per billing period, the calendar month (null = unlimited) */
            credit_budget?: number | null;
            /** @description Five-field cron expression, e.g. 0 9 * * 1 for every Monday at 9am; instead of interval_minutes */
            cron_pattern?: string;
            /** @description Whether the heartbeat is active (default: false) */
            enabled?: boolean;
            /** @description Updates this heartbeat; without it a new one is created. */
            heartbeat_id?: string;
            /** @description How often the agent runs in minutes (default: 30) */
            interval_minutes?: number;
            /** @description Auto-pause after this many consecutive failures (default: 5) */
            max_consecutive_errors?: number;
            /** @description Subscriber member ID (for subscriber-specific heartbeats) */
            member_id?: string;
            /** @description Project UUID (the tenant). */
            project_id: string;
            /** @description The instruction the agent executes each run (required when creating) */
            prompt?: string;
            /**
             * @description IANA timezone for the schedule and active hours (default: UTC)
             * @example America/New_York
             */
            timezone?: string;
        };
        Conversation: {
            agent_id: string;
            /** Format: date-time */
            created_at: string;
            id: string;
            messages: number;
            /** Format: date-time */
            updated_at: string;
        };
        CreateAgentDto: {
            /**
             * @description The Heartbeat API's flag: heartbeats may run this agent.
             * @default false
             */
            heartbeat?: boolean;
            /**
             * @description The system prompt.
             * @example You answer customer questions briefly and kindly.
             */
            instructions?: string;
            /** @default 4096 */
            max_tokens?: number;
            /**
             * @description The model; the deployment's ANTHROPIC_MODEL when unset or null (an update with null goes back to it). A model the provider has deprecated or retired is refused.
             * @example claude-sonnet-5-5
             */
            model?: string | null;
            /** @example Support assistant */
            name: string;
            /**
             * @description Admin key only: the tenant.
             * @example user_12345
             */
            tenantId?: string;
            /**
             * @description The remember and recall tools.
             * @default true
             */
            tools_enabled?: boolean;
        };
        CreateAgentKeyDto: {
            /** @description Unix seconds. */
            expiresAt?: number;
            /** @example Zapier integration */
            name: string;
            /** @description Admin key only: the tenant. */
            tenantId?: string;
        };
        CreateApiKeyDto: {
            /**
             * @default production
             * @enum {string}
             */
            environment?: "development" | "production";
            /**
             * @description Expiration timestamp, Unix seconds (milliseconds also accepted).
             * @example 1798761600
             */
            expiresAt?: number;
            /** @example Production API Key */
            name: string;
            /**
             * @description Omitted: every scope of the creating key.
             * @example [
             *       "read:memories",
             *       "write:memories"
             *     ]
             */
            scopes?: ("read:memories" | "write:memories" | "read:agents" | "write:agents" | "invoke:agents" | "read:heartbeats" | "write:heartbeats" | "read:webhooks" | "write:webhooks" | "read:keys" | "write:keys" | "read:usage")[];
            /**
             * @description Admin key only: the tenant.
             * @example user_12345
             */
            tenantId?: string;
        };
        CreateBotDto: {
            /** @description Heartbeats may run this bot (the Heartbeat API needs it true). */
            heartbeat?: boolean;
            /** @description The system prompt. */
            instructions?: string;
            max_tokens?: number;
            /** @description The model; the deployment's ANTHROPIC_MODEL when unset. A deprecated or retired model is refused. */
            model?: string;
            /** @example Daily digest bot */
            name: string;
            /** @description Project UUID (the tenant). */
            project_id: string;
            /**
             * @description The remember and recall tools.
             * @default true
             */
            tools_enabled?: boolean;
        };
        CreatedApiKey: {
            agentId?: string;
            /** Format: date-time */
            createdAt: string;
            environment: string;
            /** Format: date-time */
            expiresAt?: string;
            id: string;
            keyPrefix: string;
            name: string;
            plainKey: string;
            rateLimit: {
                requestsPerDay: number;
                requestsPerHour: number;
                requestsPerMinute: number;
            };
            scopes: string[];
        };
        CreateMcpServerDto: {
            /**
             * @description Sent with every request to the server (up to 20), typically Authorization. Stored encrypted; answers show only their names (header_names).
             * @example {
             *       "Authorization": "Bearer <token>"
             *     }
             */
            headers?: {
                [key: string]: string;
            };
            /**
             * @description Names the server in the agent: its tools reach the model as `<name>__<tool>`. Lowercase letters, digits and -, unique in the agent.
             * @example github
             */
            name: string;
            /**
             * @description Admin key only: the tenant.
             * @example user_12345
             */
            tenantId?: string;
            /**
             * @description Deadline of each request to the server: the tool list at run start, and each call.
             * @default 30000
             */
            timeout_ms?: number;
            /**
             * @description Its Streamable HTTP endpoint: https, or plain http to a host WEBHOOK_ALLOWED_HOSTS names. Private and local addresses are refused unless allowlisted.
             * @example https://mcp.example.com/mcp
             */
            url: string;
        };
        CreateMemoriesDto: {
            /**
             * @example [
             *       {
             *         "content": "Met with Sarah Chen about Q4 goals. Focus on revenue growth.",
             *         "type": "episodic",
             *         "importance": 0.8,
             *         "tags": [
             *           "meeting",
             *           "q4"
             *         ]
             *       },
             *       {
             *         "content": "Sarah prefers written summaries after meetings.",
             *         "type": "semantic"
             *       }
             *     ]
             */
            memories: components["schemas"]["CreateMemoryDto"][];
            /**
             * @description Admin key only: the tenant.
             * @example user_12345
             */
            tenantId?: string;
        };
        CreateMemoryDto: {
            /** @example Met with Sarah Chen about Q4 goals. Focus on revenue growth. */
            content: string;
            /**
             * @default 0.5
             * @example 0.8
             */
            importance?: number;
            /**
             * @example {
             *       "source": "meeting",
             *       "contact_name": "Sarah Chen",
             *       "sentiment": "positive"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            };
            /**
             * @example [
             *       "meeting",
             *       "q4"
             *     ]
             */
            tags?: string[];
            /** @example user_12345 */
            tenantId: string;
            /**
             * @example episodic
             * @enum {string}
             */
            type: "episodic" | "semantic" | "procedural" | "working" | "prospective" | "emotional" | "contextual" | "identity" | "relational" | "event" | "predictive" | "task" | "decision";
        };
        CreateSkillDto: {
            /** @example How to write a refund email. */
            description: string;
            /** @example Apologise once, state the amount and the date, sign with the team name. */
            instructions: string;
            /**
             * @description Lowercase letters, digits, - and _; unique in the tenant.
             * @example refund-emails
             */
            name: string;
            /** @description Admin key only: the tenant. */
            tenantId?: string;
        };
        CreateTenantDto: {
            /**
             * @description Chosen by the caller, or generated (a UUID) when omitted.
             * @example user_12345
             */
            id?: string;
            limits?: components["schemas"]["TenantLimitsDto"];
            /** @example Acme Inc. */
            name: string;
            /**
             * @example pro
             * @enum {string}
             */
            plan?: "free" | "pro" | "enterprise";
        };
        CreateWebhookDto: {
            /**
             * @example [
             *       "memory.created",
             *       "memory.updated"
             *     ]
             */
            events: ("memory.created" | "memory.updated" | "memory.deleted" | "search.performed" | "api_key.created" | "api_key.revoked" | "agent.run.completed" | "agent.run.failed" | "heartbeat.run.completed" | "heartbeat.run.failed" | "heartbeat.run.skipped" | "heartbeat.paused")[];
            /** @example Memory Sync */
            name: string;
            /**
             * @description Signs every delivery (Standard Webhooks); a whsec_ secret is used base64-decoded.
             * @example your-webhook-secret
             */
            secret: string;
            /**
             * @default active
             * @enum {string}
             */
            status?: "active" | "inactive";
            /** @example user_12345 */
            tenantId?: string;
            /**
             * @description HTTPS endpoint URL.
             * @example https://your-app.com/webhooks/herobrain
             */
            url: string;
        };
        DecisionChain: {
            decisions: number;
            narrative: string | null;
            steps: {
                content: string;
                /** Format: date-time */
                createdAt: string;
                id: string;
                isDecision: boolean;
                ledFrom: string | null;
                linkReasons: string[];
                relevance: number;
                /** @enum {string} */
                type: "episodic" | "semantic" | "procedural" | "working" | "prospective" | "emotional" | "contextual" | "identity" | "relational" | "event" | "predictive" | "task" | "decision";
            }[];
            timeRange: {
                /** Format: date-time */
                from: string | null;
                /** Format: date-time */
                to: string | null;
            };
            topic: string;
        };
        DecisionChainDto: {
            /**
             * @description Admin key only: the tenant.
             * @example user_12345
             */
            tenantId?: string;
            timeRange?: components["schemas"]["TimeRangeDto"];
            /** @example Q4 strategy */
            topic: string;
        };
        DeletedMemory: {
            /** @enum {boolean} */
            deleted: true;
            id: string;
        };
        ErrorDetail: {
            /** @enum {string} */
            code: "VALIDATION_ERROR" | "AUTH_REQUIRED" | "AUTH_INVALID" | "TENANT_MISMATCH" | "RATE_LIMIT_EXCEEDED" | "RESOURCE_NOT_FOUND" | "DUPLICATE_RESOURCE" | "CONVERSATION_BUSY" | "INSUFFICIENT_QUOTA" | "DATABASE_ERROR" | "EXTERNAL_SERVICE_ERROR" | "INSUFFICIENT_SCOPE" | "AGENT_MISMATCH" | "FEATURE_NOT_ENABLED" | "PAYLOAD_TOO_LARGE" | "SERVICE_TIMEOUT" | "SERVICE_UNAVAILABLE" | "UNKNOWN_COMMAND" | "INTERNAL_ERROR";
            field?: string;
            message: string;
        };
        Heartbeat: {
            active_days: string | null;
            active_hours_end: string | null;
            active_hours_start: string | null;
            bot_id: string;
            consecutive_errors: number;
            /** Format: date-time */
            created_at: string;
            credit_budget: number | null;
            credits_used: number;
            cron_pattern: string | null;
            /** @enum {number} */
            enabled: 0 | 1;
            error_count: number;
            execution_count: number;
            interval_minutes: number | null;
            /** Format: date-time */
            last_run_at: string | null;
            /** @enum {string|null} */
            last_status: "success" | "error" | "skipped" | null;
            max_consecutive_errors: number;
            member_id: string | null;
            /** Format: date-time */
            next_run_at: string | null;
            paused_reason: string | null;
            project_id: string;
            prompt: string;
            timezone: string;
            /** Format: date-time */
            updated_at: string;
            uuid: string;
        };
        HeartbeatLog: {
            /** Format: date-time */
            created_at: string;
            credits_charged: number | null;
            duration_ms: number | null;
            error: {
                code: string;
                message: string;
            } | null;
            heartbeat_id: string | null;
            member_id: string | null;
            prompt: string;
            response: string | null;
            run_id: string | null;
            /** Format: date-time */
            scheduled_for: string;
            /** @enum {string} */
            status: "queued" | "running" | "success" | "error" | "skipped";
            tokens_used: number | null;
            /** @enum {string} */
            type: "heartbeat" | "manual" | "scheduled_task";
            uuid: string;
        };
        HeartbeatQuery: {
            /** @description Bot UUID (the agent id). */
            bot_id: string;
            /** @example hb_abc123 */
            heartbeat_id: string;
            /** @description Project UUID (the tenant). */
            project_id: string;
        };
        HeartbeatResult: {
            credits_charged: number | null;
            duration_ms: number | null;
            error: {
                code: string;
                message: string;
            } | null;
            log_id: string;
            response: string | null;
            /** @enum {string} */
            status: "success" | "error" | "skipped";
            tokens_used: number | null;
        };
        HeartbeatStats: {
            active_heartbeats: number;
            avg_duration_ms: number;
            by_type: {
                [key: string]: {
                    count: number;
                    success_rate: number;
                };
            };
            error_count: number;
            skipped_count: number;
            success_count: number;
            success_rate: number;
            time_series: {
                date: string;
                error: number;
                skipped: number;
                success: number;
                total: number;
            }[];
            total_credits: number;
            total_executions: number;
            total_tokens: number;
        };
        ImplicitPatterns: {
            analyzed: number;
            tagCombinations: {
                memoryIds: string[];
                occurrences: number;
                tags: string[];
            }[];
            themes: {
                label: string;
                memoryIds: string[];
                occurrences: number;
            }[];
            timeRegularities: {
                /** @enum {string} */
                kind: "weekday" | "hour";
                memoryIds: string[];
                occurrences: number;
                value: string | number;
            }[];
        };
        ImplicitPatternsDto: {
            /** @default 3 */
            minOccurrences?: number;
            /**
             * @description Admin key only: the tenant.
             * @example user_12345
             */
            tenantId?: string;
        };
        InvokeDto: {
            /**
             * @description Continue this conversation instead of starting one.
             * @example conv_xyz789
             */
            conversation_id?: string;
            /**
             * @description The message to send to the agent.
             * @example Hello agent!
             */
            message: string;
            /**
             * @description When conversation_id has a run going or waiting: reject (409 CONVERSATION_BUSY), enqueue (run after it), or interrupt (end those runs as interrupted, their messages kept in the conversation, and run this one next).
             * @default enqueue
             * @enum {string}
             */
            multitask_strategy?: "reject" | "enqueue" | "interrupt";
            /**
             * @description Answer Server-Sent Events of the reply as it is generated (wait is then implied).
             * @default false
             */
            stream?: boolean;
            /** @description Admin key only: the tenant. */
            tenantId?: string;
            /**
             * @description true: answer when the run ends. false (default): 202 at once, then poll the status.
             * @default false
             */
            wait?: boolean;
        };
        McpServer: {
            agent_id: string;
            /** Format: date-time */
            created_at: string;
            header_names: string[];
            id: string;
            name: string;
            timeout_ms: number;
            /** Format: date-time */
            updated_at: string;
            url: string;
        };
        Memory: {
            agentId?: string;
            content: string;
            /** Format: date-time */
            createdAt: string;
            id: string;
            importance: number;
            metadata: {
                [key: string]: unknown;
            };
            tags: string[];
            /** @enum {string} */
            type: "episodic" | "semantic" | "procedural" | "working" | "prospective" | "emotional" | "contextual" | "identity" | "relational" | "event" | "predictive" | "task" | "decision";
            /** Format: date-time */
            updatedAt: string;
        };
        MemoryApiError: {
            errors: {
                /** @enum {string} */
                code: "VALIDATION_ERROR" | "AUTH_REQUIRED" | "AUTH_INVALID" | "TENANT_MISMATCH" | "RATE_LIMIT_EXCEEDED" | "RESOURCE_NOT_FOUND" | "DUPLICATE_RESOURCE" | "CONVERSATION_BUSY" | "INSUFFICIENT_QUOTA" | "DATABASE_ERROR" | "EXTERNAL_SERVICE_ERROR" | "INSUFFICIENT_SCOPE" | "AGENT_MISMATCH" | "FEATURE_NOT_ENABLED" | "PAYLOAD_TOO_LARGE" | "SERVICE_TIMEOUT" | "SERVICE_UNAVAILABLE" | "UNKNOWN_COMMAND" | "INTERNAL_ERROR";
                field?: string;
                message: string;
            }[];
            metadata: {
                request_id: string;
                /** Format: date-time */
                timestamp: string;
                /** @enum {string} */
                version: "v1";
            };
            /** @enum {boolean} */
            success: false;
        };
        MemoryBatchResponse: {
            created: number;
            failed: number;
            results: {
                error?: {
                    /** @enum {string} */
                    code: "VALIDATION_ERROR" | "AUTH_REQUIRED" | "AUTH_INVALID" | "TENANT_MISMATCH" | "RATE_LIMIT_EXCEEDED" | "RESOURCE_NOT_FOUND" | "DUPLICATE_RESOURCE" | "CONVERSATION_BUSY" | "INSUFFICIENT_QUOTA" | "DATABASE_ERROR" | "EXTERNAL_SERVICE_ERROR" | "INSUFFICIENT_SCOPE" | "AGENT_MISMATCH" | "FEATURE_NOT_ENABLED" | "PAYLOAD_TOO_LARGE" | "SERVICE_TIMEOUT" | "SERVICE_UNAVAILABLE" | "UNKNOWN_COMMAND" | "INTERNAL_ERROR";
                    field?: string;
                    message: string;
                };
                index: number;
                memory?: {
                    agentId?: string;
                    content: string;
                    /** Format: date-time */
                    createdAt: string;
                    id: string;
                    importance: number;
                    metadata: {
                        [key: string]: unknown;
                    };
                    tags: string[];
                    /** @enum {string} */
                    type: "episodic" | "semantic" | "procedural" | "working" | "prospective" | "emotional" | "contextual" | "identity" | "relational" | "event" | "predictive" | "task" | "decision";
                    /** Format: date-time */
                    updatedAt: string;
                };
                /** @enum {string} */
                status: "created" | "failed";
            }[];
        };
        MemoryPage: {
            memories: {
                agentId?: string;
                content: string;
                /** Format: date-time */
                createdAt: string;
                id: string;
                importance: number;
                metadata: {
                    [key: string]: unknown;
                };
                tags: string[];
                /** @enum {string} */
                type: "episodic" | "semantic" | "procedural" | "working" | "prospective" | "emotional" | "contextual" | "identity" | "relational" | "event" | "predictive" | "task" | "decision";
                /** Format: date-time */
                updatedAt: string;
            }[];
            pagination: {
                hasNext: boolean;
                hasPrevious: boolean;
                limit: number;
                page: number;
                pages: number;
                total: number;
            };
        };
        MemorySearchResponse: {
            latency: number;
            query: string;
            results: components["schemas"]["MemorySearchResult"][];
        };
        MemorySearchResult: {
            agentId?: string;
            content: string;
            /** Format: date-time */
            createdAt: string;
            id: string;
            importance: number;
            metadata: {
                [key: string]: unknown;
            };
            relevance: number;
            tags: string[];
            /** @enum {string} */
            type: "episodic" | "semantic" | "procedural" | "working" | "prospective" | "emotional" | "contextual" | "identity" | "relational" | "event" | "predictive" | "task" | "decision";
        };
        Message: {
            content: string;
            /** Format: date-time */
            created_at: string;
            id: string;
            input_tokens: number;
            output_tokens: number;
            /** @enum {string} */
            role: "user" | "assistant";
            run_id: string;
            tool_calls: {
                id: string;
                input: unknown;
                is_error?: boolean;
                name: string;
                output?: unknown;
                server?: string;
            }[];
        };
        PlainError: {
            error: {
                /** @enum {string} */
                code: "VALIDATION_ERROR" | "AUTH_REQUIRED" | "AUTH_INVALID" | "TENANT_MISMATCH" | "RATE_LIMIT_EXCEEDED" | "RESOURCE_NOT_FOUND" | "DUPLICATE_RESOURCE" | "CONVERSATION_BUSY" | "INSUFFICIENT_QUOTA" | "DATABASE_ERROR" | "EXTERNAL_SERVICE_ERROR" | "INSUFFICIENT_SCOPE" | "AGENT_MISMATCH" | "FEATURE_NOT_ENABLED" | "PAYLOAD_TOO_LARGE" | "SERVICE_TIMEOUT" | "SERVICE_UNAVAILABLE" | "UNKNOWN_COMMAND" | "INTERNAL_ERROR";
                field?: string;
                message: string;
            };
        };
        RecoverDto: {
            /**
             * @description Failed deliveries created since this time are sent again.
             * @example 2025-11-19T00:00:00Z
             */
            since: string;
            /**
             * @description Admin key only: the tenant.
             * @example user_12345
             */
            tenantId?: string;
        };
        ResponseMetadata: {
            request_id: string;
            /** Format: date-time */
            timestamp: string;
            /** @enum {string} */
            version: "v1";
        };
        RevokeApiKeyDto: {
            /** @example key_abc123def456 */
            keyId: string;
            /**
             * @description Admin key only: the tenant.
             * @example user_12345
             */
            tenantId?: string;
        };
        Run: {
            conversation_id: string;
            /** Format: date-time */
            created_at: string;
            error?: {
                code: string;
                message: string;
            };
            /** Format: date-time */
            finished_at?: string;
            /** @enum {boolean} */
            replayed?: true;
            response?: string;
            run_id: string;
            /** @enum {string} */
            status: "pending" | "running" | "completed" | "failed";
            usage?: {
                credits: number;
                input_tokens: number;
                output_tokens: number;
            };
        };
        ScheduleTaskDto: {
            /** @description Bot UUID (the agent id). */
            bot_id: string;
            member_id?: string;
            /** @description Project UUID (the tenant). */
            project_id: string;
            prompt: string;
            /** @example 2026-02-12T14:00:00Z */
            run_at: string;
        };
        SearchMemoriesDto: {
            /**
             * @default 20
             * @example 10
             */
            limit?: number;
            /**
             * @description Minimum relevance. Relevance is the larger of semantic similarity (cosine mapped from 0.3–0.8 to 0–1) and the share of the query’s words the memory contains.
             * @example 0.7
             */
            minRelevance?: number;
            /** @example Q4 planning meetings */
            query: string;
            tags?: string[];
            /**
             * @description Admin key only: the tenant.
             * @example user_12345
             */
            tenantId?: string;
            /** @enum {string} */
            type?: "episodic" | "semantic" | "procedural" | "working" | "prospective" | "emotional" | "contextual" | "identity" | "relational" | "event" | "predictive" | "task" | "decision";
        };
        Skill: {
            /** Format: date-time */
            created_at: string;
            description: string;
            id: string;
            instructions: string;
            name: string;
            /** Format: date-time */
            updated_at: string;
        };
        Tenant: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            limitOverrides: {
                [key: string]: unknown;
            };
            limits: {
                heartbeatsAllowed: boolean;
                memories: number | null;
                minHeartbeatIntervalMinutes: number;
                requestsPerMonth: number | null;
                storageBytes: number | null;
            };
            name: string;
            plan: string;
            /** Format: date-time */
            updatedAt: string;
        };
        TenantLimitsDto: {
            /** @example true */
            heartbeatsAllowed?: boolean;
            /** @example 2000000 */
            memories?: Record<string, never> | null;
            /** @example 5 */
            minHeartbeatIntervalMinutes?: number;
            /** @example 250000 */
            requestsPerMonth?: Record<string, never> | null;
            /** @example 2147483648 */
            storageBytes?: Record<string, never> | null;
        };
        TimeRangeDto: {
            /** @example 2025-10-01T00:00:00Z */
            from?: string;
            /** @example 2025-11-19T23:59:59Z */
            to?: string;
        };
        UpdateAgentDto: {
            /**
             * @description The Heartbeat API's flag: heartbeats may run this agent.
             * @default false
             */
            heartbeat?: boolean;
            /**
             * @description The system prompt.
             * @example You answer customer questions briefly and kindly.
             */
            instructions?: string;
            /** @default 4096 */
            max_tokens?: number;
            /**
             * @description The model; the deployment's ANTHROPIC_MODEL when unset or null (an update with null goes back to it). A model the provider has deprecated or retired is refused.
             * @example claude-sonnet-5-5
             */
            model?: string | null;
            /** @example Support assistant */
            name?: string;
            /**
             * @description Admin key only: the tenant.
             * @example user_12345
             */
            tenantId?: string;
            /**
             * @description The remember and recall tools.
             * @default true
             */
            tools_enabled?: boolean;
        };
        UpdateBotDto: {
            /** @description Bot UUID (the agent id). */
            bot_id: string;
            /** @description Heartbeats may run this bot (the Heartbeat API needs it true). */
            heartbeat?: boolean;
            /** @description The system prompt. */
            instructions?: string;
            max_tokens?: number;
            /** @description The model; the deployment's ANTHROPIC_MODEL when unset. A deprecated or retired model is refused. */
            model?: string;
            name?: string;
            /** @description Project UUID (the tenant). */
            project_id: string;
            /**
             * @description The remember and recall tools.
             * @default true
             */
            tools_enabled?: boolean;
        };
        UpdateMcpServerDto: {
            /**
             * @description Replaces every header ({} removes them). Sent with every request to the server (up to 20), typically Authorization. Stored encrypted; answers show only their names (header_names).
             * @example {
             *       "Authorization": "Bearer <token>"
             *     }
             */
            headers?: {
                [key: string]: string;
            };
            /**
             * @description Names the server in the agent: its tools reach the model as `<name>__<tool>`. Lowercase letters, digits and -, unique in the agent.
             * @example github
             */
            name?: string;
            /**
             * @description Admin key only: the tenant.
             * @example user_12345
             */
            tenantId?: string;
            /**
             * @description Deadline of each request to the server: the tool list at run start, and each call.
             * @default 30000
             */
            timeout_ms?: number;
            /**
             * @description Its Streamable HTTP endpoint: https, or plain http to a host WEBHOOK_ALLOWED_HOSTS names. Private and local addresses are refused unless allowlisted. Moving to another origin requires headers to be given again.
             * @example https://mcp.example.com/mcp
             */
            url?: string;
        };
        UpdateMemoryDto: {
            content?: string;
            /** @example 0.9 */
            importance?: number;
            metadata?: {
                [key: string]: unknown;
            };
            /**
             * @example [
             *       "meeting",
             *       "q4",
             *       "important"
             *     ]
             */
            tags?: string[];
            /** @example user_12345 */
            tenantId?: string;
        };
        UpdateSkillDto: {
            /**
             * @description What the skill is for: the model sees it and decides when to load the skill.
             * @example How to write a refund email.
             */
            description?: string;
            /** @description What the model reads when it loads the skill. */
            instructions?: string;
            /** @description Admin key only: the tenant. */
            tenantId?: string;
        };
        UpdateTenantDto: {
            /** @description Merged into the current overrides. */
            limits?: components["schemas"]["TenantLimitsDto"];
            /** @example Acme Corporation */
            name?: string;
            /** @enum {string} */
            plan?: "free" | "pro" | "enterprise";
        };
        UpdateWebhookDto: {
            /**
             * @example [
             *       "memory.created",
             *       "memory.updated"
             *     ]
             */
            events?: ("memory.created" | "memory.updated" | "memory.deleted" | "search.performed" | "api_key.created" | "api_key.revoked" | "agent.run.completed" | "agent.run.failed" | "heartbeat.run.completed" | "heartbeat.run.failed" | "heartbeat.run.skipped" | "heartbeat.paused")[];
            /** @example Memory Sync */
            name?: string;
            /**
             * @description Signs every delivery (Standard Webhooks); a whsec_ secret is used base64-decoded.
             * @example your-webhook-secret
             */
            secret?: string;
            /**
             * @default active
             * @enum {string}
             */
            status?: "active" | "inactive";
            /** @example user_12345 */
            tenantId?: string;
            /**
             * @description HTTPS endpoint URL.
             * @example https://your-app.com/webhooks/herobrain
             */
            url?: string;
        };
        UsageMetrics: {
            apiCalls: {
                limit: number | null;
                thisMonth: number;
                today: number;
            };
            memories: {
                count: number;
                limit: number | null;
            };
            storage: {
                limit: number | null;
                used: number;
            };
        };
        Webhook: {
            /** Format: date-time */
            createdAt: string;
            disabledReason?: string;
            events: ("memory.created" | "memory.updated" | "memory.deleted" | "search.performed" | "api_key.created" | "api_key.revoked" | "agent.run.completed" | "agent.run.failed" | "heartbeat.run.completed" | "heartbeat.run.failed" | "heartbeat.run.skipped" | "heartbeat.paused")[];
            id: string;
            name: string;
            /** @enum {string} */
            status: "active" | "inactive" | "disabled";
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        WebhookDelivery: {
            attempts: {
                /** Format: date-time */
                attemptedAt: string;
                error: string | null;
                latencyMs: number;
                responseExcerpt: string | null;
                statusCode: number | null;
            }[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deliveredAt: string | null;
            event: string;
            id: string;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
        };
        WebhookTestResult: {
            /** Format: date-time */
            attemptedAt: string;
            delivered: boolean;
            error: string | null;
            latencyMs: number;
            responseExcerpt: string | null;
            statusCode: number | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    TenantsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            tenants: components["schemas"]["Tenant"][];
                        };
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    TenantsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenantDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Tenant"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    TenantsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Tenant"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    TenantsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenantDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Tenant"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    AgentsController_list: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Agent"][];
                        total: number;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAgentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentsController_get: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentsController_remove: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAgentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentKeysController_list: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiKey"][];
                        total: number;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentKeysController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAgentKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentKeysController_revoke: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentsController_conversations: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Conversation"][];
                        total: number;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentsController_messages: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Message"][];
                        total: number;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentsController_invoke: {
        parameters: {
            query?: never;
            header?: {
                /** @description Any printable ASCII up to 200 characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvokeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                    "text/event-stream": string;
                };
            };
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentsController_cancel: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentsController_status: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    McpServersController_list: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["McpServer"][];
                        total: number;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    McpServersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMcpServerDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["McpServer"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    McpServersController_get: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
                serverId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["McpServer"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    McpServersController_remove: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
                serverId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    McpServersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
                serverId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMcpServerDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["McpServer"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentMemoryController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Semantic search; without it, newest first. */
                query?: string;
                /** @description Admin key only: the tenant. */
                tenantId?: string;
                type?: "episodic" | "semantic" | "procedural" | "working" | "prospective" | "emotional" | "contextual" | "identity" | "relational" | "event" | "predictive" | "task" | "decision";
            };
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AgentMemory"][];
                        total: number;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    AgentMemoryController_remove: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
                memoryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    SkillsController_attach: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
                skillId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    SkillsController_detach: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                agentId: string;
                skillId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    ApiKeysController_list: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            keys: components["schemas"]["ApiKey"][];
                        };
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    ApiKeysController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            /** @description The key, with its secret shown this once. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CreatedApiKey"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    ApiKeysController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevokeApiKeyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiKey"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    IntelligenceController_decisionChain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionChainDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["DecisionChain"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    IntelligenceController_implicitPatterns: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImplicitPatternsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ImplicitPatterns"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    MemoriesController_list: {
        parameters: {
            query?: {
                limit?: number;
                order?: "asc" | "desc";
                page?: number;
                sort?: "createdAt" | "importance" | "updatedAt";
                /** @description Comma-separated; a memory must carry every one. */
                tags?: string;
                /** @description Admin key only: the tenant. */
                tenantId?: string;
                type?: "episodic" | "semantic" | "procedural" | "working" | "prospective" | "emotional" | "contextual" | "identity" | "relational" | "event" | "predictive" | "task" | "decision";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MemoryPage"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    MemoriesController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Any printable ASCII up to 200 characters. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMemoryDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Memory"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    MemoriesController_get: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Memory"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    MemoriesController_remove: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["DeletedMemory"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    MemoriesController_update: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMemoryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Memory"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    MemoriesController_createBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMemoriesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MemoryBatchResponse"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    MemoriesController_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SearchMemoriesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MemorySearchResponse"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    SkillsController_list: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Skill"][];
                        total: number;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    SkillsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSkillDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Skill"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    SkillsController_get: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                skillId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Skill"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    SkillsController_remove: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                skillId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    SkillsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                skillId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSkillDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Skill"];
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    SystemController_ping: {
        parameters: {
            query: {
                echo: string;
            };
            header?: never;
            path: {
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            echo?: string;
                            instance: string;
                            latencyMs: number;
                            service: string;
                        };
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    SystemController_status: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @enum {string} */
                            status: "ok";
                        };
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    SystemController_whoami: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            agentId?: string | null;
                            keyId?: string;
                            /** @enum {string} */
                            kind: "admin" | "key" | "user";
                            scopes: string[];
                            tenantId?: string;
                            userId?: string;
                        };
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    UsageController_metrics: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Your tenant; the admin key names any. */
                tenantId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UsageMetrics"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    WebhooksController_list: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            webhooks: components["schemas"]["Webhook"][];
                        };
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    WebhooksController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Webhook"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    WebhooksController_get: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Webhook"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    WebhooksController_remove: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                        };
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    WebhooksController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Webhook"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    WebhooksController_deliveries: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            data: components["schemas"]["WebhookDelivery"][];
                            total: number;
                        };
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    WebhooksController_resend: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                deliveryId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookDelivery"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    WebhooksController_recover: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecoverDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            recovered: number;
                        };
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    WebhooksController_test: {
        parameters: {
            query?: {
                /** @description Admin key only: the tenant. */
                tenantId?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookTestResult"];
                        metadata: components["schemas"]["ResponseMetadata"];
                        /** @enum {boolean} */
                        success: true;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryApiError"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    McpController_openStream: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    McpController_handle: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    McpController_endSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BotsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBotDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bot: components["schemas"]["Bot"];
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    HeartbeatsController_configure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfigureHeartbeatDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        heartbeat: components["schemas"]["Heartbeat"];
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    HeartbeatsController_delete: {
        parameters: {
            query: {
                /** @description Bot UUID (the agent id). */
                bot_id: string;
                heartbeat_id: string;
                /** @description Project UUID (the tenant). */
                project_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        deleted: true;
                        uuid: string;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    HeartbeatsController_disable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HeartbeatQuery"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        heartbeat: components["schemas"]["Heartbeat"];
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    HeartbeatsController_enable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HeartbeatQuery"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        heartbeat: components["schemas"]["Heartbeat"];
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    HeartbeatsController_logs: {
        parameters: {
            query: {
                /** @description Bot UUID (the agent id). */
                bot_id: string;
                heartbeat_id?: string;
                member_id?: string;
                page?: number;
                per_page?: number;
                /** @description Project UUID (the tenant). */
                project_id: string;
                status?: "success" | "error" | "skipped";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        logs: components["schemas"]["HeartbeatLog"][];
                        pagination: {
                            page: number;
                            per_page: number;
                            total: number;
                            total_pages: number;
                        };
                        total: number;
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    HeartbeatsController_read: {
        parameters: {
            query: {
                /** @description Bot UUID (the agent id). */
                bot_id: string;
                heartbeat_id: string;
                /** @description Project UUID (the tenant). */
                project_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        heartbeat: components["schemas"]["Heartbeat"];
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    HeartbeatsController_readall: {
        parameters: {
            query: {
                /** @description Bot UUID (the agent id). */
                bot_id: string;
                member_id?: string;
                /** @description Project UUID (the tenant). */
                project_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        heartbeats: components["schemas"]["Heartbeat"][];
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    HeartbeatsController_scheduleTask: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleTaskDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        task: components["schemas"]["HeartbeatLog"];
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    HeartbeatsController_stats: {
        parameters: {
            query: {
                /** @description Bot UUID (the agent id). */
                bot_id: string;
                days?: number;
                /** @description Project UUID (the tenant). */
                project_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        stats: components["schemas"]["HeartbeatStats"];
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    HeartbeatsController_trigger: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HeartbeatQuery"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        result: components["schemas"]["HeartbeatResult"];
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    BotsController_read: {
        parameters: {
            query: {
                bot_id: string;
                project_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bot: components["schemas"]["Bot"];
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
    BotsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBotDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bot: components["schemas"]["Bot"];
                    };
                };
            };
            /** @description An error, in the face’s shape, naming the field where one is at fault. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlainError"];
                };
            };
        };
    };
}
