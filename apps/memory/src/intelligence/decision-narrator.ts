import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DecisionStep } from '@hb/contracts';
import { MODEL_PROVIDER, type ModelProvider } from '@hb/platform';

/** A narrative is a nicety: the chain is answered without one rather than late. */
const NARRATIVE_TIMEOUT_MS = 15_000;
const NARRATIVE_MAX_TOKENS = 400;

const SYSTEM = [
  'You explain how a decision came about from dated notes someone kept.',
  'Write at most five sentences of plain prose, in time order, naming the decisions and what led to each.',
  'Use only what the notes say; cite a note by its id in brackets when you rely on it.',
].join(' ');

/**
 * The decision chain's short narrative, written by the configured model. Without a model, or when
 * the model fails or is slow, there is no narrative (null) and the chain stands on its own.
 */
@Injectable()
export class DecisionNarrator {
  private readonly logger = new Logger(DecisionNarrator.name);

  constructor(@Inject(MODEL_PROVIDER) private readonly model: ModelProvider | null) {}

  async narrate(topic: string, steps: DecisionStep[]): Promise<string | null> {
    if (!this.model || steps.length === 0) return null;
    const notes = steps
      .map((step) => {
        const marks = [step.isDecision ? 'decision' : step.type, step.ledFrom ? `follows ${step.ledFrom}` : null].filter(Boolean).join(', ');
        return `[${step.id}] ${step.createdAt} (${marks}): ${step.content}`;
      })
      .join('\n');
    try {
      const message = await this.model.client.messages.create(
        {
          model: this.model.model,
          max_tokens: NARRATIVE_MAX_TOKENS,
          system: SYSTEM,
          messages: [{ role: 'user', content: `Topic: ${topic}\n\nNotes, oldest first:\n${notes}` }],
        },
        { timeout: NARRATIVE_TIMEOUT_MS, maxRetries: 0 },
      );
      const text = message.content
        .flatMap((block) => (block.type === 'text' ? [block.text] : []))
        .join('')
        .trim();
      return text || null;
    } catch (error) {
      this.logger.warn(`decision chain narrative failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
