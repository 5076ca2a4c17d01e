import type { Caller } from '@portail/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AudienceReader, Visibility } from './audience';

export async function visibilityOf(
  caller: Caller | undefined,
  audience: AudienceReader,
): Promise<Visibility> {
  return {
    all: caller?.kind === 'admin',
    editorOf: caller?.kind === 'agent' ? caller.organisationId : null,
    serviceIds: await audience.serviceIdsOf(caller),
  };
}

/**
 * Published now, computed at query time (so a scheduled item appears at its start without
 * anything having to run), and meant for this caller: everyone, or a service of theirs.
 */
export function wherePublishedNow<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  visibility: Visibility,
): SelectQueryBuilder<T> {
  builder
    .andWhere(`${alias}.status = 'published'`)
    .andWhere(`(${alias}.publish_from IS NULL OR ${alias}.publish_from <= now())`)
    .andWhere(`(${alias}.publish_until IS NULL OR ${alias}.publish_until > now())`);
  if (!visibility.all) {
    builder.andWhere(
      `(cardinality(${alias}.audience_service_ids) = 0
        OR ${alias}.audience_service_ids && CAST(:audienceServiceIds AS uuid[])
        OR ${alias}.organisation_id = :editorOf)`,
      {
        audienceServiceIds: visibility.serviceIds,
        // a UUID no organisation has, when the caller edits none
        editorOf: visibility.editorOf ?? '00000000-0000-0000-0000-000000000000',
      },
    );
  }
  return builder;
}
