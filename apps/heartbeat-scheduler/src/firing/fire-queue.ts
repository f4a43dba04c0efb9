/** The Bull queue between the claim and the dispatch: one job per execution, its id the job's id. */
export const FIRE_QUEUE = 'heartbeat-fires';

export interface FireJob {
  executionId: string;
}
