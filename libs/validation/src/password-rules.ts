/** Trimmed and lower-cased: what makes two addresses the same account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Why a password is too weak, in French, or undefined when it is acceptable: at least 12
 * characters mixing letters and digits, or a passphrase of 16 characters or more; never the
 * e-mail address itself.
 */
export function passwordWeakness(password: string, email?: string): string | undefined {
  if (email !== undefined && normalizeEmail(password) === normalizeEmail(email)) {
    return 'Le mot de passe ne doit pas être votre adresse e-mail.';
  }
  if (password.length >= 16) return undefined;
  if (password.length >= 12 && /\p{L}/u.test(password) && /\p{N}/u.test(password)) {
    return undefined;
  }
  return 'Le mot de passe doit contenir au moins 12 caractères dont des lettres et des chiffres, ou au moins 16 caractères.';
}
