/**
 * Two small services that exist only in tests, to exercise the events backbone end to end:
 * `counter` records `counter.tally.incremented` events, `tallyboard` applies them.
 */
import { Injectable, Module } from '@nestjs/common';
import { DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { backendEnvSchema, envPort } from '@portail/config';
import type { EventEnvelope } from '@portail/contracts';
import { EventRecorder, HandlesEvent } from '@portail/messaging';
import type { BackendUnderTest } from './test-system';

declare module '@portail/contracts' {
  interface EventPayloads {
    'counter.tally.incremented': { id: string; n: number };
  }
}

const testEnvSchema = backendEnvSchema.extend({ HTTP_PORT: envPort(0) });

class CreateTallySources1764200000000 implements MigrationInterface {
  name = 'CreateTallySources1764200000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE tally_sources (id text PRIMARY KEY, last_n integer NOT NULL)',
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE tally_sources');
  }
}

class CreateTallies1764200000001 implements MigrationInterface {
  name = 'CreateTallies1764200000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    // No unique constraint on purpose: a second effect of one event would show as a second row.
    // applied_at: when the handler wrote the row (clock_timestamp(), not the transaction's start),
    // for latency measurements (bench/events-throughput).
    await queryRunner.query(`CREATE TABLE tallies (
      applied_seq bigserial PRIMARY KEY, event_id uuid NOT NULL, aggregate_id text NOT NULL, n integer NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE tallies');
  }
}

/** The producer's use case: increments tallies, one event per increment, in one transaction. */
@Injectable()
export class IncrementTallies {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventRecorder,
  ) {}

  /** Records `count` increments of aggregate `id`; `fail` rolls the transaction back after recording. */
  async execute(id: string, count: number, options: { fail?: boolean } = {}): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Array<{ last_n: number }>>(
        'SELECT last_n FROM tally_sources WHERE id = $1 FOR UPDATE',
        [id],
      );
      let n = rows[0]?.last_n ?? 0;
      for (let i = 0; i < count; i += 1) {
        n += 1;
        await this.events.record(manager, 'counter.tally.incremented', { id, n });
      }
      await manager.query(
        `INSERT INTO tally_sources (id, last_n) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET last_n = EXCLUDED.last_n`,
        [id, n],
      );
      if (options.fail) throw new Error('rolled back on purpose');
    });
  }
}

/** Knobs a test turns on the consumer: fail for some aggregates, or take time per event. */
@Injectable()
export class TallyBehaviour {
  failFor = new Set<string>();
  delayMs = 0;
}

@Injectable()
export class ApplyTally {
  constructor(private readonly behaviour: TallyBehaviour) {}

  @HandlesEvent('counter.tally.incremented')
  async onIncremented(
    event: EventEnvelope<'counter.tally.incremented'>,
    manager: EntityManager,
  ): Promise<void> {
    if (this.behaviour.delayMs)
      await new Promise((resolve) => setTimeout(resolve, this.behaviour.delayMs));
    if (this.behaviour.failFor.has(event.aggregateId))
      throw new Error(`tally ${event.aggregateId} is broken`);
    await manager.query('INSERT INTO tallies (event_id, aggregate_id, n) VALUES ($1, $2, $3)', [
      event.id,
      event.aggregateId,
      event.payload.n,
    ]);
  }
}

@Module({ providers: [IncrementTallies] })
class CounterModule {}

@Module({ providers: [TallyBehaviour, ApplyTally] })
class TallyboardModule {}

export const counterService: BackendUnderTest = {
  definition: {
    name: 'counter',
    imports: [CounterModule],
    entities: [],
    migrations: [CreateTallySources1764200000000],
  },
  schema: testEnvSchema,
};

export const tallyboardService: BackendUnderTest = {
  definition: {
    name: 'tallyboard',
    imports: [TallyboardModule],
    entities: [],
    migrations: [CreateTallies1764200000001],
  },
  schema: testEnvSchema,
};

export function anAggregateId(): string {
  return uuidv7();
}
