import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MessageView } from '@hb/contracts';
import { prefixedId } from '@hb/platform';
import type { RunRow } from './run-rows';

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

/** A stored message as the API shows it, its time still a Date. */
export type MessageRow = Omit<MessageView, 'created_at'> & { created_at: Date };

export interface Answer {
  text: string;
  toolCalls: unknown[];
  inputTokens: number;
  outputTokens: number;
}

/** A conversation's messages, in the order they were written (seq), and the conversation's last change. */
@Injectable()
export class MessagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The conversation's last `limit` messages as role and text, oldest first. */
  async lastTurns(conversationId: string, limit: number): Promise<Turn[]> {
    return this.dataSource.query(
      `SELECT role, content FROM (SELECT seq, role, content FROM messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT $2) m ORDER BY seq`,
      [conversationId, limit],
    );
  }

  /** The run's message, as the user's turn, dated when the run started. */
  async addUserTurn(manager: EntityManager, run: RunRow): Promise<void> {
    await manager.query(
      `INSERT INTO messages (id, conversation_id, run_id, role, content, blocks, created_at) VALUES ($1, $2, $3, 'user', $4, $5, $6)`,
      [prefixedId('msg'), run.conversation_id, run.id, run.message, JSON.stringify([{ type: 'text', text: run.message }]), run.started_at ?? run.created_at],
    );
  }

  /** The run's answer, as the assistant's turn with its tool calls and tokens; the conversation is touched. */
  async addAnswer(manager: EntityManager, run: RunRow, answer: Answer): Promise<void> {
    await manager.query(
      `INSERT INTO messages (id, conversation_id, run_id, role, content, blocks, tool_calls, input_tokens, output_tokens)
       VALUES ($1, $2, $3, 'assistant', $4, $5, $6, $7, $8)`,
      [
        prefixedId('msg'),
        run.conversation_id,
        run.id,
        answer.text,
        JSON.stringify([{ type: 'text', text: answer.text }]),
        JSON.stringify(answer.toolCalls),
        answer.inputTokens,
        answer.outputTokens,
      ],
    );
    await manager.query(`UPDATE conversations SET updated_at = now() WHERE id = $1`, [run.conversation_id]);
  }

  /**
   * Holds the place of an interrupted run's answer, right after its message: the run's worker,
   * wherever it is, fills it with what the run had written (fillInterrupted), while the run that
   * interrupted it may already be writing its own turns after it.
   */
  async addInterruptedAnswer(manager: EntityManager, run: RunRow): Promise<void> {
    await manager.query(`INSERT INTO messages (id, conversation_id, run_id, role, content, blocks) VALUES ($1, $2, $3, 'assistant', '', '[]')`, [
      prefixedId('msg'),
      run.conversation_id,
      run.id,
    ]);
  }

  /** What an interrupted run had written, into the place held for it; the place goes when it wrote nothing. */
  async fillInterrupted(run: RunRow, answer: Answer): Promise<void> {
    const held = `run_id = $1 AND role = 'assistant' AND content = '' AND blocks = '[]'`;
    if (!answer.text && answer.toolCalls.length === 0) {
      await this.dataSource.query(`DELETE FROM messages WHERE ${held}`, [run.id]);
      return;
    }
    await this.dataSource.query(
      `UPDATE messages SET content = $2, blocks = $3, tool_calls = $4, input_tokens = $5, output_tokens = $6 WHERE ${held}`,
      [run.id, answer.text, JSON.stringify([{ type: 'text', text: answer.text }]), JSON.stringify(answer.toolCalls), answer.inputTokens, answer.outputTokens],
    );
  }

  /** A page of the conversation's messages, newest first, with the total. */
  async page(conversationId: string, limit: number, offset: number): Promise<{ rows: MessageRow[]; total: number }> {
    const rows: Array<MessageRow & { total: number }> = await this.dataSource.query(
      `SELECT id, role, content, tool_calls, input_tokens, output_tokens, run_id, created_at, count(*) OVER ()::int AS total
         FROM messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT $2 OFFSET $3`,
      [conversationId, limit, offset],
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }
}
