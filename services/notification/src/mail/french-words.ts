/** Small pieces of French typography shared by the e-mails and notices. */

/** "de Iris" is wrong before a vowel or a mute h: "d'Iris", "d'Hugo", "de Léa". */
export function ofName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüh]/i.test(name) ? `d'${name}` : `de ${name}`;
}

/**
 * An activity with its article, as a sentence needs it: "la restauration scolaire" is kept
 * (lower-cased); a bare name ("Restauration scolaire", "restauration-scolaire") is quoted after
 * "l'activité", so that no article is guessed wrong.
 */
export function activityPhrase(name: string): string {
  const trimmed = name.trim();
  if (/^(la |le |les |l['’])/i.test(trimmed))
    return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
  return `l'activité « ${trimmed} »`;
}

/**
 * "à l'école maternelle Jean Zay" for "École maternelle Jean Zay" (never "l'école École…"),
 * "au groupe scolaire Jules Ferry", "à l'école Les Garets" for a name without its kind.
 */
export function atSchool(schoolName: string): string {
  const name = schoolName.trim();
  if (/^[ée]cole\b/i.test(name)) return `à l'école${name.slice('école'.length)}`;
  if (/^groupe scolaire\b/i.test(name))
    return `au groupe scolaire${name.slice('groupe scolaire'.length)}`;
  return `à l'école ${name}`;
}

export function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
