import { beforeEach, describe, expect, it } from 'vitest';
import { forgetPublicMap, keptPublicAnswers, rememberPublic } from '@/lib/reports/map-cache';

// The map's kept answers, with the clock given: kept for the time asked, shared while computing, forgotten on a change,
// and never kept when computing failed, while a change settles, or when the answer is too large.

const T = 1_000_000_000;
const counter = () => {
  let calls = 0;
  const compute = async () => `answer ${++calls}`;
  return { compute, calls: () => calls };
};

describe('the map cache', () => {
  beforeEach(() => forgetPublicMap(T - 10_000));

  it('keeps an answer for the seconds asked, then computes it again', async () => {
    const { compute, calls } = counter();
    expect(await rememberPublic('a', compute, { now: T, seconds: 5 })).toBe('answer 1');
    expect(await rememberPublic('a', compute, { now: T + 4_999, seconds: 5 })).toBe('answer 1');
    expect(await rememberPublic('a', compute, { now: T + 5_000, seconds: 5 })).toBe('answer 2');
    expect(calls()).toBe(2);
  });

  it('answers concurrent identical questions with one computation, other questions with their own', async () => {
    const { compute, calls } = counter();
    const answers = await Promise.all([
      rememberPublic('a', compute, { now: T, seconds: 5 }),
      rememberPublic('a', compute, { now: T, seconds: 5 }),
      rememberPublic('b', compute, { now: T, seconds: 5 }),
    ]);
    expect(answers).toEqual(['answer 1', 'answer 1', 'answer 2']);
    expect(calls()).toBe(2);
  });

  it('keeps nothing with 0 seconds', async () => {
    const { compute, calls } = counter();
    await rememberPublic('a', compute, { now: T, seconds: 0 });
    await rememberPublic('a', compute, { now: T, seconds: 0 });
    expect(calls()).toBe(2);
    expect(keptPublicAnswers()).toBe(0);
  });

  it('forgets everything on a change, and keeps nothing until the change has settled (2 s)', async () => {
    const { compute, calls } = counter();
    await rememberPublic('a', compute, { now: T, seconds: 5 });
    forgetPublicMap(T + 100);
    expect(keptPublicAnswers()).toBe(0);
    expect(await rememberPublic('a', compute, { now: T + 200, seconds: 5 })).toBe('answer 2');
    expect(await rememberPublic('a', compute, { now: T + 2_099, seconds: 5 })).toBe('answer 3');
    expect(keptPublicAnswers()).toBe(0);
    expect(await rememberPublic('a', compute, { now: T + 2_100, seconds: 5 })).toBe('answer 4');
    expect(await rememberPublic('a', compute, { now: T + 2_200, seconds: 5 })).toBe('answer 4');
    expect(calls()).toBe(4);
  });

  it('does not keep a failure: the next question asks again', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('database unreachable');
    };
    await expect(rememberPublic('a', failing, { now: T, seconds: 5 })).rejects.toThrow('unreachable');
    await expect(rememberPublic('a', failing, { now: T + 1, seconds: 5 })).rejects.toThrow('unreachable');
    expect(calls).toBe(2);
  });

  it('does not keep an answer larger than 512 KiB', async () => {
    const { compute, calls } = counter();
    const sizeOf = (answer: string) => (answer === 'answer 1' ? 600_000 : 10);
    await rememberPublic('a', compute, { now: T, seconds: 5, sizeOf });
    expect(await rememberPublic('a', compute, { now: T + 1, seconds: 5, sizeOf })).toBe('answer 2');
    expect(await rememberPublic('a', compute, { now: T + 2, seconds: 5, sizeOf })).toBe('answer 2');
    expect(calls()).toBe(2);
  });
});
