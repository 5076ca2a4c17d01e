import type { ParisDay } from './paris-day';

/** Days a school or a service is closed (strike, school trip, works), both ends included. */
export interface Closure {
  firstDay: ParisDay;
  lastDay: ParisDay;
  label: string;
}
