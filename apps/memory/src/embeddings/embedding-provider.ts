/** Turns texts into vectors; adapters: the offline USE-lite model (default), HTTP providers later. */
export interface EmbeddingProvider {
  readonly dimensions: number;
  readonly model: string;
  embed(texts: string[]): Promise<number[][]>;
}

export const EMBEDDING_PROVIDER = Symbol('EMBEDDING_PROVIDER');
