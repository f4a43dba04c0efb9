import { KickedLoop } from './kicked-loop';

describe(KickedLoop.name, () => {
  it('never runs twice at once, and runs once more for kicks that came meanwhile', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    let release!: () => void;
    const loop = new KickedLoop(async () => {
      runs++;
      active++;
      most = Math.max(most, active);
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
      active--;
    }, () => undefined);
    loop.kick();
    loop.kick();
    loop.kick();
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  it('reports errors and keeps working; does nothing once stopped', async () => {
    const errors: string[] = [];
    let runs = 0;
    const loop = new KickedLoop(async () => {
      runs++;
      throw new Error('boom');
    }, (error) => errors.push(error.message));
    loop.kick();
    await new Promise((resolve) => setTimeout(resolve, 5));
    loop.kick();
    await new Promise((resolve) => setTimeout(resolve, 5));
    loop.stop();
    loop.kick();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(runs).toBe(2);
    expect(errors).toEqual(['boom', 'boom']);
  });

  it('runs at the earliest wake-up asked for, once', async () => {
    const started = Date.now();
    const runs: number[] = [];
    const loop = new KickedLoop(async () => void runs.push(Date.now() - started), () => undefined);
    loop.wakeIn(80);
    loop.wakeIn(20);
    loop.wakeIn(50);
    await new Promise((resolve) => setTimeout(resolve, 120));
    loop.stop();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toBeGreaterThanOrEqual(19);
  });
});
