/**
 * French sentences built from parts: the elision of "de", counted nouns without "(s)", a
 * message placed after a colon. And the checks the test suite runs over every message the code
 * can say (test/contracts/french-messages.spec.ts, the OpenAPI sweep's answers).
 */

const VOWEL_START = /^[aeiouyâàäéèêëîïôöûùüœh]/i;

/** Words starting with an "h aspiré": no elision before them. */
const ASPIRATED_H = /^(haut|hors|hasard|handicap|hall|hausse|hâte|héros|hibou|hêtre)/i;

/** "de" before `phrase`, elided before a vowel or a mute h: "d'envoyer", "de modifier". */
export function withDe(phrase: string): string {
  return elides(phrase) ? `d'${phrase}` : `de ${phrase}`;
}

function elides(phrase: string): boolean {
  return VOWEL_START.test(phrase) && !ASPIRATED_H.test(phrase);
}

/** `2, 'option'` → "2 options"; 0 and 1 take the singular, as in French. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${Math.abs(count) < 2 ? singular : plural}`;
}

/**
 * A sentence placed after a colon starts with a lower-case letter in French ("« Jours » : choisissez
 * au plus 2 options."), unless it starts with an acronym or a code ("PAI", "IBAN").
 */
export function afterColon(sentence: string): string {
  const [first = '', second = ''] = sentence;
  if (second && second === second.toUpperCase() && second !== second.toLowerCase()) return sentence;
  return first.toLowerCase() + sentence.slice(1);
}

/** A fault of French typography found in a message, and what it is. */
export interface TypographyFault {
  fault:
    'plural-in-parentheses' | 'missing-elision' | 'si-il' | 'doubled-word' | 'capital-after-colon';
  excerpt: string;
}

const RULES: ReadonlyArray<{ fault: TypographyFault['fault']; pattern: RegExp }> = [
  { fault: 'plural-in-parentheses', pattern: /\p{L}\((?:s|es|x)\)/u },
  {
    fault: 'missing-elision',
    pattern:
      /(?<![\p{L}'’-])(?:de|le|la|que|ne|jusque|lorsque|puisque) (?!haut|hors|hasard|handicap|hall|hausse|hâte|héros|hibou|hêtre)[aeiouyâàéèêëîïôûœ]\p{L}/iu,
  },
  { fault: 'si-il', pattern: /(?<!\p{L})si ils?(?!\p{L})/iu },
  { fault: 'doubled-word', pattern: /(?<![\p{L}\d])(\p{L}{2,}) \1(?![\p{L}\d])/iu },
  {
    // The usual first words of a sentence: a proper name after a colon ("Contact : Activités
    // périscolaires") keeps its capital.
    fault: 'capital-after-colon',
    pattern:
      /\s:\s+(?:Choisissez|Indiquez|Veuillez|Vérifiez|Saisissez|Renseignez|Cochez|Répondez|Réessayez|Merci|Impossible|Aucune?|Le|La|Les|Il|Elle|Ils|Elles|Un|Une|Ce|Cette|Ces|Vous|Votre|Vos|Nous|Au|Aux|Cet)(?!\p{L})/u,
  },
];

/** The faults of one French message (an empty list when there is none). */
export function typographyFaults(message: string): TypographyFault[] {
  const faults: TypographyFault[] = [];
  for (const { fault, pattern } of RULES) {
    const match = pattern.exec(message);
    if (match) {
      const from = Math.max(0, match.index - 20);
      faults.push({ fault, excerpt: message.slice(from, match.index + match[0].length + 20) });
    }
  }
  return faults;
}
