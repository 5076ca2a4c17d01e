import type { EntityManager } from 'typeorm';
import type { TariffView } from '@portail/contracts';
import type { Bracket, TariffTerms } from './tariff-rules';

/** A `tariffs` row, dates as text (a `date` has no time zone to convert). */
export interface TariffRow {
  id: string;
  regie_id: string;
  activity_code: string;
  unit_code: string;
  label: string;
  valid_from: string;
  valid_until: string;
  brackets: Bracket[];
  sibling_reduction_percents: number[];
  late_cancellation_percent: number;
  unjustified_absence_percent: number;
  unexpected_presence_percent: number;
}

export const TARIFF_COLUMNS = `id, regie_id, activity_code, unit_code, label,
  valid_from::text AS valid_from, valid_until::text AS valid_until, brackets,
  sibling_reduction_percents, late_cancellation_percent, unjustified_absence_percent,
  unexpected_presence_percent`;

export function termsOf(row: TariffRow): TariffTerms {
  return {
    brackets: row.brackets,
    siblingReductionPercents: row.sibling_reduction_percents,
    lateCancellationPercent: row.late_cancellation_percent,
    unjustifiedAbsencePercent: row.unjustified_absence_percent,
    unexpectedPresencePercent: row.unexpected_presence_percent,
  };
}

export function toTariffView(row: TariffRow): TariffView {
  return {
    id: row.id,
    regieId: row.regie_id,
    activityCode: row.activity_code,
    unitCode: row.unit_code,
    label: row.label,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    brackets: row.brackets,
    siblingReductionPercents: row.sibling_reduction_percents,
    lateCancellationPercent: row.late_cancellation_percent,
    unjustifiedAbsencePercent: row.unjustified_absence_percent,
    unexpectedPresencePercent: row.unexpected_presence_percent,
  };
}

export function tariffsOfRegie(manager: EntityManager, regieId: string): Promise<TariffRow[]> {
  return manager.query<TariffRow[]>(
    `SELECT ${TARIFF_COLUMNS} FROM tariffs WHERE regie_id = $1
     ORDER BY activity_code, unit_code, valid_from LIMIT 2000`,
    [regieId],
  );
}

/** The tariff of an activity's unit on a day, among a régie's tariffs. */
export function tariffOn(
  tariffs: TariffRow[],
  activityCode: string,
  unitCode: string,
  day: string,
): TariffRow | undefined {
  return tariffs.find(
    (tariff) =>
      tariff.activity_code === activityCode &&
      tariff.unit_code === unitCode &&
      tariff.valid_from <= day &&
      day <= tariff.valid_until,
  );
}
