import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importSchoolHolidaysCsv } from '../services/reservation/src/calendar/school-holidays.import';

/**
 * `npm run import:school-holidays -- <csv file> [<json file>]`: turns an export of the national
 * "Calendrier scolaire" into the JSON the reservation service reads. Paths are relative to the
 * repository root (npm runs scripts there).
 */
const DEFAULT_OUTPUT = 'services/reservation/data/school-holidays.json';

function main(): void {
  const [input, output = DEFAULT_OUTPUT] = process.argv.slice(2);
  if (!input) {
    console.error(
      'Usage : npm run import:school-holidays -- <fichier CSV> [<fichier JSON, par défaut ' +
        `${DEFAULT_OUTPUT}>]`,
    );
    process.exit(2);
  }
  const data = importSchoolHolidaysCsv(readFileSync(resolve(input), 'utf8'));
  writeFileSync(resolve(output), `${JSON.stringify(data, null, 2)}\n`);
  const summary = Object.entries(data.locations)
    .map(([location, { schoolYears }]) => `${location} (${Object.keys(schoolYears).join(', ')})`)
    .join('; ');
  console.log(`Calendrier scolaire écrit dans ${output} : ${summary}`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
