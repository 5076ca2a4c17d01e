import { Injectable } from '@nestjs/common';
import { gunzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  MAX_CLOSURES_ICS_BYTES,
  ReservationErrorCode,
  type Caller,
  type ClosuresImportView,
  type ImportClosuresCommand,
  type ImportedClosureView,
  type SkippedIcsEventView,
} from '@portail/contracts';
import { Clock, DomainException } from '@portail/service-kit';
import { IcsClosuresError, parisDayOf, readClosuresIcs, type IcsClosure } from '../calendar';
import { requireManagerOf } from './activity-access';
import { ActivityCatalogue } from './activity-catalogue';
import { ActivityClosure } from './activity.entities';
import { requirePart } from './configure-activity.use-case';

function tooLarge(): DomainException {
  return new DomainException(
    ReservationErrorCode.ICS_FILE_TOO_LARGE,
    `Le fichier dépasse la taille maximale de 1 Mio (${MAX_CLOSURES_ICS_BYTES} octets).`,
    { maxBytes: MAX_CLOSURES_ICS_BYTES },
  );
}

function invalid(reason: string): DomainException {
  return new DomainException(
    ReservationErrorCode.ICS_FILE_INVALID,
    `Le fichier iCalendar ne peut pas être importé : ${reason.charAt(0).toLowerCase()}${reason.slice(1)}.`,
  );
}

/** The ICS text the gateway sent gzipped, never inflated past the limit. */
function inflate(icsGzipBase64: string): Buffer {
  try {
    return gunzipSync(Buffer.from(icsGzipBase64, 'base64'), {
      maxOutputLength: MAX_CLOSURES_ICS_BYTES,
    });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge();
    throw invalid('le contenu transmis est illisible');
  }
}

/**
 * Closures from an agent's ICS file (strikes, school trips, works), for the whole activity or
 * one site. Each event's UID is kept with the closure: importing the same file again creates
 * nothing twice (an occurrence of a repeating event is told apart by its first day). Events
 * that give no closure are listed with the French reason: cancelled, unreadable, already
 * imported, over before today. A dry run answers the same without writing.
 */
@Injectable()
export class ImportClosures {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: ActivityCatalogue,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, command: ImportClosuresCommand): Promise<ClosuresImportView> {
    const aggregate = await this.catalogue.load(command.activityId);
    requireManagerOf(caller, aggregate.activity.municipalServiceId);
    if (command.siteId) requirePart(aggregate, undefined, command.siteId);
    const siteId = command.siteId ?? null;
    const dryRun = command.dryRun ?? false;

    let read: ReturnType<typeof readClosuresIcs>;
    try {
      read = readClosuresIcs(inflate(command.icsGzipBase64));
    } catch (error) {
      if (!(error instanceof IcsClosuresError)) throw error;
      if (error.message.startsWith('Fichier trop volumineux')) throw tooLarge();
      throw invalid(error.message);
    }

    const skipped: SkippedIcsEventView[] = [...read.skipped];
    const today = parisDayOf(this.clock.now());
    const imported = await this.importedKeys(command.activityId, siteId, read.closures);
    const seen = new Set<string>();
    const toCreate: IcsClosure[] = [];
    for (const closure of read.closures) {
      const key = keyOf(closure.uid, closure.firstDay);
      const reason =
        closure.lastDay < today
          ? 'Fermeture déjà passée.'
          : imported.has(key)
            ? 'Déjà importée.'
            : seen.has(key)
              ? 'En double dans le fichier (même UID et même jour).'
              : undefined;
      seen.add(key);
      if (reason) {
        skipped.push({
          uid: closure.uid,
          firstDay: closure.firstDay,
          label: closure.label,
          reason,
        });
      } else {
        toCreate.push(closure);
      }
    }

    const view = (closure: IcsClosure, id: string | null): ImportedClosureView => ({
      id,
      uid: closure.uid,
      firstDay: closure.firstDay,
      lastDay: closure.lastDay,
      label: closure.label,
    });
    const answer = (created: ImportedClosureView[]): ClosuresImportView => ({
      activityId: command.activityId,
      siteId,
      dryRun,
      created,
      skipped,
    });
    if (dryRun || !toCreate.length) return answer(toCreate.map((closure) => view(closure, null)));

    const rows = toCreate.map((closure) => ({
      id: uuidv7(),
      activityId: command.activityId,
      siteId,
      firstDay: closure.firstDay,
      lastDay: closure.lastDay,
      label: closure.label,
      sourceUid: closure.uid,
    }));
    // A concurrent import of the same file may have won a row: the unique index keeps one.
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ActivityClosure)
      .values(rows)
      .orIgnore()
      .returning(['id'])
      .execute();
    const createdIds = new Set((inserted.raw as Array<{ id: string }>).map((row) => row.id));
    const created: ImportedClosureView[] = [];
    rows.forEach((row, index) => {
      if (createdIds.has(row.id)) {
        created.push(view(toCreate[index], row.id));
      } else {
        const closure = toCreate[index];
        skipped.push({
          uid: closure.uid,
          firstDay: closure.firstDay,
          label: closure.label,
          reason: 'Déjà importée.',
        });
      }
    });
    return answer(created);
  }

  /** `uid|firstDay` of the closures already imported into this activity (and site). */
  private async importedKeys(
    activityId: string,
    siteId: string | null,
    closures: IcsClosure[],
  ): Promise<Set<string>> {
    if (!closures.length) return new Set();
    const query = this.dataSource
      .getRepository(ActivityClosure)
      .createQueryBuilder('c')
      .where('c.activity_id = :activityId', { activityId })
      .andWhere('c.source_uid IN (:...uids)', {
        uids: [...new Set(closures.map((closure) => closure.uid))],
      });
    if (siteId) query.andWhere('c.site_id = :siteId', { siteId });
    else query.andWhere('c.site_id IS NULL');
    const existing = await query.getMany();
    return new Set(existing.map((closure) => keyOf(closure.sourceUid ?? '', closure.firstDay)));
  }
}

function keyOf(uid: string, firstDay: string): string {
  return `${uid}|${firstDay}`;
}
