/**
 * Which calendar days count as working days for a unit (weekends, public holidays and closures
 * excluded). Declared here rather than imported so the notice rules stay independent of the
 * calendar module, which implements it.
 */
export interface WorkingDays {
  /** `day` is a Europe/Paris calendar date, `YYYY-MM-DD`. */
  isWorkingDay(day: string): boolean;
}
