import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServiceAvailabilityService } from './service-availability.service';

describe('ServiceAvailabilityService', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('finds Redis back by probing when a command timed out on a connection that never closed (no ready event follows)', async () => {
    const availability = new ServiceAvailabilityService();
    let answers = false;
    availability.setRedisProbe(async () => {
      if (!answers) throw new Error('Command timed out');
      return 'PONG';
    });
    const back = vi.fn();
    availability.onBack('redis', back);

    availability.onRedisError(new Error('Command timed out'), 'Redis', true);
    expect(availability.isDown('redis')).toBe(true);
    await vi.advanceTimersByTimeAsync(3_000);
    // Still not answering: still down, and the jobs requested meanwhile still wait.
    expect(availability.isDown('redis')).toBe(true);
    expect(back).not.toHaveBeenCalled();

    answers = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(availability.isDown('redis')).toBe(false);
    expect(back).toHaveBeenCalledTimes(1);
    availability.onModuleDestroy();
  });

  it('stops probing once shut down', async () => {
    const availability = new ServiceAvailabilityService();
    const probe = vi.fn(async () => 'PONG');
    availability.setRedisProbe(probe);
    availability.onRedisError(new Error('Command timed out'), 'Redis', true);
    availability.onModuleDestroy();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(probe).not.toHaveBeenCalled();
  });
});
